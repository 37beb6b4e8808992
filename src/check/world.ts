import type { Getter, Graph, Quantity } from "./graph.js";

/**
 * A "world" gives every quantity a value: the true one, or the writer's, where written
 * values stand in for the quantities they name and everything else is recomputed from them.
 * Values are computed on demand (and once): only what a question needs is evaluated.
 */
export function world(g: Graph, valueOf: (q: Quantity, get: Getter) => number): Getter {
  const memo = new Map<string, number>();
  const active = new Set<string>();
  const get: Getter = (key) => {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const q = g.byKey.get(key);
    if (!q) throw new Error(`internal error: no quantity ${key}`);
    if (active.has(key)) throw new Error(`internal error: ${key} depends on itself`);
    active.add(key);
    const v = valueOf(q, get);
    active.delete(key);
    memo.set(key, v);
    return v;
  };
  return get;
}

/**
 * The written values a quantity is computed from: walk its dependencies, stopping at each
 * quantity that has a written value (the "earlier values" the writer's number rests on).
 */
export function nearestWritten(g: Graph, key: string, written: (key: string) => boolean): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack = [...(g.byKey.get(key)?.deps ?? [])];
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    if (written(k)) found.push(k);
    else stack.push(...(g.byKey.get(k)?.deps ?? []));
  }
  const order = (k: string) => g.byKey.get(k)!.order;
  return found.sort((a, b) => order(a) - order(b));
}
