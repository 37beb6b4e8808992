import type { Network } from "../network/index.js";
import { outputLayer } from "../network/index.js";
import type { BiasSpec, NetworkSpec, Sample } from "../spec/index.js";
import { trainingRules } from "../spec/index.js";
import { applyOptimizer, initialState, l2Term, withL2 } from "./apply.js";
import type { OptimizerState } from "./apply.js";

/** The parameters at one moment: weights per non-input layer, biases shaped like the spec's. */
export type { Params } from "./params.js";
import type { Params } from "./params.js";

/** One sample's forward and backward pass at fixed parameters. */
export interface SampleResult {
  input: number[];
  target: number[];
  /** Net input and activation, one vector per non-input layer. */
  z: number[][];
  a: number[][];
  loss: number;
  /** ∂L/∂a of the output layer (before the activation's derivative). */
  dL_da: number[];
  /** δ = ∂L/∂z, one vector per non-input layer. */
  dL_dz: number[][];
  /** ∂L/∂x: this sample's loss with respect to its input (W₁ᵀ δ₁). */
  dL_dx: number[];
  /** This sample's own gradients. */
  dL_dW: number[][][];
  dL_db: BiasSpec[];
}

/** One parameter update (CONTRACT §3) plus the parameters it started from. */
export interface UpdateResult {
  /** Indices into spec.samples. */
  sampleIndices: number[];
  samples: SampleResult[];
  before: Params;
  /** The samples' losses reduced, plus (λ/2)·Σw² at the parameters before. */
  loss: number;
  /** ∂loss/∂W, the l2 term λw included. */
  dL_dW: number[][][];
  /** ∂loss/∂W without the l2 term (the samples' gradients reduced); dL_dW itself when λ = 0. */
  dL_dW_loss: number[][][];
  dL_db: BiasSpec[];
  W: number[][][];
  b: BiasSpec[];
  loss_after: number;
  /** after − before, shaped like W and b. */
  step_W: number[][][];
  step_b: BiasSpec[];
  /** The update's number t = 1, 2, … over the whole run. */
  t: number;
  /** The optimizer's state after this update (CONTRACT §5); empty for sgd. */
  state: OptimizerState;
}

export class NumericError extends Error {}

const dot = (w: readonly number[], x: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * x[i]!;
  return s;
};

const biasValue = (b: BiasSpec, row: number): number => (typeof b === "number" ? b : b[row]!);

/** Forward pass, loss and backward pass of one sample. */
export function evaluateSample(net: Network, p: Params, sample: Sample): SampleResult {
  const z: number[][] = [];
  const a: number[][] = [];
  let prev = sample.input;
  for (let l = 1; l < net.layers.length; l++) {
    const W = p.W[l - 1]!;
    const zl = W.map((row, j) => dot(row, prev) + biasValue(p.b[l - 1]!, j));
    const al = net.layers[l]!.activation!.forward(zl);
    z.push(zl);
    a.push(al);
    prev = al;
  }
  const L = z.length;
  const out = outputLayer(net);
  const aOut = a[L - 1]!;
  const loss = net.loss.value(aOut, sample.target);
  const dL_da = net.loss.gradient(aOut, sample.target);

  // δ_out = J_f(z)ᵀ · ∂L/∂a   (the full Jacobian, so softmax keeps its cross terms)
  const dL_dz: number[][] = new Array(L);
  dL_dz[L - 1] = backThroughActivation(out.activation!, z[L - 1]!, aOut, dL_da);
  // δ_j = f′(z_j) · Σ_k w_kj δ_k   over exactly the neurons k that j feeds
  for (let l = L - 2; l >= 0; l--) {
    const Wn = p.W[l + 1]!;
    const dn = dL_dz[l + 1]!;
    const da = z[l]!.map((_, j) => {
      let s = 0;
      for (let k = 0; k < dn.length; k++) s += Wn[k]![j]! * dn[k]!;
      return s;
    });
    dL_dz[l] = backThroughActivation(net.layers[l + 1]!.activation!, z[l]!, a[l]!, da);
  }
  // ∂L/∂w_ij = δ_j · a_i ; ∂L/∂b_j = δ_j (a shared bias sums its neurons' deltas)
  const dL_dW = dL_dz.map((d, l) => {
    const inp = l === 0 ? sample.input : a[l - 1]!;
    return d.map((dj) => inp.map((ai) => dj * ai));
  });
  const dL_db = dL_dz.map((d, l) => (typeof p.b[l] === "number" ? d.reduce((s, x) => s + x, 0) : [...d]));
  // ∂L/∂x_i = Σ_j w_ji δ_j over the first layer's neurons
  const W1 = p.W[0]!;
  const d1 = dL_dz[0]!;
  const dL_dx = sample.input.map((_, i) => {
    let s = 0;
    for (let j = 0; j < d1.length; j++) s += W1[j]![i]! * d1[j]!;
    return s;
  });
  return { input: sample.input, target: sample.target, z, a, loss, dL_da, dL_dz, dL_dx, dL_dW, dL_db };
}

function backThroughActivation(
  f: NonNullable<Network["layers"][number]["activation"]>,
  z: number[],
  a: number[],
  dL_da: number[],
): number[] {
  if (f.elementwise) return z.map((zj, j) => dL_da[j]! * f.derivative(zj, a[j]!));
  const J = f.jacobian(z, a);
  return z.map((_, j) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += dL_da[i]! * J[i]![j]!;
    return s;
  });
}

function reduceLoss(spec: NetworkSpec, losses: number[]): number {
  const s = losses.reduce((x, y) => x + y, 0);
  return spec.reduction === "mean" ? s / losses.length : s;
}

/** Sum (or mean) of same-shaped nested arrays/numbers. */
function reduceShaped<T>(items: T[], scale: number): T {
  const first = items[0] as unknown;
  if (typeof first === "number") {
    return ((items as unknown as number[]).reduce((s, x) => s + x, 0) * scale) as T;
  }
  return (first as unknown[]).map((_, i) =>
    reduceShaped(
      items.map((it) => (it as unknown as unknown[])[i]),
      scale,
    ),
  ) as T;
}

/** The loss the update descends, for given parameters and samples: reduced, plus (λ/2)·Σw². */
export function reducedLoss(net: Network, p: Params, samples: Sample[]): number {
  const loss = reduceLoss(
    net.spec,
    samples.map((s) => evaluateSample(net, p, s).loss),
  );
  const lambda = trainingRules(net.spec).l2;
  return lambda === 0 ? loss : loss + l2Term(lambda, p.W);
}

/** The optimizer's state before the first update: t = 0, all state 0. */
export const startState = (net: Network, p: Params): { t: number; state: OptimizerState } => ({ t: 0, state: initialState(net.spec, p) });

/**
 * One update from the given samples: gradients at p, then every parameter moves at once by the
 * spec's optimizer. `prior`: the state after the previous update (none: the first update).
 */
export function updateStep(net: Network, p: Params, sampleIndices: number[], prior = startState(net, p)): UpdateResult {
  const spec = net.spec;
  const lambda = trainingRules(spec).l2;
  const picked = sampleIndices.map((i) => spec.samples[i]!);
  const samples = picked.map((s) => evaluateSample(net, p, s));
  const scale = spec.reduction === "mean" ? 1 / samples.length : 1;
  const dL_dW_loss = reduceShaped(
    samples.map((s) => s.dL_dW),
    scale,
  );
  const dL_dW = withL2(lambda, dL_dW_loss, p.W);
  const dL_db = reduceShaped(
    samples.map((s) => s.dL_db),
    scale,
  );
  const t = prior.t + 1;
  const { W, b, state } = applyOptimizer(spec, p, dL_dW, dL_db, prior.state, t);
  const sampleLoss = reduceLoss(
    spec,
    samples.map((s) => s.loss),
  );
  const loss = lambda === 0 ? sampleLoss : sampleLoss + l2Term(lambda, p.W);
  const loss_after = reducedLoss(net, { W, b }, picked);
  const step_W = W.map((m, l) => m.map((row, j) => row.map((w, i) => w - p.W[l]![j]![i]!)));
  const step_b = b.map((bl, l) => (typeof bl === "number" ? bl - (p.b[l] as number) : bl.map((bj, j) => bj - (p.b[l] as number[])[j]!)));
  const result = { sampleIndices, samples, before: p, loss, dL_dW, dL_dW_loss, dL_db, W, b, loss_after, step_W, step_b, t, state };
  assertFinite(result, sampleIndices);
  return result;
}

function assertFinite(u: UpdateResult, idx: number[]): void {
  const bad = (x: unknown): boolean => (typeof x === "number" ? !Number.isFinite(x) : Array.isArray(x) ? x.some(bad) : false);
  const state = Object.values(u.state).map((q) => [q.W, q.b]);
  if (bad([u.loss, u.loss_after, u.W, u.b, state, u.samples.map((s) => [s.z, s.a, s.dL_dz, s.dL_dx])])) {
    throw new NumericError(
      `the numbers leave double precision (a loss of ln 0, an overflow) in the update from sample(s) ${idx.join(", ")}`,
    );
  }
}

/** Every update the spec asks for: online (one per sample) or batch, repeated for each epoch. */
export function train(net: Network): UpdateResult[] {
  const spec = net.spec;
  if (!spec.weights || spec.samples.length === 0) return [];
  let p: Params = { W: spec.weights, b: spec.biases };
  let prior = startState(net, p);
  const updates: UpdateResult[] = [];
  const all = spec.samples.map((_, i) => i);
  for (let e = 0; e < spec.epochs; e++) {
    const groups = spec.mode === "batch" ? [all] : all.map((i) => [i]);
    for (const g of groups) {
      const u = updateStep(net, p, g, prior);
      updates.push(u);
      p = { W: u.W, b: u.b };
      prior = { t: u.t, state: u.state };
    }
  }
  return updates;
}
