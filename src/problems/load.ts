import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { SpecError, loadSpec } from "../spec/index.js";
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
export async function loadProblemSource(file: string): Promise<ProblemSource> {
  const spec = await loadSpec(file);
  const name = basename(file, extname(file));
  const result = resolveProblems(spec.problems, spec, name);
  if (result.config) return { name, spec, config: result.config };
  throw new SpecError(finishDiagnostics(await locateIssues(file, result.issues)));
}

/** Issues → diagnostics with the line of each field (the spec loader's own readers find it). */
async function locateIssues(file: string, issues: ProblemsIssue[]): Promise<Diagnostic[]> {
  let text = await readFile(file, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const read = formatOf(file) === "json" ? readJson(text, file) : readYaml(text, file);
  return issues.map((i) => ({
    file, path: formatPath(i.path), ...(read.ok ? read.source.locate(i.path, i.at) : {}), message: i.message,
  }));
}
