import type { Getter, Quantity, QuantityGraph as Graph } from "./quantity.js";

/**
 * A "world" gives every quantity a value: the true one, or the writer's, where written
 * values stand in for the quantities they name and everything else is recomputed from them.
 * Values are computed on demand (and once): only what a question needs is evaluated.
 *
 * The walk over dependencies keeps its own stack: a value of update 10,000 rests on every
 * update before it, far deeper than the JavaScript call stack goes. A computation may still
 * ask for a quantity outside its dependencies (a mistake's rebinding, another world); that
 * nests one walk in another, but only as often as such jumps chain, never once per update.
 * `known` gives a quantity's value without its dependencies when it is known already (the
 * true parameters after an update; the writer's values before the writer wrote anything).
 */
export function world(g: Graph, valueOf: (q: Quantity, get: Getter) => number, known?: (q: Quantity) => number | undefined): Getter {
  const memo = new Map<string, number>();
  const active = new Set<string>();
  const quantity = (key: string): Quantity => {
    const q = g.byKey.get(key);
    if (!q) throw new Error(`internal error: no quantity ${key}`);
    return q;
  };
  const ready = (q: Quantity): boolean => {
    if (memo.has(q.key)) return true;
    const v = known?.(q);
    if (v === undefined) return false;
    memo.set(q.key, v);
    return true;
  };
  const evaluate = (q: Quantity): number => {
    if (active.has(q.key)) throw new Error(`internal error: ${q.key} depends on itself`);
    active.add(q.key);
    const v = valueOf(q, get);
    active.delete(q.key);
    memo.set(q.key, v);
    return v;
  };
  const get: Getter = (key) => {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    // Depth first, dependencies before the quantity: each entry is expanded once, then evaluated.
    const first = quantity(key);
    if (ready(first)) return memo.get(key)!;
    const stack: Quantity[] = [first];
    const expanded = new Set<string>();
    while (stack.length > 0) {
      const q = stack[stack.length - 1]!;
      if (memo.has(q.key)) {
        stack.pop();
        continue;
      }
      if (!expanded.has(q.key)) {
        expanded.add(q.key);
        let waiting = false;
        for (const d of q.deps) {
          if (memo.has(d)) continue;
          const dq = quantity(d);
          if (ready(dq)) continue;
          if (expanded.has(d)) throw new Error(`internal error: ${d} depends on itself`);
          stack.push(dq);
          waiting = true;
        }
        if (waiting) continue;
      }
      stack.pop();
      evaluate(q);
    }
    return memo.get(key)!;
  };
  return get;
}

/**
 * The written values a quantity is computed from: walk its dependencies, stopping at each
 * quantity that has a written value (the "earlier values" the writer's number rests on).
 * Quantities ordered before `start` hold no written value and are not walked.
 */
export function nearestWritten(g: Graph, key: string, written: (key: string) => boolean, start = 0): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack = [...(g.byKey.get(key)?.deps ?? [])];
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    if (g.byKey.get(k)!.order < start) continue; // before the first written value: nothing written
    if (written(k)) found.push(k);
    else for (const d of g.byKey.get(k)?.deps ?? []) stack.push(d);
  }
  const order = (k: string) => g.byKey.get(k)!.order;
  return found.sort((a, b) => order(a) - order(b));
}
