/**
 * An independent reference for CONTRACT §5: the optimizers, L2 and ∂L/∂x, written from the
 * formulas (PyTorch's torch.optim as its documentation writes the algorithms), importing
 * nothing from src/. It builds on the §3 oracle (tests/oracle/reference.ts) for the forward
 * pass and the per-sample back-propagation.
 *
 *  - the update's loss is the samples' losses reduced plus (λ/2)·Σ w² over every weight;
 *  - gradients are central finite differences of that loss, each checked against itself (two
 *    step sizes must agree, else it is NaN: "no trustworthy estimate here") (or, for exact trajectories, the
 *    analytic per-sample gradients reduced, plus λ·w for each weight);
 *  - ∂L/∂x by central finite differences of the sample's own loss in each input;
 *  - each optimizer's step per parameter, state kept per parameter in a map keyed by name.
 */
import {
  KinkError,
  analyticSample,
  forward,
  lossValue,
  normalizeSpec,
  reduce,
  updateGroups,
  type Bias,
  type KeySample,
  type Params,
  type RefSample,
  type RefSpec,
} from "./reference.js";

export type OptName = "sgd" | "momentum" | "nesterov" | "rmsprop" | "adam" | "adamw";

export interface Rules {
  optimizer: OptName;
  momentum: number;
  rho: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  l2: number;
  weight_decay: number;
}

/** CONTRACT §5's defaults, written out again here. */
export function readRules(obj: any): Rules {
  return {
    optimizer: obj.optimizer ?? "sgd",
    momentum: obj.momentum ?? 0.9,
    rho: obj.rho ?? 0.9,
    beta1: obj.beta1 ?? 0.9,
    beta2: obj.beta2 ?? 0.999,
    epsilon: obj.epsilon ?? 1e-8,
    l2: obj.l2 ?? 0,
    weight_decay: obj.weight_decay ?? 0,
  };
}

/** The state names each optimizer keeps, in the key's order. */
export const STATE_NAMES: Record<OptName, string[]> = {
  sgd: [],
  momentum: ["v"],
  nesterov: ["v"],
  rmsprop: ["s"],
  adam: ["m", "s"],
  adamw: ["m", "s"],
};

export interface TrainingSample extends KeySample {
  dL_dx: number[];
}

export interface TrainingUpdate {
  samples: TrainingSample[];
  loss: number;
  dL_dW: number[][][];
  dL_db: Bias[];
  W: number[][][];
  b: Bias[];
  loss_after: number;
  step_W: number[][][];
  step_b: Bias[];
  state: Record<string, number[][][] | Bias[]>;
}

// ───────────────────────────── loss with l2, its gradients ─────────────────────────────

function sumOfSquaredWeights(W: number[][][]): number {
  let s = 0;
  for (const m of W) for (const row of m) for (const w of row) s += w * w;
  return s;
}

function sampleLossAt(s: RefSpec, p: Params, smp: RefSample, input = smp.input): { loss: number; kinks: string } {
  const f = forward(s, p, input);
  return { loss: lossValue(s.loss, f.a[f.a.length - 1], smp.target), kinks: f.kinks };
}

/** The loss one update descends: the samples' own losses, reduced, plus (λ/2)·Σw². */
export function trainingLoss(s: RefSpec, r: Rules, p: Params, samples: RefSample[]): { loss: number; kinks: string } {
  const each = samples.map((smp) => sampleLossAt(s, p, smp));
  const data = reduce(
    s,
    each.map((e) => e.loss),
  );
  return { loss: data + (r.l2 / 2) * sumOfSquaredWeights(p.W), kinks: each.map((e) => e.kinks).join("/") };
}

const copy = (p: Params): Params => ({
  W: p.W.map((m) => m.map((row) => [...row])),
  b: p.b.map((v) => (typeof v === "number" ? v : [...v])),
});

/**
 * d f(x+h)/dh at h = 0: central differences with one Richardson step, at two step sizes h and
 * h/10 that cross no ReLU kink. Where the two disagree (a loss that varies on a scale of h, a
 * rounding error from a huge loss, ln 0 nearby) there is no trustworthy estimate: NaN.
 */
export function checkedDifference(f: (h: number) => { loss: number; kinks: string }): number {
  const base = f(0).kinks;
  // Each estimate also carries rounding: about 4·ε·|L|/h (ε = 2.2e-16), large for a huge loss.
  const richardson = (h: number): { d: number; rounding: number } | undefined => {
    const pts = [h, -h, h / 2, -h / 2].map(f);
    if (pts.some((q) => q.kinks !== base)) return undefined;
    const d = (4 * ((pts[2]!.loss - pts[3]!.loss) / h) - (pts[0]!.loss - pts[1]!.loss) / (2 * h)) / 3;
    return { d, rounding: (4 * 2.2e-16 * Math.max(...pts.map((q) => Math.abs(q.loss)))) / h };
  };
  for (const h of [1e-3, 1e-4, 1e-5]) {
    const coarse = richardson(h);
    const fine = richardson(h / 10);
    if (coarse === undefined || fine === undefined) continue;
    const scale = Math.max(1, Math.abs(fine.d));
    const agree = Number.isFinite(coarse.d) && Number.isFinite(fine.d) && Math.abs(coarse.d - fine.d) <= 1e-8 * scale;
    return agree && fine.rounding <= 1e-9 * scale ? fine.d : NaN;
  }
  throw new KinkError("finite differences are undefined here: a ReLU net input sits on its kink (z = 0)");
}

const centralDifference = checkedDifference;

/** ∂(training loss)/∂θ for every weight and bias, by checked central finite differences (NaN: untrusted). */
export function fdTrainingGradients(s: RefSpec, r: Rules, p: Params, samples: RefSample[]): { dW: number[][][]; db: Bias[] } {
  const dW = p.W.map((m, l) =>
    m.map((row, j) =>
      row.map((_, i) =>
        centralDifference((h) => {
          const q = copy(p);
          q.W[l][j][i] += h;
          return trainingLoss(s, r, q, samples);
        }),
      ),
    ),
  );
  const db: Bias[] = p.b.map((bl, l) => {
    if (typeof bl === "number") {
      return centralDifference((h) => {
        const q = copy(p);
        q.b[l] = (q.b[l] as number) + h;
        return trainingLoss(s, r, q, samples);
      });
    }
    return bl.map((_, j) =>
      centralDifference((h) => {
        const q = copy(p);
        (q.b[l] as number[])[j] += h;
        return trainingLoss(s, r, q, samples);
      }),
    );
  });
  return { dW, db };
}

/** The same gradients from per-sample back-propagation, reduced, plus λw for each weight. */
export function analyticTrainingGradients(s: RefSpec, r: Rules, p: Params, samples: RefSample[]): { dW: number[][][]; db: Bias[] } {
  const per = samples.map((smp) => analyticSample(s, p, smp));
  const k = s.reduction === "mean" ? 1 / samples.length : 1;
  const dW = p.W.map((m, l) => m.map((row, j) => row.map((w, i) => k * per.reduce((t, g) => t + g.dW[l][j][i], 0) + r.l2 * w)));
  const db: Bias[] = p.b.map((bl, l) =>
    typeof bl === "number"
      ? k * per.reduce((t, g) => t + (g.db[l] as number), 0)
      : bl.map((_, j) => k * per.reduce((t, g) => t + (g.db[l] as number[])[j], 0)),
  );
  return { dW, db };
}

/** ∂(this sample's own loss)/∂x_i, by checked central finite differences in each input (NaN: untrusted). */
export function fdInputGradient(s: RefSpec, p: Params, smp: RefSample): number[] {
  return smp.input.map((_, i) =>
    centralDifference((h) => {
      const x = [...smp.input];
      x[i] += h;
      return sampleLossAt(s, p, smp, x);
    }),
  );
}

// ───────────────────────────── the optimizers, one parameter at a time ─────────────────────────────

export interface ParamState {
  v: number;
  m: number;
  s: number;
}

/**
 * One parameter's update, written as PyTorch's documentation writes each algorithm (dampening
 * 0, no amsgrad, not centered; the weight decay of torch.optim is not used: l2 is in g).
 * `st` is updated in place; returns the new θ.
 */
export function stepParameter(r: Rules, eta: number, t: number, isWeight: boolean, theta: number, g: number, st: ParamState): number {
  switch (r.optimizer) {
    case "sgd":
      return theta - eta * g;
    case "momentum":
    case "nesterov": {
      // b_t = g on the first step, μ b_{t−1} + g after; nesterov steps along g + μ b_t
      st.v = t === 1 ? g : r.momentum * st.v + g;
      const direction = r.optimizer === "nesterov" ? g + r.momentum * st.v : st.v;
      return theta - eta * direction;
    }
    case "rmsprop": {
      st.s = r.rho * st.s + (1 - r.rho) * g * g;
      return theta - (eta * g) / (Math.sqrt(st.s) + r.epsilon);
    }
    case "adam":
    case "adamw": {
      // adamw: θ_t ← θ_{t−1} − γ λ θ_{t−1} (torch writes θ·(1 − γλ)), weights only here
      const decayed = r.optimizer === "adamw" && isWeight ? theta * (1 - eta * r.weight_decay) : theta;
      st.m = r.beta1 * st.m + (1 - r.beta1) * g;
      st.s = r.beta2 * st.s + (1 - r.beta2) * g * g;
      // torch's implementation: step_size = γ / bias_correction1, denom = √s/√bias_correction2 + ε
      const bc1 = 1 - Math.pow(r.beta1, t);
      const bc2 = 1 - Math.pow(r.beta2, t);
      return decayed - ((eta / bc1) * st.m) / (Math.sqrt(st.s) / Math.sqrt(bc2) + r.epsilon);
    }
  }
}

/** Per-parameter state by name ("W 1 2 0", "b 0 1", "b 1" for a shared bias). */
export type StateMap = Map<string, ParamState>;

const stateOf = (map: StateMap, key: string): ParamState => {
  let st = map.get(key);
  if (!st) {
    st = { v: 0, m: 0, s: 0 };
    map.set(key, st);
  }
  return st;
};

/** The state map laid out as the key's `state` field: {v_W, v_b} etc., shaped like W and b. */
export function stateField(r: Rules, p: Params, map: StateMap): Record<string, number[][][] | Bias[]> {
  const out: Record<string, number[][][] | Bias[]> = {};
  for (const n of STATE_NAMES[r.optimizer] as (keyof ParamState)[]) {
    out[`${n}_W`] = p.W.map((m, l) => m.map((row, j) => row.map((_, i) => map.get(`W ${l} ${j} ${i}`)?.[n] ?? 0)));
    out[`${n}_b`] = p.b.map((bl, l) =>
      typeof bl === "number" ? (map.get(`b ${l}`)?.[n] ?? 0) : bl.map((_, j) => map.get(`b ${l} ${j}`)?.[n] ?? 0),
    );
  }
  return out;
}

/** Every parameter moved by the optimizer (update number t); frozen biases stay, with no state. */
export function applyRules(s: RefSpec, r: Rules, p: Params, g: { dW: number[][][]; db: Bias[] }, map: StateMap, t: number): Params {
  const eta = s.learning_rate;
  const W = p.W.map((m, l) =>
    m.map((row, j) => row.map((w, i) => stepParameter(r, eta, t, true, w, g.dW[l][j][i], stateOf(map, `W ${l} ${j} ${i}`)))),
  );
  const b: Bias[] = p.b.map((bl, l) => {
    if (!s.train_biases) return typeof bl === "number" ? bl : [...bl];
    if (typeof bl === "number") return stepParameter(r, eta, t, false, bl, g.db[l] as number, stateOf(map, `b ${l}`));
    return bl.map((v, j) => stepParameter(r, eta, t, false, v, (g.db[l] as number[])[j], stateOf(map, `b ${l} ${j}`)));
  });
  return { W, b };
}

/** A StateMap from a key's `state` field (to replay one update from the key's own state). */
export function stateMapFrom(r: Rules, p: Params, field: Record<string, any> | undefined): StateMap {
  const map: StateMap = new Map();
  if (!field) return map;
  for (const n of STATE_NAMES[r.optimizer] as (keyof ParamState)[]) {
    p.W.forEach((m, l) =>
      m.forEach((row, j) =>
        row.forEach((_, i) => {
          stateOf(map, `W ${l} ${j} ${i}`)[n] = field[`${n}_W`]?.[l]?.[j]?.[i];
        }),
      ),
    );
    p.b.forEach((bl, l) => {
      if (typeof bl === "number") stateOf(map, `b ${l}`)[n] = field[`${n}_b`]?.[l];
      else
        bl.forEach((_, j) => {
          stateOf(map, `b ${l} ${j}`)[n] = field[`${n}_b`]?.[l]?.[j];
        });
    });
  }
  return map;
}

// ───────────────────────────── the whole key ─────────────────────────────

const minus = (a: Params, b: Params): { W: number[][][]; b: Bias[] } => ({
  W: a.W.map((m, l) => m.map((row, j) => row.map((w, i) => w - b.W[l][j][i]))),
  b: a.b.map((bl, l) => (typeof bl === "number" ? bl - (b.b[l] as number) : bl.map((v, j) => v - (b.b[l] as number[])[j]))),
});

/** CONTRACT §3 + §5's key of a spec object. Gradients by finite differences unless "analytic". */
export function referenceTrainingKey(
  specObject: any,
  opts: { gradients?: "fd" | "analytic" } = {},
): { format: string; updates: TrainingUpdate[] } {
  const s = normalizeSpec(specObject);
  const r = readRules(specObject);
  const map: StateMap = new Map();
  let p: Params = { W: s.W, b: s.b };
  const updates: TrainingUpdate[] = [];
  updateGroups(s).forEach((group, k) => {
    const t = k + 1;
    const samples: TrainingSample[] = group.map((smp) => {
      const f = forward(s, p, smp.input);
      const own = analyticSample(s, p, smp);
      return {
        input: [...smp.input],
        target: [...smp.target],
        z: f.z,
        a: f.a,
        loss: lossValue(s.loss, f.a[f.a.length - 1], smp.target),
        dL_dz: own.dz,
        dL_dx:
          opts.gradients === "analytic"
            ? smp.input.map((_, i) => own.dz[0].reduce((acc, d, j) => acc + p.W[0][j][i] * d, 0))
            : fdInputGradient(s, p, smp),
      };
    });
    const g = opts.gradients === "analytic" ? analyticTrainingGradients(s, r, p, group) : fdTrainingGradients(s, r, p, group);
    const next = applyRules(s, r, p, g, map, t);
    const step = minus(next, p);
    updates.push({
      samples,
      loss: trainingLoss(s, r, p, group).loss,
      dL_dW: g.dW,
      dL_db: g.db,
      W: next.W,
      b: next.b,
      loss_after: trainingLoss(s, r, next, group).loss,
      step_W: step.W,
      step_b: step.b,
      state: stateField(r, next, map),
    });
    p = next;
  });
  return { format: "backprop-derive/answer-key@1", updates };
}
