import { activation, loss } from "../ops/index.js";
import type { Activation, Loss } from "../ops/index.js";
import type { NetworkSpec } from "../spec/index.js";
import { sym } from "./symbols.js";

/** One neuron: its place in the network and its global node number (1-based, inputs first). */
export interface Neuron {
  layer: number;
  /** 0-based index within its layer. */
  index: number;
  node: number;
}

export interface Layer {
  index: number;
  neurons: Neuron[];
  /** Undefined for the input layer. */
  activation?: Activation;
  /** One bias shared by all the layer's neurons (spec gave a number). */
  sharedBias: boolean;
}

/** A trainable (or frozen) parameter: a weight or a bias, with where it lives. */
export type Parameter =
  | { kind: "weight"; id: string; layer: number; row: number; col: number; from: Neuron; to: Neuron }
  | { kind: "bias"; id: string; layer: number; row: number; neurons: Neuron[]; shared: boolean; trainable: boolean };

export interface Network {
  spec: NetworkSpec;
  layers: Layer[];
  loss: Loss;
  /** Every weight (layer by layer, row by row) then every bias, in that order per layer. */
  parameters: Parameter[];
  /** All node numbers that exist. */
  nodeCount: number;
}

export function buildNetwork(spec: NetworkSpec): Network {
  let node = 0;
  const layers: Layer[] = spec.layers.map((l, index) => ({
    index,
    neurons: Array.from({ length: l.size }, (_, i) => ({ layer: index, index: i, node: ++node })),
    activation: index === 0 ? undefined : activation(l.activation),
    sharedBias: index > 0 && typeof spec.biases[index - 1] === "number",
  }));
  const parameters: Parameter[] = [];
  for (const layer of layers.slice(1)) {
    const prev = layers[layer.index - 1]!;
    for (const to of layer.neurons) {
      for (const from of prev.neurons) {
        parameters.push({
          kind: "weight",
          id: sym.w(from.node, to.node),
          layer: layer.index,
          row: to.index,
          col: from.index,
          from,
          to,
        });
      }
    }
    if (layer.sharedBias) {
      parameters.push({
        kind: "bias",
        id: sym.sharedBias(layer.index),
        layer: layer.index,
        row: 0,
        neurons: layer.neurons,
        shared: true,
        trainable: spec.train_biases,
      });
    } else {
      for (const n of layer.neurons) {
        parameters.push({
          kind: "bias",
          id: sym.b(n.node),
          layer: layer.index,
          row: n.index,
          neurons: [n],
          shared: false,
          trainable: spec.train_biases,
        });
      }
    }
  }
  return { spec, layers, loss: loss(spec.loss), parameters, nodeCount: node };
}

/** The bias symbol a neuron adds to its net input. */
export function biasOf(net: Network, n: Neuron): string {
  return net.layers[n.layer]!.sharedBias ? sym.sharedBias(n.layer) : sym.b(n.node);
}

export function outputLayer(net: Network): Layer {
  return net.layers[net.layers.length - 1]!;
}
