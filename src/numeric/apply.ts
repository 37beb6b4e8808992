import type { BiasSpec, NetworkSpec } from "../spec/index.js";
import { trainingRules } from "../spec/index.js";
import { OPTIMIZERS } from "./optimizers.js";
import type { StateName, StepContext } from "./optimizers.js";
import type { Params } from "./params.js";

/** Each state quantity of the optimizer, shaped like the parameters (a shared bias: a number). */
export type OptimizerState = Partial<Record<StateName, Params>>;

const zerosLike = (p: Params): Params => ({
  W: p.W.map((m) => m.map((row) => row.map(() => 0))),
  b: p.b.map((bl) => (typeof bl === "number" ? 0 : bl.map(() => 0))),
});

/** All state at 0 (CONTRACT §5), for the spec's optimizer. */
export function initialState(spec: NetworkSpec, p: Params): OptimizerState {
  const state: OptimizerState = {};
  for (const name of OPTIMIZERS[trainingRules(spec).optimizer].state) state[name] = zerosLike(p);
  return state;
}

/** (λ/2)·Σw² over every weight (not the biases). */
export function l2Term(lambda: number, W: number[][][]): number {
  let s = 0;
  for (const m of W) for (const row of m) for (const w of row) s += w * w;
  return (lambda / 2) * s;
}

/** ∂loss/∂W with the l2 term λw added (unchanged when λ = 0). */
export function withL2(lambda: number, dW: number[][][], W: number[][][]): number[][][] {
  if (lambda === 0) return dW;
  return dW.map((m, l) => m.map((row, j) => row.map((g, i) => g + lambda * W[l]![j]![i]!)));
}

/**
 * One update of every parameter by the spec's optimizer, update number t (1, 2, …): the new
 * parameters and the new state. Frozen biases (train_biases: false) keep their value and their
 * zero state. The state given is not changed.
 */
export function applyOptimizer(
  spec: NetworkSpec,
  p: Params,
  dW: number[][][],
  db: BiasSpec[],
  before: OptimizerState,
  t: number,
): { W: number[][][]; b: BiasSpec[]; state: OptimizerState } {
  const rules = trainingRules(spec);
  const opt = OPTIMIZERS[rules.optimizer];
  const names = opt.state;
  const after = Object.fromEntries(names.map((n) => [n, zerosLike(p)])) as OptimizerState;
  const weight: StepContext = { rules, eta: spec.learning_rate, t, isWeight: true };
  const bias: StepContext = { ...weight, isWeight: false };
  const W = p.W.map((m, l) =>
    m.map((row, j) =>
      row.map((w, i) => {
        const st = names.map((n) => before[n]!.W[l]![j]![i]!);
        const next = opt.step(w, dW[l]![j]![i]!, st, weight);
        names.forEach((n, k) => {
          after[n]!.W[l]![j]![i] = st[k]!;
        });
        return next;
      }),
    ),
  );
  const b = p.b.map((bl, l) => {
    if (!spec.train_biases) return bl;
    if (typeof bl === "number") {
      const st = names.map((n) => before[n]!.b[l] as number);
      const next = opt.step(bl, db[l] as number, st, bias);
      names.forEach((n, k) => {
        after[n]!.b[l] = st[k]!;
      });
      return next;
    }
    return bl.map((bj, j) => {
      const st = names.map((n) => (before[n]!.b[l] as number[])[j]!);
      const next = opt.step(bj, (db[l] as number[])[j]!, st, bias);
      names.forEach((n, k) => {
        (after[n]!.b[l] as number[])[j] = st[k]!;
      });
      return next;
    });
  });
  return { W, b, state: after };
}
