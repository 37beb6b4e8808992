/** Tolerant deep comparison of numbers / nested arrays, reporting every mismatch by path. */

export interface Tolerance {
  rel: number;
  abs: number;
}

/** Gradients from finite differences. */
export const FD_TOL: Tolerance = { rel: 1e-6, abs: 1e-9 };
/** Everything evaluated directly (z, a, losses, parameters). */
export const DIRECT_TOL: Tolerance = { rel: 1e-12, abs: 1e-12 };

export function close(a: number, b: number, tol: Tolerance): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= Math.max(tol.abs, tol.rel * Math.max(Math.abs(a), Math.abs(b)));
}

/** Mismatches between `actual` and `expected` (same shape required), as readable lines. */
export function mismatches(actual: unknown, expected: unknown, tol: Tolerance, path = ""): string[] {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return [`${path}: expected a number ${expected}, got ${JSON.stringify(actual)}`];
    return close(actual, expected, tol) ? [] : [`${path}: got ${actual}, expected ${expected} (diff ${actual - expected})`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array of ${expected.length}, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: length ${actual.length}, expected ${expected.length}`];
    return expected.flatMap((e, i) => mismatches(actual[i], e, tol, `${path}[${i}]`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

/**
 * CONTRACT §5's answer-key fields (issue 12). The §3 oracle does not compute them: tests that
 * compare with it skip them (tests/numeric/optimizers.test.ts checks them against the §5 oracle).
 */
export const SECTION5_FIELDS: ReadonlySet<string> = new Set(["dL_dx", "step_W", "step_b", "state"]);

/** `x` with only the object keys that `like` has, recursively (a key compared with the §3 oracle's). */
export function sameFields(x: unknown, like: unknown): unknown {
  if (Array.isArray(x) && Array.isArray(like)) return x.map((v, i) => sameFields(v, like[i]));
  if (x !== null && typeof x === "object" && like !== null && typeof like === "object") {
    return Object.fromEntries(
      Object.keys(like).map((k) => [k, sameFields((x as Record<string, unknown>)[k], (like as Record<string, unknown>)[k])]),
    );
  }
  return x;
}
