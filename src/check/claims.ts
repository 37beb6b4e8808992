import type { Diagnostic } from "../spec/index.js";
import type { AnswerEntry } from "./answers.js";
import type { Claim } from "./claim.js";
import type { Checkable } from "./prepare.js";

/** Resolves each entry's name to a quantity; unknown, ambiguous and repeated names are diagnostics. */
export function resolveClaims(file: string, c: Checkable, entries: AnswerEntry[]): { claims: Claim[]; diagnostics: Diagnostic[] } {
  const claims: Claim[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, AnswerEntry>();
  for (const e of entries) {
    const where = { file, path: e.name, ...(e.nameLine > 0 ? { line: e.nameLine, column: e.nameColumn } : {}) };
    const r = c.names.resolve(e.name);
    if (!r.ok) {
      const hint = r.suggestions.length > 0 ? `; did you mean ${r.suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
      diagnostics.push({ ...where, message: `${r.message}${hint} (run \`check SPEC --list\` for every name)` });
      continue;
    }
    const prior = seen.get(r.key);
    if (prior) {
      diagnostics.push({ ...where, message: `names the same quantity as "${prior.name}" (line ${prior.line}): write each value once` });
      continue;
    }
    seen.set(r.key, e);
    claims.push({
      key: r.key,
      writtenAs: e.name,
      text: e.number.text,
      // a name that means minus its quantity claims minus the number written for the quantity
      value: r.negated ? -e.number.value : e.number.value,
      ...(r.negated ? { negated: true as const } : {}),
      decimals: e.number.decimals,
      ...(e.line > 0 ? { line: e.line } : {}),
    });
  }
  return { claims, diagnostics };
}
