import type { MathNode } from "./math.js";

/**
 * The chain rule, once. A computation is a list of nodes in forward order; each names the ids it
 * reads and, for each, its local derivative in the teacher's form. The backward walk starts at the
 * output (∂out/∂out = 1) and visits the nodes in reverse: each node hands its gradient to each of
 * its inputs along one path (the node, times the local derivative). An id read by several nodes
 * gets one path per use, and its gradient is their sum.
 *
 * Both kinds of spec go through this walk: a layered network is the computation
 * z_j = Σ_i w_ij a_i + b_j, a_j = f(z_j), L = loss(a) (its deltas are the gradients at the net
 * inputs, see steps.ts), and a graph spec is the computation its nodes write (graph.ts). What the
 * walk returns is structure: which products a gradient sums. Callers write the products in the
 * order their teachers do (δ_j a_i, w_jk δ_k).
 */
export interface ChainNode {
  id: string;
  /** The ids this node reads, in the order it reads them (each once). */
  inputs: readonly string[];
  /** ∂(this node)/∂(input), for each of `inputs`. */
  local(input: string): MathNode;
}

/** One use of an id: the node that reads it and the local derivative of that node with respect to it. */
export interface ChainPath {
  via: string;
  local: MathNode;
}

/**
 * The paths along which every id reaches `output`, for each id the output depends on: the
 * nodes that read it, in forward order. The output itself has none (its gradient is 1); an id
 * the output does not depend on is absent.
 */
export function backwardPaths(nodes: readonly ChainNode[], output: string): Map<string, ChainPath[]> {
  const reached = new Set<string>([output]);
  const paths = new Map<string, ChainPath[]>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!reached.has(node.id)) continue;
    for (const input of node.inputs) {
      reached.add(input);
      let list = paths.get(input);
      if (!list) paths.set(input, (list = []));
      list.push({ via: node.id, local: node.local(input) });
    }
  }
  // The walk met the readers last first; a teacher lists them first to last.
  for (const list of paths.values()) list.reverse();
  return paths;
}
