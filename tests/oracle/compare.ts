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
