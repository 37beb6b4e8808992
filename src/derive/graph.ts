import { EXPRESSION_OPS } from "../ops/index.js";
import type { ExpressionOp } from "../ops/index.js";
import type { GraphSpec } from "../spec/index.js";
import { backwardPaths, gradients } from "./chain.js";
import type { ChainNode, ChainPath } from "./chain.js";
import { nodeProblem, parseGraph } from "./graph-parse.js";
import { S, add, instantiate, math, mul, neg, num, sub } from "./math.js";
import type { MathNode } from "./math.js";

/** The symbol id of ∂output/∂name in a graph's expressions (a name never holds a colon). */
export const gradId = (name: string): string => `grad:${name}`;

/** The symbol id of the learning rate η in the parameters' steps (not a name: a leaf may be called eta). */
export const LEARNING_RATE_ID = "lr:eta";

/** One node's forward step: its expression over earlier names, and its local derivatives. */
export interface GraphForward {
  name: string;
  expr: MathNode;
  /** ∂name/∂input for each name it reads, in reading order; the gate pattern when the node is one gate. */
  locals: { input: string; expr: MathNode }[];
  gate?: string;
}

/** One name's gradient: the paths it reaches the output along, and their sum (over gradId symbols). */
export interface GraphBackward {
  name: string;
  paths: ChainPath[];
  /** One per path: ∂output/∂via · local, the share of the gradient that reaches the name along it. */
  terms: MathNode[];
  /** Σ of the terms; the output's own is the constant 1. */
  expr: MathNode;
  leaf: boolean;
}

/** A graph's derivation: forward, backward, the parameters' steps, and the numbers when every leaf has one. */
export interface GraphDerivation {
  kind: "graph";
  spec: GraphSpec;
  forward: GraphForward[];
  /** The output first, then every node and leaf it depends on, in reverse order (leaves last, in input order). */
  backward: GraphBackward[];
  /** θ − η ∂output/∂θ for each param (η is the symbol LEARNING_RATE_ID). */
  steps: { name: string; expr: MathNode }[];
  /** Undefined when a leaf has no value (the derivation is symbolic only). */
  numbers?: GraphNumbers;
}

/** A graph's numbers, each the value of one of the derivation's own expressions. */
export interface GraphNumbers {
  values: Record<string, number>;
  gradients: Record<string, number>;
  after: Record<string, number>;
  /** locals[node][input]: the value of ∂node/∂input, for the nodes the output depends on. */
  locals: Record<string, Record<string, number>>;
  /** paths[name]: the value of each of its backward entry's terms, in order. */
  paths: Record<string, number[]>;
}

// Untyped view of mathjs nodes for the decomposition.
interface N {
  type: string;
  fn?: string | { name: string };
  args?: N[];
  name?: string;
  content?: N;
}
const unparen = (n: N): N => (n.type === "ParenthesisNode" ? unparen(n.content!) : n);
const isConst = (n: MathNode, v: number): boolean => {
  const m = n as unknown as { type: string; value?: unknown; fn?: string; args?: MathNode[] };
  if (m.type === "ConstantNode") return m.value === v;
  if (m.type === "OperatorNode" && m.fn === "unaryMinus") return isConst(m.args![0]!, -v);
  if (m.type === "ParenthesisNode") return isConst((m as unknown as { content: MathNode }).content, v);
  return false;
};
/** The number a constant node (or the negation of one) stands for. */
const constValue = (n: MathNode): number | undefined => {
  const m = unparen(n as unknown as N) as unknown as { type: string; value?: unknown; fn?: string; args?: MathNode[] };
  if (m.type === "ConstantNode" && typeof m.value === "number") return m.value;
  if (m.type === "OperatorNode" && m.fn === "unaryMinus") {
    const v = constValue(m.args![0]!);
    return v === undefined ? undefined : -v;
  }
  return undefined;
};
const isSum = (n: MathNode): boolean => {
  const m = n as unknown as { type: string; fn?: string };
  return m.type === "OperatorNode" && (m.fn === "add" || m.fn === "subtract");
};
const par = (n: MathNode): MathNode => (isSum(n) ? new math.ParenthesisNode(n) : n);

/** a · b with the factors 1 and −1 written as a teacher writes them (not at all, or as a sign). */
export function times(a: MathNode, b: MathNode): MathNode {
  if (isConst(a, 1)) return b;
  if (isConst(b, 1)) return a;
  if (isConst(a, -1)) return neg(par(b));
  if (isConst(b, -1)) return neg(par(a));
  return mul(par(a), par(b));
}

/** A sum without its zero terms. */
function plus(terms: readonly MathNode[]): MathNode {
  const kept = terms.filter((t) => !isConst(t, 0));
  return kept.length === 0 ? num(0) : add(...kept);
}

/** The operation record of an operator or function node, or undefined for a leaf. */
function opOf(n: N, ops: Readonly<Record<string, ExpressionOp>> = EXPRESSION_OPS): ExpressionOp | undefined {
  if (n.type !== "OperatorNode" && n.type !== "FunctionNode") return undefined;
  const name = typeof n.fn === "string" ? n.fn : n.fn!.name;
  return ops[name];
}

/**
 * ∂expr/∂input for every name the expression reads, by the same chain-rule walk as the whole
 * graph's: the expression's operations become the walk's nodes (the root is the node itself, so
 * σ′ at the root reads s(1 − s) with the node's own name), each with its record's local derivatives.
 * `records` replaces the operations' records: check/ walks the same expression with a record written wrong (the
 * multiply gate's inputs not swapped, σ for σ′) to reproduce a student's slip, not a second walk.
 */
export function localDerivatives(
  name: string,
  expr: MathNode,
  reads: readonly string[],
  records: Readonly<Record<string, ExpressionOp>> = EXPRESSION_OPS,
): Map<string, MathNode> {
  const ops: ChainNode[] = [];
  const full = new Map<string, MathNode>();
  let counter = 0;
  const idOf = (node: N, isRoot: boolean): string | undefined => {
    const n = unparen(node);
    if (n.type === "SymbolNode") return n.name!;
    const rec = opOf(n, records);
    if (!rec) return undefined; // a constant
    const args = n.args!.map((a) => idOf(a, false));
    const id = isRoot ? name : `#${++counter}`;
    full.set(id, isRoot ? S(name) : (n as unknown as MathNode));
    const argExprs = n.args!.map((a) => unparen(a) as unknown as MathNode);
    const locals = new Map<string, MathNode>();
    args.forEach((argId, i) => {
      if (argId === undefined) return;
      const d =
        powerRule(rec.name, i, argExprs) ??
        instantiate(rec.partials[i]!, { a: argExprs[0]!, b: argExprs[1] ?? num(0), out: full.get(id)! });
      const prior = locals.get(argId);
      locals.set(argId, prior ? add(prior, d) : d);
    });
    ops.push({ id, inputs: [...locals.keys()], local: (input) => locals.get(input)! });
    return id;
  };
  const root = idOf(expr as unknown as N, true);
  const result = new Map<string, MathNode>();
  if (root === undefined || root !== name) {
    // The node is a bare name or a number: ∂(y)/∂y = 1.
    for (const r of reads) result.set(r, num(1));
    return result;
  }
  // The chain rule's walk over the expression's operations, with expressions for local derivatives.
  const grad = gradients(ops, name, { one: num(1), times, plus });
  for (const r of reads) result.set(r, grad.get(r) ?? num(0));
  return result;
}

/**
 * d(a^c)/da = c·a^(c − 1) with a constant c, the exponent worked out as a teacher does
 * (2·xpy, not 2·xpy^(2 − 1)); undefined for any other operation and argument.
 */
function powerRule(op: string, i: number, args: MathNode[]): MathNode | undefined {
  if (op !== "pow" || i !== 0) return undefined;
  const c = constValue(args[1]!);
  if (c === undefined) return undefined;
  if (c === 0) return num(0);
  if (c === 1) return num(1);
  return times(num(c), c === 2 ? args[0]! : new math.OperatorNode("^", "pow", [par(args[0]!), num(c - 1)]));
}

/** The gate pattern a teacher names, when the node is one operation on names. */
function gateOf(expr: MathNode): string | undefined {
  const n = unparen(expr as unknown as N);
  const rec = opOf(n);
  return rec?.gate !== undefined && n.args!.every((a) => unparen(a).type !== "OperatorNode" && unparen(a).type !== "FunctionNode")
    ? rec.gate
    : undefined;
}

/**
 * The derivation of a graph spec (CONTRACT §6): the forward pass node by node, the backward
 * pass from ∂f/∂f = 1 by the chain-rule walk (chain.ts), the parameters' steps, and (when every
 * leaf has a value) the numbers, computed from the symbolic forms themselves. Bad expressions and
 * values that are not finite are SpecErrors at the node's line.
 */
export function deriveGraph(spec: GraphSpec): GraphDerivation {
  const parsed = parseGraph(spec);
  const forward: GraphForward[] = parsed.map((p) => {
    const locals = localDerivatives(p.name, p.expr, p.reads);
    const gate = gateOf(p.expr);
    return { name: p.name, expr: p.expr, locals: p.reads.map((input) => ({ input, expr: locals.get(input)! })), ...(gate ? { gate } : {}) };
  });
  const chain: ChainNode[] = forward.map((f) => {
    const locals = new Map(f.locals.map((l) => [l.input, l.expr]));
    return { id: f.name, inputs: [...locals.keys()], local: (input) => locals.get(input)! };
  });
  const paths = backwardPaths(chain, spec.output);
  const backward: GraphBackward[] = [{ name: spec.output, paths: [], terms: [], expr: num(1), leaf: false }];
  const gradientOf = (name: string, leaf: boolean): void => {
    const ps = paths.get(name);
    if (!ps) return;
    const terms = ps.map((p) => times(S(gradId(p.via)), p.local));
    backward.push({ name, paths: ps, terms, expr: plus(terms), leaf });
  };
  for (const f of [...forward].reverse()) if (f.name !== spec.output) gradientOf(f.name, false);
  for (const leaf of spec.inputs) gradientOf(leaf.name, true);
  const steps = spec.params.map((name) => ({ name, expr: sub(S(name), mul(S(LEARNING_RATE_ID), S(gradId(name)))) }));
  const derivation: GraphDerivation = { kind: "graph", spec, forward, backward, steps };
  if (spec.inputs.every((i) => i.value !== undefined)) derivation.numbers = graphNumbers(derivation);
  return derivation;
}

/** Evaluates the derivation's own expressions: forward values, local derivatives, gradients, steps. */
function graphNumbers(d: GraphDerivation): GraphNumbers {
  const spec = d.spec;
  const nodeSpecs = new Map(spec.nodes.map((n) => [n.name, n]));
  const scope: Record<string, number> = {};
  for (const leaf of spec.inputs) scope[leaf.name] = leaf.value!;
  const finite = (v: unknown, name: string, what: string): number => {
    const x = typeof v === "number" ? v : Number(v);
    if (!Number.isFinite(x)) {
      throw nodeProblem(
        spec,
        nodeSpecs.get(name),
        `${what} is ${Number.isNaN(x) ? "not a number" : "infinite"} (a log or square root of a negative number, a division by zero, an overflow)`,
      );
    }
    return x;
  };
  // The expressions only read their scope (a graph's expressions assign nothing).
  const evaluate = (e: MathNode, s: Record<string, number>): unknown => e.compile().evaluate(s);
  for (const f of d.forward) scope[f.name] = finite(evaluate(f.expr, scope), f.name, `the value of ${f.name}`);
  const values = { ...scope };
  const gradients: Record<string, number> = {};
  for (const name of [...spec.inputs.map((i) => i.name), ...d.forward.map((f) => f.name)]) gradients[name] = 0;
  // A name the output does not depend on has gradient 0 (a param among them still takes its step).
  const gscope: Record<string, number> = { ...scope, ...Object.fromEntries(Object.keys(gradients).map((n) => [gradId(n), 0])) };
  const locals: Record<string, Record<string, number>> = {};
  const paths: Record<string, number[]> = {};
  for (const f of d.forward) locals[f.name] = {};
  for (const b of d.backward) {
    b.paths.forEach((p) => (locals[p.via]![b.name] = finite(evaluate(p.local, scope), p.via, `∂${p.via}/∂${b.name}`)));
    paths[b.name] = b.terms.map((t) => finite(evaluate(t, gscope), b.name, `a share of ∂${spec.output}/∂${b.name}`));
    const g = finite(evaluate(b.expr, gscope), b.name, `∂${spec.output}/∂${b.name}`);
    gradients[b.name] = g;
    gscope[gradId(b.name)] = g;
  }
  const after: Record<string, number> = {};
  for (const s of d.steps) {
    after[s.name] = finite(evaluate(s.expr, { ...gscope, [LEARNING_RATE_ID]: spec.learning_rate! }), s.name, `the new ${s.name}`);
  }
  return { values, gradients, after, locals, paths };
}
