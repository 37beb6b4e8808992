import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive, symbolsOf } from "../../src/derive/index.js";
import { buildNetwork, parseSymbol } from "../../src/network/index.js";
import { train } from "../../src/numeric/index.js";
import { arbSpec } from "../helpers/random-spec.js";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("derivation", () => {
  it("every step's symbolic expression evaluates to the numeric pass's value", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const net = buildNetwork(spec);
        const d = derive(net, train(net));
        for (const u of d.updates) {
          for (const step of d.steps) {
            const scopes = step.perSample ? u.sampleScopes : [u.scope];
            if (step.kind === "batch-gradient" || step.kind === "loss-after") continue;
            for (const scope of scopes) {
              const got = step.expr.compile().evaluate({ ...scope });
              const want = scope[step.defines];
              if (want === undefined) throw new Error(`no value for ${step.defines}`);
              if (!close(got, want)) {
                throw new Error(`${step.kind} ${step.defines}: symbolic ${got} ≠ numeric ${want}`);
              }
            }
          }
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("no step names a node or parameter the network lacks", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const net = buildNetwork(spec);
        const params = new Set(net.parameters.map((p) => p.id));
        const inputs = new Set(net.layers[0]!.neurons.map((n) => n.node));
        const outputs = new Set(net.layers[net.layers.length - 1]!.neurons.map((n) => n.node));
        const edges = new Set(net.parameters.filter((p) => p.kind === "weight").map((p) => p.id));
        const d = derive(net, []);
        const check = (id: string) => {
          const s = parseSymbol(id);
          expect(s, id).toBeDefined();
          const p = s!.inner ?? s!;
          if (p.kind === "w") expect(edges.has(id.replace(/^(dL_d|new_)/, "")), id).toBe(true);
          else if (p.kind === "b" || p.kind === "bl") expect(params.has(id.replace(/^(dL_d|new_)/, "")), id).toBe(true);
          else if (p.kind === "x") expect(inputs.has(p.indices[0]!), id).toBe(true);
          else if (p.kind === "t") expect(outputs.has(p.indices[0]!), id).toBe(true);
          else if (["z", "a", "delta", "dLda"].includes(p.kind)) {
            const n = p.indices[0]!;
            expect(n > net.layers[0]!.neurons.length && n <= net.nodeCount, id).toBe(true);
          }
        };
        for (const step of d.steps) {
          check(step.defines);
          step.dependsOn.forEach(check);
          symbolsOf(step.expr).forEach(check);
          for (const c of [...(step.chain ?? []), ...(step.paths ?? []).flat()]) {
            check(c.of === "L" ? "L" : c.of);
            check(c.wrt);
            symbolsOf(c.expr).forEach(check);
          }
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it("softmax output deltas keep the cross terms", () => {
    const net = buildNetwork({
      learning_rate: 0.1,
      loss: "sse",
      reduction: "mean",
      mode: "online",
      epochs: 1,
      layers: [
        { size: 1, activation: "identity" },
        { size: 2, activation: "softmax" },
      ],
      biases: [[0, 0]],
      train_biases: true,
      samples: [],
    });
    const d = derive(net, []);
    const delta = d.steps.find((s) => s.kind === "output-delta" && s.defines === "delta_2")!;
    expect(delta.expr.toString()).toContain("a_3 * a_2");
  });
});
