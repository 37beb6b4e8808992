/**
 * An independent reference ("oracle") for the answer key of CONTRACT §3.
 *
 * Deliberately separate from src/: nothing here is imported from the product. It is written to
 * be obviously right rather than fast:
 *
 *  - the forward pass, the activations and the losses are evaluated directly from their formulas;
 *  - every gradient (∂loss/∂W, ∂loss/∂b, and each sample's ∂L/∂z) is taken by CENTRAL FINITE
 *    DIFFERENCES of the loss, with one Richardson extrapolation step (error O(h⁴)); a net input z
 *    is perturbed directly through a forward pass that accepts a z-override;
 *  - the update is simultaneous: all gradients at the parameters before the update, then
 *    W ← W − η·∂loss/∂W (and the biases likewise, unless train_biases is false).
 *
 * An analytic back-propagation variant is included for cross-checking (and to produce parameter
 * trajectories exact to rounding, since FD gradients carry ~1e-10 of error into W).
 */

export type ActName = "identity" | "relu" | "leaky-relu" | "sigmoid" | "tanh" | "softmax" | "softplus" | "elu";
export type LossName = "half-sse" | "sse" | "mse" | "cross-entropy" | "bce";
export type Bias = number | number[];

export interface RefSample {
  input: number[];
  target: number[];
}

/** A spec reduced to what the numbers need, defaults filled in. */
export interface RefSpec {
  learning_rate: number;
  loss: LossName;
  reduction: "mean" | "sum";
  mode: "online" | "batch";
  epochs: number;
  /** Layer sizes, input layer first. */
  sizes: number[];
  /** One activation per non-input layer. */
  acts: ActName[];
  W: number[][][];
  b: Bias[];
  train_biases: boolean;
  samples: RefSample[];
}

export interface Params {
  W: number[][][];
  b: Bias[];
}

export interface KeySample {
  input: number[];
  target: number[];
  z: number[][];
  a: number[][];
  loss: number;
  dL_dz: number[][];
}

export interface KeyUpdate {
  samples: KeySample[];
  loss: number;
  dL_dW: number[][][];
  dL_db: Bias[];
  W: number[][][];
  b: Bias[];
  loss_after: number;
}

export interface AnswerKey {
  format: "backprop-derive/answer-key@1";
  updates: KeyUpdate[];
}

export const LEAK = 0.01;

// ───────────────────────────── spec normalisation ─────────────────────────────

const ACTS: ActName[] = ["identity", "relu", "leaky-relu", "sigmoid", "tanh", "softmax", "softplus", "elu"];
const LOSSES: LossName[] = ["half-sse", "sse", "mse", "cross-entropy", "bce"];

/** Reads a parsed YAML/JSON spec object (CONTRACT §2) and fills in the defaults. */
export function normalizeSpec(obj: any): RefSpec {
  if (!obj || typeof obj !== "object") throw new Error("spec must be an object");
  const layers = obj.layers as { size: number; activation?: string }[];
  if (!Array.isArray(layers) || layers.length < 2) throw new Error("spec needs at least two layers");
  const sizes = layers.map((l) => l.size);
  const acts = layers.slice(1).map((l) => {
    const a = (l.activation ?? "identity") as ActName;
    if (!ACTS.includes(a)) throw new Error(`unknown activation ${a}`);
    return a;
  });
  if (!LOSSES.includes(obj.loss)) throw new Error(`unknown loss ${obj.loss}`);
  if (!Array.isArray(obj.weights)) throw new Error("the oracle needs weights");
  const W = obj.weights as number[][][];
  W.forEach((m, l) => {
    if (m.length !== sizes[l + 1]) throw new Error(`weights[${l}] has ${m.length} rows, want ${sizes[l + 1]}`);
    m.forEach((row) => {
      if (row.length !== sizes[l]) throw new Error(`weights[${l}] rows need ${sizes[l]} columns`);
    });
  });
  const b: Bias[] = sizes.slice(1).map((n, l) => {
    const v = obj.biases?.[l];
    if (v === undefined) return new Array(n).fill(0);
    if (typeof v === "number") return v;
    if (v.length !== n) throw new Error(`biases[${l}] needs ${n} entries`);
    return [...v];
  });
  let samples: RefSample[];
  if (Array.isArray(obj.samples)) samples = obj.samples.map((s: RefSample) => ({ input: s.input, target: s.target }));
  else if (obj.input !== undefined) samples = [{ input: obj.input, target: obj.target }];
  else throw new Error("the oracle needs samples");
  return {
    learning_rate: obj.learning_rate,
    loss: obj.loss,
    reduction: obj.reduction ?? "mean",
    mode: obj.mode ?? "online",
    epochs: obj.epochs ?? 1,
    sizes,
    acts,
    W: W.map((m) => m.map((r) => [...r])),
    b,
    train_biases: obj.train_biases ?? true,
    samples,
  };
}

// ───────────────────────────── activations and losses ─────────────────────────────

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function activate(f: ActName, z: number[]): number[] {
  switch (f) {
    case "identity":
      return z.slice();
    case "relu":
      return z.map((v) => (v > 0 ? v : 0));
    case "leaky-relu":
      return z.map((v) => (v >= 0 ? v : LEAK * v));
    case "sigmoid":
      return z.map(sigmoid);
    case "tanh":
      return z.map(Math.tanh);
    case "softplus":
      return z.map((v) => (v > 30 ? v : Math.log(1 + Math.exp(v))));
    case "elu":
      return z.map((v) => (v > 0 ? v : Math.exp(v) - 1));
    case "softmax": {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      let s = 0;
      for (const v of e) s += v;
      return e.map((v) => v / s);
    }
  }
}

/** ∂a_i/∂z_j of one layer (a diagonal matrix except for softmax). ReLU′(0) = 0, leaky′(0) = 0.01. */
export function activationJacobian(f: ActName, z: number[], a: number[]): number[][] {
  const n = z.length;
  const J = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    switch (f) {
      case "identity":
        J[i][i] = 1;
        break;
      case "relu":
        J[i][i] = z[i] > 0 ? 1 : 0;
        break;
      case "leaky-relu":
        J[i][i] = z[i] > 0 ? 1 : LEAK;
        break;
      case "sigmoid":
        J[i][i] = a[i] * (1 - a[i]);
        break;
      case "tanh":
        J[i][i] = 1 - a[i] * a[i];
        break;
      case "softplus":
        J[i][i] = sigmoid(z[i]);
        break;
      case "elu":
        J[i][i] = z[i] > 0 ? 1 : Math.exp(z[i]);
        break;
      case "softmax":
        for (let j = 0; j < n; j++) J[i][j] = a[i] * ((i === j ? 1 : 0) - a[j]);
        break;
    }
  }
  return J;
}

/** The loss of one sample: y = network output, t = target. A term whose coefficient is 0 is 0. */
export function lossValue(name: LossName, y: number[], t: number[]): number {
  const K = y.length;
  let s = 0;
  for (let k = 0; k < K; k++) {
    const d = t[k] - y[k];
    switch (name) {
      case "half-sse":
        s += 0.5 * d * d;
        break;
      case "sse":
        s += d * d;
        break;
      case "mse":
        s += (d * d) / K;
        break;
      case "cross-entropy":
        s += t[k] === 0 ? 0 : -t[k] * Math.log(y[k]);
        break;
      case "bce":
        s += (t[k] === 0 ? 0 : -t[k] * Math.log(y[k])) + (t[k] === 1 ? 0 : -(1 - t[k]) * Math.log(1 - y[k]));
        break;
    }
  }
  return s;
}

/** ∂L/∂y of one sample (analytic; used only by the analytic variant). */
export function lossGradient(name: LossName, y: number[], t: number[]): number[] {
  const K = y.length;
  return y.map((yk, k) => {
    switch (name) {
      case "half-sse":
        return yk - t[k];
      case "sse":
        return 2 * (yk - t[k]);
      case "mse":
        return (2 / K) * (yk - t[k]);
      case "cross-entropy":
        return t[k] === 0 ? 0 : -t[k] / yk;
      case "bce":
        return (t[k] === 0 ? 0 : -t[k] / yk) + (t[k] === 1 ? 0 : (1 - t[k]) / (1 - yk));
    }
  });
}

// ───────────────────────────── forward pass ─────────────────────────────

export interface ZOverride {
  layer: number; // 0 = first non-input layer
  index: number;
  delta: number;
}

export interface Forward {
  z: number[][];
  a: number[][];
  /** Which side of the kink every ReLU / leaky-ReLU net input is on (FD must not cross one). */
  kinks: string;
}

const biasAt = (b: Bias, j: number): number => (typeof b === "number" ? b : b[j]);

export function forward(s: RefSpec, p: Params, input: number[], override?: ZOverride): Forward {
  if (input.length !== s.sizes[0]) throw new Error(`input has ${input.length} entries, want ${s.sizes[0]}`);
  const z: number[][] = [];
  const a: number[][] = [];
  let kinks = "";
  let prev = input;
  for (let l = 0; l < s.acts.length; l++) {
    const zl = p.W[l].map((row, j) => {
      let v = 0;
      for (let i = 0; i < row.length; i++) v += row[i] * prev[i];
      v += biasAt(p.b[l], j);
      if (override && override.layer === l && override.index === j) v += override.delta;
      return v;
    });
    // ELU's f′ is continuous at 0 but f″ jumps, so central differences across 0 lose their accuracy too
    if (s.acts[l] === "relu" || s.acts[l] === "leaky-relu" || s.acts[l] === "elu") {
      kinks += zl.map((v) => (v > 0 ? "+" : v < 0 ? "-" : "0")).join("") + "|";
    }
    const al = activate(s.acts[l], zl);
    z.push(zl);
    a.push(al);
    prev = al;
  }
  return { z, a, kinks };
}

export function sampleLoss(s: RefSpec, p: Params, smp: RefSample, override?: ZOverride): { loss: number; kinks: string } {
  const f = forward(s, p, smp.input, override);
  if (smp.target.length !== s.sizes[s.sizes.length - 1]) throw new Error("target length does not match the output layer");
  return { loss: lossValue(s.loss, f.a[f.a.length - 1], smp.target), kinks: f.kinks };
}

export function reduce(s: RefSpec, losses: number[]): number {
  let t = 0;
  for (const v of losses) t += v;
  return s.reduction === "mean" ? t / losses.length : t;
}

export function reducedLoss(s: RefSpec, p: Params, samples: RefSample[]): { loss: number; kinks: string } {
  const r = samples.map((smp) => sampleLoss(s, p, smp));
  return {
    loss: reduce(
      s,
      r.map((x) => x.loss),
    ),
    kinks: r.map((x) => x.kinks).join("/"),
  };
}

// ───────────────────────────── finite differences ─────────────────────────────

export class KinkError extends Error {}

/**
 * d f(x+h)/dh at h = 0 by central differences with one Richardson step:
 * D(h) = (f(h) − f(−h)) / 2h,  D* = (4 D(h/2) − D(h)) / 3.
 * The step shrinks until no ReLU (or ELU) net input changes sign inside [−h, h].
 */
export function centralDifference(f: (h: number) => { loss: number; kinks: string }): number {
  const base = f(0).kinks;
  for (const h of [1e-3, 1e-4, 1e-5, 1e-6]) {
    const pts = [h, -h, h / 2, -h / 2].map(f);
    if (pts.some((p) => p.kinks !== base)) continue;
    const D1 = (pts[0].loss - pts[1].loss) / (2 * h);
    const D2 = (pts[2].loss - pts[3].loss) / h;
    return (4 * D2 - D1) / 3;
  }
  throw new KinkError("finite differences are undefined here: a ReLU net input sits on its kink (z = 0)");
}

const cloneParams = (p: Params): Params => ({
  W: p.W.map((m) => m.map((r) => [...r])),
  b: p.b.map((v) => (typeof v === "number" ? v : [...v])),
});

/** ∂(reduced loss of `samples`)/∂θ for every weight and bias, by finite differences. */
export function fdParamGradients(s: RefSpec, p: Params, samples: RefSample[]): { dW: number[][][]; db: Bias[] } {
  const dW = p.W.map((m, l) =>
    m.map((row, j) =>
      row.map((_, i) =>
        centralDifference((h) => {
          const q = cloneParams(p);
          q.W[l][j][i] += h;
          return reducedLoss(s, q, samples);
        }),
      ),
    ),
  );
  const db: Bias[] = p.b.map((bl, l) => {
    if (typeof bl === "number") {
      return centralDifference((h) => {
        const q = cloneParams(p);
        q.b[l] = (q.b[l] as number) + h;
        return reducedLoss(s, q, samples);
      });
    }
    return bl.map((_, j) =>
      centralDifference((h) => {
        const q = cloneParams(p);
        (q.b[l] as number[])[j] += h;
        return reducedLoss(s, q, samples);
      }),
    );
  });
  return { dW, db };
}

/** ∂(this sample's loss)/∂z for every net input, perturbing z itself. */
export function fdNetInputGradients(s: RefSpec, p: Params, smp: RefSample): number[][] {
  return s.sizes
    .slice(1)
    .map((n, l) => Array.from({ length: n }, (_, j) => centralDifference((h) => sampleLoss(s, p, smp, { layer: l, index: j, delta: h }))));
}

// ───────────────────────────── analytic variant ─────────────────────────────

/** Plain back-propagation of one sample: δ_out = J_f(z)ᵀ ∂L/∂a, δ_l = J_f(z_l)ᵀ (W_{l+1}ᵀ δ_{l+1}). */
export function analyticSample(s: RefSpec, p: Params, smp: RefSample): { dz: number[][]; dW: number[][][]; db: Bias[] } {
  const { z, a } = forward(s, p, smp.input);
  const L = s.acts.length;
  const dz: number[][] = new Array(L);
  const backThrough = (l: number, dA: number[]): number[] => {
    const J = activationJacobian(s.acts[l], z[l], a[l]);
    return z[l].map((_, j) => {
      let v = 0;
      for (let i = 0; i < dA.length; i++) v += dA[i] * J[i][j];
      return v;
    });
  };
  dz[L - 1] = backThrough(L - 1, lossGradient(s.loss, a[L - 1], smp.target));
  for (let l = L - 2; l >= 0; l--) {
    const dA = z[l].map((_, j) => {
      let v = 0;
      for (let k = 0; k < dz[l + 1].length; k++) v += p.W[l + 1][k][j] * dz[l + 1][k];
      return v;
    });
    dz[l] = backThrough(l, dA);
  }
  const dW = dz.map((d, l) => {
    const inp = l === 0 ? smp.input : a[l - 1];
    return d.map((dj) => inp.map((x) => dj * x));
  });
  const db: Bias[] = dz.map((d, l) => (typeof p.b[l] === "number" ? d.reduce((x, y) => x + y, 0) : [...d]));
  return { dz, dW, db };
}

function analyticParamGradients(s: RefSpec, p: Params, samples: RefSample[]): { dW: number[][][]; db: Bias[] } {
  const per = samples.map((smp) => analyticSample(s, p, smp));
  const k = s.reduction === "mean" ? 1 / samples.length : 1;
  const dW = p.W.map((m, l) => m.map((row, j) => row.map((_, i) => k * per.reduce((t, g) => t + g.dW[l][j][i], 0))));
  const db: Bias[] = p.b.map((bl, l) =>
    typeof bl === "number"
      ? k * per.reduce((t, g) => t + (g.db[l] as number), 0)
      : bl.map((_, j) => k * per.reduce((t, g) => t + (g.db[l] as number[])[j], 0)),
  );
  return { dW, db };
}

// ───────────────────────────── one update, the whole key ─────────────────────────────

export type GradientMethod = "fd" | "analytic";

/** One simultaneous update from `samples` at parameters `p`. */
export function referenceUpdate(s: RefSpec, p: Params, samples: RefSample[], method: GradientMethod = "fd"): KeyUpdate {
  const keySamples: KeySample[] = samples.map((smp) => {
    const f = forward(s, p, smp.input);
    const out = f.a[f.a.length - 1];
    return {
      input: [...smp.input],
      target: [...smp.target],
      z: f.z,
      a: f.a,
      loss: lossValue(s.loss, out, smp.target),
      dL_dz: method === "fd" ? fdNetInputGradients(s, p, smp) : analyticSample(s, p, smp).dz,
    };
  });
  const loss = reduce(
    s,
    keySamples.map((k) => k.loss),
  );
  const g = method === "fd" ? fdParamGradients(s, p, samples) : analyticParamGradients(s, p, samples);
  const eta = s.learning_rate;
  const W = p.W.map((m, l) => m.map((row, j) => row.map((w, i) => w - eta * g.dW[l][j][i])));
  const b: Bias[] = p.b.map((bl, l) => {
    if (!s.train_biases) return typeof bl === "number" ? bl : [...bl];
    return typeof bl === "number" ? bl - eta * (g.db[l] as number) : bl.map((v, j) => v - eta * (g.db[l] as number[])[j]);
  });
  const loss_after = reducedLoss(s, { W, b }, samples).loss;
  return { samples: keySamples, loss, dL_dW: g.dW, dL_db: g.db, W, b, loss_after };
}

/** The sample groups of every update, in order: online = one per sample, batch = all; × epochs. */
export function updateGroups(s: RefSpec): RefSample[][] {
  const groups: RefSample[][] = [];
  for (let e = 0; e < s.epochs; e++) {
    if (s.mode === "batch") groups.push(s.samples);
    else for (const smp of s.samples) groups.push([smp]);
  }
  return groups;
}

/**
 * The CONTRACT §3 answer key of a spec object (as parsed from YAML/JSON).
 * Gradients by finite differences unless `{ gradients: "analytic" }`.
 */
export function referenceAnswerKey(specObject: unknown, opts: { gradients?: GradientMethod } = {}): AnswerKey {
  const s = normalizeSpec(specObject);
  let p: Params = { W: s.W, b: s.b };
  const updates: KeyUpdate[] = [];
  for (const group of updateGroups(s)) {
    const u = referenceUpdate(s, p, group, opts.gradients ?? "fd");
    updates.push(u);
    p = { W: u.W, b: u.b };
  }
  return { format: "backprop-derive/answer-key@1", updates };
}
