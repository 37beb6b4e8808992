import { all, create } from "mathjs";
import type { MathNode } from "mathjs";
import { ACTIVATION_FUNCTIONS, EXPRESSION_HELPERS } from "../ops/index.js";

/**
 * The one mathjs instance. mathjs holds the expression trees, parses the tables' symbolic
 * forms and evaluates trees in tests; the chain-rule bookkeeping is our own (STACK-NOTES §3b),
 * because mathjs' derivative() knows neither relu nor sigmoid and simplify() reorders terms.
 */
export const math = create(all!);

// The activation functions as mathjs functions, so that every step can be evaluated.
math.import(Object.fromEntries(Object.entries(ACTIVATION_FUNCTIONS).map(([name, op]) => [name, op.f])), { override: true });
// What a graph's local derivatives call beyond those (max and min route the gradient).
math.import(Object.fromEntries(Object.entries(EXPRESSION_HELPERS).map(([name, op]) => [name, op.f])), { override: true });

export type { MathNode };

// Small node builders, so that large networks are built without parsing strings.
export const S = (id: string): MathNode => new math.SymbolNode(id);
export const num = (v: number): MathNode =>
  v < 0 ? new math.OperatorNode("-", "unaryMinus", [new math.ConstantNode(-v)]) : new math.ConstantNode(v);
export const paren = (n: MathNode): MathNode => new math.ParenthesisNode(n);
export const fn = (name: string, ...args: MathNode[]): MathNode => new math.FunctionNode(new math.SymbolNode(name), args);

/** a · b · c, left to right (the order a teacher writes). */
export function mul(...factors: MathNode[]): MathNode {
  return factors.reduce((acc, f) => new math.OperatorNode("*", "multiply", [acc, f]));
}
/** a + b + c, left to right. */
export function add(...terms: MathNode[]): MathNode {
  if (terms.length === 0) return new math.ConstantNode(0);
  return terms.reduce((acc, t) => new math.OperatorNode("+", "add", [acc, t]));
}
export const sub = (a: MathNode, b: MathNode): MathNode => new math.OperatorNode("-", "subtract", [a, b]);
export const div = (a: MathNode, b: MathNode): MathNode => new math.OperatorNode("/", "divide", [a, b]);
export const neg = (a: MathNode): MathNode => new math.OperatorNode("-", "unaryMinus", [a]);

/** Parses a table's symbolic form and puts the given nodes in for its placeholders. */
export function instantiate(template: string, bindings: Record<string, MathNode>): MathNode {
  return parseCached(template).transform((node: MathNode) => {
    if ((node as { isSymbolNode?: boolean }).isSymbolNode) {
      const name = (node as unknown as { name: string }).name;
      const bound = bindings[name];
      if (bound) return bound;
    }
    return node;
  });
}

const cache = new Map<string, MathNode>();
function parseCached(src: string): MathNode {
  let n = cache.get(src);
  if (!n) {
    n = math.parse(src);
    cache.set(src, n);
  }
  return n;
}

/**
 * Every symbol id an expression mentions (function names excluded), in the order they are met.
 * Walked with a stack rather than mathjs' recursive traverse: the L2 term of a large network is a
 * chain of 50,000 additions.
 */
export function symbolsOf(expr: MathNode): string[] {
  const out = new Set<string>();
  type Walked = { type: string; name?: string; args?: Walked[]; content?: Walked };
  const stack: Walked[] = [expr as unknown as Walked];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "SymbolNode") out.add(node.name!);
    // a function's own name is its fn, not an argument: only the arguments are walked
    if (node.content) stack.push(node.content);
    if (node.args) for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i]!);
  }
  return [...out];
}

/** The expression with numbers put in for the symbols that have a value in the scope. */
export function substitute(expr: MathNode, scope: Readonly<Record<string, number>>): MathNode {
  return expr.transform((node: MathNode, _path: string, parent: MathNode | null) => {
    if ((node as { isSymbolNode?: boolean }).isSymbolNode) {
      const isFnName =
        parent && (parent as { isFunctionNode?: boolean }).isFunctionNode && (parent as unknown as { fn: MathNode }).fn === node;
      const name = (node as unknown as { name: string }).name;
      if (!isFnName && name in scope) return num(scope[name]!);
    }
    return node;
  });
}
