import { issueProblems } from "./issues.js";
import { isMapping } from "./path.js";
import type { Problem } from "./problem.js";
import { specSchema } from "./schema.js";
import type { RawSpec } from "./schema.js";

/** Problems kept per top-level field; a matrix of 100,000 quoted numbers must not bury a typo. */
const PER_FIELD = 100;

export function capPerField<T>(
  items: T[],
  pathOf: (item: T) => readonly PropertyKey[] = (p) => (p as Problem).path,
): { kept: T[]; hidden: number } {
  const counts = new Map<string, number>();
  const kept: T[] = [];
  let hidden = 0;
  for (const p of items) {
    const field = String(pathOf(p)[0] ?? "");
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
export function checkSchema(data: Record<string, unknown>): { spec?: RawSpec; problems: Problem[]; hidden: number } {
  try {
    const parsed = specSchema.safeParse(data);
    if (parsed.success) return { spec: parsed.data, problems: [], hidden: 0 };
    const { kept, hidden } = capPerField(parsed.error.issues, (issue) => issue.path);
    return { problems: kept.flatMap((issue) => issueProblems(issue, data)), hidden };
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
  return { problems, hidden: 0 };
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
