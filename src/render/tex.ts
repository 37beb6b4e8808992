import type { MathNode } from "../derive/index.js";
import { ACTIVATION_FUNCTIONS, EXPRESSION_TEX } from "../ops/index.js";
import { showsNegative, texNumber } from "./numbers.js";

/**
 * A small TeX printer for the node shapes derive/ builds (sums, products, quotients, powers,
 * unary minus, parentheses, the activation functions). It is ours rather than mathjs' toTex
 * because it must (a) name symbols through the notation, (b) put numbers in for symbols when
 * asked, parenthesising negatives inside products and after + and −, and (c) be fast enough
 * for 50 000 weights. Anything else falls back to mathjs' toTex with the same symbol names.
 */
export interface TexContext {
  /** TeX name of a symbol id. */
  sym: (id: string) => string;
  /** Value of a symbol id when printing the substituted form; undefined keeps the symbol. */
  value?: (id: string) => number | undefined;
  precision: number;
}

// Untyped view of mathjs nodes: the printer only reads these fields.
interface N {
  type: string;
  fn?: string | N;
  op?: string;
  args?: N[];
  name?: string;
  value?: number;
  content?: N;
}

/** The activations' functions (from their records), the losses' logarithm and a graph's functions. */
const FUNCTIONS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ACTIVATION_FUNCTIONS).map(([name, op]) => [name, op.tex])),
  log: "\\ln",
  ...EXPRESSION_TEX,
};

const PREC_SUM = 1;
const PREC_PRODUCT = 2;
const PREC_UNARY = 3;
const PREC_ATOM = 5;

interface Printed {
  tex: string;
  prec: number;
  /** A number shown with a leading minus (needs parentheses inside products and after + / −). */
  negative: boolean;
  numeric: boolean;
}

function symbolValue(n: N, ctx: TexContext): number | undefined {
  return ctx.value ? ctx.value(n.name!) : undefined;
}

function numberPrinted(v: number, ctx: TexContext): Printed {
  return { tex: texNumber(v, ctx.precision), prec: PREC_ATOM, negative: showsNegative(v, ctx.precision), numeric: true };
}

const wrap = (s: string): string => (s.includes("\\frac") ? `\\left(${s}\\right)` : `(${s})`);

function p(node: N, ctx: TexContext): Printed {
  switch (node.type) {
    case "SymbolNode": {
      const v = symbolValue(node, ctx);
      if (v !== undefined) return numberPrinted(v, ctx);
      return { tex: ctx.sym(node.name!), prec: PREC_ATOM, negative: false, numeric: false };
    }
    case "ConstantNode":
      return numberPrinted(node.value as number, ctx);
    case "ParenthesisNode": {
      const inner = p(node.content!, ctx);
      if (inner.prec === PREC_ATOM && !inner.negative) return inner;
      return { tex: wrap(inner.tex), prec: PREC_ATOM, negative: false, numeric: inner.numeric };
    }
    case "FunctionNode": {
      const name = typeof node.fn === "string" ? node.fn : node.fn!.name!;
      const args = node.args!.map((a) => p(a, ctx).tex);
      if (name === "exp") return { tex: `e^{${args[0]}}`, prec: PREC_ATOM, negative: false, numeric: false };
      // √s of the optimizers (RMSprop, Adam)
      if (name === "sqrt") return { tex: `\\sqrt{${args[0]}}`, prec: PREC_ATOM, negative: false, numeric: false };
      const f = FUNCTIONS[name];
      if (!f) throw new Error(`internal error: the TeX printer has no rule for function ${name}`);
      // A form of its own (√, |·|, the Iverson bracket): the arguments go where it says.
      if (f.includes("#1"))
        return { tex: f.replace(/#([12])/g, (_m, k: string) => args[Number(k) - 1]!), prec: PREC_ATOM, negative: false, numeric: false };
      return { tex: `${f}${wrap(args.join(", "))}`, prec: PREC_ATOM, negative: false, numeric: false };
    }
    case "OperatorNode":
      return operator(node, ctx);
    default:
      throw new Error(`internal error: the TeX printer has no rule for ${node.type}`);
  }
}

/** Parenthesises a negative number or a lower-precedence operand. */
function operand(x: Printed, minPrec: number): string {
  return x.negative || x.prec < minPrec ? wrap(x.tex) : x.tex;
}

function operator(node: N, ctx: TexContext): Printed {
  const fn = node.fn as string;
  const args = node.args!;
  switch (fn) {
    case "add":
    case "subtract": {
      const a = p(args[0]!, ctx);
      const b = p(args[1]!, ctx);
      const op = fn === "add" ? "+" : "-";
      // a + (−b): the substituted value keeps its sign visible; a − (b + c) keeps its parentheses.
      const right = b.negative || (fn === "subtract" && b.prec <= PREC_SUM) || b.prec === PREC_UNARY ? wrap(b.tex) : b.tex;
      return { tex: `${a.tex} ${op} ${right}`, prec: PREC_SUM, negative: false, numeric: a.numeric && b.numeric };
    }
    case "multiply": {
      const a = p(args[0]!, ctx);
      const b = p(args[1]!, ctx);
      // ·1 (identity′, the bias's ∂z/∂b) says nothing: leave it out.
      if (isOne(args[1]!)) return a;
      if (isOne(args[0]!)) return b;
      const left = a.prec < PREC_PRODUCT || a.negative ? wrap(a.tex) : a.tex;
      const right = b.negative || b.prec <= PREC_UNARY ? wrap(b.tex) : b.tex;
      // 0.5 · 0.37 and W · 0.5 need a dot; ½(…), 2(a − t) and W x do not.
      const fracLeft = a.numeric && a.tex.startsWith("\\frac");
      const sep = (ctx.value || b.numeric) && !fracLeft ? " \\cdot " : "\\, ";
      return { tex: `${left}${sep}${right}`, prec: PREC_PRODUCT, negative: false, numeric: a.numeric && b.numeric };
    }
    case "divide": {
      const a = p(unparen(args[0]!), ctx);
      const b = p(unparen(args[1]!), ctx);
      return { tex: `\\frac{${a.tex}}{${b.tex}}`, prec: PREC_ATOM, negative: false, numeric: a.numeric && b.numeric };
    }
    case "unaryMinus": {
      const a = p(args[0]!, ctx);
      // −a·b needs no parentheses; −(a + b) and −(−2) do.
      return { tex: `-${operand(a, PREC_PRODUCT)}`, prec: PREC_UNARY, negative: false, numeric: a.numeric };
    }
    case "unaryPlus":
      return p(args[0]!, ctx);
    case "pow": {
      const a = p(args[0]!, ctx);
      const b = p(unparen(args[1]!), ctx);
      // a^{(1)}_{1} squared: brace the base, or TeX sees a double superscript. A fraction
      // (∂L/∂w) and a number in scientific form (4.4 × 10⁻⁷) are parenthesised: squared as they
      // stand, the exponent would read as the denominator's or the power of ten's.
      const parenBase = a.negative || a.prec < PREC_ATOM || a.tex.startsWith("\\frac") || a.tex.includes("\\times");
      const base = parenBase ? wrap(a.tex) : a.tex.includes("^") ? `{${a.tex}}` : a.tex;
      return { tex: `${base}^{${b.tex}}`, prec: PREC_ATOM, negative: false, numeric: a.numeric && b.numeric };
    }
    default:
      throw new Error(`internal error: the TeX printer has no rule for operator ${fn}`);
  }
}

const isOne = (n: N): boolean => n.type === "ConstantNode" && n.value === 1;

const unparen = (n: N): N => (n.type === "ParenthesisNode" ? n.content! : n);

/** TeX of a whole expression. */
export function toTex(expr: MathNode, ctx: TexContext): string {
  return p(expr as unknown as N, ctx).tex;
}

/**
 * The expression as chunks a line may break between: the terms of a top-level sum
 * (`a`, `+ b`, `- c`), also inside one pair of outer parentheses (`\bigl(a`, `+ b\bigr) f`).
 * Joining the chunks with spaces gives the same formula as toTex (up to \bigl/\bigr).
 */
export function toTexChunks(expr: MathNode, ctx: TexContext, keep = Infinity): string[] {
  const node = expr as unknown as N;
  const sum = sumTerms(node);
  if (sum) {
    // A very long sum (a neuron with hundreds of inputs): the first terms, …, the last two.
    if (sum.length > keep + 3) {
      const head = sumChunks(sum.slice(0, keep), ctx);
      const tail = sumChunks([["+", sum[0]![1]], ...sum.slice(sum.length - 2)], ctx).slice(1);
      return [...head, "+ \\dots", ...tail];
    }
    return sumChunks(sum, ctx);
  }
  if (node.type === "OperatorNode" && node.fn === "multiply") {
    const [a, b] = node.args!;
    const bs = b!.type === "ParenthesisNode" ? sumTerms(b!.content!) : undefined;
    if (bs && bs.length > 2 && a!.type !== "ParenthesisNode") {
      const ap = p(a!, ctx);
      const chunks = sumChunks(bs, ctx);
      const sep = ctx.value && !ap.tex.startsWith("\\frac") ? " \\cdot " : "";
      chunks[0] = `${operand(ap, PREC_PRODUCT)}${sep}\\bigl(${chunks[0]}`;
      chunks[chunks.length - 1] += "\\bigr)";
      return chunks;
    }
    const as = a!.type === "ParenthesisNode" ? sumTerms(a!.content!) : undefined;
    if (as && as.length > 2) {
      const bp = p(b!, ctx);
      const chunks = sumChunks(as, ctx);
      const sep = ctx.value || bp.numeric ? " \\cdot " : "\\, ";
      chunks[0] = `\\bigl(${chunks[0]}`;
      chunks[chunks.length - 1] += `\\bigr)${sep}${operand(bp, PREC_UNARY)}`;
      return chunks;
    }
  }
  if (node.type === "OperatorNode" && node.fn === "unaryMinus" && node.args![0]!.type === "ParenthesisNode") {
    const s = sumTerms(node.args![0]!.content!);
    if (s && s.length > 2) {
      const chunks = sumChunks(s, ctx);
      chunks[0] = `-\\bigl(${chunks[0]}`;
      chunks[chunks.length - 1] += "\\bigr)";
      return chunks;
    }
  }
  return [toTex(expr, ctx)];
}

/** Flattens a left-nested chain of + and −: [[+, a], [+, b], [−, c]]. */
function sumTerms(node: N): [string, N][] | undefined {
  if (node.type !== "OperatorNode" || (node.fn !== "add" && node.fn !== "subtract")) return undefined;
  const out: [string, N][] = [];
  let cur: N = node;
  while (cur.type === "OperatorNode" && (cur.fn === "add" || cur.fn === "subtract")) {
    out.push([cur.fn === "add" ? "+" : "-", cur.args![1]!]);
    cur = cur.args![0]!;
  }
  out.push(["+", cur]);
  return out.reverse();
}

function sumChunks(terms: [string, N][], ctx: TexContext): string[] {
  return terms.map(([op, t], i) => {
    const x = p(t, ctx);
    if (i === 0) return x.tex;
    const paren = x.negative || x.prec === PREC_UNARY || (op === "-" && x.prec <= PREC_SUM);
    return `${op} ${paren ? wrap(x.tex) : x.tex}`;
  });
}
