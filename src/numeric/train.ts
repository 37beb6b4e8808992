import type { Network } from "../network/index.js";
import { gradients, NUMBERS } from "../network/index.js";
import type { ChainNode } from "../network/index.js";
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
  const aOut = a[L - 1]!;
  const loss = net.loss.value(aOut, sample.target);
  const dL_da = net.loss.gradient(aOut, sample.target);

  // The backward pass is the chain rule's walk (network/chain.ts) over this sample's computation,
  // with numbers for local derivatives: δ = ∂L/∂z at the net inputs, ∂L/∂x at the inputs.
  const ids = sampleIds(net);
  const grad = gradients(sampleComputation(net, p, z, a, dL_da, ids), ids.loss, NUMBERS);
  const gradientAt = (id: number): number => grad.get(id) ?? 0;
  const dL_dz = ids.z.map((layer) => layer.map(gradientAt));
  const dL_dx = ids.a[0]!.map(gradientAt);
  // ∂L/∂w_ij = δ_j · a_i ; ∂L/∂b_j = δ_j (a shared bias sums its neurons' deltas)
  const dL_dW = dL_dz.map((d, l) => {
    const inp = l === 0 ? sample.input : a[l - 1]!;
    return d.map((dj) => inp.map((ai) => dj * ai));
  });
  const dL_db = dL_dz.map((d, l) => (typeof p.b[l] === "number" ? d.reduce((s, x) => s + x, 0) : [...d]));
  return { input: sample.input, target: sample.target, z, a, loss, dL_da, dL_dz, dL_dx, dL_dW, dL_db };
}

/**
 * The numeric ids of a sample's computation: a[0] the inputs, then per non-input layer its net
 * inputs z[l] and activations a[l + 1], each block numbered consecutively; the loss last. Numbers,
 * not symbol ids, because the walk runs once per sample in the training loop.
 */
interface SampleIds {
  z: number[][];
  a: number[][];
  loss: number;
}

const idsCache = new WeakMap<Network, SampleIds>();

function sampleIds(net: Network): SampleIds {
  let ids = idsCache.get(net);
  if (ids) return ids;
  let next = 0;
  const block = (n: number): number[] => Array.from({ length: n }, () => next++);
  const a = [block(net.layers[0]!.neurons.length)];
  const z: number[][] = [];
  for (let l = 1; l < net.layers.length; l++) {
    z.push(block(net.layers[l]!.neurons.length));
    a.push(block(net.layers[l]!.neurons.length));
  }
  idsCache.set(net, (ids = { z, a, loss: next }));
  return ids;
}

/**
 * One sample's computation as chain-rule nodes, in forward order, with its numbers for local
 * derivatives: z_j reads the activations before it (∂z_j/∂a_i = w_ji); a_j reads z_j by f′(z_j),
 * or every z of its layer by the Jacobian entry J[j][i] when the activation is not elementwise
 * (softmax keeps its cross terms); the loss reads the outputs by ∂L/∂a_k. The parameters are not
 * inputs here: their gradients δ_j·a_i and δ_j are products the caller writes directly.
 */
function sampleComputation(
  net: Network,
  p: Params,
  z: number[][],
  a: number[][],
  dL_da: number[],
  ids: SampleIds,
): ChainNode<number, number>[] {
  const nodes: ChainNode<number, number>[] = [];
  for (let l = 0; l < z.length; l++) {
    const W = p.W[l]!;
    const reads = ids.a[l]!;
    const base = reads[0]!;
    ids.z[l]!.forEach((id, j) => nodes.push({ id, inputs: reads, local: (input) => W[j]![input - base]! }));
    const f = net.layers[l + 1]!.activation!;
    const zl = z[l]!;
    const al = a[l]!;
    const zIds = ids.z[l]!;
    const zBase = zIds[0]!;
    if (f.elementwise) {
      ids.a[l + 1]!.forEach((id, j) => nodes.push({ id, inputs: [zIds[j]!], local: () => f.derivative(zl[j]!, al[j]!) }));
    } else {
      const J = f.jacobian(zl, al);
      ids.a[l + 1]!.forEach((id, j) => nodes.push({ id, inputs: zIds, local: (input) => J[j]![input - zBase]! }));
    }
  }
  const outputs = ids.a[z.length]!;
  const outBase = outputs[0]!;
  nodes.push({ id: ids.loss, inputs: outputs, local: (input) => dL_da[input - outBase]! });
  return nodes;
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
