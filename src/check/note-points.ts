import { derive } from "../derive/index.js";
import type { Derivation } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import type { NetworkSpec } from "../spec/index.js";
import type { Getter, Graph } from "./graph.js";
import { buildGraph, compute } from "./graph.js";
import type { MistakeVariant } from "./mistakes.js";
import { mistakeVariants } from "./mistakes.js";
import { world } from "./world.js";

/**
 * The network at a random point: every given number (weights, biases, inputs, η) drawn at
 * random, every other quantity computed from them. A written equation is right when both of
 * its sides agree at several such points, whatever its text looks like.
 */
export interface Point {
  graph: Graph;
  derivation: Derivation;
  truth: Getter;
  /** The value under a known mistake (lazily built, one world per variant). */
  mistaken(index: number): Getter;
  variants: MistakeVariant[];
}

/** A small deterministic generator, so that a report never changes from one run to the next. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomPoints(spec: NetworkSpec, count: number): Point[] {
  const out: Point[] = [];
  const rnd = mulberry(20261202);
  const draw = (lo: number, hi: number) => Math.round((lo + (hi - lo) * rnd()) * 1e6) / 1e6;
  for (let k = 0; k < count; k++) {
    const s: NetworkSpec = structuredClone(spec);
    const sizes = s.layers.map((l) => l.size);
    s.weights = sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: sizes[l]! }, () => draw(-1.2, 1.2))));
    // Biases mostly positive, so that ReLU units are alive at most points (a dead unit hides its paths).
    // A bias the spec sets to 0 stays 0 (a note may leave it out: "b = [0 0]").
    const bias = (v: number) => (v === 0 ? 0 : draw(0.1, 0.9));
    s.biases = s.biases.map((b) => (typeof b === "number" ? bias(b) : b.map(bias)));
    s.learning_rate = draw(0.05, 0.9);
    const samples =
      s.samples.length > 0 ? s.samples : [{ input: new Array(sizes[0]).fill(0), target: new Array(sizes[sizes.length - 1]).fill(0) }];
    s.samples = samples.map((x) => ({ ...x, input: x.input.map(() => draw(0.2, 1.5)), target: x.target.map((t) => t) }));
    if (spec.samples.length === 0) s.samples = s.samples.map((x) => ({ ...x, target: x.target.map((_, i) => (i === 0 ? 1 : 0)) }));
    const derivation = derive(buildNetwork(s));
    const graph = buildGraph(derivation);
    const truth = world(
      graph,
      (q, get) => compute(q, get),
      (q) => graph.knownTrue(q),
    );
    const variants = mistakeVariants(graph);
    const built = new Map<number, Getter>();
    out.push({
      graph,
      derivation,
      truth,
      variants,
      mistaken: (i) => {
        let w = built.get(i);
        if (!w) {
          const v = variants[i]!;
          w = world(graph, (q, get) => (v.affects(q) ? v.value(q, get) : compute(q, get)));
          built.set(i, w);
        }
        return w;
      },
    });
  }
  return out;
}
