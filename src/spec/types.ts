/**
 * The validated network spec (CONTRACT §2). Field names are the contract's own, so a spec
 * can be written back out (problem sets embed complete specs) without a mapping layer.
 * Defaults are filled in by the loader: every optional contract field is present here.
 */
import type { ActivationName, LossName } from "../ops/index.js";

export { ACTIVATIONS, LOSSES } from "../ops/index.js";
export type { ActivationName, LossName } from "../ops/index.js";

export const NOTATIONS = ["node", "sequential", "layer", "matrix"] as const;
export type NotationName = (typeof NOTATIONS)[number];

/** What `derive --format` can write (the answer key `json` included). */
export const FORMATS = ["md", "tex", "fragment", "slides", "json"] as const;
export type FormatName = (typeof FORMATS)[number];

export const CONVENTIONS = ["gradient", "error"] as const;
export type ConventionName = (typeof CONVENTIONS)[number];

export const REDUCTIONS = ["mean", "sum"] as const;
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
  /** Empty = symbolic only. The `input`/`target` shorthand is folded in here. */
  samples: Sample[];
  /** Presentation (not part of the numbers). */
  notation?: NotationName;
  convention?: ConventionName;
  precision?: number;
  detail?: "full" | "deltas";
  /** Letter overrides for the notation, e.g. { weight: "v" }. */
  letters?: Record<string, string>;
  /** Problem-set variation block (issue 4); kept as data. */
  problems?: unknown;
}

/** True when the spec carries everything the numbers need. */
export function hasNumbers(spec: NetworkSpec): spec is NetworkSpec & { weights: number[][][] } {
  return spec.weights !== undefined && spec.samples.length > 0;
}
