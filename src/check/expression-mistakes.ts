import type { MathNode } from "../derive/index.js";
import { LEARNING_RATE_ID, localDerivatives, symbolsOf } from "../derive/index.js";
import { EXPRESSION_OPS } from "../ops/index.js";
import type { ExpressionOp } from "../ops/index.js";
import type { ExpressionGraph } from "./expression-graph.js";
import { gradientKey, localKey, valueKey } from "./expression-graph.js";
import type { MistakeId, MistakeVariant } from "./mistakes.js";
import type { Getter, Quantity } from "./quantity.js";
import { compute } from "./quantity.js";

/**
 * Past this many nodes the slips are tried everywhere at once only, not node by node: each one
 * tried costs a pass over the claim's part of the graph, and a 500-node graph has thousands.
 */
export const ONE_AT_A_TIME_NODES = 60;

/** The operations an expression applies, by mathjs name. */
function opsIn(expr: MathNode): Set<string> {
  const found = new Set<string>();
  (expr as unknown as { traverse(cb: (n: { type: string; fn?: string | { name: string } }) => void): void }).traverse((n) => {
    if (n.type === "OperatorNode" || n.type === "FunctionNode") found.add(typeof n.fn === "string" ? n.fn : n.fn!.name);
  });
  return found;
}

const compiled = new WeakMap<MathNode, { evaluate(scope: Record<string, number>): unknown }>();
/** A local derivative's expression evaluated over the names' values in a world. */
function evaluate(expr: MathNode, get: Getter): number {
  let c = compiled.get(expr);
  if (!c) compiled.set(expr, (c = expr.compile()));
  const scope: Record<string, number> = {};
  for (const s of symbolsOf(expr)) scope[s] = get(valueKey(s));
  const v = c.evaluate(scope);
  return typeof v === "number" ? v : Number(v);
}

/**
 * The classic slips of backpropagation through a circuit (CS231n's, micrograd's), each made where
 * it happens: at one name's gradient (a fan-out's uses not summed; the upstream gradient not
 * multiplied in), in one node's local derivatives (an operation's record written wrong), or in the
 * params' step. The per-node slips are tried one node at a time and, where several nodes have the
 * operation, everywhere at once (a student who does not swap does so at every multiply gate).
 * A large graph (ONE_AT_A_TIME_NODES) has only the slips made everywhere.
 */
export function expressionMistakes(g: ExpressionGraph): MistakeVariant[] {
  const d = g.derivation;
  const out = d.spec.output;
  const variants: MistakeVariant[] = [];
  const isGradientOf = (name: string) => (q: Quantity) => q.key === gradientKey(name);
  const oneByOne = d.spec.nodes.length <= ONE_AT_A_TIME_NODES;

  // A fan-out: the gradient of only one of the name's uses (`dx = …` where `dx += …` was meant).
  const fanOuts = d.backward.filter((b) => b.paths.length >= 2);
  for (const b of oneByOne ? fanOuts : []) {
    const vias = b.paths.map((p) => p.via);
    for (const via of new Set(vias)) {
      variants.push({
        mistake: "fanout-not-summed",
        text: `${b.name} feeds ${words(vias)}: its gradient is the sum over those paths, but only the path through ${via} is taken`,
        affects: isGradientOf(b.name),
        value: (_q, get) => get(gradientKey(via)) * get(localKey(via, b.name)),
      });
    }
  }
  // Everywhere: each fan-out keeps the path a backward pass reaches last, through its first reader
  // (the one earliest in the forward pass), as `dx = …` in a loop over the nodes in reverse leaves it.
  if (fanOuts.length > 1 || !oneByOne) {
    const order = new Map(d.forward.map((f, i) => [f.name, i]));
    const last = new Map(
      fanOuts.map((b) => [b.name, b.paths.reduce((m, p) => (order.get(p.via)! < order.get(m)! ? p.via : m), b.paths[0]!.via)]),
    );
    variants.push({
      mistake: "fanout-not-summed",
      text: `no fan-out's gradient is summed over its uses (${words([...last.keys()])}): each keeps only the path through its first reader, as \`d = …\` in place of \`d += …\` does`,
      affects: (q) => q.kind === "gradient" && last.has(q.key.slice("gradients.".length)),
      value: (q, get) => {
        const name = q.key.slice("gradients.".length);
        const via = last.get(name)!;
        return get(gradientKey(via)) * get(localKey(via, name));
      },
    });
  }

  // An operation's local derivative written wrong, node by node and everywhere.
  // The derivation's own walk over a node's expression (derive's localDerivatives) with the
  // record's slip in place of its partials gives the local derivatives the slip gives.
  const recordSlips = Object.values(EXPRESSION_OPS).flatMap((rec) => (rec.slips ?? []).map((slip) => ({ op: rec.name, rec, slip })));
  for (const { op, rec, slip } of recordSlips) {
    const ops: Record<string, ExpressionOp> = { ...EXPRESSION_OPS, [op]: { ...rec, partials: slip.partials } };
    const slipped = new Map<string, MathNode>(); // local key → the slip's expression
    const nodes: string[] = [];
    for (const f of d.forward) {
      if (!opsIn(f.expr).has(op)) continue;
      const wrong = localDerivatives(
        f.name,
        f.expr,
        f.locals.map((l) => l.input),
        ops,
      );
      let differs = false;
      for (const l of f.locals) {
        const w = wrong.get(l.input)!;
        if (w.toString() === l.expr.toString()) continue;
        slipped.set(localKey(f.name, l.input), w);
        differs = true;
      }
      if (differs) nodes.push(f.name);
    }
    const variant = (where: Set<string>, text: string): MistakeVariant => ({
      mistake: slip.mistake as MistakeId,
      text,
      affects: (q) => q.kind === "local-derivative" && where.has(q.key) && slipped.has(q.key),
      value: (q, get) => evaluate(slipped.get(q.key)!, get),
    });
    for (const node of oneByOne ? nodes : []) {
      const keys = new Set([...slipped.keys()].filter((k) => k.startsWith(`locals.${node}.`)));
      variants.push(variant(keys, slip.text(node)));
    }
    if (nodes.length > 1 || (!oneByOne && nodes.length > 0))
      variants.push(variant(new Set(slipped.keys()), slip.text(`every node (${nodes.join(", ")})`)));
  }

  // The local derivative alone, the upstream gradient not multiplied in.
  for (const b of oneByOne ? d.backward : []) {
    if (b.name === out || b.paths.every((p) => p.via === out)) continue;
    variants.push({
      mistake: "upstream-missing",
      text: `∂${out}/∂${b.name} taken as the local derivative alone: the upstream gradient ∂${out}/∂${b.paths.map((p) => p.via).join(", ∂" + out + "/∂")} is not multiplied in`,
      affects: isGradientOf(b.name),
      value: (_q, get) => b.paths.reduce((s, p) => s + get(localKey(p.via, b.name)), 0),
    });
  }

  // The params' step: its sign, η.
  if (d.steps.length > 0) {
    const eta = d.spec.learning_rate ?? 1;
    const isStep = (q: Quantity) => q.kind === "updated";
    const withEta = (v: (get: Getter) => number) => (q: Quantity, get: Getter) =>
      compute(q, get, (s) => (s === LEARNING_RATE_ID ? { value: v(get) } : undefined));
    variants.push({
      mistake: "sign-update",
      text: `the step has the wrong sign (θ + η·∂${out}/∂θ instead of θ − η·∂${out}/∂θ)`,
      affects: isStep,
      value: withEta(() => -eta),
    });
    if (eta !== 1) {
      variants.push({ mistake: "eta-missing", text: "η left out of the step (as if η = 1)", affects: isStep, value: withEta(() => 1) });
    }
  }
  return variants;
}

/** "a, b and c". */
const words = (items: string[]): string =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
