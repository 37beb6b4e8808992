import { basename, extname } from "node:path";
import { SpecError, parseSpec } from "../spec/index.js";
import { readSpecText } from "../spec/load.js";
import type { Diagnostic } from "../spec/index.js";
import { readJson } from "../spec/json-source.js";
import { formatOf } from "../spec/parse.js";
import { finishDiagnostics } from "../spec/diagnostic.js";
import { formatPath } from "../spec/path.js";
import { readYaml } from "../spec/yaml-source.js";
import { resolveProblems } from "./config.js";
import type { ProblemsIssue } from "./config.js";
import type { ProblemSource } from "./types.js";

/**
 * Loads a spec and validates its `problems:` block. A bad spec or block throws SpecError with
 * every problem located like the rest of the spec: file, field path (`problems.weights.min`), line.
 */
export async function loadProblemSource(file: string, shownAs = file): Promise<ProblemSource> {
  const text = await readSpecText(file, shownAs);
  const spec = parseSpec(text, shownAs);
  const name = basename(shownAs, extname(shownAs));
  const result = resolveProblems(spec.problems, spec, name);
  if (result.config) return { name, spec, config: result.config };
  throw new SpecError(finishDiagnostics(locateIssues(shownAs, text, result.issues)));
}

/** Issues → diagnostics with the line of each field (the spec loader's own readers find it). */
function locateIssues(file: string, text: string, issues: ProblemsIssue[]): Diagnostic[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const read = formatOf(file) === "json" ? readJson(text, file) : readYaml(text, file);
  return issues.map((i) => ({
    file, path: formatPath(i.path), ...(read.ok ? read.source.locate(i.path, i.at) : {}), message: i.message,
  }));
}
