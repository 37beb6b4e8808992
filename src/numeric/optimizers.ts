import type { StateQuantity } from "../network/index.js";
import type { OptimizerName, TrainingRules } from "../spec/index.js";

/** A state quantity an optimizer keeps per parameter: velocity v, first moment m, second moment s. */
export type StateName = StateQuantity;

/** What one parameter's step needs besides its own numbers. */
export interface StepContext {
  rules: TrainingRules;
  /** η. */
  eta: number;
  /** The update's number, 1, 2, … (Adam's bias correction). */
  t: number;
  /** Weights decay under adamw; biases do not. */
  isWeight: boolean;
}

/** One optimizer: the state it keeps (in the answer key's order) and its per-parameter step. */
export interface Optimizer {
  state: readonly StateName[];
  /** θ and its state before → θ after; `state` is updated in place (same order as `state`). */
  step(theta: number, g: number, state: number[], c: StepContext): number;
}

/** The adam step on θ (after adamw's decay, if any): m, s, bias correction, step. */
function adamStep(theta: number, g: number, st: number[], c: StepContext): number {
  const { beta1, beta2, epsilon } = c.rules;
  st[0] = beta1 * st[0]! + (1 - beta1) * g;
  st[1] = beta2 * st[1]! + (1 - beta2) * g * g;
  const mHat = st[0] / (1 - beta1 ** c.t);
  const sHat = st[1] / (1 - beta2 ** c.t);
  return theta - (c.eta * mHat) / (Math.sqrt(sHat) + epsilon);
}

/** PyTorch's torch.optim rules as CONTRACT §5 writes them (no dampening, no amsgrad, no centering). */
export const OPTIMIZERS: Record<OptimizerName, Optimizer> = {
  // θ ← θ − η g
  sgd: { state: [], step: (theta, g, _st, c) => theta - c.eta * g },
  // v ← μ v + g; θ ← θ − η v
  momentum: {
    state: ["v"],
    step: (theta, g, st, c) => {
      st[0] = c.rules.momentum * st[0]! + g;
      return theta - c.eta * st[0];
    },
  },
  // v ← μ v + g; θ ← θ − η (g + μ v)
  nesterov: {
    state: ["v"],
    step: (theta, g, st, c) => {
      st[0] = c.rules.momentum * st[0]! + g;
      return theta - c.eta * (g + c.rules.momentum * st[0]);
    },
  },
  // s ← ρ s + (1 − ρ) g²; θ ← θ − η g / (√s + ε)
  rmsprop: {
    state: ["s"],
    step: (theta, g, st, c) => {
      st[0] = c.rules.rho * st[0]! + (1 - c.rules.rho) * g * g;
      return theta - (c.eta * g) / (Math.sqrt(st[0]) + c.rules.epsilon);
    },
  },
  adam: { state: ["m", "s"], step: adamStep },
  // w ← w − η λ_wd w (weights only), then the adam step
  adamw: {
    state: ["m", "s"],
    step: (theta, g, st, c) => adamStep(c.isWeight ? theta - c.eta * c.rules.weight_decay * theta : theta, g, st, c),
  },
};

/** The state an optimizer keeps per parameter, in the answer key's order (CONTRACT §5). */
export const stateOf = (optimizer: OptimizerName): readonly StateQuantity[] => OPTIMIZERS[optimizer].state;
