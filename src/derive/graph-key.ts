import type { GraphDerivation } from "./graph.js";

/** A graph's answer key (CONTRACT §6). */
export interface GraphKey {
  format: "backprop-derive/graph-key@1";
  values: Record<string, number>;
  gradients: Record<string, number>;
  after?: Record<string, number>;
}

/** The key of a derivation with numbers: every leaf and node's value and gradient, and the params' new values. */
export function graphKey(d: GraphDerivation): GraphKey {
  if (!d.numbers) throw new Error("internal error: a graph key needs every leaf's value");
  const key: GraphKey = { format: "backprop-derive/graph-key@1", values: d.numbers.values, gradients: d.numbers.gradients };
  if (d.spec.params.length > 0) key.after = d.numbers.after;
  return key;
}

export function stringifyGraphKey(key: GraphKey): string {
  return `${JSON.stringify(key, null, 2)}\n`;
}
