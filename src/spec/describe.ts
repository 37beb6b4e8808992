/** How a found value reads in a message: `the string "0.5"`, `a list of 3 entries`, `.nan`. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "an empty value";
  if (typeof v === "string") return `the string ${quote(v)}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  if (typeof v === "number") {
    if (Number.isNaN(v)) return ".nan (not a number)";
    if (v === Infinity) return "infinity";
    if (v === -Infinity) return "minus infinity";
    return `the number ${v}`;
  }
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : `a list of ${v.length} ${v.length === 1 ? "entry" : "entries"}`;
  if (typeof v === "object") return "a mapping";
  return `a value of type ${typeof v}`;
}

/** A user's string, shortened and JSON-quoted so control characters show as escapes. */
export function quote(s: string): string {
  return escapeControls(JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s));
}

// Control characters (C0, DEL, C1), lone surrogates, noncharacters (U+FFFE, U+FDD0 …) and the
// line and paragraph separators: none of them may reach a terminal or a report as it is.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u2028\u2029]/gu;
const hex4 = (unit: number): string => `\\u${unit.toString(16).padStart(4, "0")}`;

/**
 * Every unprintable character of a user's text as a JSON-style escape (ESC → `\u001b`,
 * U+1FFFE → `\ud83f\udffe`); everything else unchanged. The result is still valid inside a
 * JSON string, so it serves the JSON reports too.
 */
export function escapeControls(s: string): string {
  return s.replace(UNPRINTABLE, (c) => Array.from({ length: c.length }, (_, i) => hex4(c.charCodeAt(i))).join(""));
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
