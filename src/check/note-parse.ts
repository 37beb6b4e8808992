import { ACTIVATION_TABLE } from "../ops/index.js";
import { OCR_FUNCTIONS } from "./note-ocr.js";
import type { Token } from "./note-tokens.js";

/** A formula read from tokens. Names stay as written; the resolver gives them meaning. */
export type Ex =
  | { t: "num"; text: string; at: number }
  | { t: "id"; tok: Extract<Token, { t: "id" }> }
  | { t: "deriv"; tok: Extract<Token, { t: "deriv" }> }
  | { t: "bin"; op: "+" | "-" | "*" | "/" | "^"; a: Ex; b: Ex }
  | { t: "neg"; a: Ex }
  | { t: "call"; fn: string; prime: boolean; arg: Ex; at: number }
  | { t: "bad"; why: string; at: number };

/** One part of an equation chain `A = B = C`: its tokens and what they read as. */
export interface Part {
  tokens: Token[];
  ex: Ex;
  at: number;
}

/**
 * The functions a note may apply, by the lower-cased name written: every elementwise activation by
 * its record's name (ReLU, tanh, …, with or without its hyphen), σ for the sigmoid, and the
 * mathematical functions. R is ReLU's shorthand, read only when primed (R′).
 */
const ELEMENTWISE = Object.values(ACTIVATION_TABLE).filter((a) => a.elementwise);
export const FUNCTIONS: Record<string, string> = Object.fromEntries([
  ...ELEMENTWISE.flatMap((a) => [
    [a.name, a.name],
    [a.name.replace(/-/g, ""), a.name],
  ]),
  ["sigma", "sigmoid"],
  ["exp", "exp"],
  ["ln", "ln"],
  ["log", "ln"],
  ["sqrt", "sqrt"],
  ["softmax", "softmax"],
]);
const RELU_SHORTHAND = ELEMENTWISE.find((a) => /^r/.test(a.name) && !a.name.includes("-"))?.name;

export function functionOf(tok: Extract<Token, { t: "id" }>): string | undefined {
  if (tok.sub !== "") return undefined;
  const f = FUNCTIONS[tok.base.toLowerCase()];
  if (f !== undefined) return f;
  if (OCR_FUNCTIONS[tok.base.toLowerCase()] === "R") return RELU_SHORTHAND;
  if (tok.base === "R" && tok.prime) return RELU_SHORTHAND;
  return undefined;
}

/** A function's value (or its derivative) at x; undefined for one that is not elementwise (softmax). */
export function applyFunction(fn: string, prime: boolean, x: number): number | undefined {
  const a = ELEMENTWISE.find((r) => r.name === fn);
  if (a) {
    const y = a.forward([x])[0]!;
    return prime ? a.derivative(x, y) : y;
  }
  if (prime) return undefined;
  if (fn === "exp") return Math.exp(x);
  if (fn === "ln") return Math.log(x);
  if (fn === "sqrt") return Math.sqrt(x);
  return undefined;
}

/** The equations of a token list: split at separators, then each into its `=` parts. */
export function equations(tokens: Token[]): Token[][][] {
  const eqs: Token[][][] = [];
  let parts: Token[][] = [[]];
  const flush = () => {
    if (parts.some((p) => p.length > 0)) eqs.push(parts);
    parts = [[]];
  };
  for (const tk of tokens) {
    if (tk.t === "sep") flush();
    else if (tk.t === "op" && tk.op === "=") parts.push([]);
    else parts[parts.length - 1]!.push(tk);
  }
  flush();
  return eqs;
}

/** Reads one part; a part that does not parse is `bad` (never an exception). */
export function parsePart(tokens: Token[]): Ex {
  if (tokens.length === 0) return { t: "bad", why: "nothing", at: 0 };
  const p = new Parser(tokens);
  try {
    const ex = p.expr();
    if (!p.done()) return { t: "bad", why: "unexpected symbol", at: p.here() };
    return ex;
  } catch (e) {
    if (e instanceof ParseFailure) return { t: "bad", why: e.message, at: e.at };
    throw e;
  }
}

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tk: Token[]) {}
  done(): boolean {
    return this.i >= this.tk.length;
  }
  here(): number {
    return this.tk[Math.min(this.i, this.tk.length - 1)]?.at ?? 0;
  }
  private peek(): Token | undefined {
    return this.tk[this.i];
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.t === "op" && t.op === op;
  }
  expr(): Ex {
    if (++this.depth > 200) throw new ParseFailure("nested too deeply", this.here());
    let a = this.term();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.tk[this.i++] as { op: "+" | "-" }).op;
      a = { t: "bin", op, a, b: this.term() };
    }
    this.depth--;
    return a;
  }
  private term(): Ex {
    let a = this.unary();
    for (;;) {
      if (this.isOp("*") || this.isOp("/")) {
        const op = (this.tk[this.i++] as { op: "*" | "/" }).op;
        a = { t: "bin", op, a, b: this.unary() };
      } else if (this.startsAtom()) {
        a = { t: "bin", op: "*", a, b: this.power() };
      } else return a;
    }
  }
  private startsAtom(): boolean {
    const t = this.peek();
    if (!t) return false;
    return t.t === "num" || t.t === "id" || t.t === "deriv" || t.t === "bad" || (t.t === "op" && t.op === "(");
  }
  private unary(): Ex {
    if (this.isOp("-")) {
      this.i++;
      return { t: "neg", a: this.unary() };
    }
    if (this.isOp("+")) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }
  private power(): Ex {
    const a = this.atom();
    if (this.isOp("^")) {
      this.i++;
      const b = this.isOp("-") ? (this.i++, { t: "neg" as const, a: this.atom() }) : this.atom();
      return { t: "bin", op: "^", a, b };
    }
    return a;
  }
  private atom(): Ex {
    const t = this.peek();
    if (!t) throw new ParseFailure("the formula ends too early", this.tk[this.tk.length - 1]?.at ?? 0);
    this.i++;
    switch (t.t) {
      case "num":
        return { t: "num", text: t.text, at: t.at };
      case "deriv":
        return { t: "deriv", tok: t };
      case "bad":
        return { t: "bad", why: t.why, at: t.at };
      case "id": {
        const fn = functionOf(t);
        if (fn !== undefined && this.isOp("(")) {
          return { t: "call", fn, prime: t.prime, arg: this.atom(), at: t.at };
        }
        return { t: "id", tok: t };
      }
      case "op":
        if (t.op === "(") {
          if (this.isOp(")")) throw new ParseFailure("empty brackets", t.at);
          const e = this.expr();
          if (!this.isOp(")")) throw new ParseFailure("a bracket is not closed", t.at);
          this.i++;
          return e;
        }
        throw new ParseFailure(`"${t.op}" where a value belongs`, t.at);
      default:
        throw new ParseFailure("unreadable", t.at);
    }
  }
}

/** True when the part holds no name at all (only numbers): a numeric step. */
export function isNumeric(ex: Ex): boolean {
  switch (ex.t) {
    case "num":
      return true;
    case "bin":
      return isNumeric(ex.a) && isNumeric(ex.b);
    case "neg":
      return isNumeric(ex.a);
    case "call":
      return isNumeric(ex.arg);
    case "id":
      // Euler's e is a number too
      return ex.tok.base === "e" && ex.tok.sub === "";
    default:
      return false;
  }
}

/** The number of a part that is a lone number (a sign allowed): its written text. */
export function loneNumber(ex: Ex): string | undefined {
  if (ex.t === "num") return ex.text;
  if (ex.t === "neg" && ex.a.t === "num") return `-${ex.a.text}`;
  return undefined;
}

export function walk(ex: Ex, f: (e: Ex) => void): void {
  f(ex);
  if (ex.t === "bin") {
    walk(ex.a, f);
    walk(ex.b, f);
  } else if (ex.t === "neg") walk(ex.a, f);
  else if (ex.t === "call") walk(ex.arg, f);
}
