import type { GraphDerivation, MathNode } from "../derive/index.js";
import { EXPRESSION_OPS } from "../ops/index.js";
import type { GraphRule } from "./graph-rules.js";

/** Why a drawn graph problem was rejected (the rules of graph-rules.ts, or a gradient that shows as 0). */
export interface GraphRejection {
  rule: GraphRule | "zero-gradient";
  detail: string;
}

// Untyped view of the mathjs nodes of a graph's expressions.
interface N {
  type: string;
  fn?: string | { name: string };
  args?: N[];
  traverse(callback: (node: N) => void): void;
}

/**
 * The degeneracy rules of a graph problem (docs/problems.md), `unit` one unit of the last shown
 * decimal. Every operation of every node is checked at the drawn values:
 *  - relu and abs: the argument is at least one unit away from the kink at 0;
 *  - max and min: the arguments are at least one unit apart (no tie);
 *  - log and sqrt: the argument is at least one unit above 0; a divisor is at least one unit in size;
 *    a power is a real number;
 *  - sigmoid and tanh are not saturated (|z| ≤ 6, |z| ≤ 3: their derivatives would show as 0);
 * and then the numbers: every value, local derivative, gradient and new value is at most `maxSize`
 * in size (graph-config.ts: ten times the spec's own largest), some input's gradient shows as non-zero, and every param moves by at least one unit.
 */
export function graphDegeneracy(d: GraphDerivation, unit: number, maxSize: number): GraphRejection | undefined {
  const numbers = d.numbers!;
  // one unit as the sheet writes it (0.0001, not 0.00009999999999999999)
  unit = Number(unit.toPrecision(6));
  const scope = { ...numbers.values };
  const value = (n: N): number => {
    const v: unknown = (n as unknown as MathNode).compile().evaluate({ ...scope });
    return typeof v === "number" ? v : NaN;
  };
  for (const f of d.forward) {
    let found: GraphRejection | undefined;
    (f.expr as unknown as N).traverse((node) => {
      if (found || (node.type !== "OperatorNode" && node.type !== "FunctionNode")) return;
      found = operationProblem(f.name, node, value, unit);
    });
    if (found) return found;
  }
  const size = (what: string, xs: Record<string, number>): GraphRejection | undefined => {
    for (const [name, x] of Object.entries(xs)) {
      if (!(Math.abs(x) <= maxSize)) return { rule: "too-large", detail: `${what} of ${name} is ${x} (at most ${maxSize} here)` };
    }
    return undefined;
  };
  const tooLarge =
    size("the value", numbers.values) ??
    size("the gradient", numbers.gradients) ??
    size("the new value", numbers.after) ??
    Object.entries(numbers.locals)
      .map(([node, ls]) => size(`a local derivative of ${node}`, ls))
      .find((r) => r !== undefined);
  if (tooLarge) return tooLarge;
  const leaves = d.spec.inputs.map((i) => i.name);
  if (leaves.every((x) => Math.abs(numbers.gradients[x]!) < unit)) {
    return { rule: "zero-gradient", detail: `every input's gradient shows as 0 (${leaves.map((x) => numbers.gradients[x]).join(", ")})` };
  }
  for (const p of d.spec.params) {
    const step = d.spec.learning_rate! * numbers.gradients[p]!;
    if (Math.abs(step) < unit) return { rule: "zero-gradient", detail: `${p} would move by ${step} and show unchanged` };
  }
  return undefined;
}

type Rule = (a: number, b: number | undefined, unit: number, op: N, value: (n: N) => number) => string | undefined;
type Rules = Partial<Record<GraphRule, Rule>>;

/*
 * The rules of each operation, keyed by its record (ops/expressions.ts) rather than by a name
 * written here. They are a problem set's business as an activation's `degeneracy` is, and could
 * move into the records as a field of their own; src/ops is outside this change.
 */
const E = EXPRESSION_OPS;
const kink: Rules = { "graph-kink": (a, _b, unit) => (Math.abs(a) < unit ? `within ${unit} of the kink at 0` : undefined) };
const tie: Rules = { tie: (a, b, unit) => (Math.abs(a - b!) < unit ? `within ${unit} of a tie` : undefined) };
const positive: Rules = { domain: (a, _b, unit) => (!(a >= unit) ? "not positive" : undefined) };
const RULES = new Map<string, Rules>([
  [E.relu!.name, kink],
  [E.abs!.name, kink],
  [E.max!.name, tie],
  [E.min!.name, tie],
  [E.log!.name, positive],
  [E.sqrt!.name, positive],
  [E.divide!.name, { domain: (_a, b, unit) => (!(Math.abs(b!) >= unit) ? `a divisor within ${unit} of 0` : undefined) }],
  [E.pow!.name, { domain: (_a, _b, _unit, op, value) => (Number.isFinite(value(op)) ? undefined : "not a real number") }],
  [E.sigmoid!.name, { "graph-saturated": (a) => (Math.abs(a) > 6 ? "saturated (|z| > 6)" : undefined) }],
  [E.tanh!.name, { "graph-saturated": (a) => (Math.abs(a) > 3 ? "saturated (|z| > 3)" : undefined) }],
]);

/** One operation's rules at the drawn values, or undefined when they hold. */
function operationProblem(node: string, op: N, value: (n: N) => number, unit: number): GraphRejection | undefined {
  const name = typeof op.fn === "string" ? op.fn : op.fn!.name;
  const args = op.args!.map(value);
  const [a, b] = args as [number, number | undefined];
  const shown = `${name}(${args.join(", ")}) in ${node}`;
  for (const [rule, test] of Object.entries(RULES.get(name) ?? {}) as [GraphRule, Rule][]) {
    const why = test(a, b, unit, op, value);
    if (why !== undefined) return { rule, detail: `${shown}: ${why}` };
  }
  return args.every(Number.isFinite) ? undefined : { rule: "domain", detail: `${shown} reads a value that is not a real number` };
}
