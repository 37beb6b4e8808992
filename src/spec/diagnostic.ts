import { escapeControls } from "./describe.js";

/** A located problem in a spec file, for the instructor who wrote it. */
export interface Diagnostic {
  file: string;
  /** Field path such as `layers[2].activation`; "" for the whole document. */
  path: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  message: string;
}

/**
 * `specs/x.yaml:12:5: layers[2].activation: unknown activation "relux"; did you mean "relu"?`
 * One line, whatever a file name, key or value holds: control characters come out escaped.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) {
    where += `:${d.line}`;
    if (d.column !== undefined) where += `:${d.column}`;
  }
  return escapeControls(d.path === "" ? `${where}: ${d.message}` : `${where}: ${d.path}: ${d.message}`);
}

/** Every problem found in one or more spec files; thrown instead of a stack trace. */
export class SpecError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "SpecError";
    this.diagnostics = diagnostics;
  }
}

/** At most this many diagnostics per file; a flood of them helps nobody. */
export const MAX_DIAGNOSTICS = 50;

/**
 * Sorts by position (file-level problems without a line first), drops exact repeats and
 * caps the list, saying how many were left out (`hidden` more were found but never listed).
 */
export function finishDiagnostics(list: Diagnostic[], hidden = 0): Diagnostic[] {
  const seen = new Set<string>();
  const unique = list.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const order = (d: Diagnostic): number => (d.line === undefined ? -1 : d.line * 1e7 + (d.column ?? 0));
  const sorted = unique
    .map((d, i) => ({ d, i }))
    .sort((x, y) => order(x.d) - order(y.d) || x.i - y.i)
    .map((x) => x.d);
  if (sorted.length <= MAX_DIAGNOSTICS && hidden === 0) return sorted;
  const shown = sorted.slice(0, MAX_DIAGNOSTICS);
  const more = sorted.length - shown.length + hidden;
  shown.push({ file: sorted[0]!.file, path: "", message: `… and ${more} more problem${more === 1 ? "" : "s"} not shown` });
  return shown;
}
