import type { ActivationName, LossName } from "../spec/types.js";

/**
 * One activation: its value, its derivative as a teacher writes it, and its symbolic form.
 * Symbolic forms are mathjs expression strings over the placeholders `z` (net input) and
 * `a` (activation); derive/ substitutes the neuron's own symbols for them.
 */
export interface Activation {
  name: ActivationName;
  /** a = f(z) for a whole layer (softmax needs the whole vector). */
  forward(z: readonly number[]): number[];
  /** Elementwise activations have a diagonal Jacobian; softmax does not. */
  elementwise: boolean;
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
  /** What holds at a kink, written down (tinygrad habit). */
  kink?: string;
  /** Human name for headings. */
  label: string;
}

export interface Loss {
  name: LossName;
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
  /**
   * Output activations for which ∂L/∂z simplifies to a − t (softmax + cross-entropy, sigmoid + bce),
   * with the condition under which it holds.
   */
  simplifiesWith: Partial<Record<ActivationName, { condition?: string }>>;
  label: string;
}
