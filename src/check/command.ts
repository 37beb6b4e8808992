import { readFile } from "node:fs/promises";
import { SpecError, loadSpec } from "../spec/index.js";
import { hasNumbers } from "../spec/types.js";
import { readAnswers } from "./answers.js";
import { checkClaims } from "./check.js";
import { resolveClaims } from "./claims.js";
import { prepare } from "./prepare.js";
import type { ReportFormat } from "./report.js";
import { formatList, formatReport } from "./report.js";

export interface CheckCommandArgs {
  spec: string;
  /** Required unless `list`. */
  answers?: string;
  list: boolean;
  format: ReportFormat;
  tolerance?: number;
}

/**
 * `backprop-derive check SPEC ANSWERS`: the report text and the exit status (0 every value
 * right, 1 any wrong or carried). Bad input (spec or answers) throws SpecError: exit 2.
 */
export async function checkCommand(a: CheckCommandArgs): Promise<{ output: string; exitCode: number }> {
  const spec = await loadSpec(a.spec);
  const c = prepare(spec);
  if (a.list) return { output: formatList(c.graph, c.names, a.format), exitCode: 0 };
  if (a.answers === undefined) {
    throw new SpecError([{ file: a.spec, path: "", message: "name an answers file to check (or use --list for the names)" }]);
  }
  if (!hasNumbers(spec)) {
    throw new SpecError([{
      file: a.spec, path: spec.weights === undefined ? "weights" : "samples",
      message: "the spec has no numbers (weights and samples), so there is nothing to check answers against",
    }]);
  }
  let text: string;
  try {
    text = await readFile(a.answers, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message;
    throw new SpecError([{ file: a.answers, path: "", message: `cannot read the answers file: ${reason}` }]);
  }
  const read = readAnswers(a.answers, text);
  if (read.diagnostics.length > 0) throw new SpecError(read.diagnostics);
  const resolved = resolveClaims(a.answers, c, read.entries);
  if (resolved.diagnostics.length > 0) throw new SpecError(resolved.diagnostics);
  const report = checkClaims(c.graph, resolved.claims, a.tolerance === undefined ? {} : { tolerance: a.tolerance });
  const exitCode = report.claims.every((r) => r.verdict === "ok") ? 0 : 1;
  return { output: formatReport(report, a.format, `${a.answers} against ${a.spec}`), exitCode };
}
