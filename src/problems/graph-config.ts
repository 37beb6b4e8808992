import { deriveGraph } from "../derive/index.js";
import { GRAPH_DEFAULTS } from "../render/index.js";
import type { GraphSpec } from "../spec/index.js";
import { rangeSize } from "./config.js";
import type { NumberRange } from "./types.js";

/**
 * How a problem set varies a computational-graph spec (CONTRACT §6). A graph spec has no
 * `problems:` block (its fields are fixed by the contract): every setting comes from the spec.
 */
export interface GraphProblemsConfig {
  title: string;
  /** Decimals the answers are shown (and asked) with: the spec's precision, else the derivation's default. */
  precision: number;
  /** Absolute tolerance of a numeric answer (Moodle): half a unit of the last shown decimal. */
  tolerance: number;
  /** One range per leaf, in the spec's input order. */
  inputs: { name: string; range: NumberRange }[];
  /** Candidates tried per variant before giving up. */
  maxAttempts: number;
  /** The largest size a drawn value, local derivative, gradient or new value may have (graph-degenerate.ts). */
  maxSize: number;
}

export const GRAPH_ATTEMPTS = 1000;
/** The most decimals a drawn leaf takes (a spec's 0.123456 is drawn with 3). */
const MAX_DECIMALS = 3;

/** The decimals a number is written with (0.37 → 2, -4 → 0), at most MAX_DECIMALS. */
export function decimalsOf(x: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) if (Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) < 1e-9) return d;
  return MAX_DECIMALS;
}

/**
 * Each leaf is drawn with the spec's own digits, as a teacher varies a circuit: its value's
 * decimals (integers stay integers, as in CS231n's circuits), from −B to B, 0 left out, where B
 * is the value's size rounded up, at least 3 for an integer and 1 for a decimal (so x = −2 draws
 * from −3 … 3, y = 5 from −5 … 5, w = 0.5 from −1 … 1 in tenths). A leaf without a value draws
 * an integer from −3 … 3.
 */
export function graphProblemsConfig(spec: GraphSpec, name: string): GraphProblemsConfig {
  const precision = spec.precision ?? GRAPH_DEFAULTS.precision;
  const inputs = spec.inputs.map((leaf) => {
    if (leaf.value === undefined) return { name: leaf.name, range: { min: -3, max: 3, decimals: 0, nonzero: true } };
    const decimals = decimalsOf(leaf.value);
    const bound = Math.max(decimals === 0 ? 3 : 1, Math.ceil(Math.abs(leaf.value) - 1e-9));
    return { name: leaf.name, range: { min: -bound, max: bound, decimals, nonzero: true } };
  });
  return {
    title: spec.title ?? name,
    precision,
    tolerance: 5 / 10 ** (precision + 1),
    inputs,
    maxAttempts: GRAPH_ATTEMPTS,
    maxSize: sizeLimit(spec),
  };
}

/**
 * How large a drawn problem's numbers may grow and still be worked by hand: ten times the
 * largest of the spec's own (its values, local derivatives, gradients, new values), and at least
 * 1000; 10 000 when the spec has no numbers of its own. So micrograd's expression (gradients of
 * about 650) may draw up to 6500, and never 36481.
 */
function sizeLimit(spec: GraphSpec): number {
  if (spec.inputs.some((i) => i.value === undefined)) return 10_000;
  try {
    const n = deriveGraph(spec).numbers!;
    const all = [n.values, n.gradients, n.after, ...Object.values(n.locals)].flatMap((r) => Object.values(r));
    return Math.max(1000, Math.ceil(10 * Math.max(...all.map(Math.abs))));
  } catch {
    // the spec's own numbers are not finite: `problems` draws new ones all the same
    return 10_000;
  }
}

/** How many different sets of leaves the ranges can draw (at most 2^53: only compared with a count). */
export function drawSpace(config: GraphProblemsConfig): number {
  return config.inputs.reduce((n, i) => Math.min(n * rangeSize(i.range), Number.MAX_SAFE_INTEGER), 1);
}
