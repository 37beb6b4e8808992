import { basename, extname } from "node:path";
import {
  SpecError,
  isGraphSpec,
  parseAnySpec,
  readSpecText,
  readJson,
  formatOf,
  finishDiagnostics,
  formatPath,
  readYaml,
  parameterCount,
  workProblem,
} from "../spec/index.js";
import type { Diagnostic, GraphSpec, NetworkSpec } from "../spec/index.js";
import { graphProblemsConfig } from "./graph-config.js";
import type { GraphProblemSource } from "./graph-generate.js";
import { resolveProblems } from "./config.js";
import type { ProblemsIssue } from "./config.js";
import type { ProblemsConfig, ProblemSource } from "./types.js";

/**
 * Loads a spec and validates its `problems:` block. A bad spec or block throws SpecError with
 * every problem located like the rest of the spec: file, field path (`problems.weights.min`), line.
 * With `variants` (how many the command will make), the set's work is bounded too, before any
 * is made (docs/spec-validation.md).
 */
export async function loadProblemSource(file: string, shownAs = file, variants?: number): Promise<ProblemSource | GraphProblemSource> {
  const text = await readSpecText(file, shownAs);
  const spec = parseAnySpec(text, shownAs, "written", "problems");
  const name = basename(shownAs, extname(shownAs));
  if (isGraphSpec(spec)) return graphSource(spec, name, variants);
  const result = resolveProblems(spec.problems, spec, name);
  const issues = result.issues.length > 0 || variants === undefined ? result.issues : workIssues(spec, result.config!, variants);
  if (result.config && issues.length === 0) return { name, spec, config: result.config };
  throw new SpecError(finishDiagnostics(locateIssues(shownAs, text, issues)));
}

/**
 * Every variant of a graph is derived and rendered on its own (about 6 ms per node here, every
 * file): a set is bounded to GRAPH_SET_NODES nodes in all (variants × nodes), about a minute.
 */
export const GRAPH_SET_NODES = 10_000;

/** A graph spec's source: its settings come from the spec (graph-config.ts); its work is bounded. */
function graphSource(spec: GraphSpec, name: string, variants: number | undefined): GraphProblemSource {
  const nodes = spec.nodes.length;
  if (variants !== undefined && variants * nodes > GRAPH_SET_NODES) {
    throw new SpecError([
      {
        file: spec.file,
        path: "graph.nodes",
        message: `${variants} variants of ${nodes} nodes are ${variants * nodes} nodes to derive; a problem set is limited to ${GRAPH_SET_NODES} (lower --count)`,
      },
    ]);
  }
  return { kind: "graph", name, spec, config: graphProblemsConfig(spec, name) };
}

/** Every variant is derived like a spec with the set's samples: variants × passes × parameters. */
function workIssues(spec: NetworkSpec, config: ProblemsConfig, variants: number): ProblemsIssue[] {
  const problem = workProblem(
    { epochs: spec.epochs, samples: config.samples, parameters: parameterCount(spec.layers.map((l) => l.size)) },
    variants,
  );
  if (!problem) return [];
  const block = spec.problems as Record<string, unknown> | undefined;
  const path =
    problem.of === "layers"
      ? ["layers"]
      : block !== undefined && Object.prototype.hasOwnProperty.call(block, "samples")
        ? ["problems", "samples"]
        : spec.epochs > 1
          ? ["epochs"]
          : ["samples"];
  return [{ path, message: problem.message }];
}

/** Issues → diagnostics with the line of each field (the spec loader's own readers find it). */
function locateIssues(file: string, text: string, issues: ProblemsIssue[]): Diagnostic[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const read = formatOf(file) === "json" ? readJson(text, file) : readYaml(text, file);
  return issues.map((i) => ({
    file,
    path: formatPath(i.path),
    ...(read.ok ? read.source.locate(i.path, i.at) : {}),
    message: i.message,
  }));
}
