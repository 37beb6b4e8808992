import { derive, deriveGraph } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import { makeNotation, resolvePresentation } from "../notation/index.js";
import type { GraphSpec, NetworkSpec } from "../spec/index.js";
import type { Diagnostic } from "../spec/index.js";
import { hasNumbers, isGraphSpec } from "../spec/index.js";
import type { CheckGraph } from "./expression-graph.js";
import { buildExpressionGraph } from "./expression-graph.js";
import type { Graph } from "./graph.js";
import { buildGraph } from "./graph.js";
import type { NameTable, NotationNames } from "./lookup.js";
import { buildNameTable } from "./lookup.js";

/** A spec made ready for checking: every claimable quantity and the names that reach it. */
export interface Checkable {
  graph: CheckGraph;
  names: NameTable;
}

/**
 * Trains the spec's network (if it has numbers) and builds its quantities and names; a graph spec
 * (CONTRACT §6) is derived and its values, local derivatives, gradients and steps are the
 * quantities. A graph whose values are not finite throws the derivation's SpecError.
 */
export function prepare(spec: NetworkSpec | GraphSpec): Checkable {
  if (isGraphSpec(spec)) {
    const graph = buildExpressionGraph(deriveGraph(spec));
    return { graph, names: buildNameTable(graph) };
  }
  return prepareNetwork(spec);
}

/** A layered network's quantities and names (what a note is read against). */
export function prepareNetwork(spec: NetworkSpec): { graph: Graph; names: NameTable } {
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

/**
 * Why answers cannot be checked against the spec (a network without weights or samples, a graph
 * leaf without a value), or undefined. The CLI and the workbench say the same.
 */
export function nothingToCheck(spec: NetworkSpec | GraphSpec, file: string): Diagnostic | undefined {
  if (isGraphSpec(spec)) {
    const leaf = spec.inputs.find((i) => i.value === undefined);
    return leaf
      ? {
          file,
          path: `graph.inputs.${leaf.name}`,
          message: `the leaf ${leaf.name} has no value, so there is nothing to check answers against`,
        }
      : undefined;
  }
  if (hasNumbers(spec)) return undefined;
  return {
    file,
    path: spec.weights === undefined ? "weights" : "samples",
    message: "the spec has no numbers (weights and samples), so there is nothing to check answers against",
  };
}
