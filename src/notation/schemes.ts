import type { Network } from "../network/index.js";
import type { NotationName } from "../spec/index.js";
import type { LetterKey } from "./types.js";

/** A node's place: its layer (0 = input) and 0-based index within the layer. */
export interface Place {
  layer: number;
  index: number;
}

/** What a scheme needs to know about the network to number its symbols. */
export interface Numbering {
  net: Network;
  place: (node: number) => Place;
  /** 1-based position of a weight in row-by-row order through the network (sequential). */
  weightNumber: (id: string) => number;
  /** 1-based position of a bias (per-neuron or shared) in network order (sequential). */
  biasNumber: (id: string) => number;
  hasParameter: (id: string) => boolean;
  inputCount: number;
  outputLayer: number;
}

export type IndexKind = "x" | "z" | "a" | "t" | "w" | "b" | "bl" | "delta" | "err";

/**
 * One notation: its default letters and where each kind of symbol takes its indices from.
 * `hidden`/`output` default to the `activation` letter when left out.
 */
export interface Scheme {
  name: NotationName;
  description: string;
  letters: Record<Exclude<LetterKey, "hidden" | "output">, string> & { hidden?: string; output?: string };
  indices(kind: IndexKind, ids: number[], n: Numbering): { sub: number[]; sup?: number };
}

const nodeScheme: Scheme = {
  name: "node",
  description:
    "nodes are numbered through the network, inputs first; $W_{ij}$ is the weight from node $i$ to node $j$ (as in seeds 000, 001 and 003)",
  letters: {
    input: "X",
    net: "net",
    activation: "Y",
    weight: "W",
    bias: "b",
    target: "Ob",
    error: "Err",
    delta: "delta",
    loss: "Loss",
  },
  indices(kind, ids) {
    if (kind === "bl") return { sub: [], sup: ids[0]! };
    return { sub: ids };
  },
};

const sequentialScheme: Scheme = {
  name: "sequential",
  description:
    "inputs $x_i$; the other neurons are numbered $1, 2, \\dots$ after the inputs; weights $w_1, w_2, \\dots$ and biases $b_1, b_2, \\dots$ are numbered row by row through the network (as in seed 002)",
  letters: {
    input: "x",
    net: "z",
    activation: "a",
    weight: "w",
    bias: "b",
    target: "y",
    error: "e",
    delta: "delta",
    loss: "J",
  },
  indices(kind, ids, n) {
    switch (kind) {
      case "x":
        return { sub: [ids[0]!] };
      case "t":
        return { sub: [n.place(ids[0]!).index + 1] };
      case "w":
        return { sub: [n.weightNumber(`w_${ids[0]}_${ids[1]}`)] };
      case "b":
        return { sub: [n.biasNumber(`b_${ids[0]}`)] };
      case "bl":
        return { sub: [n.biasNumber(`bl_${ids[0]}`)] };
      default:
        return { sub: [ids[0]! - n.inputCount] };
    }
  },
};

const layerScheme: Scheme = {
  name: "layer",
  description:
    "$w_{lji}$ is the weight into neuron $j$ of layer $l$ from neuron $i$ of layer $l-1$; $a_{lj}$ is a net input, $h_{lj}$ a hidden activation, $\\hat{y}_j$ an output (as in seed 004)",
  letters: {
    input: "x",
    net: "a",
    activation: "h",
    hidden: "h",
    output: "yhat",
    weight: "w",
    bias: "b",
    target: "y",
    error: "e",
    delta: "delta",
    loss: "L",
  },
  indices(kind, ids, n) {
    if (kind === "bl") return { sub: [ids[0]!] };
    if (kind === "w") {
      const to = n.place(ids[1]!);
      return { sub: [to.layer, to.index + 1, n.place(ids[0]!).index + 1] };
    }
    const p = n.place(ids[0]!);
    if (kind === "x" || kind === "t") return { sub: [p.index + 1] };
    if (kind === "a" && p.layer === n.outputLayer) return { sub: [p.index + 1] };
    return { sub: [p.layer, p.index + 1] };
  },
};

const matrixScheme: Scheme = {
  name: "matrix",
  description:
    "layers are counted $l = 1, \\dots, L$ after the input; $W^{(l)}_{ji}$ is row $j$, column $i$ of the weight matrix of layer $l$, so that $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$ with $a^{(0)} = x$",
  letters: {
    input: "x",
    net: "z",
    activation: "a",
    weight: "W",
    bias: "b",
    target: "y",
    error: "e",
    delta: "delta",
    loss: "L",
  },
  indices(kind, ids, n) {
    if (kind === "bl") return { sub: [], sup: ids[0]! };
    if (kind === "w") {
      const to = n.place(ids[1]!);
      return { sub: [to.index + 1, n.place(ids[0]!).index + 1], sup: to.layer };
    }
    const p = n.place(ids[0]!);
    if (kind === "x" || kind === "t") return { sub: [p.index + 1] };
    return { sub: [p.index + 1], sup: p.layer };
  },
};

export const SCHEMES: Record<NotationName, Scheme> = {
  node: nodeScheme,
  sequential: sequentialScheme,
  layer: layerScheme,
  matrix: matrixScheme,
};
