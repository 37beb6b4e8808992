import type { MathNode } from "../derive/index.js";
import { parameterOf, parseSymbol } from "../network/index.js";
import { pair } from "./names.js";

/** Where a symbol of an expression takes its value from: another quantity, or a constant. */
export type Binding = { key: string } | { value: number };

export type Getter = (key: string) => number;

export type QuantityKind =
  // given by the spec
  | "input"
  | "target"
  | "weight"
  | "bias"
  | "eta"
  | "setting" // a training setting: μ, ρ, β₁, β₂, ε, λ, λ_wd (CONTRACT §5)
  | "state-before" // the optimizer's state before update 1: zero
  // one sample's pass
  | "net-input"
  | "activation"
  | "loss-term"
  | "loss"
  | "error"
  | "loss-gradient"
  | "activation-derivative"
  | "net-input-by-activation"
  | "net-input-by-weight"
  | "delta"
  | "weight-gradient"
  | "bias-gradient"
  | "input-gradient"
  // one update
  | "regularised-loss" // L_reg = Loss + (λ/2)Σw²
  | "l2-gradient" // g = ∂Loss/∂w + λw
  | "state" // the optimizer's state after the update: v, m, s
  | "bias-corrected" // Adam's m̂, ŝ
  | "updated"
  | "step" // the change of a parameter in the update (after − before)
  | "loss-after"
  // a computational graph (CONTRACT §6): a leaf's value is an "input", a param's new value "updated"
  | "node-value"
  | "local-derivative" // ∂node/∂input, one node's own derivative with respect to a name it reads
  | "gradient"; // ∂output/∂name

/** One number a writer may claim: its names, its place in the derivation, how to compute it. */
export interface Quantity {
  /** Unique: the base name with every suffix part written (`Y3@u1s1`, `W13'@u1`, `eta`). */
  key: string;
  /** Canonical name without suffix: `Y3`, `W13'`, `dW13`. */
  base: string;
  /** Canonical name as listed: base plus the suffix the spec needs. */
  name: string;
  /** Other accepted base names (`net3` for `Z3`, the spec's notation names). */
  aliases: string[];
  /** Answer-key path (CONTRACT §3), or the spec field for given values, or its extension. */
  path: string;
  altPaths: string[];
  kind: QuantityKind;
  given: boolean;
  layer: number;
  node?: number;
  /** The symbol id (network/symbols.ts) when the quantity is one; used for notation names. */
  id?: string;
  /** 0-based; undefined for η. */
  update?: number;
  /** 0-based position within the update; undefined for per-update quantities. */
  sample?: number;
  /** Derivation order (teaching order): a claim's "earlier values" come before it. */
  order: number;
  description: string;
  /** Symbolic right-hand side over symbol ids, with where each symbol's value comes from. */
  expr?: MathNode;
  bindings: Record<string, Binding>;
  /** (mean or sum over samples) for a batch update's gradient and loss. */
  reduce?: { keys: string[]; scale: number };
  /**
   * A computation no single expression holds (the loss after the update), or one too large for
   * an expression tree to be walked (the L2 term of a large network); `rebind` as for `expr`.
   */
  custom?: (get: Getter, rebind?: (symbol: string) => Binding | undefined) => number;
  constant?: number;
  /** Keys of the quantities this one is computed from. */
  deps: string[];
}

/**
 * What the checker needs of any computation's quantities, a layered network's (graph.ts) or a
 * computational graph's (expression-graph.ts): the quantities in derivation order, each by its
 * key, and the true values the derivation already holds.
 */
export interface QuantityGraph {
  /** Every quantity of every update, in derivation order (builds them all: for --list and tests). */
  readonly quantities: Quantity[];
  /** The quantities of the first update (a graph's: all of them), where names are indexed. */
  readonly firstUpdate: Quantity[];
  /** A quantity by its key. */
  byKey: { get(key: string): Quantity | undefined };
  nUpdates: number;
  /** Number of samples of each update. */
  samplesPerUpdate: number[];
  /** True when every given value is a number (otherwise the values are NaN: names only). */
  hasNumbers: boolean;
  /** The order of update u's first quantity. */
  updateStart(u: number): number;
  /** The true value when the derivation already holds it, so that the truth need not be retraced. */
  knownTrue(q: Quantity): number | undefined;
}

const compiledCache = new WeakMap<MathNode, { evaluate(scope: Record<string, number>): unknown }>();

/** The quantity's value from its dependencies' values; `rebind` swaps where a symbol comes from. */
export function compute(q: Quantity, get: Getter, rebind?: (symbol: string) => Binding | undefined): number {
  if (q.constant !== undefined) return q.constant;
  if (q.reduce) return q.reduce.scale * q.reduce.keys.reduce((s, k) => s + get(k), 0);
  if (q.custom) return q.custom(get, rebind);
  if (!q.expr) throw new Error(`internal error: quantity ${q.key} has no computation`);
  let compiled = compiledCache.get(q.expr);
  if (!compiled) {
    compiled = q.expr.compile();
    compiledCache.set(q.expr, compiled);
  }
  const scope: Record<string, number> = {};
  for (const [s, b] of Object.entries(q.bindings)) {
    const bb = rebind?.(s) ?? b;
    scope[s] = "key" in bb ? get(bb.key) : bb.value;
  }
  const v = compiled.evaluate(scope);
  return typeof v === "number" ? v : Number(v);
}

/**
 * Base name of a symbol id: `a_3` → `Y3`, `dL_dw_1_3` → `dW13`, `new_b_3` → `b3'`; the training
 * rules' `v_w_1_3` → `vW13` (before the update), `newv_w_1_3` → `vW13'` (after it),
 * `mhat_w_1_3` → `mhatW13`, `g_w_1_3` → `gW13`, `L_reg` → `LossReg`, `hp_beta1` → `beta1`.
 */
export function baseOfSymbol(id: string, nodeCount: number): string {
  const s = parseSymbol(id);
  if (!s) throw new Error(`internal error: unknown symbol ${id}`);
  const i = s.indices;
  switch (s.kind) {
    case "x":
      return `X${i[0]}`;
    case "t":
      return `T${i[0]}`;
    case "z":
      return `Z${i[0]}`;
    case "a":
      return `Y${i[0]}`;
    case "delta":
      return `delta${i[0]}`;
    case "dLda":
      return `dLdY${i[0]}`;
    case "dLdx":
      return `dLdX${i[0]}`;
    case "w":
      return `W${pair(i[0]!, i[1]!, nodeCount)}`;
    case "b":
      return `b${i[0]}`;
    case "bl":
      return `bl${i[0]}`;
    case "grad":
      return `d${baseOfSymbol(parameterOf(id)!, nodeCount)}`;
    case "updated":
      return `${baseOfSymbol(parameterOf(id)!, nodeCount)}'`;
    case "L":
      return "Loss";
    case "L_after":
      return "Loss'";
    case "eta":
      return "eta";
    // the optimizer's state as parameters are named: vW13 before the update, vW13' after it
    case "state":
      return `${s.name}${baseOfSymbol(parameterOf(id)!, nodeCount)}`;
    case "newstate":
      return `${s.name}${baseOfSymbol(parameterOf(id)!, nodeCount)}'`;
    case "hat":
      return `${s.name}hat${baseOfSymbol(parameterOf(id)!, nodeCount)}`;
    case "g":
      return `g${baseOfSymbol(parameterOf(id)!, nodeCount)}`;
    case "L_reg":
      return "LossReg";
    case "hyper":
      return s.name === "wd" ? "lambda_wd" : s.name!;
  }
}

/**
 * The symbols the error convention writes with the sign of δ (minus PyTorch's): the velocity,
 * the first moment and its m̂ (before and after the update), so that θ ← θ + η·v as
 * θ ← θ + η·δ·a. The gradient with the L2 term, g, keeps its sign: the renderer writes
 * −g_{w} = δ·a − λw, so g_{w} itself is ∂L/∂w + λw in both conventions. The second moment s and ŝ are squares: the same in
 * both conventions.
 */
export function negatedInErrorConvention(id: string): boolean {
  const s = parseSymbol(id);
  if (!s) return false;
  return (s.kind === "state" || s.kind === "newstate" || s.kind === "hat") && (s.name === "v" || s.name === "m");
}
