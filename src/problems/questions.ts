import { parameterOf, parseSymbol, sym } from "../network/index.js";
import type { StateQuantity } from "../network/index.js";
import { trainingRules } from "../spec/index.js";
import type { OptimizerName } from "../spec/index.js";
import { DEFAULT_PRESENTATION } from "../notation/index.js";
import type { Network } from "../network/index.js";
import { stateOf } from "../numeric/index.js";
import type { UpdateResult } from "../numeric/index.js";
import { sampleScope } from "../derive/index.js";
import { ASK_GROUPS } from "./types.js";
import type { AskGroup, Question } from "./types.js";

/** A quantity to ask, before it has a value: a symbol id, and a sample for per-sample ones. */
export interface Quantity {
  symbol: string;
  sample?: number;
}

export const isAskGroup = (q: string): q is AskGroup => (ASK_GROUPS as readonly string[]).includes(q);

const PER_SAMPLE = new Set(["z", "a", "delta", "dLda"]);

/** Why a symbol id cannot be asked of this network (undefined when it can). */
export function symbolProblem(id: string, net: Network): string | undefined {
  const s = parseSymbol(id);
  const hint = `use one of ${ASK_GROUPS.join(", ")}, or a symbol id such as new_w_1_3, dL_db_3, L, L_after, a_5, delta_3, newv_w_1_3`;
  if (!s) return `unknown quantity "${id}"; ${hint}`;
  const rules = trainingRules(net.spec);
  const param = (inner: string) => net.parameters.find((p) => p.id === inner);
  /** The parameter a quantity is of must exist and move. */
  const moves = (): string | undefined => {
    const inner = parameterOf(id)!;
    const p = param(inner);
    if (!p) return `"${id}": this network has no parameter ${inner}`;
    if (p.kind === "bias" && !p.trainable) return `"${id}": the spec keeps its biases fixed (train_biases: false)`;
    return undefined;
  };
  switch (s.kind) {
    case "L":
    case "L_after":
      return undefined;
    case "L_reg":
      return rules.l2 > 0 ? undefined : `"${id}": the spec has no L2 term (l2: 0)`;
    case "updated":
    case "grad":
      return moves();
    case "newstate":
      if (!stateOf(rules.optimizer).includes(s.name as StateQuantity)) {
        return `"${id}": ${rules.optimizer} keeps ${stateList(rules.optimizer)}`;
      }
      return moves();
    case "hat":
      if (rules.optimizer !== "adam" && rules.optimizer !== "adamw") return `"${id}": only adam and adamw correct their moments`;
      return moves();
    case "g":
      if (rules.l2 === 0) return `"${id}": the spec has no L2 term (l2: 0); ask for dL_d${parameterOf(id)} instead`;
      if (param(parameterOf(id)!)?.kind !== "weight") return `"${id}": only a weight's gradient has the L2 term`;
      return moves();
    case "z":
    case "a":
    case "delta":
    case "dLda": {
      const node = s.indices[0]!;
      if (node <= net.layers[0]!.neurons.length || node > net.nodeCount)
        return `"${id}": node ${node} is not a hidden or output neuron of this network`;
      return undefined;
    }
    default:
      return `"${id}" is given on the sheet, not asked; ${hint}`;
  }
}

/** "no state" or "the state v", "the state m, s". */
function stateList(o: OptimizerName): string {
  const st = stateOf(o);
  return st.length === 0 ? "no state" : `only the state ${st.join(", ")}`;
}

/** The parameters that move in an update (frozen biases do not). */
function moving(net: Network) {
  return net.parameters.filter((p) => p.kind === "weight" || p.trainable);
}

/** Expands `ask:` (groups and symbol ids) into quantities, in order, without repeats. */
export function quantities(ask: readonly string[], net: Network, samplesInUpdate: number): Quantity[] {
  const out: Quantity[] = [];
  const seen = new Set<string>();
  const push = (symbol: string): void => {
    const perSample = PER_SAMPLE.has(parseSymbol(symbol)?.kind ?? "");
    const list = perSample ? Array.from({ length: samplesInUpdate }, (_, sample) => ({ symbol, sample })) : [{ symbol }];
    for (const q of list) {
      const key = `${q.symbol}@${"sample" in q ? q.sample : ""}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(q);
      }
    }
  };
  const rules = trainingRules(net.spec);
  const l2 = rules.l2 > 0;
  const hiddenAndOutput = net.layers.slice(1).flatMap((l) => l.neurons);
  const outputs = net.layers[net.layers.length - 1]!.neurons;
  for (const q of ask) {
    switch (q) {
      case "updated-parameters":
        moving(net).forEach((p) => push(sym.updated(p.id)));
        break;
      case "updated-weights":
        moving(net)
          .filter((p) => p.kind === "weight")
          .forEach((p) => push(sym.updated(p.id)));
        break;
      case "updated-biases":
        moving(net)
          .filter((p) => p.kind === "bias")
          .forEach((p) => push(sym.updated(p.id)));
        break;
      case "gradients":
        // with l2 a weight's gradient is the one the update takes: ∂L/∂w + λw
        moving(net).forEach((p) => push(l2 && p.kind === "weight" ? sym.g(p.id) : sym.grad(p.id)));
        break;
      case "loss":
        push(l2 ? sym.lossReg : sym.loss);
        break;
      case "state":
        for (const q of stateOf(rules.optimizer)) moving(net).forEach((p) => push(sym.newState(q, p.id)));
        break;
      case "loss-after":
        push(sym.lossAfter);
        break;
      case "outputs":
        outputs.forEach((n) => push(sym.a(n.node)));
        break;
      case "deltas":
        hiddenAndOutput.forEach((n) => push(sym.delta(n.node)));
        break;
      default:
        push(q);
    }
  }
  return out;
}

/** `x.toFixed(p)` without a minus sign on a value that shows as zero. */
export function fixed(x: number, precision: number): string {
  const s = x.toFixed(precision);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Reads one quantity's value out of an update, without building the derivation's scopes. */
export type Accessor = (u: UpdateResult, net: Network) => number;

/**
 * Where a quantity's value lives in an update (the answer key's arrays). In the error
 * convention δ and Err name −∂L/∂z and −∂L/∂a, so their values change sign; so do the velocity,
 * the first moment, m̂ and the gradient with the L2 term, which it writes with the sign of δ.
 */
export function accessor(q: Quantity, net: Network): Accessor {
  const get = rawAccessor(q, net);
  const flip = (net.spec.convention ?? DEFAULT_PRESENTATION.convention) === "error" && errorSign(q.symbol);
  return flip ? (u, n) => -get(u, n) : get;
}

/**
 * The quantities the error convention writes with the sign of δ (as check reads them). g, the
 * gradient with the L2 term, keeps its sign: the sheet defines g = ∂L/∂θ, the solutions write −g.
 */
export function errorSign(id: string): boolean {
  const s = parseSymbol(id);
  if (!s) return false;
  if (s.kind === "delta" || s.kind === "dLda") return true;
  return (s.kind === "newstate" || s.kind === "hat") && (s.name === "v" || s.name === "m");
}

/** Reads a parameter out of (W, b)-shaped arrays; the lookup is done once, here. */
function picker(id: string, net: Network): (W: number[][][], b: (number[] | number)[]) => number {
  const p = net.parameters.find((x) => x.id === id);
  if (!p) throw new Error(`internal error: no parameter ${id}`);
  const [l, r] = [p.layer - 1, p.row];
  if (p.kind === "weight") {
    const c = p.col;
    return (W) => W[l]![r]![c]!;
  }
  return (_W, b) => {
    const bl = b[l]!;
    return typeof bl === "number" ? bl : bl[r]!;
  };
}

/** The change a parameter took in an update (the answer key's step_W, step_b). */
export function stepAccessor(param: string, net: Network): Accessor {
  const get = picker(param, net);
  return (u) => get(u.step_W, u.step_b);
}

function rawAccessor(q: Quantity, net: Network): Accessor {
  const s = parseSymbol(q.symbol);
  if (!s) throw new Error(`internal error: bad symbol ${q.symbol}`);
  const pick = (id: string) => picker(id, net);
  const place = (node: number): [number, number] => {
    const layer = net.layers.find((l) => l.neurons.some((n) => n.node === node))!;
    return [layer.index - 1, layer.neurons.findIndex((n) => n.node === node)];
  };
  const i = q.sample ?? 0;
  const rules = trainingRules(net.spec);
  switch (s.kind) {
    case "updated": {
      const get = pick(parameterOf(q.symbol)!);
      return (u) => get(u.W, u.b);
    }
    case "grad": {
      // the loss's own gradient; with l2 the key's dL_dW adds λw (asked as g)
      const get = pick(parameterOf(q.symbol)!);
      return (u) => get(u.dL_dW_loss, u.dL_db);
    }
    case "g": {
      const get = pick(parameterOf(q.symbol)!);
      return (u) => get(u.dL_dW, u.dL_db);
    }
    case "newstate": {
      const get = pick(parameterOf(q.symbol)!);
      const name = s.name as StateQuantity;
      return (u) => get(u.state[name]!.W, u.state[name]!.b);
    }
    case "hat": {
      // m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)
      const get = pick(parameterOf(q.symbol)!);
      const name = s.name as "m" | "s";
      const beta = name === "m" ? rules.beta1 : rules.beta2;
      return (u) => get(u.state[name]!.W, u.state[name]!.b) / (1 - beta ** u.t);
    }
    case "L_reg":
      return (u) => u.loss;
    case "L":
      // the samples' loss; the key's loss adds (λ/2)·Σw² with l2
      return rules.l2 > 0 ? (u) => u.loss - (rules.l2 / 2) * sumOfSquares(u.before.W) : (u) => u.loss;
    case "L_after":
      return (u) => u.loss_after;
    case "z": {
      const [l, j] = place(s.indices[0]!);
      return (u) => u.samples[i]!.z[l]![j]!;
    }
    case "a": {
      const [l, j] = place(s.indices[0]!);
      return (u) => u.samples[i]!.a[l]![j]!;
    }
    case "delta": {
      const [l, j] = place(s.indices[0]!);
      return (u) => u.samples[i]!.dL_dz[l]![j]!;
    }
    default:
      return (u, n) => sampleScope(n, u.before, u.samples[i]!)[q.symbol]!;
  }
}

/** The asked quantities' values in the last update (parameters after it, its loss, its samples' passes). */
export function answer(
  qs: readonly Quantity[],
  get: readonly Accessor[],
  net: Network,
  last: UpdateResult,
  precision: number,
  tolerance: number,
): Question[] {
  return qs.map((q, k) => {
    const value = get[k]!(last, net);
    if (value === undefined) throw new Error(`internal error: no value for ${q.symbol}`);
    return { ...q, value, shown: fixed(value, precision), tolerance };
  });
}

function sumOfSquares(W: number[][][]): number {
  let t = 0;
  for (const m of W) for (const row of m) for (const w of row) t += w * w;
  return t;
}
