import type { Derivation } from "../derive/index.js";
import type { Network } from "../network/index.js";
import { HYPER_FIELDS, sym } from "../network/index.js";
import type { HyperName } from "../network/index.js";
import type { TrainingRules } from "../spec/index.js";
import type { QuantityDraft } from "./graph-context.js";
import { graphContext } from "./graph-context.js";
import { updateBuilder } from "./graph-update.js";
import { fullKey, suffix } from "./names.js";
import type { Quantity, QuantityGraph } from "./quantity.js";

export type { Binding, Getter, Quantity, QuantityGraph, QuantityKind } from "./quantity.js";
export { baseOfSymbol, compute } from "./quantity.js";

/** A layered network's quantities (CONTRACT §2, §3). */
export interface Graph extends QuantityGraph {
  network: Network;
}

/** The samples each update uses (indices into spec.samples). */
export function updatePlan(derivation: Derivation): number[][] {
  if (derivation.updates.length > 0) return derivation.updates.map((u) => u.sampleIndices);
  return [[0]];
}

const UPDATE_OF_KEY = /@u(\d+)(?:s\d+)?$/;

/**
 * Every claimable quantity of every update, in derivation order. A long run has 10,000 updates
 * of some 60 quantities each, and a check usually asks about one or two of them: each update's
 * quantities are built when first needed. Every update has the same quantities in the same
 * order, so the order of update u's first quantity is known before it is built.
 */
export function buildGraph(derivation: Derivation): Graph {
  const net = derivation.network;
  const spec = net.spec;
  const plan = updatePlan(derivation);
  const ctx = graphContext(derivation, plan);
  const { base, trained, paramPath, paramAlt, paramWords, stateWords } = ctx;
  const nUpdates = plan.length;
  const samplesPerUpdate = plan.map((p) => p.length);
  const buildUpdate = updateBuilder(ctx);
  const byKey = new Map<string, Quantity>();
  const blocks: (Quantity[] | undefined)[] = new Array(nUpdates);
  let firstSize = 0;
  let laterSize: number | undefined;

  const build = (u: number): Quantity[] => {
    const list: Quantity[] = [];
    const add = (q: QuantityDraft): Quantity => {
      const key = fullKey(q.base, q.update, q.sample);
      if (byKey.has(key)) throw new Error(`internal error: quantity ${key} defined twice`);
      const bindings = q.bindings ?? {};
      const deps: string[] = [];
      for (const id in bindings) {
        const b = bindings[id]!;
        if ("key" in b) deps.push(b.key);
      }
      if (q.reduce) deps.push(...q.reduce.keys);
      const name = q.base + (q.update === undefined ? "" : suffix(q.update, q.sample, nUpdates, samplesPerUpdate[q.update]!));
      // Every field named, in one order: the quantities of a long run share one shape.
      const full: Quantity = {
        key,
        base: q.base,
        name,
        aliases: q.aliases ?? [],
        path: q.path,
        altPaths: q.altPaths ?? [],
        kind: q.kind,
        given: q.given,
        layer: q.layer,
        node: q.node,
        id: q.id,
        update: q.update,
        sample: q.sample,
        order: list.length,
        description: q.description,
        expr: q.expr,
        bindings,
        reduce: q.reduce,
        custom: q.custom,
        constant: q.constant,
        deps,
      };
      list.push(full);
      byKey.set(key, full);
      return full;
    };
    if (u === 0) addGiven(add);
    buildUpdate(add, u);
    // A given value sits just before its first use, so that "the first wrong step" reads naturally.
    const firstUse = new Map<string, number>();
    for (const q of list) for (const d of q.deps) if (!firstUse.has(d)) firstUse.set(d, q.order);
    const at = (q: Quantity) => (q.given ? (firstUse.get(q.key) ?? q.order) - 0.5 + q.order * 1e-9 : q.order);
    list.sort((a, b) => at(a) - at(b));
    if (u > 0) {
      if (laterSize !== undefined && laterSize !== list.length)
        throw new Error(`internal error: update ${u + 1} has ${list.length} quantities, not ${laterSize}`);
      laterSize = list.length;
    } else firstSize = list.length;
    const start = u === 0 ? 0 : firstSize + (u - 1) * list.length;
    list.forEach((q, i) => (q.order = start + i));
    blocks[u] = list;
    return list;
  };

  const addGiven = (add: (q: QuantityDraft) => Quantity) => {
    add({
      base: "eta",
      kind: "eta",
      given: true,
      layer: 0,
      id: sym.eta,
      path: "learning_rate",
      constant: spec.learning_rate,
      description: "the learning rate η (given)",
    });
    for (const p of net.parameters) {
      add({
        base: base(p.id),
        update: 0,
        kind: p.kind === "weight" ? "weight" : "bias",
        given: true,
        layer: p.layer,
        id: p.id,
        path: paramPath(p, p.kind === "weight" ? "weights" : "biases"),
        aliases: paramAlt(p),
        // a frozen bias is the same number in every update's answer key (the lookup reads any update's)
        altPaths: trained(p) || !ctx.hasNumbers ? [] : [paramPath(p, "updates[0].b")],
        constant: ctx.paramValue(p),
        description: `${paramWords(p)} (given)`,
      });
    }
    // The training settings the update's formulas use (CONTRACT §5), given as η is.
    for (const h of settingsUsed(ctx.rules)) {
      const field = HYPER_FIELDS[h];
      const words = WORDS[h];
      add({
        base: base(sym.hyper(h)),
        kind: "setting",
        given: true,
        layer: 0,
        id: sym.hyper(h),
        path: field,
        constant: ctx.rules[field],
        description: `${words} (given)`,
      });
    }
    // The optimizer's state before the first update: zero for every trained parameter.
    for (const q of ctx.stateQuantities) {
      for (const p of net.parameters) {
        if (!trained(p)) continue;
        const id = sym.state(q, p.id);
        add({
          base: base(id),
          update: 0,
          kind: "state-before",
          given: true,
          layer: p.layer,
          ...(p.kind === "weight" ? { node: p.to.node } : {}),
          id,
          path: paramPath(p, `initial_state.${q}_${p.kind === "weight" ? "W" : "b"}`),
          aliases: paramAlt(p).map((a) => `${q}${a}`),
          constant: 0,
          description: `${stateWords(q)} of ${paramWords(p)} before update 1 (the state starts at 0)`,
        });
      }
    }
  };

  const firstUpdate = build(0);
  if (nUpdates > 1) build(1);
  const get = (key: string): Quantity | undefined => {
    const hit = byKey.get(key);
    if (hit !== undefined) return hit;
    const m = UPDATE_OF_KEY.exec(key);
    const u = m ? Number(m[1]) - 1 : -1;
    if (u < 0 || u >= nUpdates || blocks[u] !== undefined) return undefined;
    build(u);
    return byKey.get(key);
  };
  let all: Quantity[] | undefined;
  return {
    network: net,
    byKey: { get },
    firstUpdate,
    nUpdates,
    samplesPerUpdate,
    hasNumbers: ctx.hasNumbers,
    get quantities(): Quantity[] {
      all ??= Array.from({ length: nUpdates }, (_, u) => blocks[u] ?? build(u)).flat();
      return all;
    },
    updateStart: (u) => (u <= 0 ? 0 : firstSize + (u - 1) * (laterSize ?? 0)),
    // the parameters and the optimizer's state after each update: what a later update starts from
    knownTrue: (q) =>
      (q.kind === "updated" || q.kind === "state") && q.update !== undefined && q.id !== undefined
        ? derivation.updates[q.update]?.scope[q.id]
        : undefined,
  };
}

/** Each training setting: the spec field that gives it and its words. */
const WORDS: Record<Exclude<HyperName, "t">, string> = {
  mu: "the momentum μ",
  rho: "the decay ρ of the mean square",
  beta1: "the decay β₁ of the first moment",
  beta2: "the decay β₂ of the second moment",
  epsilon: "ε, added to the square root",
  lambda: "the L2 factor λ",
  wd: "the weight decay λ_wd",
};

/** The settings the update's formulas name, for these rules. */
function settingsUsed(rules: TrainingRules): Exclude<HyperName, "t">[] {
  const out: Exclude<HyperName, "t">[] = [];
  const o = rules.optimizer;
  if (o === "momentum" || o === "nesterov") out.push("mu");
  if (o === "rmsprop") out.push("rho", "epsilon");
  if (o === "adam" || o === "adamw") out.push("beta1", "beta2", "epsilon");
  if (o === "adamw") out.push("wd");
  if (rules.l2 > 0) out.push("lambda");
  return out;
}
