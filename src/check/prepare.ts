import { derive } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import { makeNotation, resolvePresentation } from "../notation/index.js";
import type { NetworkSpec } from "../spec/index.js";
import type { Graph } from "./graph.js";
import { buildGraph } from "./graph.js";
import type { NameTable, NotationNames } from "./lookup.js";
import { buildNameTable } from "./lookup.js";

/** A spec made ready for checking: every claimable quantity and the names that reach it. */
export interface Checkable {
  graph: Graph;
  names: NameTable;
}

/** Trains the spec's network (if it has numbers) and builds its quantities and names. */
export function prepare(spec: NetworkSpec): Checkable {
  const network = buildNetwork(spec);
  const graph = buildGraph(derive(network));
  let notation: NotationNames | undefined;
  if (spec.notation !== undefined) {
    try {
      const p = resolvePresentation(spec);
      notation = makeNotation(network, p.notation, p.convention, p.letters);
    } catch {
      notation = undefined; // the notation's own problems are reported by `derive`
    }
  }
  return { graph, names: buildNameTable(graph, notation) };
}
