import type { LossName } from "./names.js";
import type { Loss } from "./types.js";

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

export const LOSS_TABLE: Record<LossName, Loss> = {
  // L = ½ Σ (t − a)², ∂L/∂a_k = a_k − t_k
  "half-sse": {
    name: "half-sse",
    label: "half sum of squared errors",
    aliases: ["halfsse", "l2"],
    tex: (L, t, y) => `${L} = \\frac{1}{2} \\sum_{k} (${t} - ${y})^2`,
    probabilityTargets: false,
    gradientIsDifference: true,
    value: (a, t) => 0.5 * sum(a.map((ak, k) => (t[k]! - ak) ** 2)),
    gradient: (a, t) => a.map((ak, k) => ak - t[k]!),
    symbolicFactor: "1/2",
    symbolicTerm: "(t - a)^2",
    symbolicGradient: "a - t",
    simplifiesWith: {},
  },
  // L = Σ (t − a)², ∂L/∂a_k = 2(a_k − t_k)
  sse: {
    name: "sse",
    label: "sum of squared errors",
    tex: (L, t, y) => `${L} = \\sum_{k} (${t} - ${y})^2`,
    probabilityTargets: false,
    value: (a, t) => sum(a.map((ak, k) => (t[k]! - ak) ** 2)),
    gradient: (a, t) => a.map((ak, k) => 2 * (ak - t[k]!)),
    symbolicFactor: "1",
    symbolicTerm: "(t - a)^2",
    symbolicGradient: "2 * (a - t)",
    simplifiesWith: {},
  },
  // L = (1/K) Σ (t − a)², ∂L/∂a_k = (2/K)(a_k − t_k)
  mse: {
    name: "mse",
    label: "mean squared error",
    aliases: ["meansquarederror"],
    tex: (L, t, y) => `${L} = \\frac{1}{K} \\sum_{k} (${t} - ${y})^2`,
    probabilityTargets: false,
    value: (a, t) => sum(a.map((ak, k) => (t[k]! - ak) ** 2)) / a.length,
    gradient: (a, t) => a.map((ak, k) => (2 / a.length) * (ak - t[k]!)),
    symbolicFactor: "1/K",
    symbolicTerm: "(t - a)^2",
    symbolicGradient: "2 / K * (a - t)",
    simplifiesWith: {},
  },
  // L = −Σ t ln a, ∂L/∂a_k = −t_k / a_k
  "cross-entropy": {
    name: "cross-entropy",
    label: "cross-entropy",
    aliases: ["crossentropy", "ce"],
    tex: (L, t, y) => `${L} = -\\sum_{k} ${t} \\ln ${y}`,
    outputs: ["softmax", "sigmoid"],
    probabilityTargets: true,
    value: (a, t) => -sum(a.map((ak, k) => (t[k]! === 0 ? 0 : t[k]! * Math.log(ak)))),
    gradient: (a, t) => a.map((ak, k) => (t[k]! === 0 ? 0 : -t[k]! / ak)),
    symbolicFactor: "-1",
    symbolicTerm: "t * log(a)",
    symbolicGradient: "-t / a",
    // softmax: ∂L/∂z_j = a_j Σ_k t_k − t_j, which is a_j − t_j when the targets sum to 1
    simplifiesWith: { softmax: { condition: "sum-targets-one" } },
  },
  // L = −Σ [t ln a + (1 − t) ln(1 − a)], ∂L/∂a_k = (a_k − t_k) / (a_k (1 − a_k))
  bce: {
    name: "bce",
    label: "binary cross-entropy",
    aliases: ["binarycrossentropy", "logloss"],
    tex: (L, t, y) => `${L} = -\\sum_{k} \\bigl(${t} \\ln ${y} + (1 - ${t}) \\ln(1 - ${y})\\bigr)`,
    outputs: ["sigmoid"],
    probabilityTargets: true,
    value: (a, t) =>
      -sum(
        a.map((ak, k) => {
          const tk = t[k]!;
          return (tk === 0 ? 0 : tk * Math.log(ak)) + (tk === 1 ? 0 : (1 - tk) * Math.log(1 - ak));
        }),
      ),
    gradient: (a, t) => a.map((ak, k) => -(t[k]! / ak) + (1 - t[k]!) / (1 - ak)),
    symbolicFactor: "-1",
    symbolicTerm: "t * log(a) + (1 - t) * log(1 - a)",
    symbolicGradient: "-(t / a - (1 - t) / (1 - a))",
    // sigmoid: ∂L/∂z = a − t exactly
    simplifiesWith: { sigmoid: {} },
  },
};

export function loss(name: LossName): Loss {
  return LOSS_TABLE[name];
}
