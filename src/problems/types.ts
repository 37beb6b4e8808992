import type { NetworkSpec } from "../spec/index.js";

/** Numbers drawn uniformly from min..max in steps of 10^-decimals (so they display exactly). */
export interface NumberRange {
  min: number;
  max: number;
  decimals: number;
  /** Leave 0 out of the draw. */
  nonzero: boolean;
}

/** How one kind of number varies: drawn from a range, or the spec's own numbers kept. */
export type Variation = { kind: "range"; range: NumberRange } | { kind: "fixed" };

/** Targets may also be a one-hot class label (a random class per sample). */
export type TargetVariation = Variation | { kind: "one-hot" };

/**
 * Named groups of questions (`ask:`); symbol ids (`new_w_1_3`, `L_after`, `a_5`, `newv_w_1_3`) are
 * also accepted. `state`: the optimizer's state after the last update (v; s; m and s) of every
 * moving parameter.
 */
export const ASK_GROUPS = [
  "updated-parameters",
  "updated-weights",
  "updated-biases",
  "gradients",
  "loss",
  "loss-after",
  "outputs",
  "deltas",
  "state",
] as const;
export type AskGroup = (typeof ASK_GROUPS)[number];

/** The validated `problems:` block, every default filled in. */
export interface ProblemsConfig {
  title: string;
  /** Decimals the answers are shown (and asked) with. */
  precision: number;
  /** Absolute tolerance of a numeric answer (Moodle), default half a unit of the last shown decimal. */
  tolerance: number;
  weights: Variation;
  biases: Variation;
  inputs: Variation;
  targets: TargetVariation;
  /** Number of samples per variant (the spec's own count unless the spec has none). */
  samples: number;
  /** What the students are asked for, as written (groups or symbol ids). */
  ask: string[];
  /** Candidates tried per variant before giving up. */
  maxAttempts: number;
}

/** One quantity the students are asked for. */
export interface Question {
  /** Symbol id (network/symbols.ts) of the quantity, e.g. `new_w_1_3`, `L_after`, `a_5`. */
  symbol: string;
  /** For per-sample quantities (z, a, δ): the index of the sample within the last update. */
  sample?: number;
  /** Full double precision. */
  value: number;
  /** As shown in the solutions and accepted in Moodle: `value.toFixed(precision)`. */
  shown: string;
  tolerance: number;
}

/** One generated variant: a complete concrete spec, its id and the questions with answers. */
export interface Variant {
  id: string;
  /** 1-based position in the set. */
  index: number;
  spec: NetworkSpec;
  questions: Question[];
}

/** What the generator needs: the loaded spec and its validated block. */
export interface ProblemSource {
  /** A layered network's (a graph's source, graph-generate.ts, says "graph"). */
  kind?: "network";
  /** Output file stem (the spec file name without extension). */
  name: string;
  spec: NetworkSpec;
  config: ProblemsConfig;
}
