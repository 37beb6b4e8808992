import type { CheckOptions, CheckReport, ClaimResult } from "../../src/check/check.js";
import { checkClaims } from "../../src/check/check.js";
import { readAnswers } from "../../src/check/answers.js";
import { resolveClaims } from "../../src/check/claims.js";
import { prepare } from "../../src/check/prepare.js";
import type { NetworkSpec } from "../../src/spec/types.js";

/** Checks an answers text against a spec object; throws on any input diagnostic. */
export function runCheck(spec: NetworkSpec, answers: string, opts: CheckOptions = {}): CheckReport {
  const c = prepare(spec);
  const { entries, diagnostics } = readAnswers("answers.yaml", answers);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => d.message).join("\n"));
  const r = resolveClaims("answers.yaml", c, entries);
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return checkClaims(c.graph, r.claims, opts);
}

/** The result for one name (canonical name as reported). */
export function claim(report: CheckReport, name: string): ClaimResult {
  const r = report.claims.find((c) => c.name === name);
  if (!r) throw new Error(`no claim ${name} in the report: ${report.claims.map((c) => c.name).join(", ")}`);
  return r;
}

/** Spec defaults filled in, as the loader would. */
export function spec(s: Partial<NetworkSpec> & Pick<NetworkSpec, "layers" | "learning_rate" | "loss">): NetworkSpec {
  return {
    reduction: "mean",
    mode: "online",
    epochs: 1,
    train_biases: true,
    samples: [],
    biases: s.layers.slice(1).map((l) => new Array<number>(l.size).fill(0)),
    ...s,
  };
}

/** Note 000's network (CONTRACT §2's example). */
export const spec000: NetworkSpec = spec({
  learning_rate: 0.1,
  loss: "half-sse",
  layers: [
    { size: 2, activation: "identity" },
    { size: 2, activation: "relu" },
    { size: 3, activation: "identity" },
  ],
  weights: [
    [
      [-2.5, 0.6],
      [-1.5, 0.4],
    ],
    [
      [-0.1, 1.5],
      [2.4, -5.2],
      [-2.2, 3.7],
    ],
  ],
  biases: [
    [1.6, 0.7],
    [-2, 0, 1],
  ],
  samples: [{ input: [0.5, 0.37], target: [0, 1, 0] }],
  notation: "node",
  convention: "error",
});

/** Note 002's network (specs/002-sigmoid-2-2-2.yaml). */
export const spec002: NetworkSpec = spec({
  learning_rate: 0.5,
  loss: "half-sse",
  layers: [
    { size: 2, activation: "identity" },
    { size: 2, activation: "sigmoid" },
    { size: 2, activation: "sigmoid" },
  ],
  weights: [
    [
      [0.15, 0.25],
      [0.2, 0.3],
    ],
    [
      [0.4, 0.45],
      [0.5, 0.55],
    ],
  ],
  biases: [
    [0.35, 0.35],
    [0.6, 0.6],
  ],
  samples: [{ input: [0.05, 0.1], target: [0.01, 0.99] }],
  notation: "sequential",
  convention: "gradient",
});

/** Note 004's network (specs/004-sigmoid-softmax.yaml). */
export const spec004: NetworkSpec = spec({
  learning_rate: 0.1,
  loss: "sse",
  layers: [
    { size: 4, activation: "identity" },
    { size: 4, activation: "sigmoid" },
    { size: 2, activation: "softmax" },
  ],
  weights: [
    [
      [0.1, 0.3, 0.8, -0.4],
      [-0.3, 0.2, 0.5, 0.5],
      [-0.3, 0, 0.5, 0.4],
      [0.2, 0.5, -0.9, 0.7],
    ],
    [
      [0.5, 0.8, 0.2, 0.4],
      [0.5, 0.2, 0.3, -0.5],
    ],
  ],
  samples: [{ input: [2, 5, 3, 3], target: [1, 0] }],
  notation: "layer",
  convention: "gradient",
});

/**
 * Mazur's 2-2-2 sigmoid network with one frozen bias per layer (b₁ = 0.35, b₂ = 0.6), trained on
 * its one sample `samples` times: the network the check tests work out by hand.
 */
export function mazurFrozen(samples = 1): NetworkSpec {
  return spec({
    learning_rate: 0.5,
    loss: "half-sse",
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "sigmoid" },
      { size: 2, activation: "sigmoid" },
    ],
    weights: [
      [
        [0.15, 0.2],
        [0.25, 0.3],
      ],
      [
        [0.4, 0.45],
        [0.5, 0.55],
      ],
    ],
    biases: [0.35, 0.6],
    train_biases: false,
    samples: Array.from({ length: samples }, () => ({ input: [0.05, 0.1], target: [0.01, 0.99] })),
  });
}

/** mazurFrozen's numbers, written out for the tests' own hand computation (independent of src/). */
export const MAZUR = {
  x: [0.05, 0.1],
  t: [0.01, 0.99],
  W1: [
    [0.15, 0.2],
    [0.25, 0.3],
  ],
  W2: [
    [0.4, 0.45],
    [0.5, 0.55],
  ],
};

/** The forward pass of mazurFrozen by hand (biases 0.35 and 0.6), with the half-sse loss. */
export function mazurForward(W1: number[][], W2: number[][]): { h: number[]; y: number[]; loss: number } {
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const { x, t } = MAZUR;
  const h = W1.map((r) => sig(r[0]! * x[0]! + r[1]! * x[1]! + 0.35));
  const y = W2.map((r) => sig(r[0]! * h[0]! + r[1]! * h[1]! + 0.6));
  return { h, y, loss: 0.5 * ((t[0]! - y[0]!) ** 2 + (t[1]! - y[1]!) ** 2) };
}
