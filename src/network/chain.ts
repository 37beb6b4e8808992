/**
 * The chain rule, once. A computation is a list of nodes in forward order; each names the ids it
 * reads and, for each, its local derivative. The backward walk starts at the output
 * (∂out/∂out = 1) and visits the nodes in reverse: each node hands its gradient to each of its
 * inputs along one path (the node, times the local derivative). An id read by several nodes gets
 * one path per use, and its gradient is their sum.
 *
 * The walk does not care what a local derivative is. The symbolic derivation (derive/steps.ts, a
 * layered network: z_j = Σ_i w_ij a_i + b_j, a_j = f(z_j), L = loss(a)) and the graph derivation
 * (derive/graph.ts, the computation a graph spec's nodes write) give it expressions in the
 * teacher's form and read back structure: which products a gradient sums, written in the order
 * their teachers write them. The numeric pass (numeric/train.ts) gives it numbers and reads back
 * the gradients themselves through `gradients`, which sums the same paths. So the answer key's
 * deltas and the derivation's formulas come from one walk, not two implementations of the rule.
 */
export interface ChainNode<L, K = string> {
  id: K;
  /** The ids this node reads, in the order it reads them (each once). */
  inputs: readonly K[];
  /** ∂(this node)/∂(input), for each of `inputs`. */
  local(input: K): L;
}

/** One use of an id: the node that reads it and the local derivative of that node with respect to it. */
export interface ChainPath<L, K = string> {
  via: K;
  local: L;
}

/**
 * The walk itself: the nodes in reverse, skipping those `enter` says the output does not depend
 * on; for each node entered, every input with its local derivative, in the order the node reads
 * them. Every reader of an id comes after it in forward order, so the walk meets an id's readers
 * (last first) before the id itself.
 */
function walk<L, K>(
  nodes: readonly ChainNode<L, K>[],
  enter: (node: ChainNode<L, K>) => boolean,
  path: (input: K, local: L) => void,
): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!enter(node)) continue;
    for (const input of node.inputs) path(input, node.local(input));
  }
}

/**
 * The paths along which every id reaches `output`, for each id the output depends on: the
 * nodes that read it, in forward order. The output itself has none (its gradient is 1); an id
 * the output does not depend on is absent.
 */
export function backwardPaths<L, K = string>(nodes: readonly ChainNode<L, K>[], output: K): Map<K, ChainPath<L, K>[]> {
  const paths = new Map<K, ChainPath<L, K>[]>();
  let via = output;
  walk(
    nodes,
    (node) => (node.id === output || paths.has(node.id)) && ((via = node.id), true),
    (input, local) => {
      let list = paths.get(input);
      if (!list) paths.set(input, (list = []));
      list.push({ via, local });
    },
  );
  // The walk met the readers last first; a teacher lists them first to last.
  for (const list of paths.values()) list.reverse();
  return paths;
}

/** How gradients of one kind are made: the output's own (1), one path's product, and a sum of paths. */
export interface ChainAlgebra<L> {
  one: L;
  /** upstream × local: the gradient one path carries. */
  times(upstream: L, local: L): L;
  /** The terms of one id's gradient, its readers in forward order (never empty). */
  plus(terms: readonly L[]): L;
}

/**
 * The gradient of `output` with respect to every id it depends on (the output's own is `one`):
 * for each id, the sum over its paths, readers in forward order as backwardPaths lists them, of
 * the reader's gradient times the local derivative. The walk meets every reader of a node before
 * the node, so a node's gradient is complete when it is entered; ids no node writes (the leaves)
 * are summed last. The products are kept rather than the paths: the numeric pass runs this once
 * per sample.
 */
export function gradients<L, K = string>(nodes: readonly ChainNode<L, K>[], output: K, algebra: ChainAlgebra<L>): Map<K, L> {
  const terms = new Map<K, L[]>();
  const grad = new Map<K, L>();
  // Collected last reader first, summed first to last.
  const sum = (list: L[]): L => algebra.plus(list.reverse());
  let upstream = algebra.one;
  walk(
    nodes,
    (node) => {
      const list = terms.get(node.id);
      if (node.id !== output && !list) return false;
      upstream = node.id === output ? algebra.one : sum(list!);
      grad.set(node.id, upstream);
      return true;
    },
    (input, local) => {
      let list = terms.get(input);
      if (!list) terms.set(input, (list = []));
      list.push(algebra.times(upstream, local));
    },
  );
  for (const [id, list] of terms) if (!grad.has(id)) grad.set(id, sum(list));
  return grad;
}

/**
 * Numbers: a path is upstream × local, and a sum of paths adds them first to last (the order
 * Σ_k w_kj δ_k is written in), starting from the first term so that one path is exactly its product.
 */
export const NUMBERS: ChainAlgebra<number> = {
  one: 1,
  times: (upstream, local) => upstream * local,
  plus: (terms) => {
    let s = terms[0]!;
    for (let i = 1; i < terms.length; i++) s += terms[i]!;
    return s;
  },
};
