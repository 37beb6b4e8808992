/**
 * The oracle (tests/oracle/reference.ts) checked against cases worked by hand, against
 * published numbers (Mazur), and against itself (finite differences vs analytic
 * back-propagation on every spec, every fixture and random networks).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { DIRECT_TOL, mismatches, type Tolerance } from "../oracle/compare.js";
import {
  KinkError,
  activate,
  activationJacobian,
  centralDifference,
  forward,
  lossValue,
  normalizeSpec,
  referenceAnswerKey,
  sampleLoss,
  type ActName,
  type LossName,
} from "../oracle/reference.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const near = (a: number, b: number, digits = 12) => expect(a).toBeCloseTo(b, digits);

/** A 1-1 network: x → z = w·x + b → a = f(z). */
const oneOne = (over: Record<string, unknown> = {}) => ({
  learning_rate: 0.1,
  loss: "half-sse",
  layers: [{ size: 1 }, { size: 1, activation: "identity" }],
  weights: [[[0.5]]],
  biases: [[0.1]],
  input: [2],
  target: [1],
  ...over,
});

describe("hand-checked 1-1 identity network (x = 2, w = 0.5, b = 0.1, t = 1, η = 0.1)", () => {
  for (const gradients of ["fd", "analytic"] as const) {
    test(`${gradients}: z, a, loss, gradients, update, loss after`, () => {
      const [u] = referenceAnswerKey(oneOne(), { gradients }).updates;
      const s = u.samples[0];
      near(s.z[0][0], 1.1); // 0.5·2 + 0.1
      near(s.a[0][0], 1.1);
      near(s.loss, 0.005); // ½(1 − 1.1)²
      near(s.dL_dz[0][0], 0.1, 9); // a − t
      near(u.dL_dW[0][0][0], 0.2, 9); // δ·x
      near((u.dL_db[0] as number[])[0], 0.1, 9);
      near(u.W[0][0][0], 0.48, 9); // 0.5 − 0.1·0.2
      near((u.b[0] as number[])[0], 0.09, 9);
      near(u.loss_after, 0.5 * (1 - (0.48 * 2 + 0.09)) ** 2, 9); // z = 1.05 → 0.00125
      near(u.loss_after, 0.00125, 9);
    });
  }

  test("each loss at a known output", () => {
    const y = [0.2, 0.7],
      t = [0, 1];
    near(lossValue("half-sse", y, t), 0.5 * (0.04 + 0.09));
    near(lossValue("sse", y, t), 0.13);
    near(lossValue("mse", y, t), 0.065);
    near(lossValue("cross-entropy", y, t), -Math.log(0.7));
    near(lossValue("bce", y, t), -Math.log(0.8) - Math.log(0.7));
    near(lossValue("bce", [0.4], [0.25]), -(0.25 * Math.log(0.4) + 0.75 * Math.log(0.6)));
  });

  test("activations", () => {
    expect(activate("relu", [-1, 0, 2])).toEqual([0, 0, 2]);
    expect(activate("leaky-relu", [-1, 0, 2])).toEqual([-0.01, 0, 2]);
    near(activate("sigmoid", [0])[0], 0.5);
    near(activate("sigmoid", [-800])[0], 0);
    near(activate("tanh", [0.5])[0], Math.tanh(0.5));
    near(activate("softplus", [0])[0], Math.LN2);
    near(activate("softplus", [800])[0], 800);
    near(activate("elu", [-1])[0], 1 / Math.E - 1);
    expect(activate("elu", [2])).toEqual([2]);
    // softplus′ = σ, ELU′(0) = e⁰ = 1 (CONTRACT §8)
    near(activationJacobian("softplus", [0], [Math.LN2])[0][0], 0.5);
    expect(activationJacobian("elu", [0], [0])[0][0]).toBe(1);
    near(activationJacobian("elu", [-2], [Math.exp(-2) - 1])[0][0], Math.exp(-2));
    const sm = activate("softmax", [1, 2, 3]);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    sm.forEach((v, i) => near(v, e[i] / (e[0] + e[1] + e[2])));
    expect(activate("softmax", [1000, 1000])).toEqual([0.5, 0.5]);
    // ReLU′(0) = 0, leaky′(0) = 0.01 (the analytic variant's convention)
    expect(activationJacobian("relu", [0], [0])[0][0]).toBe(0);
    expect(activationJacobian("leaky-relu", [0], [0])[0][0]).toBe(0.01);
    expect(activationJacobian("leaky-relu", [-3], [-0.03])[0][0]).toBe(0.01);
  });

  test("dL/dz at the output: the textbook simplifications hold by finite differences", () => {
    const cases: { act: ActName; loss: LossName; t: number[]; expected: (a: number[]) => number[] }[] = [
      { act: "softmax", loss: "cross-entropy", t: [0, 1, 0], expected: (a) => a.map((v, i) => v - [0, 1, 0][i]) },
      { act: "sigmoid", loss: "bce", t: [1, 0, 0.3], expected: (a) => a.map((v, i) => v - [1, 0, 0.3][i]) },
      { act: "identity", loss: "mse", t: [1, 2, 3], expected: (a) => a.map((v, i) => (2 / 3) * (v - [1, 2, 3][i])) },
      { act: "identity", loss: "sse", t: [1, 2, 3], expected: (a) => a.map((v, i) => 2 * (v - [1, 2, 3][i])) },
      { act: "tanh", loss: "half-sse", t: [1, 2, 3], expected: (a) => a.map((v, i) => (v - [1, 2, 3][i]) * (1 - v * v)) },
    ];
    for (const c of cases) {
      const spec = normalizeSpec({
        learning_rate: 1,
        loss: c.loss,
        layers: [{ size: 1 }, { size: 3, activation: c.act }],
        weights: [[[0.3], [-0.2], [0.5]]],
        biases: [[0.1, 0.2, -0.3]],
        input: [1],
        target: c.t,
      });
      const p = { W: spec.W, b: spec.b };
      const a = forward(spec, p, [1]).a[0];
      const want = c.expected(a);
      for (let j = 0; j < 3; j++) {
        const got = centralDifference((h) => sampleLoss(spec, p, spec.samples[0], { layer: 0, index: j, delta: h }));
        expect(got, `${c.act}/${c.loss} z${j}`).toBeCloseTo(want[j], 9);
      }
    }
  });

  test("a ReLU on its kink: finite differences refuse, the analytic variant uses ReLU′(0) = 0", () => {
    const spec = oneOne({ layers: [{ size: 1 }, { size: 1, activation: "relu" }], weights: [[[0.5]]], biases: [[-1]] });
    expect(() => referenceAnswerKey(spec)).toThrow(KinkError);
    const [u] = referenceAnswerKey(spec, { gradients: "analytic" }).updates;
    expect(u.samples[0].z[0][0]).toBe(0);
    expect(u.dL_dW[0][0][0]).toBe(0);
    // near (not on) the kink the step shrinks until it no longer crosses it
    const near0 = oneOne({ layers: [{ size: 1 }, { size: 1, activation: "relu" }], biases: [[-0.99999]] });
    const fdKey = referenceAnswerKey(near0).updates[0];
    expect(fdKey.dL_dW[0][0][0]).toBeCloseTo(2 * (0.00001 - 1), 6);
  });
});

describe("hand-checked modes (1-1 identity, w = 0.5, b = 0, η = 0.1; samples (1 → 1), (2 → 0))", () => {
  const base = {
    learning_rate: 0.1,
    loss: "half-sse",
    layers: [{ size: 1 }, { size: 1, activation: "identity" }],
    weights: [[[0.5]]],
    biases: [[0]],
    samples: [
      { input: [1], target: [1] },
      { input: [2], target: [0] },
    ],
  };
  // sample 1: z = 0.5, δ = −0.5, ∂W = −0.5, ∂b = −0.5, L = 0.125
  // sample 2: z = 1.0, δ = 1.0,  ∂W = 2.0,  ∂b = 1.0,  L = 0.5
  for (const gradients of ["fd", "analytic"] as const) {
    test(`${gradients}: batch / mean`, () => {
      const k = referenceAnswerKey({ ...base, mode: "batch", reduction: "mean" }, { gradients });
      expect(k.updates).toHaveLength(1);
      const u = k.updates[0];
      expect(u.samples).toHaveLength(2);
      near(u.loss, 0.3125);
      near(u.dL_dW[0][0][0], 0.75, 9);
      near((u.dL_db[0] as number[])[0], 0.25, 9);
      near(u.W[0][0][0], 0.425, 9);
      near((u.b[0] as number[])[0], -0.025, 9);
      near(u.loss_after, (0.5 * (1 - 0.4) ** 2 + 0.5 * (0 - 0.825) ** 2) / 2, 9); // 0.26015625
      near(u.samples[1].loss, 0.5);
      near(u.samples[1].dL_dz[0][0], 1, 9);
    });

    test(`${gradients}: batch / sum`, () => {
      const u = referenceAnswerKey({ ...base, mode: "batch", reduction: "sum" }, { gradients }).updates[0];
      near(u.loss, 0.625);
      near(u.dL_dW[0][0][0], 1.5, 9);
      near(u.W[0][0][0], 0.35, 9);
      near((u.b[0] as number[])[0], -0.05, 9);
    });

    test(`${gradients}: online, in order, each update from the previous one's parameters`, () => {
      const k = referenceAnswerKey({ ...base, mode: "online" }, { gradients });
      expect(k.updates).toHaveLength(2);
      const [u1, u2] = k.updates;
      near(u1.W[0][0][0], 0.55, 9); // 0.5 − 0.1·(−0.5)
      near((u1.b[0] as number[])[0], 0.05, 9);
      near(u1.loss_after, 0.5 * (1 - 0.6) ** 2, 9); // the same sample, after
      near(u2.samples[0].z[0][0], 1.15, 9); // 0.55·2 + 0.05
      near(u2.dL_dW[0][0][0], 2.3, 9);
      near(u2.W[0][0][0], 0.32, 9);
      near((u2.b[0] as number[])[0], -0.065, 9);
    });

    test(`${gradients}: epochs repeat the passes`, () => {
      const k = referenceAnswerKey({ ...base, mode: "online", epochs: 2 }, { gradients });
      expect(k.updates).toHaveLength(4);
      near(k.updates[2].samples[0].z[0][0], 0.32 * 1 - 0.065, 9);
      const kb = referenceAnswerKey({ ...base, mode: "batch", epochs: 3 }, { gradients });
      expect(kb.updates).toHaveLength(3);
    });

    test(`${gradients}: frozen biases keep their value but report their gradient`, () => {
      const u = referenceAnswerKey({ ...base, mode: "batch", train_biases: false }, { gradients }).updates[0];
      expect(u.b).toEqual([[0]]);
      near((u.dL_db[0] as number[])[0], 0.25, 9);
      near(u.W[0][0][0], 0.425, 9);
    });
  }

  test("a shared bias is one parameter: its gradient is the sum of its layer's δ", () => {
    const spec = {
      learning_rate: 0.1,
      loss: "half-sse",
      layers: [{ size: 1 }, { size: 2, activation: "identity" }],
      weights: [[[1], [2]]],
      biases: [0.5],
      input: [1],
      target: [0, 0],
    };
    for (const gradients of ["fd", "analytic"] as const) {
      const u = referenceAnswerKey(spec, { gradients }).updates[0];
      // z = (1.5, 2.5), δ = z − t = (1.5, 2.5), ∂b = 4
      expect(typeof u.dL_db[0]).toBe("number");
      near(u.dL_db[0] as number, 4, 9);
      near(u.b[0] as number, 0.1, 9);
    }
  });
});

describe("Mazur's published numbers (specs/classic-2-2-2.yaml)", () => {
  const spec = parse(readFileSync(join(ROOT, "specs/classic-2-2-2.yaml"), "utf8"));
  for (const gradients of ["fd", "analytic"] as const) {
    test(gradients, () => {
      const u = referenceAnswerKey(spec, { gradients }).updates[0];
      const s = u.samples[0];
      near(s.z[0][0], 0.3775);
      expect(s.a[0][0]).toBeCloseTo(0.593269992, 9);
      expect(s.a[0][1]).toBeCloseTo(0.596884378, 9);
      expect(s.a[1][0]).toBeCloseTo(0.75136507, 8);
      expect(s.a[1][1]).toBeCloseTo(0.772928465, 9);
      expect(s.loss).toBeCloseTo(0.298371109, 9);
      expect(u.dL_dW[1][0][0]).toBeCloseTo(0.082167041, 9);
      const published = [
        [
          [0.149780716, 0.19956143],
          [0.24975114, 0.29950229],
        ],
        [
          [0.35891648, 0.408666186],
          [0.51130127, 0.561370121],
        ],
      ];
      published.forEach((m, l) => m.forEach((r, j) => r.forEach((w, i) => expect(u.W[l][j][i]).toBeCloseTo(w, 8))));
      expect(u.b).toEqual([0.35, 0.6]);
      // Mazur prints 0.291027924, which his own updated weights do not give (see docs/seed-errata.md)
      expect(u.loss_after).toBeCloseTo(0.2910277737, 9);
    });
  }
});

/** Finite differences and analytic back-propagation must tell the same story. */
function crossCheck(spec: unknown, tol: Tolerance = { rel: 1e-7, abs: 1e-9 }): string[] {
  const fd = referenceAnswerKey(spec);
  const an = referenceAnswerKey(spec, { gradients: "analytic" });
  const out: string[] = [];
  expect(fd.updates.length).toBe(an.updates.length);
  fd.updates.forEach((u, k) => {
    out.push(...mismatches(u.dL_dW, an.updates[k].dL_dW, tol, `updates[${k}].dL_dW`));
    out.push(...mismatches(u.dL_db, an.updates[k].dL_db, tol, `updates[${k}].dL_db`));
    u.samples.forEach((s, i) => out.push(...mismatches(s.dL_dz, an.updates[k].samples[i].dL_dz, tol, `updates[${k}].samples[${i}].dL_dz`)));
    out.push(...mismatches(u.W, an.updates[k].W, tol, `updates[${k}].W`));
    out.push(...mismatches(u.loss_after, an.updates[k].loss_after, tol, `updates[${k}].loss_after`));
  });
  // the first update's forward values are computed the same way in both
  out.push(
    ...mismatches(
      fd.updates[0].samples.map((s) => [s.z, s.a, s.loss]),
      an.updates[0].samples.map((s) => [s.z, s.a, s.loss]),
      DIRECT_TOL,
      "forward",
    ),
  );
  return out;
}

describe("finite differences agree with analytic back-propagation", () => {
  const files = [
    ...readdirSync(join(ROOT, "specs"))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => join(ROOT, "specs", f)),
    ...readdirSync(join(ROOT, "tests/seeds/fixtures")).map((f) => join(ROOT, "tests/seeds/fixtures", f)),
  ];
  for (const file of files) {
    test(file.slice(ROOT.length), () => {
      const spec = parse(readFileSync(file, "utf8"));
      if (!spec.weights || !(spec.samples || spec.input)) return; // symbolic-only spec
      expect(crossCheck(spec)).toEqual([]);
    });
  }

  test("random networks", () => {
    const acts: ActName[] = ["identity", "relu", "leaky-relu", "sigmoid", "tanh", "softplus", "elu"];
    const weight = fc.double({ min: -1.5, max: 1.5, noNaN: true });
    const arb = fc
      .record({
        sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }),
        hidden: fc.array(fc.constantFrom(...acts), { minLength: 3, maxLength: 3 }),
        out: fc.constantFrom<[ActName, LossName]>(
          ["identity", "half-sse"],
          ["identity", "mse"],
          ["tanh", "sse"],
          ["sigmoid", "bce"],
          ["softmax", "cross-entropy"],
          ["softmax", "sse"],
          ["relu", "half-sse"],
          ["softplus", "mse"],
          ["elu", "half-sse"],
        ),
        mode: fc.constantFrom("online", "batch"),
        reduction: fc.constantFrom("mean", "sum"),
        shared: fc.boolean(),
        seed: fc.array(weight, { minLength: 200, maxLength: 200 }),
      })
      .map((r) => {
        let k = 0;
        const next = () => r.seed[k++ % r.seed.length];
        const L = r.sizes.length - 1;
        const layers = r.sizes.map((size, l) => (l === 0 ? { size } : { size, activation: l === L ? r.out[0] : r.hidden[l - 1] }));
        const weights = r.sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: r.sizes[l] }, next)));
        const biases = r.sizes.slice(1).map((n) => (r.shared ? next() : Array.from({ length: n }, next)));
        const K = r.sizes[L];
        const target = (): number[] => {
          if (r.out[1] === "cross-entropy") {
            const v = Array.from({ length: K }, () => Math.abs(next()) + 0.1);
            const s = v.reduce((x, y) => x + y, 0);
            return v.map((x) => x / s);
          }
          if (r.out[1] === "bce") return Array.from({ length: K }, () => Math.abs(next()) / 1.5);
          return Array.from({ length: K }, next);
        };
        return {
          learning_rate: 0.3,
          loss: r.out[1],
          mode: r.mode,
          reduction: r.reduction,
          epochs: 2,
          layers,
          weights,
          biases,
          samples: [0, 1].map(() => ({ input: Array.from({ length: r.sizes[0] }, next), target: target() })),
        };
      });
    fc.assert(
      fc.property(arb, (spec) => {
        let problems: string[];
        try {
          problems = crossCheck(spec, { rel: 1e-6, abs: 1e-8 });
        } catch (e) {
          if (e instanceof KinkError) return true; // a random net input landed exactly on a kink
          throw e;
        }
        if (problems.length) throw new Error(`${JSON.stringify(spec)}\n${problems.join("\n")}`);
        return true;
      }),
      { numRuns: 150, seed: 20250422 },
    );
  });
});
