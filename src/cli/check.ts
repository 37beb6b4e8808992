import { EXIT } from "./exit.js";
import { stdinNames } from "./stdin.js";
import { SpecError, isGraphSpec, loadAnySpec, readInput, STDIN } from "../spec/index.js";
import {
  checkClaims,
  checkNote,
  nothingToCheck,
  formatList,
  formatNoteReport,
  formatReport,
  noteKindOf,
  prepare,
  readAnswers,
  resolveClaims,
} from "../check/index.js";
import type { ReportFormat } from "../check/index.js";

export interface CheckCommandArgs {
  spec: string;
  /** Required unless `list`. */
  answers?: string;
  list: boolean;
  format: ReportFormat;
  tolerance?: number;
  /** What standard input (the spec or the answers given as `-`) is called in messages. */
  name?: string;
}

/**
 * `backprop-derive check SPEC ANSWERS`: the report text and the exit status (0 every value
 * right, 1 any wrong or carried). Bad input (spec or answers) throws SpecError: exit 2.
 */
export async function checkCommand(a: CheckCommandArgs): Promise<{ output: string; exitCode: number }> {
  const shown = stdinNames([a.spec, a.answers], a.name, a.spec === STDIN);
  const specName = shown(a.spec);
  const spec = await loadAnySpec(a.spec, specName, "computed", "check");
  const c = prepare(spec);
  if (a.list) return { output: formatList(c.graph, c.names, a.format), exitCode: 0 };
  if (a.answers === undefined) {
    throw new SpecError([{ file: specName, path: "", message: "name an answers file to check (or use --list for the names)" }]);
  }
  if (isGraphSpec(spec)) {
    if (isNote(a.answers)) {
      throw new SpecError([
        {
          file: shown(a.answers),
          path: "",
          message: `${specName} is a computational-graph spec: a note is checked against layered networks only so far; write the values and gradients as an answers file (YAML: \`q: 3\`, \`dq: -4\`; \`check ${specName} --list\` for the names)`,
        },
      ]);
    }
  } else if (isNote(a.answers)) {
    // A note is read as written: its mathematics, located by its own lines (CONTRACT §7). A spec
    // without numbers still checks the note's names and equations.
    const answers = shown(a.answers);
    const text = await readInput(a.answers, answers, "answers");
    const report = await checkNote(spec, text, noteKindOf(a.answers));
    const exitCode = report.findings.every((f) => f.verdict === "ok") ? EXIT.ok : EXIT.wrongClaim;
    return { output: formatNoteReport(report, a.format, `${answers} against ${specName}`), exitCode };
  }
  const nothing = nothingToCheck(spec, specName);
  if (nothing) throw new SpecError([nothing]);
  const answers = shown(a.answers);
  const text = await readInput(a.answers, answers, "answers");
  const read = readAnswers(answers, text);
  if (read.diagnostics.length > 0) throw new SpecError(read.diagnostics);
  const resolved = resolveClaims(answers, c, read.entries);
  if (resolved.diagnostics.length > 0) throw new SpecError(resolved.diagnostics);
  const report = checkClaims(c.graph, resolved.claims, a.tolerance === undefined ? {} : { tolerance: a.tolerance });
  const exitCode = report.claims.every((r) => r.verdict === "ok") ? EXIT.ok : EXIT.wrongClaim;
  return { output: formatReport(report, a.format, `${answers} against ${specName}`), exitCode };
}

/** A note (Markdown, plain text or LaTeX) rather than an answers file (YAML or JSON), by its extension. */
export function isNote(file: string): boolean {
  return /\.(md|markdown|txt|tex|latex)$/i.test(file);
}
