import type { Ex } from "./note-parse.js";
import { applyFunction, walk } from "./note-parse.js";
import type { Point } from "./note-points.js";
import type { Meaning, Resolver } from "./note-symbols.js";

/**
 * A written part's value at a random point of the network, and the left-hand side's: the two
 * sides of an equation are compared by these numbers, never by their text.
 */

/** The reading of δ: ∂L/∂z (1), or the error convention's −∂L/∂z (−1). */
export type Sign = 1 | -1;

export function hasBareTarget(ex: Ex, resolver: Resolver): boolean {
  let bare = false;
  walk(ex, (e) => {
    if (e.t === "id" && resolver.id(e.tok).r === "bare-target") bare = true;
  });
  return bare;
}

/** The target a bare "y" stands for: that of the left-hand side's output node. */
export function targetFor(m: Meaning, p: Point, resolver: Resolver): number | undefined {
  const node = m.r === "key" ? m.q.node : undefined;
  const t = node === undefined ? undefined : resolver.plain(`T${node}`);
  return t ? p.truth(t.key) : undefined;
}

export const close = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * (1 + Math.abs(a) + Math.abs(b));

export function lhsValue(m: Meaning, p: Point, s: Sign): number | undefined {
  if (m.r === "key") return p.truth(m.key) * (m.delta && s === -1 ? -1 : 1) * (m.neg ? -1 : 1);
  if (m.r === "prod") return m.keys.reduce((acc, k) => acc * p.truth(k), m.c);
  return undefined;
}

export type Get = (key: string) => number;

/** The value of a written part at a point; undefined when a name or a function cannot be read. */
export function evaluate(
  ex: Ex,
  resolver: Resolver,
  p: Point,
  s: Sign,
  target: number | undefined,
  get: Get = p.truth,
): number | undefined {
  const ev = (e: Ex): number | undefined => {
    switch (e.t) {
      case "num":
        return Number(e.text);
      case "neg": {
        const v = ev(e.a);
        return v === undefined ? undefined : -v;
      }
      case "bin": {
        const a = ev(e.a);
        const b = ev(e.b);
        if (a === undefined || b === undefined) return undefined;
        switch (e.op) {
          case "+":
            return a + b;
          case "-":
            return a - b;
          case "*":
            return a * b;
          case "/":
            return a / b;
          case "^":
            return a ** b;
        }
        return undefined;
      }
      case "call": {
        const x = ev(e.arg);
        return x === undefined ? undefined : applyFunction(e.fn, e.prime, x);
      }
      case "id":
      case "deriv": {
        const m = e.t === "id" ? resolver.id(e.tok) : resolver.deriv(e.tok);
        if (m.r === "key") return get(m.key) * (m.delta && s === -1 ? -1 : 1) * (m.neg ? -1 : 1);
        if (m.r === "prod") return m.keys.reduce((acc, k) => acc * get(k), m.c);
        if (m.r === "euler") return Math.E;
        if (m.r === "const") return m.value;
        if (m.r === "bare-target") return target;
        return undefined;
      }
      default:
        return undefined;
    }
  };
  const v = ev(ex);
  return v === undefined || !Number.isFinite(v) ? undefined : v;
}

/** Pairs of (name, number) where a numeric part has the shape of the symbolic part before it. */
export function matchShapes(sym: Ex, num: Ex, resolver: Resolver): [Meaning, Extract<Ex, { t: "num" }>][] {
  const out: [Meaning, Extract<Ex, { t: "num" }>][] = [];
  const go = (a: Ex, b: Ex): boolean => {
    if ((a.t === "id" || a.t === "deriv") && (b.t === "num" || (b.t === "neg" && b.a.t === "num"))) {
      const m = a.t === "id" ? resolver.id(a.tok) : resolver.deriv(a.tok);
      if (b.t === "num") out.push([m, b]);
      else if (b.a.t === "num") out.push([m, { ...b.a, text: `-${b.a.text}` }]);
      return true;
    }
    if (a.t === "bin" && b.t === "bin" && a.op === b.op) return go(a.a, b.a) && go(a.b, b.b);
    if (a.t === "neg" && b.t === "neg") return go(a.a, b.a);
    if (a.t === "num" && b.t === "num") return true;
    return false;
  };
  return go(sym, num) ? out : [];
}
