import type { Resolver } from "./note-symbols.js";
import type { Row } from "./note-segments.js";
import { functionOf } from "./note-parse.js";
import { tokenize } from "./note-tokens.js";
import type { Token } from "./note-tokens.js";

/** A run of rows read as one equation (an aligned block's rows, a "= …" continuation). */
export interface Group {
  tokens: Token[];
  start: number;
  end: number;
}

/** Rows → equation groups: a row starting with "=" (or following one that ends in an operator) continues the one above. */
export function groupRows(rows: Row[], resolver: Resolver, source: string): Group[] {
  const groups: Group[] = [];
  for (const r of rows) {
    const text = r.text.replace(/\((\\text\{)?\s*(new|old)\s*\}?\)/g, (m) => " ".repeat(m.length));
    const all = tokenize(text, r.offset);
    // a row of an aligned block may open with spacing (\quad) before its operator
    const tokens = r.plain ? all : all.slice(all.findIndex((t) => t.t !== "sep"));
    if (tokens.length === 0 || all.every((t) => t.t === "sep")) continue;
    if (r.plain && !readsAsMath(tokens, resolver)) continue;
    const prev = groups[groups.length - 1];
    const startsWithEq = tokens[0]!.t === "op" && (tokens[0] as { op: string }).op === "=";
    const last = prev?.tokens[prev.tokens.length - 1];
    // a row that opens a new equation ("X = …") never continues the one above
    // (also with a sign: the error convention's row "−g_{w_1} = δ₁x₁ − λw₁")
    const named = (k: number): boolean =>
      (tokens[k]?.t === "id" || tokens[k]?.t === "deriv") && tokens[k + 1]?.t === "op" && (tokens[k + 1] as { op: string }).op === "=";
    const fresh = named(0) || (tokens[0]!.t === "op" && (tokens[0] as { op: string }).op === "-" && named(1));
    // … or one that starts with an operator (the next row of an aligned sum: "\\ &+ …")
    const lead = tokens[0]!;
    // (only inside one block: a new display formula that opens with "−δ₅ w₄₅ …" is a formula of its own)
    const sameBlock = prev !== undefined && !/\$|\\\]|\\(begin|end)\b|\n\s*\n/.test(source.slice(prev.end, r.offset));
    const opening = !r.plain && sameBlock && lead.t === "op" && (lead.op === "+" || lead.op === "-");
    const dangling = !fresh && ((last?.t === "op" && ["=", "+", "-", "*", "/"].includes(last.op)) || opening);
    if (prev && (startsWithEq || dangling)) {
      prev.tokens.push(...(startsWithEq && !dangling ? [{ t: "sep" as const, at: tokens[0]!.at }] : []), ...tokens);
      prev.end = r.offset + r.text.length;
    } else groups.push({ tokens, start: r.offset, end: r.offset + r.text.length });
  }
  // A "= …" row is its own equation with the context's left-hand side: keep the separator
  // before it (added above), so that equations() gives it an empty first part.
  return groups;
}

/** A plain-text row is mathematics when it has an "=" or an operator and every name in it reads. */
function readsAsMath(tokens: Token[], resolver: Resolver): boolean {
  if (!tokens.some((t) => t.t === "op" && (t.op === "=" || t.op === "*" || t.op === "+"))) return false;
  if (tokens.some((t) => t.t === "bad")) return false;
  let names = 0;
  for (const t of tokens) {
    if (t.t === "id") {
      const m = resolver.id(t);
      if (m.r === "generic" && functionOf({ ...t, prime: true }) === undefined) return false;
      names++;
    } else if (t.t === "deriv") {
      if (resolver.deriv(t).r === "generic") return false;
      names++;
    }
  }
  return names > 0 || tokens.some((t) => t.t === "num");
}
