import { finishDiagnostics, SpecError } from "./diagnostic.js";
import type { Diagnostic } from "./diagnostic.js";
import { buildSpec } from "./build.js";
import { checkConsistency } from "./checks.js";
import { issueProblems } from "./issues.js";
import { readJson } from "./json-source.js";
import { checkLimits, LIMITS } from "./limits.js";
import { formatPath, isMapping } from "./path.js";
import type { Problem } from "./problem.js";
import { REQUIRED_KEYS, specSchema } from "./schema.js";
import type { RawSpec } from "./schema.js";
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
    file, path: "",
    message: `${ext ? `.${ext} files are not specs` : "a spec file needs an extension"}: name it .yaml, .yml or .json`,
  };
}

/**
 * Spec text → validated NetworkSpec with defaults filled in. Throws one SpecError listing
 * every problem found, each with the file, the field's path and (where it has one) its line.
 */
export function parseSpec(text: string, file: string): NetworkSpec {
  const result = validate(text, file);
  if (!result.ok) throw new SpecError(finishDiagnostics(result.diagnostics, result.hidden));
  return result.spec;
}

/** `hidden`: problems found but not turned into diagnostics (counted in the "more" line). */
type Validated = { ok: true; spec: NetworkSpec } | { ok: false; diagnostics: Diagnostic[]; hidden?: number };

function validate(text: string, file: string): Validated {
  const format = formatOf(file);
  if (format === undefined) return { ok: false, diagnostics: [unsupportedType(file)] };
  if (text.length > LIMITS.fileBytes) {
    return { ok: false, diagnostics: [{ file, path: "", message: `is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB; spec files are limited to that` }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    return { ok: false, diagnostics: [{ file, path: "", line: 1, column: 1, message: `the file is empty; a spec needs at least ${REQUIRED_KEYS.join(", ")}` }] };
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
    file, path: formatPath(p.path), ...source.locate(p.locateAt ?? p.path, p.at), message: p.message,
  });

  const data = source.data;
  if (data === null || data === undefined) {
    return { ok: false, diagnostics: [{ file, path: "", line: 1, column: 1, message: `the file holds no fields (only comments?); a spec needs at least ${REQUIRED_KEYS.join(", ")}` }] };
  }
  if (!isMapping(data)) {
    const what = `is ${Array.isArray(data) ? "a list" : "a single value"}`;
    return { ok: false, diagnostics: [locate({ path: [], message: `the top level ${what}; a spec is a mapping of fields such as learning_rate: 0.1` })] };
  }

  // Absurd sizes first, on their own: nothing below may build anything proportional to them.
  const limits = checkLimits(data);
  if (limits.length > 0) return { ok: false, diagnostics: limits.map(locate) };

  const cleaned = withoutEmptyOptionals(data);
  const schema = checkSchema(cleaned);
  const problems = schema.problems.concat(checkConsistency(cleaned));
  if (problems.length > 0 || schema.spec === undefined) {
    const { kept, hidden } = capPerField(problems);
    return { ok: false, diagnostics: kept.map(locate), hidden };
  }
  return { ok: true, spec: buildSpec(schema.spec) };
}

/** Problems kept per top-level field; a matrix of 100,000 quoted numbers must not bury a typo. */
const PER_FIELD = 100;

function capPerField(problems: Problem[]): { kept: Problem[]; hidden: number } {
  const counts = new Map<string, number>();
  const kept: Problem[] = [];
  let hidden = 0;
  for (const p of problems) {
    const field = String(p.path[0] ?? "");
    const n = (counts.get(field) ?? 0) + 1;
    counts.set(field, n);
    if (n <= PER_FIELD) kept.push(p);
    else hidden++;
  }
  return { kept, hidden };
}

/** Entries per list still checked when a file has too many problems for zod to collect. */
const SHORTENED_LIST = 10;

/**
 * zod gathers nested issues with push(...issues), which can overflow the stack past ~100,000
 * of them (a 400×400 matrix of quoted numbers, depending on the stack size). Then we check a
 * copy with every list cut short, which finds the first problems, and say so.
 */
function checkSchema(data: Record<string, unknown>): { spec?: RawSpec; problems: Problem[] } {
  try {
    const parsed = specSchema.safeParse(data);
    if (parsed.success) return { spec: parsed.data, problems: [] };
    return { problems: parsed.error.issues.flatMap((issue) => issueProblems(issue, data)) };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  const short = shorten(data) as Record<string, unknown>;
  const parsed = specSchema.safeParse(short);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueProblems(issue, short));
  problems.unshift({
    path: [],
    message: `has too many problems to list them all; these are from the first ${SHORTENED_LIST} entries of each list`,
  });
  return { problems };
}

function shorten(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice(0, SHORTENED_LIST).map(shorten);
  if (isMapping(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, { value: k === "problems" ? x : shorten(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
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


