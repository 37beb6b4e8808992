import type { Network } from "../network/index.js";
import type { UpdateResult } from "../numeric/index.js";
import type { MathNode } from "./math.js";

/**
 * The kinds of step, in the order a teacher writes them. Per-sample kinds have one value per
 * sample; the others (batch-gradient, update, loss-after) one value per update.
 */
export type StepKind =
  | "net-input" // z_j = Σ_i w_ij a_i + b_j
  | "activation" // a_j = f(z_j)
  | "loss" // L = ½ Σ_k (t_k − a_k)²
  | "loss-gradient" // ∂L/∂a_k of an output neuron
  | "output-delta" // δ_k = ∂L/∂a_k · f′(z_k)   (softmax: Σ_i ∂L/∂a_i · ∂a_i/∂z_k)
  | "simplification" // δ_k = a_k − t_k   (softmax + cross-entropy, sigmoid + bce)
  | "hidden-gradient" // ∂L/∂a_j = Σ_k w_jk δ_k over the neurons j feeds
  | "hidden-delta" // δ_j = ∂L/∂a_j · f′(z_j)
  | "weight-gradient" // ∂L/∂w_ij = δ_j a_i
  | "bias-gradient" // ∂L/∂b_j = δ_j   (shared bias: Σ_j δ_j)
  | "batch-gradient" // ∂L/∂θ = (1/N) Σ_s ∂L⁽ˢ⁾/∂θ   (batch mode with several samples)
  | "update" // θ ← θ − η ∂L/∂θ
  | "loss-after"; // the same samples' loss with the new parameters

/** One factor of a chain-rule product: ∂of/∂wrt = expr. */
export interface ChainFactor {
  of: string;
  wrt: string;
  expr: MathNode;
}

export interface Step {
  kind: StepKind;
  /** The symbol id this step gives a value to (see network/symbols.ts). */
  defines: string;
  /** Right-hand side over symbol ids. */
  expr: MathNode;
  /** The chain rule written factor by factor, for steps that are a chain-rule product. */
  chain?: ChainFactor[];
  /** Hidden deltas: one chain per path from the loss down to this neuron's net input. */
  paths?: ChainFactor[][];
  /** Symbol ids the expression uses that other steps define (inputs, targets, parameters excluded). */
  dependsOn: string[];
  /** Network layer (0 = input) the step belongs to; the loss belongs to the output layer. */
  layer: number;
  node?: number;
  /** For gradient, batch-gradient and update steps: the parameter's symbol id. */
  param?: string;
  perSample: boolean;
  /** Simplification steps: the condition under which it holds, as a short id ("sum-targets-one"). */
  condition?: string;
}

/** The numbers of one update: symbol id → value, full double precision. */
export interface DerivedUpdate {
  index: number;
  epoch: number;
  numeric: UpdateResult;
  /** Indices into spec.samples. */
  sampleIndices: number[];
  /** One scope per sample: inputs, targets, parameters before, every per-sample step's value, η. */
  sampleScopes: Record<string, number>[];
  /** The update's scope: parameters before and after, reduced gradients, loss, loss after, η. */
  scope: Record<string, number>;
}

export interface Derivation {
  network: Network;
  /** In teaching order: forward, loss, output deltas, hidden deltas, gradients, (batch), updates, loss after. */
  steps: Step[];
  /** True when one update combines several samples (batch mode). */
  batched: boolean;
  /** Empty when the spec has no numbers: then the steps are symbolic only. */
  updates: DerivedUpdate[];
}
