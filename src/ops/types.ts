import type { ActivationName, LossName } from "./names.js";

/** A function that an activation's symbolic forms call: its value (for mathjs) and its TeX. */
export interface OpFunction {
  f: (z: number) => number;
  tex: string;
}

/** The slips students make with an activation, which `check` tries (src/check/mistakes.ts). */
export type ActivationMistake = "missing-f-prime" | "f-for-f-prime" | "softmax-cross-term";

/** Where a problem set rejects a net input of this activation (docs/problems.md). */
export interface Degeneracy {
  rule: "kink" | "saturated";
  /** The condition in words, e.g. "|z| > 6". */
  where: string;
  /** True when z is degenerate; `unit` is one unit of the last shown decimal. */
  test: (z: number, unit: number) => boolean;
}

/**
 * One activation: everything the project knows about it, in one record. Symbolic forms are
 * mathjs expression strings over the placeholders `z` (net input) and `a` (activation); derive/
 * substitutes the neuron's own symbols for them. No other module switches on an activation's name.
 */
export interface Activation {
  name: ActivationName;
  /** Human name for headings. */
  label: string;
  /** Other names people write for it, for the spec's "did you mean" (normalised: no case, - or _). */
  aliases?: readonly string[];
  /** a = f(z) for a whole layer (softmax needs the whole vector). */
  forward(z: readonly number[]): number[];
  /** Elementwise activations have a diagonal Jacobian; softmax does not. */
  elementwise: boolean;
  /** The layer's outputs are a probability distribution (softmax): output layer only, one-hot targets. */
  distribution?: boolean;
  /** f′ for one neuron, given its z and a (elementwise activations only). */
  derivative(z: number, a: number): number;
  /** ∂a_i/∂z_j for the whole layer (used for softmax; diagonal of derivative() otherwise). */
  jacobian(z: readonly number[], a: readonly number[]): number[][];
  /** Symbolic a = f(z), e.g. "sigmoid(z)". */
  symbolicValue: string;
  /** Symbolic f′ in the teacher's form, e.g. "a * (1 - a)"; for softmax the diagonal entry. */
  symbolicDerivative: string;
  /** Softmax only: the off-diagonal entry ∂a_i/∂z_j, i ≠ j, over `a` (= a_i) and `b` (= a_j). */
  symbolicCrossDerivative?: string;
  /** The functions the symbolic forms call (beyond mathjs' own exp, log, …), by name. */
  functions: Readonly<Record<string, OpFunction>>;
  /** What holds at a kink, written down (tinygrad habit). */
  kink?: string;
  /** Problem sheets: the layer's activation in words, and its definition as inline TeX (`$…$`). */
  sheet: { label: string; definition: string };
  /** Problem sets: where a net input makes a variant degenerate. */
  degeneracy?: Degeneracy;
  /** How check's diagnoses write f: "σ" for the sigmoid. */
  symbol: string;
  /** The mistakes check tries for a layer with this activation. */
  mistakes: readonly ActivationMistake[];
}

export interface Loss {
  name: LossName;
  label: string;
  /** Other names people write for it, for the spec's "did you mean". */
  aliases?: readonly string[];
  /** Loss of one sample. */
  value(a: readonly number[], t: readonly number[]): number;
  /** ∂L/∂a_k of one sample. */
  gradient(a: readonly number[], t: readonly number[]): number[];
  /** One term of the sum, as a mathjs expression over `a`, `t` and `K` (number of outputs). */
  symbolicTerm: string;
  /** Factor in front of the sum, mathjs expression over `K` ("1/2", "1", "1/K", "-1"). */
  symbolicFactor: string;
  /** ∂L/∂a_k in the teacher's form over `a`, `t`, `K`. */
  symbolicGradient: string;
  /** One sample's loss in TeX, given the TeX of the loss letter, t_k and y_k. */
  tex(L: string, t: string, y: string): string;
  /** The output activations it needs (cross-entropy: softmax or sigmoid); any when left out. */
  outputs?: readonly ActivationName[];
  /** ∂L/∂a_k is a_k − t_k exactly, so the error convention's Err_k = −∂L/∂a_k is t_k − a_k (half-sse). */
  gradientIsDifference?: boolean;
  /** Targets must lie in [0, 1] (the losses that take logarithms). */
  probabilityTargets: boolean;
  /**
   * Output activations for which ∂L/∂z simplifies to a − t (softmax + cross-entropy, sigmoid + bce),
   * with the condition under which it holds.
   */
  simplifiesWith: Partial<Record<ActivationName, { condition?: string }>>;
}
