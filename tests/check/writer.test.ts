import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/check/check.js";
import { checkClaims } from "../../src/check/check.js";
import { parseWrittenNumber } from "../../src/check/number-text.js";
import { prepare } from "../../src/check/prepare.js";
import { buildNetwork } from "../../src/network/index.js";
import { answerKey, train } from "../../src/numeric/index.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { arbSpec } from "../helpers/random-spec.js";

/**
 * Whole simulated writers on random networks. The writer's numbers are computed by the numeric
 * pass on a *changed* spec (a misread weight, η left out) — not by the checker's graph — and
 * written to 12 decimals (so that a round −1 still claims 12 of them).
 */
function leaves(v: unknown, path: string, out: [string, number][] = []): [string, number][] {
  if (typeof v === "number") out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  }
  return out;
}

function claimsOf(spec: NetworkSpec, written: [string, number][]): { claims: Claim[]; c: ReturnType<typeof prepare> } {
  const c = prepare(spec);
  const byKey = new Map<string, Claim>();
  for (const [path, v] of written) {
    const r = c.names.resolve(path);
    if (!r.ok) throw new Error(`${path}: ${r.message}`);
    const n = parseWrittenNumber(v.toFixed(12))!;
    byKey.set(r.key, { key: r.key, writtenAs: path, text: n.text, value: n.value, decimals: n.decimals });
  }
  return { claims: [...byKey.values()], c };
}

describe("simulated writers (random networks)", () => {
  it("a misread weight: that number is the first wrong step, everything computed from it is ok or carried", () => {
    fc.assert(
      fc.property(arbSpec, fc.nat(), (spec, pick) => {
        const net = buildNetwork(spec);
        const weights = net.parameters.filter((p) => p.kind === "weight");
        const p = weights[pick % weights.length]!;
        if (p.kind !== "weight") return;
        const misread = spec.weights!.map((m) => m.map((row) => [...row]));
        misread[p.layer - 1]![p.row]![p.col] = misread[p.layer - 1]![p.row]![p.col]! + 0.37;
        const writer = { ...spec, weights: misread };
        let key;
        try {
          key = answerKey(train(buildNetwork(writer)));
        } catch {
          return; // the writer's numbers left double precision
        }
        const wPath = `weights[${p.layer - 1}][${p.row}][${p.col}]`;
        const { claims, c } = claimsOf(spec, [[wPath, misread[p.layer - 1]![p.row]![p.col]!], ...leaves({ updates: key.updates }, "")]);
        const report = checkClaims(c.graph, claims);
        const wrong = report.claims.filter((r) => r.verdict === "wrong");
        if (wrong.length !== 1) throw new Error(`expected only the misread weight wrong: ${JSON.stringify(wrong.slice(0, 3))}`);
        expect(wrong[0]!.mistake).toBe("misread");
        expect(report.first_wrong).toBe(wPath);
      }),
      { numRuns: 80, seed: 21 },
    );
  });

  it("η left out of every update: each wrong update is diagnosed, the rest follows from them", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const writer = { ...spec, learning_rate: 1 };
        let key;
        try {
          key = answerKey(train(buildNetwork(writer)));
        } catch {
          return;
        }
        // the writer writes only the updated parameters
        const written = key.updates.flatMap((u, i) => leaves({ W: u.W, b: u.b }, `updates[${i}]`));
        const { claims, c } = claimsOf(spec, written);
        const report = checkClaims(c.graph, claims);
        for (const r of report.claims) {
          if (r.verdict === "wrong") expect(`${r.name}: ${r.mistake}`).toBe(`${r.name}: eta-missing`);
        }
        // the first update's parameters rest on nothing the writer wrote: never carried
        for (const r of report.claims.filter((x) => x.path.startsWith("updates[0]"))) expect(r.verdict).not.toBe("carried");
      }),
      { numRuns: 80, seed: 22 },
    );
  });

  it("a given bias copied as 0.000000000000 is exact: a leaky ReLU's kink at z = 0 does not turn a wrong update into drift", () => {
    // Found unseeded: every weight and bias 0, so the leaky ReLU layer sits exactly on its kink. Its
    // biases written to 12 decimals used to keep their whole half unit (5e-13), which crosses the kink
    // and let the η-free updates pass as rounding drift.
    const spec = {
      learning_rate: 0.1,
      loss: "cross-entropy",
      reduction: "sum",
      mode: "batch",
      epochs: 1,
      layers: [
        { size: 4, activation: "identity" },
        { size: 3, activation: "softplus" },
        { size: 3, activation: "leaky-relu" },
        { size: 2, activation: "softmax" },
      ],
      weights: [
        [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
        [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
        [
          [0, 2, 0],
          [-2, 0, -2],
        ],
      ],
      biases: [[0, 0, 0], [0, 0, 0], -2],
      train_biases: false,
      samples: [{ input: [0, 2, 0, 0], target: [1, 0] }],
    } as unknown as NetworkSpec;
    const key = answerKey(train(buildNetwork({ ...spec, learning_rate: 1 })));
    const written = key.updates.flatMap((u, i) => leaves({ W: u.W, b: u.b }, `updates[${i}]`));
    const { claims, c } = claimsOf(spec, written);
    const report = checkClaims(c.graph, claims);
    const first = report.claims.filter((x) => x.path.startsWith("updates[0]"));
    expect(first.filter((r) => r.verdict === "carried").map((r) => r.name)).toEqual([]);
    expect(first.filter((r) => r.verdict === "wrong").every((r) => r.mistake === "eta-missing")).toBe(true);
    expect(first.some((r) => r.verdict === "wrong")).toBe(true);
  });
});
