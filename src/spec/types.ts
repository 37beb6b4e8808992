/**
 * The validated network spec (CONTRACT §2). Field names are the contract's own, so a spec
 * can be written back out (problem sets embed complete specs) without a mapping layer, except
 * that the training settings the optimizer does not use must be left out (writtenTrainingFields).
 * Defaults are filled in by the loader: every optional contract field is present here.
 */
import type { ActivationName, LossName } from "../ops/index.js";

export { ACTIVATIONS, LOSSES } from "../ops/index.js";
export type { ActivationName, LossName } from "../ops/index.js";

export const NOTATIONS = ["node", "sequential", "layer", "matrix"] as const;
export type NotationName = (typeof NOTATIONS)[number];

/** What `derive --format` can write (the answer key `json` included). */
export const FORMATS = ["md", "tex", "fragment", "slides", "json", "html"] as const;
export type FormatName = (typeof FORMATS)[number];
/** What `derive` writes when no --format is given: all but html, whose page brings KaTeX's fonts along. */
export const DEFAULT_FORMATS: readonly FormatName[] = FORMATS.filter((f) => f !== "html");

export const CONVENTIONS = ["gradient", "error"] as const;
export type ConventionName = (typeof CONVENTIONS)[number];

export const REDUCTIONS = ["mean", "sum"] as const;

/** Training rules (CONTRACT §5): PyTorch's torch.optim, per parameter. */
export const OPTIMIZERS = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The optimizer settings and the optimizers that use each (any other optimizer refuses it). */
export const OPTIMIZER_SETTINGS = {
  momentum: ["momentum", "nesterov"],
  rho: ["rmsprop"],
  beta1: ["adam", "adamw"],
  beta2: ["adam", "adamw"],
  epsilon: ["rmsprop", "adam", "adamw"],
  weight_decay: ["adamw"],
} as const satisfies Record<string, readonly OptimizerName[]>;
export type OptimizerSetting = keyof typeof OPTIMIZER_SETTINGS;

/** CONTRACT §5's defaults: they keep every earlier spec's meaning (plain gradient descent). */
export const TRAINING_DEFAULTS = {
  optimizer: "sgd" as OptimizerName,
  momentum: 0.9,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  l2: 0,
  weight_decay: 0,
};
export type TrainingRules = typeof TRAINING_DEFAULTS;
export const MODES = ["online", "batch"] as const;
export const DETAILS = ["full", "deltas"] as const;

/** The roles whose letter a spec may override (`letters: { weight: v }`). */
export const LETTER_KEYS = [
  "input",
  "net",
  "activation",
  "output",
  "weight",
  "bias",
  "target",
  "error",
  "delta",
  "loss",
  "hidden",
] as const;
/** Letter values: plain ASCII letters only, so user text can never become LaTeX code. */
export const LETTER_PATTERN = /^[A-Za-z]{1,12}$/;

export interface LayerSpec {
  size: number;
  /** The input layer (index 0) is always "identity". */
  activation: ActivationName;
}

export interface Sample {
  input: number[];
  target: number[];
}

/** One bias entry per non-input layer: a vector (one per neuron) or a single shared number. */
export type BiasSpec = number[] | number;

export interface NetworkSpec {
  title?: string;
  learning_rate: number;
  loss: LossName;
  reduction: "mean" | "sum";
  mode: "online" | "batch";
  epochs: number;
  layers: LayerSpec[];
  /** One matrix per non-input layer, rows = receiving neurons; absent = symbolic only. */
  weights?: number[][][];
  /** Always present after loading: zeros (per-neuron vectors) where the spec left them out. */
  biases: BiasSpec[];
  train_biases: boolean;
  /** Training rules (CONTRACT §5), defaults filled in: sgd, μ 0.9, ρ 0.9, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0, λ_wd 0. */
  optimizer: OptimizerName;
  momentum: number;
  rho: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** λ: each update's loss gains (λ/2)·Σw² over every weight (not the biases). */
  l2: number;
  /** adamw only: every weight first decays, w ← w − η·λ_wd·w. */
  weight_decay: number;
  /** Empty = symbolic only. The `input`/`target` shorthand is folded in here. */
  samples: Sample[];
  /** Presentation (not part of the numbers). */
  notation?: NotationName;
  convention?: ConventionName;
  precision?: number;
  detail?: "full" | "deltas";
  /** Write ∂L/∂x_i in the backward pass (the answer key always has them). */
  input_gradients?: boolean;
  /** Letter overrides for the notation, e.g. { weight: "v" }. */
  letters?: Record<string, string>;
  /** Problem-set variation block (issue 4); kept as data. */
  problems?: unknown;
}

/** True when the spec carries everything the numbers need. */
export function hasNumbers(spec: NetworkSpec): spec is NetworkSpec & { weights: number[][][] } {
  return spec.weights !== undefined && spec.samples.length > 0;
}

/**
 * The training rules of a spec. Specs from the loader always carry them; a spec built by hand
 * (the API, tests) may leave them out, and then gets CONTRACT §5's defaults.
 */
export function trainingRules(spec: Partial<TrainingRules>): TrainingRules {
  const d = TRAINING_DEFAULTS;
  return {
    optimizer: spec.optimizer ?? d.optimizer,
    momentum: spec.momentum ?? d.momentum,
    rho: spec.rho ?? d.rho,
    beta1: spec.beta1 ?? d.beta1,
    beta2: spec.beta2 ?? d.beta2,
    epsilon: spec.epsilon ?? d.epsilon,
    l2: spec.l2 ?? d.l2,
    weight_decay: spec.weight_decay ?? d.weight_decay,
  };
}
