import type { Neuron } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { ViewContext } from "./context.js";
import type { Lookup } from "./types.js";

/** A numbered chain-rule factor: `\\circnum{n}`, which each format turns into a circled number. */
const circled = (n: number): string => `\\circnum{${n}}`;

/** Numbers given to the chain-rule factors of one sample's backward pass, in order of appearance. */
export interface FactorCounter {
  n: number;
  ids: Map<string, number>;
}

/** Numbered factors of an output neuron's delta (elementwise, not simplified): [loss factor, f′ factor]. */
export type OutputFactors = Map<number, { tags: string[]; values: (number | undefined)[] }>;

/** What the parts of one backward pass share: the sample's values and the factor numbering. */
export interface Factors {
  look: Lookup | undefined;
  val: (id: string) => number | undefined;
  /** Every chain-rule factor written out (detail: full), or straight to the deltas. */
  full: boolean;
  /** The number of the factor ∂of/∂wrt, and whether this is its first appearance. */
  tagOf: (of: string, wrt: string) => { tag: string; fresh: boolean };
  /** The factor's number before its equation (detail: full only). */
  tagged: (tag: string, lhs: string) => string;
  /** f′ of a neuron as a number (from the activation table: exact, not from rounded values). */
  fprime: (nr: Neuron) => number | undefined;
  outputFactors: OutputFactors;
}

export function numberedFactors(ctx: ViewContext, look: Lookup | undefined, counter: FactorCounter): Factors {
  const full = ctx.s.detail === "full";
  const val = (id: string): number | undefined => (look ? look(id) : undefined);
  const tagOf = (of: string, wrt: string): { tag: string; fresh: boolean } => {
    const key = `${of}|${wrt}`;
    let k = counter.ids.get(key);
    const fresh = k === undefined;
    if (k === undefined) {
      k = ++counter.n;
      counter.ids.set(key, k);
    }
    return { tag: circled(k), fresh };
  };
  const tagged = (tag: string, lhs: string) => (full ? `${tag}\\quad ${lhs}` : lhs);
  const fprime = (nr: Neuron): number | undefined => {
    if (!look) return undefined;
    const act = ctx.net.layers[nr.layer]!.activation!;
    return act.derivative(look(sym.z(nr.node))!, look(sym.a(nr.node))!);
  };
  return { look, val, full, tagOf, tagged, fprime, outputFactors: new Map() };
}
