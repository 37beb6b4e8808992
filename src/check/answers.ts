import { isMap, isScalar, isSeq } from "yaml";
import type { Node } from "yaml";
import { quote, parseYaml } from "../spec/index.js";
import type { Diagnostic } from "../spec/index.js";
import { parseWrittenNumber } from "./number-text.js";
import type { WrittenNumber } from "./number-text.js";

/** One entry of an answers file: a quantity's name as written and the number as written. */
export interface AnswerEntry {
  name: string;
  number: WrittenNumber;
  /** Where the number is written (1-based). */
  line: number;
  column: number;
  /** Where the name is written. */
  nameLine: number;
  nameColumn: number;
}

/**
 * Reads an answers file (YAML or JSON): a mapping from quantity names (or answer-key paths)
 * to numbers. The number's source text is kept: its digits are the precision claimed.
 * A path may map to a list (`updates[0].samples[0].a[0]: [0.95, 0.80]`) for its entries.
 */
export function readAnswers(file: string, text: string): { entries: AnswerEntry[]; diagnostics: Diagnostic[] } {
  // The spec loader's reader: nesting and size capped before parsing, syntax errors, several
  // documents and duplicate keys located (file:line:column, the key's path).
  const parsed = parseYaml(text, file, "an answers file");
  if (!parsed.ok) return { entries: [], diagnostics: parsed.diagnostics };
  const { doc, lines } = parsed;
  const diagnostics: Diagnostic[] = [];
  const at = (node: Node | null | undefined): { line?: number; column?: number } => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    return lines.position(offset);
  };
  const root = doc.contents;
  if (!isMap(root)) {
    diagnostics.push({
      file,
      path: "",
      ...at(root),
      message: "an answers file maps quantity names to numbers (`Y3: 0.57`, `W13': -2.48`); run `check SPEC --list` for the names",
    });
    return { entries: [], diagnostics };
  }
  const entries: AnswerEntry[] = [];
  const value = (name: string, node: unknown, keyNode: Node | null) => {
    if (isSeq(node)) {
      if (!name.includes("[")) {
        diagnostics.push({
          file,
          path: name,
          ...at(node),
          message: "a list of numbers needs an answer-key path as its name (e.g. `updates[0].samples[0].a[0]`)",
        });
        return;
      }
      node.items.forEach((item, i) => value(`${name}[${i}]`, item, item as Node));
      return;
    }
    const n = node as Node | null;
    const pos = at(n ?? keyNode);
    if (!isScalar(node) || node.value === null) {
      diagnostics.push({ file, path: name, ...pos, message: "expected a number as written, e.g. 0.80" });
      return;
    }
    // The source text, not the parsed float: "0.80" claims two decimals. Quoted numbers count too.
    const src = typeof node.value === "string" ? node.value : (node.source ?? String(node.value));
    const parsed = parseWrittenNumber(src);
    if (!parsed) {
      diagnostics.push({
        file,
        path: name,
        ...pos,
        message: `${quote(src)} is not a decimal number (write it as digits, e.g. -5.19, .57, 1e-3)`,
      });
      return;
    }
    const keyPos = at(keyNode ?? n);
    entries.push({
      name,
      number: parsed,
      line: pos.line ?? 0,
      column: pos.column ?? 0,
      nameLine: keyPos.line ?? pos.line ?? 0,
      nameColumn: keyPos.column ?? pos.column ?? 0,
    });
  };
  for (const pair of root.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || key.value === null || typeof key.value === "object") {
      diagnostics.push({ file, path: "", ...at(key), message: "each key must be a quantity name (run `check SPEC --list`)" });
      continue;
    }
    value(String(key.source ?? key.value), pair.value, key);
  }
  return { entries, diagnostics };
}
