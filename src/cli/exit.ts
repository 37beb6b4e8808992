import { PresentationError } from "../notation/index.js";
import { NumericError } from "../numeric/index.js";
import { SpecError, formatDiagnostic } from "../spec/index.js";
import { UserError } from "./errors.js";
import { Interrupted } from "./write.js";

/** The exit statuses, one meaning each (CONTRACT §4, §7). */
export const EXIT = {
  ok: 0,
  /** check: a claim is wrong or carried. */
  wrongClaim: 1,
  /** Bad input: a spec, an answers file, an argument, a file that cannot be read or written. */
  badInput: 2,
  /** A bug: an internal error on any input. */
  bug: 70,
} as const;

/**
 * What the process prints and how it ends, for an error that reached the top. The one mapping.
 * (problems/ stays off the start-up path: its ProblemsError becomes a UserError in cli/problems.ts.)
 */
export function exitFor(err: unknown): { lines: string[]; code: number } | { signal: NodeJS.Signals } {
  if (err instanceof SpecError) return { lines: err.diagnostics.map(formatDiagnostic), code: EXIT.badInput };
  if (err instanceof Interrupted) return { signal: err.signal };
  if (err instanceof UserError) return { lines: [`backprop-derive: ${err.message}`], code: err.exitCode };
  if (err instanceof PresentationError || err instanceof NumericError) {
    return { lines: [`backprop-derive: ${err.message}`], code: EXIT.badInput };
  }
  return { lines: [`backprop-derive: internal error (a bug, please report it):\n${(err as Error)?.stack ?? String(err)}`], code: EXIT.bug };
}
