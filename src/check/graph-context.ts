import type { Derivation, MathNode } from "../derive/index.js";
import type { TrainingRules } from "../spec/index.js";
import { symbolsOf } from "../derive/index.js";
import type { Network, Parameter, ParsedSymbol } from "../network/index.js";
import { parameterOf, parseSymbol, sym } from "../network/index.js";
import type { StateQuantity } from "../network/index.js";
import { fullKey, pairUnderscore } from "./names.js";
import type { Binding, Quantity } from "./quantity.js";
import { baseOfSymbol } from "./quantity.js";

/** What a builder says about a quantity; the graph fills in the key, name, order and dependencies. */
export type QuantityDraft = Omit<Quantity, "key" | "name" | "order" | "deps" | "aliases" | "altPaths" | "bindings"> &
  Partial<Pick<Quantity, "aliases" | "altPaths" | "bindings">>;

/**
 * What building the quantities of any update needs: the network, the update plan, and where
 * each symbol of a step's expression takes its value from in a given update and sample.
 * Everything derived from a symbol id alone is worked out once and reused by every update.
 */
export interface GraphContext {
  net: Network;
  derivation: Derivation;
  rules: TrainingRules;
  /** The state quantities the optimizer keeps per parameter, in the answer key's order (v; s; m, s). */
  stateQuantities: StateQuantity[];
  /** The samples each update uses (indices into spec.samples). */
  plan: number[][];
  hasNumbers: boolean;
  base(id: string): string;
  trained(p: Parameter): boolean;
  paramById: Map<string, Parameter>;
  /** Each symbol of `expr` bound to the quantity that gives it its value in update u (sample s). */
  bind(expr: MathNode, u: number, s: number | undefined): Record<string, Binding>;
  paramValue(p: Parameter): number;
  paramPath(p: Parameter, field: string): string;
  paramAlt(p: Parameter): string[];
  paramWords(p: Parameter): string;
  /** "the velocity v", "the first moment m", "the second moment s" (rmsprop: "the mean square s"). */
  stateWords(q: StateQuantity): string;
}

export function graphContext(derivation: Derivation, plan: number[][]): GraphContext {
  const net = derivation.network;
  const spec = net.spec;
  const nodeCount = net.nodeCount;
  const baseCache = new Map<string, string>();
  const base = (id: string): string => {
    let b = baseCache.get(id);
    if (b === undefined) baseCache.set(id, (b = baseOfSymbol(id, nodeCount)));
    return b;
  };
  const trained = (p: Parameter) => p.kind === "weight" || spec.train_biases;
  const paramById = new Map(net.parameters.map((p) => [p.id, p]));

  // ── where a symbol's value comes from, in a given update (and sample) ──
  const paramKey = (u: number, p: Parameter): string =>
    u === 0 || !trained(p) ? fullKey(base(p.id), 0, undefined) : fullKey(`${base(p.id)}'`, u - 1, undefined);
  const gradKey = (u: number, s: number | undefined, gradId: string): string =>
    s === undefined || plan[u]!.length === 1 ? fullKey(base(gradId), u, undefined) : fullKey(base(gradId), u, s);
  const parsed = new Map<string, ParsedSymbol>();
  const resolve = (id: string, u: number, s: number | undefined): Binding => {
    let p = parsed.get(id);
    if (!p) {
      p = parseSymbol(id);
      if (!p) throw new Error(`internal error: unknown symbol ${id}`);
      parsed.set(id, p);
    }
    switch (p.kind) {
      case "eta":
        return { key: "eta" };
      case "w":
      case "b":
      case "bl":
        return { key: paramKey(u, paramById.get(id)!) };
      case "grad":
        return { key: gradKey(u, s, id) };
      case "updated":
        return { key: fullKey(base(id), u, undefined) };
      case "L":
        return { key: s !== undefined && plan[u]!.length > 1 ? fullKey("Loss", u, s) : fullKey("Loss", u, undefined) };
      case "L_after":
        return { key: fullKey("Loss'", u, undefined) };
      // the optimizer's state before update u + 1: zero (given) before the first, else the state after update u
      case "state":
        return u === 0
          ? { key: fullKey(base(id), 0, undefined) }
          : { key: fullKey(base(sym.newState(p.name as StateQuantity, parameterOf(id)!)), u - 1, undefined) };
      // t counts the updates from 1; the other settings are given quantities, as η is
      case "hyper":
        return p.name === "t" ? { value: u + 1 } : { key: base(id) };
      default:
        return { key: fullKey(base(id), u, s) };
    }
  };
  // The symbols of each step's expression, found once: every update binds the same ones.
  const symbolsCache = new Map<MathNode, string[]>();
  const bind = (expr: MathNode, u: number, s: number | undefined): Record<string, Binding> => {
    let ids = symbolsCache.get(expr);
    if (!ids) symbolsCache.set(expr, (ids = symbolsOf(expr)));
    const out: Record<string, Binding> = {};
    for (const id of ids) out[id] = resolve(id, u, s);
    return out;
  };

  const rules = derivation.rules;
  const stateQuantities: StateQuantity[] = [];
  for (const st of derivation.steps) {
    if (st.kind === "state-update" && !stateQuantities.includes(st.quantity)) stateQuantities.push(st.quantity);
  }
  return {
    net,
    derivation,
    rules,
    stateQuantities,
    plan,
    hasNumbers: derivation.updates.length > 0,
    base,
    trained,
    paramById,
    bind,
    paramValue: (p) => {
      if (p.kind === "weight") return spec.weights?.[p.layer - 1]?.[p.row]?.[p.col] ?? Number.NaN;
      const b = spec.biases[p.layer - 1];
      return typeof b === "number" ? b : (b?.[p.row] ?? Number.NaN);
    },
    paramPath: (p, field) =>
      p.kind === "weight"
        ? `${field}[${p.layer - 1}][${p.row}][${p.col}]`
        : p.shared
          ? `${field}[${p.layer - 1}]`
          : `${field}[${p.layer - 1}][${p.row}]`,
    paramAlt: (p) => (p.kind === "weight" && nodeCount <= 9 ? [`W${pairUnderscore(p.from.node, p.to.node)}`] : []),
    paramWords: (p) =>
      p.kind === "weight"
        ? `the weight from node ${p.from.node} to node ${p.to.node}`
        : p.shared
          ? `the shared bias of layer ${p.layer}`
          : `the bias of node ${p.neurons[0]!.node}`,
    stateWords: (q) =>
      q === "v"
        ? "the velocity v"
        : q === "m"
          ? "the first moment m"
          : rules.optimizer === "rmsprop"
            ? "the mean square s"
            : "the second moment s",
  };
}
