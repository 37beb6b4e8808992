import type { GraphDerivation, MathNode } from "../derive/index.js";
import { LEARNING_RATE_ID, gradId, symbolsOf } from "../derive/index.js";
import type { Graph } from "./graph.js";
import type { Binding, Quantity, QuantityGraph, QuantityKind } from "./quantity.js";

/**
 * A computational graph's quantities (CONTRACT §6), for `check`: every leaf's and node's value,
 * each node's local derivative with respect to each name it reads, every gradient ∂output/∂name
 * (the sum over the name's uses of the upstream gradient times the local one), η and the params'
 * new values. The keys are the answer key's paths (`values.q`, `gradients.q`, `after.x`) and
 * `locals.q.x` for the local derivatives, which graph-key@1 does not hold.
 */
export interface ExpressionGraph extends QuantityGraph {
  derivation: GraphDerivation;
}

/** Whatever `check` grades against: a layered network's quantities or a graph's. */
export type CheckGraph = Graph | ExpressionGraph;

export const isExpressionGraph = (g: CheckGraph): g is ExpressionGraph => "derivation" in g;

export const valueKey = (name: string): string => `values.${name}`;
export const gradientKey = (name: string): string => `gradients.${name}`;
export const localKey = (node: string, input: string): string => `locals.${node}.${input}`;
export const afterKey = (name: string): string => `after.${name}`;
export const ETA_KEY = "learning_rate";

/** The symbols of a derivation's expression bound to the quantities that hold their values. */
function bindingsOf(expr: MathNode): Record<string, Binding> {
  const out: Record<string, Binding> = {};
  for (const s of symbolsOf(expr)) {
    if (s === LEARNING_RATE_ID) out[s] = { key: ETA_KEY };
    else if (s.startsWith(gradId(""))) out[s] = { key: gradientKey(s.slice(gradId("").length)) };
    else out[s] = { key: valueKey(s) };
  }
  return out;
}

/**
 * Builds the quantities of a graph's derivation, in teaching order: the values (leaves first,
 * then the nodes as computed), then backward from the output, each name's local derivatives
 * just before its gradient, then η and the params' steps. The true values are the derivation's
 * own numbers.
 */
export function buildExpressionGraph(d: GraphDerivation): ExpressionGraph {
  const spec = d.spec;
  const out = spec.output;
  const defined = new Set([...spec.inputs.map((i) => i.name), ...spec.nodes.map((n) => n.name)]);
  const free = (name: string) => !defined.has(name);
  const list: Quantity[] = [];
  const byKey = new Map<string, Quantity>();
  const add = (q: Omit<Quantity, "order" | "name" | "deps" | "layer" | "aliases" | "altPaths" | "bindings"> & Partial<Quantity>): void => {
    const bindings = q.bindings ?? {};
    const deps = q.deps ?? [...new Set(Object.values(bindings).flatMap((b) => ("key" in b ? [b.key] : [])))];
    const aliases = [...new Set((q.aliases ?? []).filter((a) => a !== q.base && free(a)))];
    const full: Quantity = { ...q, name: q.base, aliases, altPaths: q.altPaths ?? [], layer: 0, bindings, deps, order: list.length };
    list.push(full);
    byKey.set(full.key, full);
  };
  const forwardOf = new Map(d.forward.map((f) => [f.name, f]));
  const shown = (name: string) => {
    const f = forwardOf.get(name);
    return f ? `${name} = ${spec.nodes.find((n) => n.name === name)!.text}` : name;
  };

  // ── forward ──
  for (const leaf of spec.inputs) {
    add({
      key: valueKey(leaf.name),
      base: leaf.name,
      path: valueKey(leaf.name),
      altPaths: [`graph.inputs.${leaf.name}`],
      kind: "input",
      given: true,
      constant: leaf.value ?? Number.NaN,
      description: `the leaf ${leaf.name} (given)`,
    });
  }
  d.forward.forEach((f, i) => {
    add({
      key: valueKey(f.name),
      base: f.name,
      path: valueKey(f.name),
      kind: "node-value",
      given: false,
      node: i,
      expr: f.expr,
      bindings: bindingsOf(f.expr),
      description: `the value of ${shown(f.name)}`,
    });
  });

  // ── backward ──
  const gradientName = (name: string): string =>
    free(`d${name}`) ? `d${name}` : free(`grad_${name}`) ? `grad_${name}` : gradientKey(name);
  const gradient = (name: string, kind: QuantityKind, extra: Partial<Quantity>) =>
    add({
      key: gradientKey(name),
      base: gradientName(name),
      aliases: [`d${out}/d${name}`, `∂${out}/∂${name}`, `grad_${name}`],
      path: gradientKey(name),
      kind,
      given: false,
      description: `∂${out}/∂${name}, the gradient of the output ${out} with respect to ${name}`,
      ...extra,
    });
  const reached = new Set<string>();
  for (const b of d.backward) {
    reached.add(b.name);
    if (b.name === out) {
      gradient(b.name, "gradient", { constant: 1, description: `∂${out}/∂${out} = 1, where the backward pass starts` });
      continue;
    }
    const terms: { grad: string; local: string }[] = [];
    for (const p of b.paths) {
      const key = localKey(p.via, b.name);
      if (!byKey.has(key)) {
        // The output's own local derivative is named by its path: d<out>/d<name> is the gradient.
        const base = p.via === out ? key : `d${p.via}/d${b.name}`;
        add({
          key,
          base,
          aliases: p.via === out ? [] : [`∂${p.via}/∂${b.name}`],
          path: key,
          kind: "local-derivative",
          given: false,
          node: d.forward.findIndex((f) => f.name === p.via),
          expr: p.local,
          bindings: bindingsOf(p.local),
          description: `∂${p.via}/∂${b.name}, the local derivative of ${shown(p.via)} with respect to ${b.name}`,
        });
      }
      terms.push({ grad: gradientKey(p.via), local: key });
    }
    gradient(b.name, "gradient", {
      deps: terms.flatMap((t) => [t.grad, t.local]),
      custom: (get) => terms.reduce((s, t) => s + get(t.grad) * get(t.local), 0),
    });
  }
  // A name the output does not depend on has gradient 0 (the answer key lists it too).
  for (const name of defined) if (!reached.has(name)) gradient(name, "gradient", { constant: 0 });

  // ── the params' step ──
  if (spec.params.length > 0) {
    add({
      key: ETA_KEY,
      base: free("eta") ? "eta" : ETA_KEY,
      aliases: ["η", ETA_KEY],
      path: ETA_KEY,
      kind: "eta",
      given: true,
      constant: spec.learning_rate ?? Number.NaN,
      description: "the learning rate η (given)",
    });
    for (const s of d.steps) {
      add({
        key: afterKey(s.name),
        base: `${s.name}'`,
        aliases: [`new_${s.name}`, `${s.name}_new`],
        path: afterKey(s.name),
        kind: "updated",
        given: false,
        expr: s.expr,
        bindings: bindingsOf(s.expr),
        description: `${s.name} after one step, ${s.name} − η·∂${out}/∂${s.name}`,
      });
    }
  }

  const n = d.numbers;
  const truth = (q: Quantity): number | undefined => {
    if (!n) return undefined;
    const [field, a, b] = q.key.split(".");
    if (field === "values") return n.values[a!];
    if (field === "gradients") return n.gradients[a!];
    if (field === "after") return n.after[a!];
    if (field === "locals") return n.locals[a!]?.[b!];
    return undefined;
  };
  return {
    derivation: d,
    quantities: list,
    firstUpdate: list,
    byKey,
    nUpdates: 1,
    samplesPerUpdate: [1],
    hasNumbers: n !== undefined,
    updateStart: () => 0,
    knownTrue: truth,
  };
}
