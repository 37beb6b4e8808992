import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/index.js";
import type { Derivation } from "../../src/derive/index.js";
import { buildNetwork, parseSymbol, sym } from "../../src/network/index.js";
import { answerKey } from "../../src/numeric/index.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { arbSpec } from "../helpers/random-spec.js";
import { activate, lossValue } from "../oracle/reference.js";
import type { ActName, LossName } from "../oracle/reference.js";
import { SEEDS } from "../render/fixtures.js";

/** One sample's loss by a forward pass written here (the oracle's activations and losses). */
function sampleLoss(spec: NetworkSpec, input: number[], target: number[]): { loss: number; z: number[][] } {
  let a = input;
  const zs: number[][] = [];
  spec.layers.slice(1).forEach((layer, l) => {
    const W = spec.weights![l]!;
    const b = spec.biases[l]!;
    const z = W.map((row, j) => row.reduce((s, w, i) => s + w * a[i]!, 0) + (typeof b === "number" ? b : b[j]!));
    zs.push(z);
    a = activate(layer.activation as ActName, z);
  });
  return { loss: lossValue(spec.loss as LossName, a, target), z: zs };
}

const KINKED = new Set(["relu", "leaky-relu", "elu"]);
const H = 1e-6;

/** Central differences of the sample's loss w.r.t. each input; undefined near a kink. */
function fdInputGradient(spec: NetworkSpec, input: number[], target: number[]): number[] | undefined {
  const { z } = sampleLoss(spec, input, target);
  const nearKink = spec.layers.slice(1).some((layer, l) => KINKED.has(layer.activation!) && z[l]!.some((v) => Math.abs(v) < 1e-3));
  if (nearKink) return undefined;
  return input.map((_, i) => {
    const up = input.map((x, k) => (k === i ? x + H : x));
    const down = input.map((x, k) => (k === i ? x - H : x));
    return (sampleLoss(spec, up, target).loss - sampleLoss(spec, down, target).loss) / (2 * H);
  });
}

/** Each sample's ∂L/∂x_i: the step's expression evaluated over the other values, the scope's, the key's, and FD. */
function checkDerivation(d: Derivation, spec: NetworkSpec): number {
  const key = answerKey(d.updates.map((u) => u.numeric));
  const steps = d.steps.filter((s) => s.kind === "input-gradient");
  const inputs = d.network.layers[0]!.neurons;
  expect(steps.map((s) => s.defines)).toEqual(inputs.map((n) => sym.dLdx(n.node)));
  let compared = 0;
  d.updates.forEach((u, ui) => {
    u.sampleScopes.forEach((scope, si) => {
      const fromKey = key.updates[ui]!.samples[si]!.dL_dx;
      const sample = spec.samples[u.sampleIndices[si]!]!;
      const before = u.numeric.before;
      const fd = fdInputGradient({ ...spec, weights: before.W, biases: before.b as NetworkSpec["biases"] }, sample.input, sample.target);
      inputs.forEach((n, i) => {
        const step = steps[i]!;
        // the expression uses only the weights and the deltas, never its own value
        const free = new Set<string>();
        step.expr.traverse((node) => {
          if ((node as unknown as { type: string }).type === "SymbolNode") free.add((node as unknown as { name: string }).name);
        });
        expect([...free].every((id) => ["w", "delta"].includes(parseSymbol(id)!.kind))).toBe(true);
        const value = step.expr.evaluate(scope) as number;
        expect(value).toBeCloseTo(fromKey[i]!, 12);
        expect(scope[sym.dLdx(n.node)]).toBe(fromKey[i]);
        if (fd) {
          expect(Math.abs(value - fd[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd[i]!)));
          compared++;
        }
      });
    });
  });
  return compared;
}

describe("∂L/∂x_i: the derivation's step equals the answer key's dL_dx and central differences", () => {
  for (const [name, spec] of Object.entries(SEEDS)) {
    it(name, () => {
      const d = derive(buildNetwork(spec));
      const compared = checkDerivation(d, spec);
      // a spec without numbers has the steps and nothing to compare
      if (d.updates.length > 0) expect(compared).toBeGreaterThan(0);
    });
  }

  it("random networks (every activation, loss, mode and reduction)", () => {
    let compared = 0;
    fc.assert(
      fc.property(arbSpec, (spec) => {
        compared += checkDerivation(derive(buildNetwork(spec)), spec);
      }),
      { numRuns: 60, seed: 12 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it("the steps come after the hidden deltas and before the weight gradients", () => {
    const kinds = derive(buildNetwork(SEEDS.seed002!)).steps.map((s) => s.kind);
    const at = kinds.indexOf("input-gradient");
    expect(at).toBeGreaterThan(kinds.lastIndexOf("hidden-delta"));
    expect(at).toBeLessThan(kinds.indexOf("weight-gradient"));
  });
});
