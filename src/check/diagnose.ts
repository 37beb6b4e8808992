import type { Claim } from "./claim.js";
import type { Getter, Quantity, QuantityGraph as Graph } from "./quantity.js";
import { compute } from "./quantity.js";
import type { MistakeVariant } from "./mistakes.js";
import { withinTolerance } from "./number-text.js";

/** A mistake that reproduces a written value. */
export interface Diagnosed {
  variant: MistakeVariant;
  value: number;
  /** The same from the writer's unrounded values (the precise world). */
  unrounded: number;
  /** Weaker evidence: reproduced only at the edge of the written precision, or only by itself. */
  tie: boolean;
}

/** The worlds a mistake is made in: the writer's numbers as written, unrounded, or none of them. */
export const WRITTEN = 0;
export const PRECISE = 1;
export const ALONE = 2;

/**
 * The first known mistake that reproduces the written value: from the writer's earlier values
 * (as written, then unrounded), or from the claim by itself, with no other written value
 * pinned. The last one matters when a note is inconsistent: a right hidden-layer number beside
 * a loss after the update that used the updated weights too early must not hide that mistake.
 */
export function diagnose(
  g: Graph,
  q: Quantity,
  c: Claim,
  variants: MistakeVariant[],
  worldFor: (variant: number, base: number, from: number) => Getter,
  claims: Map<string, Claim>,
  tolerance: number,
  from: number,
): Diagnosed | undefined {
  // The quantities the mistake could have been made in: this one and the ones it is computed
  // from, within the window. With the writer's values pinned, only the unwritten ones (a
  // mistake inside a written value would show in that value); by itself, all of them.
  const cone = (stopAtWritten: boolean): Quantity[] => {
    const open = new Set<string>([q.key]);
    const stack = [...q.deps];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (open.has(k) || (stopAtWritten && claims.has(k))) continue;
      const x = g.byKey.get(k)!;
      if (x.order < from) continue; // no mistake is looked for before the window
      open.add(k);
      for (const d of x.deps) stack.push(d);
    }
    return [...open].map((k) => g.byKey.get(k)!);
  };
  // First from the writer's own values; only when none reproduces it, from the claim by itself
  // (weaker evidence, like a match at the edge of the precision: a truncation goes first).
  const pass = (bases: number[], where: Quantity[]): Diagnosed | undefined => {
    let onTie: Diagnosed | undefined;
    for (const [vi, variant] of variants.entries()) {
      if (!where.some((x) => variant.affects(x))) continue;
      const values = bases.map((bi) => {
        const get = worldFor(vi, bi, from);
        return variant.affects(q) ? variant.value(q, get) : compute(q, get);
      });
      const matching = values.filter((v) => withinTolerance(c.value, v, tolerance));
      if (matching.length === 0) continue;
      // shown: the value from the numbers as written; kept for later steps: the unrounded one
      const found = { variant, value: matching[0]!, unrounded: matching[matching.length - 1]! };
      if (matching.some((v) => withinTolerance(c.value, v, 0.9 * tolerance))) return { ...found, tie: false };
      onTie ??= { ...found, tie: true };
    }
    return onTie;
  };
  const own = pass([WRITTEN, PRECISE], cone(true));
  if (own && !own.tie) return own;
  const alone = pass([ALONE], cone(false));
  return own ?? (alone ? { ...alone, tie: true } : undefined);
}
