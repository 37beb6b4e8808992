import { finishDiagnostics, SpecError } from "./diagnostic.js";
import type { Diagnostic } from "./diagnostic.js";
import { buildSpec } from "./build.js";
import { checkConsistency } from "./checks.js";
import { readJson } from "./json-source.js";
import { checkLimits, checkTitle, checkWork, LIMITS } from "./limits.js";
import type { WorkKind } from "./limits.js";
import { formatPath, isMapping } from "./path.js";
import type { Problem } from "./problem.js";
import { REQUIRED_KEYS } from "./schema.js";
import { capPerField, checkSchema } from "./schema-check.js";
import type { SpecUse } from "./support.js";
import { checkTraining } from "./training.js";
import { isGraphData, isGraphSpec, validateGraph } from "./graph.js";
import type { GraphSpec } from "./graph.js";
import type { ReadResult } from "./source.js";
import type { NetworkSpec } from "./types.js";
import { readYaml } from "./yaml-source.js";

export type SpecFormat = "yaml" | "json";

/** The format a file name implies, or undefined for anything but .yaml, .yml and .json. */
export function formatOf(file: string): SpecFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === "yaml" || ext === "yml") return "yaml";
  if (ext === "json") return "json";
  return undefined;
}

export function unsupportedType(file: string): Diagnostic {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1];
  return {
    file,
    path: "",
    message: `${ext ? `.${ext} files are not specs` : "a spec file needs an extension"}: name it .yaml, .yml or .json`,
  };
}

/**
 * Spec text → validated NetworkSpec with defaults filled in. Throws one SpecError listing
 * every problem found, each with the file, the field's path and (where it has one) its line.
 * `use`: what the caller will do with it (src/spec/support.ts): a graph spec (CONTRACT §6) is
 * refused here, with a message for that use.
 */
export function parseSpec(text: string, file: string, work: WorkKind = "written", use: SpecUse = "key"): NetworkSpec {
  const spec = parseAnySpec(text, file, work, use);
  if (isGraphSpec(spec)) {
    throw new SpecError([
      { file, path: "graph", line: 1, column: 1, message: `is a computational-graph spec (CONTRACT §6); ${GRAPH_USE[use]}` },
    ]);
  }
  return spec;
}

/** What each use says of a graph spec it cannot take. */
const GRAPH_USE: Record<SpecUse, string> = {
  key: "this command takes layered networks only",
  derivation: "this command takes layered networks only",
  check: "this reader takes layered networks only (the check command reads graph specs with parseAnySpec)",
  problems: "this reader takes layered networks only (the problems command reads graph specs with parseAnySpec)",
};

/** Spec text → a validated layered network or graph spec (CONTRACT §2 or §6); SpecError otherwise. */
export function parseAnySpec(text: string, file: string, work: WorkKind = "written", use: SpecUse = "key"): NetworkSpec | GraphSpec {
  const result = validate(text, file, work, use);
  if (!result.ok) throw new SpecError(finishDiagnostics(result.diagnostics, result.hidden));
  return result.spec;
}

/** `hidden`: problems found but not turned into diagnostics (counted in the "more" line). */
type Validated = { ok: true; spec: NetworkSpec | GraphSpec } | { ok: false; diagnostics: Diagnostic[]; hidden?: number };

function validate(text: string, file: string, work: WorkKind, use: SpecUse): Validated {
  const format = formatOf(file);
  if (format === undefined) return { ok: false, diagnostics: [unsupportedType(file)] };
  if (text.length > LIMITS.fileBytes) {
    return {
      ok: false,
      diagnostics: [{ file, path: "", message: `is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB; spec files are limited to that` }],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    return {
      ok: false,
      diagnostics: [
        { file, path: "", line: 1, column: 1, message: `the file is empty; a spec needs at least ${REQUIRED_KEYS.join(", ")}` },
      ],
    };
  }

  let read: ReadResult;
  try {
    read = format === "yaml" ? readYaml(text, file) : readJson(text, file);
  } catch (err) {
    // The readers guard against every input we know of; anything else is still the file's fault.
    return { ok: false, diagnostics: [{ file, path: "", message: `could not be read (${(err as Error).message})` }] };
  }
  if (!read.ok) return read;
  const { source } = read;
  const locate = (p: Problem): Diagnostic => ({
    file,
    path: formatPath(p.path),
    ...source.locate(p.locateAt ?? p.path, p.at),
    message: p.message,
  });

  const data = source.data;
  if (data === null || data === undefined) {
    return {
      ok: false,
      diagnostics: [
        {
          file,
          path: "",
          line: 1,
          column: 1,
          message: `the file holds no fields (only comments?); a spec needs at least ${REQUIRED_KEYS.join(", ")}`,
        },
      ],
    };
  }
  if (!isMapping(data)) {
    const what = `is ${Array.isArray(data) ? "a list" : "a single value"}`;
    return {
      ok: false,
      diagnostics: [locate({ path: [], message: `the top level ${what}; a spec is a mapping of fields such as learning_rate: 0.1` })],
    };
  }

  if (isGraphData(data)) {
    const graph = validateGraph(data, source, file, text);
    if (!graph.spec) return { ok: false, diagnostics: graph.problems.map(locate) };
    return { ok: true, spec: graph.spec };
  }

  // Absurd sizes first, on their own: nothing below may build anything proportional to them.
  const limits = checkLimits(data);
  if (limits.length > 0) return { ok: false, diagnostics: limits.map(locate) };

  const cleaned = withoutEmptyOptionals(data);
  const schema = checkSchema(cleaned);
  const problems = schema.problems.concat(checkConsistency(cleaned), checkTraining(cleaned), checkTitle(cleaned));
  if (problems.length > 0 || schema.spec === undefined) {
    const { kept, hidden } = capPerField(problems);
    return { ok: false, diagnostics: kept.map(locate), hidden: hidden + schema.hidden };
  }
  // What deriving it would cost, now that every count in it can be trusted.
  const tooMuch = checkWork(schema.spec, work);
  if (tooMuch.length > 0) return { ok: false, diagnostics: tooMuch.map(locate) };
  // zod's record() drops a `__proto__` key: the problem generator gets the block as written, so
  // that such a key is reported as the unknown setting it is, never silently ignored.
  const problemsBlock = Object.prototype.hasOwnProperty.call(cleaned, "problems")
    ? (cleaned.problems as Record<string, unknown>)
    : undefined;
  return { ok: true, spec: buildSpec({ ...schema.spec, ...(problemsBlock !== undefined && { problems: problemsBlock }) }) };
}

/** `weights:` with nothing after it means the same as leaving the key out (required keys excepted). */
function withoutEmptyOptionals(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === null && !(REQUIRED_KEYS as readonly string[]).includes(k)) continue;
    // defineProperty, so a `__proto__` key stays a plain (reportable) key.
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
