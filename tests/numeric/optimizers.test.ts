/**
 * CONTRACT §5's numbers (optimizers, l2, dL/dx, step and state in the key) against the
 * independent oracle of tests/oracle/training.ts, which imports nothing from src/.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { answerKey, train } from "../../src/numeric/index.js";
import { parseSpec } from "../../src/spec/index.js";
import { FD_TOL, mismatches, type Tolerance } from "../oracle/compare.js";
import { KinkError, normalizeSpec, updateGroups, type Params } from "../oracle/reference.js";
import {
  STATE_NAMES,
  applyRules,
  fdInputGradient,
  fdTrainingGradients,
  readRules,
  referenceTrainingKey,
  stateField,
  stateMapFrom,
  trainingLoss,
} from "../oracle/training.js";
import { arbTrainingSpec } from "../helpers/random-spec.js";

/** Parameters, steps, state and losses evaluated directly (the same arithmetic up to rounding). */
const BASE_TOL: Tolerance = { rel: 1e-9, abs: 1e-12 };
const exactUpdates = (spec: { samples: unknown[]; epochs?: number; mode?: string }): number =>
  (spec.epochs ?? 1) * (spec.mode === "batch" ? 1 : spec.samples.length);

/** How many finite-difference estimates were compared, and how many had no trustworthy value. */
const fdCount = { compared: 0, untrusted: 0 };

/**
 * `expected` with each untrusted (NaN) finite difference replaced by `actual`'s value, so that
 * only trustworthy estimates are compared; counted in fdCount.
 */
function trusted(expected: unknown, actual: unknown): unknown {
  if (Array.isArray(expected)) return expected.map((e, i) => trusted(e, Array.isArray(actual) ? actual[i] : undefined));
  if (typeof expected !== "number") return expected;
  fdCount.compared++;
  if (!Number.isNaN(expected)) return expected;
  fdCount.untrusted++;
  return actual;
}

const keyOf = (spec: unknown) => answerKey(train(buildNetwork(spec as never)));

/** Every mismatch between a key and the oracle, field by field. */
function compareKey(spec: any): string[] {
  const got = keyOf(spec);
  const exact = referenceTrainingKey(spec, { gradients: "analytic" });
  const s = normalizeSpec(spec);
  const r = readRules(spec);
  const out: string[] = [];
  // RMSprop and Adam divide by √s + ε: where a gradient is rounding noise (≈1e-16, a sum that
  // cancels), the step is η·g/(|g| + ε), so two correct implementations may differ by up to about
  // η·1e-16/ε per update, and everything after inherits it. Allow ten times that, per update.
  const adaptive = ["rmsprop", "adam", "adamw"].includes(r.optimizer);
  const TRAIN_TOL = adaptive
    ? { rel: BASE_TOL.rel, abs: Math.max(BASE_TOL.abs, (10 * s.learning_rate * 1e-16 * exactUpdates(spec)) / r.epsilon) }
    : BASE_TOL;
  if (got.updates.length !== exact.updates.length) return [`${got.updates.length} updates, expected ${exact.updates.length}`];
  const groups = updateGroups(s);
  let before: Params = { W: s.W, b: s.b };
  let stateBefore: Record<string, unknown> | undefined;
  got.updates.forEach((u, k) => {
    const e = exact.updates[k]!;
    const at = `updates[${k}]`;
    // ── along the oracle's own trajectory (analytic gradients, exact to rounding) ──
    for (const f of ["loss", "dL_dW", "dL_db", "W", "b", "loss_after", "step_W", "step_b"] as const) {
      out.push(...mismatches(u[f], e[f], TRAIN_TOL, `${at}.${f}`));
    }
    u.samples.forEach((smp, i) => out.push(...mismatches(smp.dL_dx, e.samples[i]!.dL_dx, TRAIN_TOL, `${at}.samples[${i}].dL_dx`)));
    expect(Object.keys(u.state), `${at}.state keys`).toEqual(Object.keys(e.state));
    for (const name of Object.keys(e.state)) out.push(...mismatches(u.state[name], e.state[name], TRAIN_TOL, `${at}.state.${name}`));

    // ── from the key's own previous parameters and state ──
    const local = `${at} (from the key's own previous update)`;
    const group = groups[k]!;
    const fd = fdTrainingGradients(s, r, before, group);
    out.push(...mismatches(u.dL_dW, trusted(fd.dW, u.dL_dW), FD_TOL, `${local}.dL_dW vs finite differences`));
    out.push(...mismatches(u.dL_db, trusted(fd.db, u.dL_db), FD_TOL, `${local}.dL_db vs finite differences`));
    group.forEach((smp, i) => {
      const dx = u.samples[i]!.dL_dx;
      out.push(
        ...mismatches(dx, trusted(fdInputGradient(s, before, smp), dx), FD_TOL, `${local}.samples[${i}].dL_dx vs finite differences`),
      );
    });
    out.push(...mismatches(u.loss, trainingLoss(s, r, before, group).loss, TRAIN_TOL, `${local}.loss`));
    // the optimizer's rule applied to the key's own gradient and state
    const map = stateMapFrom(r, before, stateBefore);
    const next = applyRules(s, r, before, { dW: u.dL_dW, db: u.dL_db }, map, k + 1);
    out.push(...mismatches(u.W, next.W, TRAIN_TOL, `${local}.W by the ${r.optimizer} rule`));
    out.push(...mismatches(u.b, next.b, TRAIN_TOL, `${local}.b by the ${r.optimizer} rule`));
    const st = stateField(r, next, map);
    for (const name of Object.keys(st)) out.push(...mismatches(u.state[name], st[name], TRAIN_TOL, `${local}.state.${name}`));
    out.push(...mismatches(u.loss_after, trainingLoss(s, r, { W: u.W, b: u.b }, group).loss, TRAIN_TOL, `${local}.loss_after`));
    before = { W: u.W, b: u.b as never };
    stateBefore = u.state;
  });
  return out;
}

describe("optimizers, l2 and dL/dx against the independent oracle (CONTRACT §5)", () => {
  it("every optimizer's key on random networks: online and batch, frozen and shared biases, l2, several epochs", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbTrainingSpec, (spec) => {
        let bad: string[];
        try {
          bad = compareKey(spec);
        } catch (err) {
          // A ReLU net input exactly at its kink: finite differences are undefined there.
          fc.pre(!(err instanceof KinkError));
          throw err;
        }
        if (bad.length > 0) throw new Error(`${spec.optimizer}: ${bad.length} mismatches, first: ${bad.slice(0, 4).join("; ")}`);
        seen.add(`${spec.optimizer} ${spec.mode} ${spec.l2 > 0 ? "l2" : "-"}`);
      }),
      { numRuns: 300, seed: 20261202 },
    );
    // finite differences had a trustworthy estimate almost everywhere (the runs that diverge are few)
    expect(fdCount.compared).toBeGreaterThan(5_000);
    expect(fdCount.untrusted / fdCount.compared).toBeLessThan(0.02);
    // every optimizer was met online and in batch, with and without l2
    for (const o of Object.keys(STATE_NAMES)) {
      for (const m of ["online", "batch"]) for (const l of ["l2", "-"]) expect(seen, `${o} ${m} ${l}`).toContain(`${o} ${m} ${l}`);
    }
  });

  it("the state's fields per optimizer; frozen biases keep zero state and never move; a shared bias's state is a number", () => {
    const base = {
      learning_rate: 0.1,
      loss: "half-sse",
      layers: [{ size: 2 }, { size: 2, activation: "tanh" }, { size: 1, activation: "identity" }],
      weights: [
        [
          [0.1, -0.2],
          [0.3, 0.4],
        ],
        [[0.5, -0.6]],
      ],
      biases: [[0.1, -0.1], 0.2],
      samples: [{ input: [1, 2], target: [0.5] }],
    };
    const fields: Record<string, string[]> = {
      sgd: [],
      momentum: ["v_W", "v_b"],
      nesterov: ["v_W", "v_b"],
      rmsprop: ["s_W", "s_b"],
      adam: ["m_W", "m_b", "s_W", "s_b"],
      adamw: ["m_W", "m_b", "s_W", "s_b"],
    };
    for (const [optimizer, names] of Object.entries(fields)) {
      const text = JSON.stringify({ ...base, optimizer, train_biases: false });
      const key = answerKey(train(buildNetwork(parseSpec(text, "s.json"))));
      const u = key.updates[0]!;
      expect(Object.keys(u.state), optimizer).toEqual(names);
      expect(u.step_b, optimizer).toEqual([[0, 0], 0]);
      expect(u.b, optimizer).toEqual([[0.1, -0.1], 0.2]);
      for (const n of names.filter((x) => x.endsWith("_b"))) expect(u.state[n], `${optimizer} ${n}`).toEqual([[0, 0], 0]);
      const trained = answerKey(train(buildNetwork(parseSpec(JSON.stringify({ ...base, optimizer }), "s.json")))).updates[0]!;
      for (const n of names.filter((x) => x.endsWith("_b"))) {
        expect(typeof (trained.state[n] as unknown[])[1], `${optimizer} ${n} shared`).toBe("number");
        expect((trained.state[n] as unknown[])[1], `${optimizer} ${n} shared`).not.toBe(0);
      }
    }
  });

  it("Adam's bias correction over two updates on a one-weight network, worked by hand", () => {
    // y = w·x, L = ½(t − y)², so g = (w·x − t)·x. Two online updates from the same sample (two epochs).
    const eta = 0.1,
      b1 = 0.9,
      b2 = 0.999,
      eps = 1e-8,
      x = 2,
      t = 3,
      w0 = 0.5;
    const spec = parseSpec(
      `learning_rate: ${eta}
loss: half-sse
optimizer: adam
epochs: 2
train_biases: false
layers:
  - size: 1
  - size: 1
    activation: identity
weights: [[[${w0}]]]
input: [${x}]
target: [${t}]
`,
      "adam.yaml",
    );
    const key = answerKey(train(buildNetwork(spec)));
    // update 1 (t = 1): g = (0.5·2 − 3)·2 = −4
    const g1 = (w0 * x - t) * x;
    expect(g1).toBe(-4);
    const m1 = (1 - b1) * g1; //                      −0.4
    const s1 = (1 - b2) * g1 * g1; //                  0.016
    const mHat1 = m1 / (1 - b1); //                    −4: the bias correction undoes the (1 − β₁) factor
    const sHat1 = s1 / (1 - b2); //                    16
    const w1 = w0 - (eta * mHat1) / (Math.sqrt(sHat1) + eps); // 0.5 + 0.1·4/(4 + 1e-8) ≈ 0.6
    // update 2 (t = 2)
    const g2 = (w1 * x - t) * x; //                    ≈ (1.2 − 3)·2 = −3.6
    const m2 = b1 * m1 + (1 - b1) * g2; //             ≈ −0.72
    const s2 = b2 * s1 + (1 - b2) * g2 * g2; //        ≈ 0.028944
    const mHat2 = m2 / (1 - b1 * b1); //               ÷ 0.19
    const sHat2 = s2 / (1 - b2 * b2); //               ÷ 0.001999
    const w2 = w1 - (eta * mHat2) / (Math.sqrt(sHat2) + eps);

    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(b)));
    const [u1, u2] = key.updates;
    close(u1!.dL_dW[0]![0]![0]!, g1);
    close((u1!.state.m_W as number[][][])[0]![0]![0]!, m1);
    close((u1!.state.s_W as number[][][])[0]![0]![0]!, s1);
    close(u1!.W[0]![0]![0]!, w1);
    close(u1!.step_W[0]![0]![0]!, w1 - w0);
    close(u2!.dL_dW[0]![0]![0]!, g2);
    close((u2!.state.m_W as number[][][])[0]![0]![0]!, m2);
    close((u2!.state.s_W as number[][][])[0]![0]![0]!, s2);
    close(u2!.W[0]![0]![0]!, w2);
    close(u2!.samples[0]!.dL_dx[0]!, (w1 * x - t) * w1);
    expect(Math.abs(w1 - 0.6)).toBeLessThan(1e-8);
    // The slips the test can tell apart: no bias correction, or t counted from 0 at the second update.
    const noCorrection = w1 - (eta * m2) / (Math.sqrt(s2) + eps);
    const tFromZero = w1 - (eta * (m2 / (1 - b1))) / (Math.sqrt(s2 / (1 - b2)) + eps);
    expect(Math.abs(u2!.W[0]![0]![0]! - noCorrection)).toBeGreaterThan(1e-3);
    expect(Math.abs(u2!.W[0]![0]![0]! - tFromZero)).toBeGreaterThan(1e-3);
  });
});
