import type { Network } from "../network/index.js";
import type { UpdateResult } from "../numeric/index.js";
import type { TrainingRules } from "../spec/index.js";
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
  | "input-gradient" // ∂L/∂x_i = Σ_k w_ik δ_k over the neurons of layer 1 (written when asked)
  | "weight-gradient" // ∂L/∂w_ij = δ_j a_i
  | "bias-gradient" // ∂L/∂b_j = δ_j   (shared bias: Σ_j δ_j)
  | "batch-gradient" // ∂L/∂θ = (1/N) Σ_s ∂L⁽ˢ⁾/∂θ   (batch mode with several samples)
  | "regularised-loss" // L_reg = L + (λ/2) Σ w²   (l2 > 0)
  | "l2-gradient" // g_w = ∂L/∂w + λ w   (l2 > 0; weights only)
  | "state-update" // v ← μ v + g,  m ← β₁ m + (1 − β₁) g,  s ← ρ s + (1 − ρ) g²   (the optimizer's state)
  | "bias-correction" // m̂ = m / (1 − β₁ᵗ),  ŝ = s / (1 − β₂ᵗ)   (adam, adamw)
  | "update" // θ ← θ − η ∂L/∂θ, or the optimizer's step
  | "loss-after"; // the same samples' loss with the new parameters

/** One factor of a chain-rule product: ∂of/∂wrt = expr. */
export interface ChainFactor {
  of: string;
  wrt: string;
  expr: MathNode;
}

interface StepBase {
  kind: StepKind;
  /** The symbol id this step gives a value to (see network/symbols.ts). */
  defines: string;
  /** Right-hand side over symbol ids. */
  expr: MathNode;
  /** Symbol ids the expression uses that other steps define (inputs, targets, parameters excluded). */
  dependsOn: string[];
  /** Network layer (0 = input) the step belongs to; the loss belongs to the output layer. */
  layer: number;
  perSample: boolean;
}

/** A step about one neuron. */
interface NeuronStep extends StepBase {
  node: number;
}

/** A step about one parameter: its symbol id, and its neuron unless it is a shared bias. */
interface ParameterStep extends StepBase {
  param: string;
  node?: number;
}

/**
 * One step of the derivation, by kind. A chain-rule product is written factor by factor
 * (`chain`); a delta that sums over several paths has one chain per path (`paths`).
 */
export type Step =
  | (NeuronStep & { kind: "net-input" | "activation" | "loss-gradient" | "hidden-gradient" | "input-gradient" })
  | (StepBase & { kind: "loss" | "loss-after" | "regularised-loss" })
  /** Elementwise output: δ_k = ∂L/∂a_k · f′(z_k) as one chain; softmax: one path per output. */
  | (NeuronStep & { kind: "output-delta"; chain: ChainFactor[] })
  | (NeuronStep & { kind: "output-delta"; paths: ChainFactor[][] })
  /** Simplification steps: the condition under which it holds, as a short id ("sum-targets-one"). */
  | (NeuronStep & { kind: "simplification"; condition?: string })
  | (NeuronStep & { kind: "hidden-delta"; chain: ChainFactor[]; paths: ChainFactor[][] })
  | (ParameterStep & { kind: "weight-gradient"; node: number; chain: ChainFactor[] })
  /** A shared bias sums its layer's deltas: no single chain. */
  | (ParameterStep & { kind: "bias-gradient"; chain?: ChainFactor[] })
  | (ParameterStep & { kind: "batch-gradient" | "update" | "l2-gradient" })
  /** The state quantity (v, m, s) it updates or corrects. */
  | (ParameterStep & { kind: "state-update" | "bias-correction"; quantity: "v" | "m" | "s" });

/** The step of one kind (a member whose kind is a union of several counts for each of them). */
export type StepOf<K extends StepKind> = Step extends infer S
  ? S extends { kind: infer SK }
    ? K extends SK
      ? S & { kind: K }
      : never
    : never
  : never;

/** The numbers of one update: symbol id → value, full double precision. */
export interface DerivedUpdate {
  index: number;
  epoch: number;
  numeric: UpdateResult;
  /** Indices into spec.samples. */
  sampleIndices: number[];
  /** One scope per sample: inputs, targets, parameters before, every per-sample step's value, η. */
  sampleScopes: Record<string, number>[];
  /**
   * The update's scope: parameters before and after, reduced gradients (the loss's own; with l2
   * g_p adds λp), loss (without the l2 term; L_reg with it), loss after (with it), η, the
   * settings and t, and the optimizer's state before and after and m̂, ŝ.
   */
  scope: Record<string, number>;
}

export interface Derivation {
  network: Network;
  /** In teaching order: forward, loss, output deltas, hidden deltas, input gradients, gradients, (batch), updates, loss after. */
  steps: Step[];
  /** True when one update combines several samples (batch mode). */
  batched: boolean;
  /** The training rules (CONTRACT §5) the update steps follow. */
  rules: TrainingRules;
  /** Empty when the spec has no numbers: then the steps are symbolic only. */
  updates: DerivedUpdate[];
}
