import type { Diagnostic } from "./diagnostic.js";
import type { Path } from "./path.js";

export interface Position {
  line: number;
  column: number;
}

/**
 * A parsed spec file: plain data plus a way back to where each field was written.
 * `locate` falls back to the nearest enclosing node that exists (a missing key is
 * reported at its mapping); "key" asks for the key's own position rather than its value's.
 */
export interface Source {
  data: unknown;
  locate(path: Path, target?: "value" | "key"): Position | undefined;
}

/** Either the parsed source or the problems that stopped parsing. */
export type ReadResult = { ok: true; source: Source } | { ok: false; diagnostics: Diagnostic[] };

/** Offset → 1-based line and column, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}
