/**
 * An independent trainer for the check tests of CONTRACT §5 (written from PyTorch's formulas,
 * importing nothing from src/), which can also make each classic slip a writer makes. It names
 * its numbers in check's plain scheme (docs/check.md), so a test writes them as answers:
 * `vW13'` (the state after the update), `mhatW13`, `stepW13`, `gW13`, `LossReg`, `W13'`, `Loss'`.
 * Forward and per-sample gradients come from the §3 oracle (tests/oracle/reference.ts).
 */
import { analyticSample, normalizeSpec, reducedLoss, updateGroups } from "../oracle/reference.js";
import type { Bias, Params, RefSample, RefSpec } from "../oracle/reference.js";
import type { OptName, Rules } from "../oracle/training.js";
import { readRules } from "../oracle/training.js";

/** What the writer gets wrong (none: the right rules). */
export type Slip =
  "none" | "adam-no-bias-correction" | "adam-t-from-zero" | "momentum-eta-twice" | "l2-on-biases" | "adamw-coupled" | "sign-state";

/** One update's numbers by plain name (without the @u suffix). */
export type Named = Map<string, number>;

interface Slot {
  name: string;
  kind: "weight" | "bias";
  get(p: Params): number;
  set(p: Params, v: number): void;
}

/** Every parameter of the network with its plain name (nodes numbered through the network, inputs first). */
function slots(s: RefSpec): Slot[] {
  const first = [0];
  for (const n of s.sizes) first.push(first[first.length - 1]! + n);
  const node = (layer: number, index: number) => first[layer]! + index + 1;
  const two = (a: number, b: number) => (first[first.length - 1]! <= 9 ? `${a}${b}` : `${a}_${b}`);
  const out: Slot[] = [];
  s.W.forEach((m, l) =>
    m.forEach((row, j) =>
      row.forEach((_, i) =>
        out.push({
          name: `W${two(node(l, i), node(l + 1, j))}`,
          kind: "weight",
          get: (p) => p.W[l]![j]![i]!,
          set: (p, v) => void (p.W[l]![j]![i] = v),
        }),
      ),
    ),
  );
  s.b.forEach((bl, l) => {
    if (typeof bl === "number") {
      out.push({ name: `bl${l + 1}`, kind: "bias", get: (p) => p.b[l] as number, set: (p, v) => void (p.b[l] = v) });
    } else {
      bl.forEach((_, j) =>
        out.push({
          name: `b${node(l + 1, j)}`,
          kind: "bias",
          get: (p) => (p.b[l] as number[])[j]!,
          set: (p, v) => void ((p.b[l] as number[])[j] = v),
        }),
      );
    }
  });
  return out;
}

const copy = (p: Params): Params => ({
  W: p.W.map((m) => m.map((row) => [...row])),
  b: p.b.map((v: Bias) => (typeof v === "number" ? v : [...v])),
});

function squares(p: Params, sl: Slot[], kind: "weight" | "bias"): number {
  return sl.filter((x) => x.kind === kind).reduce((t, x) => t + x.get(p) ** 2, 0);
}

/** The state names each optimizer keeps. */
const STATE: Record<OptName, ("v" | "m" | "s")[]> = {
  sgd: [],
  momentum: ["v"],
  nesterov: ["v"],
  rmsprop: ["s"],
  adam: ["m", "s"],
  adamw: ["m", "s"],
};

/**
 * Trains `specObject` (a loader-shaped spec: layers, weights, samples, optimizer, l2, …) with
 * the slip made in every update, and names every number of every update.
 */
export function slipTrain(specObject: unknown, slip: Slip = "none"): Named[] {
  const s = normalizeSpec(specObject);
  const r: Rules = readRules(specObject);
  const sl = slots(s);
  const eta = s.learning_rate;
  const state = new Map<string, { v: number; m: number; s: number }>(sl.map((x) => [x.name, { v: 0, m: 0, s: 0 }]));
  let p: Params = { W: s.W, b: s.b };
  const out: Named[] = [];
  updateGroups(s).forEach((group: RefSample[], k) => {
    const t = k + 1;
    const named: Named = new Map();
    // the loss's own gradient, reduced over the update's samples
    const per = group.map((smp) => analyticSample(s, p, smp));
    const scale = s.reduction === "mean" ? 1 / group.length : 1;
    const own = (x: Slot): number => {
      const grads = per.map((g) => {
        const q: Params = { W: g.dW, b: g.db };
        return x.get(q);
      });
      return scale * grads.reduce((a, b) => a + b, 0);
    };
    const data = reducedLoss(s, p, group).loss;
    const l2Biases = slip === "l2-on-biases" ? squares(p, sl, "bias") : 0;
    named.set("LossReg", data + (r.l2 / 2) * (squares(p, sl, "weight") + l2Biases));
    const next = copy(p);
    for (const x of sl) {
      if (x.kind === "bias" && !s.train_biases) continue;
      const theta = x.get(p);
      let g = own(x) + (x.kind === "weight" || slip === "l2-on-biases" ? r.l2 * theta : 0);
      if (x.kind === "weight" && r.l2 > 0) named.set(`g${x.name}`, g);
      const st = state.get(x.name)!;
      let after: number;
      switch (r.optimizer) {
        case "sgd":
          after = theta - eta * g;
          break;
        case "momentum":
        case "nesterov":
          // v ← μ v + g; the slip: v ← μ v − η g, still applied as θ − η v
          st.v = slip === "momentum-eta-twice" ? r.momentum * st.v - eta * g : r.momentum * st.v + g;
          after = theta - eta * (r.optimizer === "nesterov" ? g + r.momentum * st.v : st.v);
          break;
        case "rmsprop":
          st.s = r.rho * st.s + (1 - r.rho) * g * g;
          after = theta - (eta * g) / (Math.sqrt(st.s) + r.epsilon);
          break;
        case "adam":
        case "adamw": {
          const decoupled = r.optimizer === "adamw" && x.kind === "weight";
          if (decoupled && slip === "adamw-coupled") g += r.weight_decay * theta;
          const start = decoupled && slip !== "adamw-coupled" ? theta - eta * r.weight_decay * theta : theta;
          st.m = r.beta1 * st.m + (1 - r.beta1) * g;
          st.s = r.beta2 * st.s + (1 - r.beta2) * g * g;
          // t counted from 0 divides by zero at update 1: the writer's slip shows from update 2 on
          const tt = slip === "adam-t-from-zero" && t > 1 ? t - 1 : t;
          const mhat = slip === "adam-no-bias-correction" ? st.m : st.m / (1 - r.beta1 ** tt);
          const shat = slip === "adam-no-bias-correction" ? st.s : st.s / (1 - r.beta2 ** tt);
          named.set(`mhat${x.name}`, mhat);
          named.set(`shat${x.name}`, shat);
          after = start - (eta * mhat) / (Math.sqrt(shat) + r.epsilon);
          break;
        }
      }
      // the error convention's sign: v and m (m̂, g) kept as minus PyTorch's, the steps right
      const sign = slip === "sign-state" ? -1 : 1;
      for (const q of STATE[r.optimizer]) named.set(`${q}${x.name}'`, (q === "s" ? 1 : sign) * st[q]);
      if (slip === "sign-state" && named.has(`mhat${x.name}`)) named.set(`mhat${x.name}`, -named.get(`mhat${x.name}`)!);
      if (slip === "sign-state" && named.has(`g${x.name}`)) named.set(`g${x.name}`, -named.get(`g${x.name}`)!);
      x.set(next, after);
      named.set(`${x.name}'`, after);
      named.set(`step${x.name}`, after - theta);
    }
    const lossAfter = reducedLoss(s, next, group).loss;
    named.set("Loss'", lossAfter + (r.l2 / 2) * (squares(next, sl, "weight") + (slip === "l2-on-biases" ? squares(next, sl, "bias") : 0)));
    named.set("Loss", data);
    p = next;
    out.push(named);
  });
  return out;
}

/** The answers text of some names of some updates (1-based), written to `decimals`. */
export function answers(run: Named[], picks: [name: string, update: number][], decimals = 10): string {
  return picks.map(([name, u]) => `${name}@u${u}: ${run[u - 1]!.get(name)!.toFixed(decimals)}`).join("\n");
}
