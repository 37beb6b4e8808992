import type { Claim } from "./claim.js";
import type { CheckGraph as Graph } from "./expression-graph.js";
import { isExpressionGraph } from "./expression-graph.js";
import type { Getter, Quantity } from "./quantity.js";
import { compute } from "./quantity.js";
import { fullKey } from "./names.js";
import { world } from "./world.js";

/** A value and how far the written digits let it move: [mid − radius, mid + radius]. */
export interface Interval {
  mid: number;
  radius: number;
  /** Written values the interval rests on beyond the quantity's own dependencies. */
  via?: string[];
}

/** Past this many uncertain inputs a quantity's interval is not worked out (it stays a point). */
const MAX_UNCERTAIN = 64;

/**
 * The writer's values as intervals. Each written number is the interval its digits allow
 * (half a unit in its last place, or the tolerance); each unwritten quantity gets the interval
 * its inputs' intervals give, input by input: the quantity recomputed with one input at each
 * end of its interval, the half-differences summed. (Exact for the sums and products of one
 * input that most steps are; to first order otherwise, which is what half a unit in the last
 * place calls for.) The midpoints are the writer's values as written (`written`).
 */
export function writerIntervals(
  g: Graph,
  claims: Map<string, Claim>,
  tolerance: (c: Claim) => number,
  written: Getter,
  start: number,
): { implied(q: Quantity): Interval[] } {
  // The radius of every quantity: an unwritten one what its inputs imply; a written one its
  // digits' half unit, narrowed to what its own inputs allow when the two overlap (a right
  // `0.39` computed from exact inputs is 0.39, not anything from 0.385 to 0.395). A written
  // number its inputs cannot give (a new mistake) keeps the whole half unit.
  const radius: Getter = world(
    g,
    (q, get) => {
      const c = claims.get(q.key);
      if (!c) return spread(q, get);
      const own = tolerance(c);
      // A given number copied from the spec is the spec's number: the writer computed with it, so
      // it moves only as far as the copy is off. (Its whole half unit would let a bias written
      // 0.000000000000 cross a ReLU's kink at 0, and any later value pass as drift.)
      if (q.given) {
        const exact = compute(q, () => NaN);
        return Number.isFinite(exact) && Math.abs(c.value - exact) <= own ? Math.abs(c.value - exact) : own;
      }
      const inputs = spread(q, get);
      const off = Math.abs(c.value - compute(q, written));
      return off <= own + inputs ? Math.min(own, inputs + off) : own;
    },
    (q) => (q.order < start ? 0 : undefined),
  );

  /** How far q moves when each uncertain input moves across its interval. */
  const spread = (q: Quantity, rad: Getter): number => {
    const uncertain = [...new Set(q.deps)].filter((d) => rad(d) > 0);
    if (uncertain.length === 0 || uncertain.length > MAX_UNCERTAIN) return 0;
    let total = 0;
    for (const d of uncertain) {
      const at = (shift: number): number => compute(q, (k) => (k === d ? written(d) + shift : written(k)));
      const r = rad(d);
      total += Math.abs(at(r) - at(-r)) / 2;
    }
    return Number.isFinite(total) ? total : 0;
  };

  /**
   * The intervals the writer's earlier values imply for q: through its own computation, and for
   * an output of a softmax layer also as one minus the layer's other outputs, when the writer
   * has those earlier (the outputs of a softmax sum to 1: a writer may use that).
   */
  const implied = (q: Quantity): Interval[] => {
    const out: Interval[] = [{ mid: compute(q, written), radius: spread(q, radius) }];
    const layer = isExpressionGraph(g) ? undefined : g.network.layers[q.layer];
    if (q.kind === "activation" && layer?.activation?.distribution) {
      const others = layer.neurons.filter((n) => n.node !== q.node).map((n) => g.byKey.get(fullKey(`Y${n.node}`, q.update, q.sample))!);
      if (others.every((o) => o.order < q.order && claims.has(o.key))) {
        out.push({
          mid: 1 - others.reduce((s, o) => s + written(o.key), 0),
          radius: others.reduce((s, o) => s + radius(o.key), 0),
          via: others.map((o) => o.key),
        });
      }
    }
    return out;
  };
  return { implied };
}
