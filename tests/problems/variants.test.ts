import { beforeAll, describe, expect, it } from "vitest";
import { answerKey } from "../../src/numeric/index.js";
import { ProblemsError } from "../../src/problems/errors.js";
import { generate } from "../../src/problems/generate.js";
import type { GeneratedVariant } from "../../src/problems/generate.js";
import { contractSpec } from "../../src/problems/key.js";
import { loadProblemSource } from "../../src/problems/load.js";
/** docs/problems.md: where each activation saturates (written out here, not read from src/). */
const SATURATION: Partial<Record<string, (z: number) => boolean>> = {
  sigmoid: (z) => Math.abs(z) > 6,
  tanh: (z) => Math.abs(z) > 3,
  softplus: (z) => z < -6,
  elu: (z) => z < -6,
};
import type { ProblemSource } from "../../src/problems/types.js";
import { FD_TOL, mismatches, sameFields } from "../oracle/compare.js";
import { referenceAnswerKey } from "../oracle/reference.js";
import { asArrays, FIXTURE, SPECS } from "./setup.js";

const COUNT = 25;
const SEED = 20261122;

// The sgd oracle (tests/oracle/reference.ts) knows no optimizer: a set with training rules is held to
// the §5 oracle in tests/problems/training.test.ts.
describe.each(Object.entries(SPECS).filter(([label]) => label !== "adam"))("variants of %s", (_label, file) => {
  let src: ProblemSource;
  let variants: GeneratedVariant[];
  beforeAll(async () => {
    src = await loadProblemSource(file);
    variants = generate(src, { seed: SEED, count: COUNT });
  });

  it("every variant's answer key matches central finite differences of the independent oracle", () => {
    expect(variants).toHaveLength(COUNT);
    for (const v of variants) {
      // The oracle reads the spec exactly as key.json writes it (CONTRACT §2 field names).
      const expected = referenceAnswerKey(contractSpec(v.spec));
      const got = answerKey(v.updates);
      // The §3 fields (CONTRACT §5's are checked in tests/numeric/optimizers.test.ts).
      const bad = mismatches(asArrays(sameFields(got.updates, expected.updates)), asArrays(expected.updates), FD_TOL);
      expect(bad, `variant ${v.id}`).toEqual([]);
    }
  });

  it("every answer is the oracle's number for the quantity asked", () => {
    for (const v of variants) {
      const key = referenceAnswerKey(contractSpec(v.spec));
      const last = key.updates[key.updates.length - 1]!;
      const err = v.spec.convention === "error" ? -1 : 1;
      for (const q of v.questions) {
        const expected = oracleValue(v, last, q.symbol, q.sample ?? 0, err);
        expect(mismatches(q.value, expected, FD_TOL), `${v.id} ${q.symbol}`).toEqual([]);
        expect(q.shown).toBe(q.value.toFixed(src.config.precision).replace(/^-(0\.?0*)$/, "$1"));
      }
    }
  });

  it("no variant is degenerate, and no two are the same", () => {
    const unit = 10 ** -src.config.precision;
    const seen = new Set<string>();
    for (const v of variants) {
      const key = answerKey(v.updates);
      for (const u of key.updates) {
        for (const s of u.samples) {
          s.z.forEach((zl, l) => {
            const act = v.spec.layers[l + 1]!.activation;
            for (const z of zl) {
              if (act === "relu" || act === "leaky-relu") expect(Math.abs(z), `${v.id}: ${act} z`).toBeGreaterThanOrEqual(unit);
              expect(SATURATION[act]?.(z) ?? false, `${v.id}: ${act} z = ${z} saturated`).toBe(false);
            }
          });
        }
      }
      const last = key.updates[key.updates.length - 1]!;
      for (const q of v.questions) {
        if (q.symbol.startsWith("new_")) {
          const before = paramValue(v, lastBefore(v), q.symbol.slice(4));
          expect(Math.abs(q.value - before), `${v.id}: ${q.symbol} moves`).toBeGreaterThanOrEqual(unit * 0.999);
        }
        if (q.symbol.startsWith("dL_d") || q.symbol.startsWith("delta_")) {
          expect(Math.abs(q.value), `${v.id}: ${q.symbol}`).toBeGreaterThanOrEqual(unit);
        }
      }
      expect(last).toBeDefined();
      const f = JSON.stringify([v.spec.weights, v.spec.biases, v.spec.samples]);
      expect(seen.has(f), `${v.id} repeats an earlier variant`).toBe(false);
      seen.add(f);
    }
  });

  it("an id regenerates exactly its variant, alone", () => {
    for (const v of [variants[0]!, variants[COUNT - 1]!, variants[7]!]) {
      const [again] = generate(src, { seed: SEED, ids: [v.id] });
      expect(again!.id).toBe(v.id);
      expect(again!.spec).toEqual(v.spec);
      expect(again!.questions).toEqual(v.questions);
      expect(answerKey(again!.updates)).toEqual(answerKey(v.updates));
    }
  });

  it("the same seed gives the same variants; another seed other ones", () => {
    const again = generate(src, { seed: SEED, count: 5 });
    expect(again.map((v) => [v.id, v.spec])).toEqual(variants.slice(0, 5).map((v) => [v.id, v.spec]));
    const other = generate(src, { seed: SEED + 1, count: 5 });
    expect(other.map((v) => JSON.stringify(v.spec.weights))).not.toEqual(variants.slice(0, 5).map((v) => JSON.stringify(v.spec.weights)));
  });
});

/** The parameters before the last update, shaped like the spec's. */
function lastBefore(v: GeneratedVariant) {
  return v.updates[v.updates.length - 1]!.before;
}

function paramValue(v: GeneratedVariant, p: { W: number[][][]; b: (number[] | number)[] }, id: string): number {
  const param = v.net.parameters.find((x) => x.id === id)!;
  if (param.kind === "weight") return p.W[param.layer - 1]![param.row]![param.col]!;
  const b = p.b[param.layer - 1]!;
  return typeof b === "number" ? b : b[param.row]!;
}

/** A quantity's value read from the oracle's last update (its own field names, not the product's scopes). */
function oracleValue(
  v: GeneratedVariant,
  last: ReturnType<typeof referenceAnswerKey>["updates"][number],
  symbol: string,
  sample: number,
  err: number,
): number {
  if (symbol === "L") return last.loss;
  if (symbol === "L_after") return last.loss_after;
  if (symbol.startsWith("new_")) return paramValue(v, { W: last.W, b: last.b }, symbol.slice(4));
  if (symbol.startsWith("dL_d")) return paramValue(v, { W: last.dL_dW, b: last.dL_db }, symbol.slice(4));
  const m = /^(z|a|delta)_(\d+)$/.exec(symbol);
  if (!m) throw new Error(`no oracle value for ${symbol}`);
  const node = Number(m[2]);
  const layer = v.net.layers.find((l) => l.neurons.some((n) => n.node === node))!;
  const j = layer.neurons.findIndex((n) => n.node === node);
  const s = last.samples[sample]!;
  if (m[1] === "z") return s.z[layer.index - 1]![j]!;
  if (m[1] === "a") return s.a[layer.index - 1]![j]!;
  return err * s.dL_dz[layer.index - 1]![j]!;
}

describe("impossible sets fail clearly", () => {
  it("too few distinct variants: four exist, the fifth cannot be found", async () => {
    const src = await loadProblemSource(FIXTURE.tiny);
    expect(generate(src, { seed: 1, count: 4 })).toHaveLength(4);
    expect(() => generate(src, { seed: 1, count: 5 })).toThrow(ProblemsError);
    expect(() => generate(src, { seed: 1, count: 5 })).toThrow(
      /no usable variant 5 in 1000 attempts.*the same numbers as an earlier variant/,
    );
  });

  it("every candidate degenerate: the rule that rejected them is named", async () => {
    const src = await loadProblemSource(FIXTURE.degenerate);
    expect(() => generate(src, { seed: 1, count: 1 })).toThrow(
      /no usable variant 1 in 50 attempts.*50× an asked quantity with a zero gradient/,
    );
  });

  it("an id that is malformed, from another seed, or names a degenerate candidate", async () => {
    const src = await loadProblemSource(SPECS.relu);
    expect(() => generate(src, { seed: 1, ids: ["1-2"] })).toThrow(/not a variant id/);
    expect(() => generate(src, { seed: 2, ids: ["1-1-0"] })).toThrow(/belongs to seed 1, not to --seed 2/);
    // Find a rejected candidate: a variant whose attempt is > 0 had degenerate (or repeated) candidates before it.
    const v = generate(src, { seed: 1, count: 10 }).find((x) => !x.id.endsWith("-0"))!;
    const [s, k] = v.id.split("-");
    expect(() => generate(src, { seed: 1, ids: [`${s}-${k}-0`] })).toThrow(/names no variant .* degenerate/);
  });
});
