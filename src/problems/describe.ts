import type { Network } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { texNumber } from "../render/numbers.js";
import type { ActivationName, LossName } from "../spec/types.js";

/*
 * The fixed prose of a problem: what the network computes, in the notation's letters. Strings
 * hold inline math `$…$` and nothing else special, so one string serves Markdown and LaTeX.
 */

/** An activation's definition, with its kink convention. */
const ACTIVATION_TEX: Record<ActivationName, string> = {
  identity: "$f(z) = z$",
  relu: "$\\mathrm{ReLU}(z) = \\max(0, z)$, with $\\mathrm{ReLU}'(0) = 0$",
  "leaky-relu": "$f(z) = z$ for $z \\ge 0$ and $f(z) = 0.01\\,z$ for $z < 0$, with $f'(0) = 0.01$",
  sigmoid: "$\\sigma(z) = \\frac{1}{1 + e^{-z}}$",
  tanh: "$\\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$",
  softmax: "$\\mathrm{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$",
};

const ACTIVATION_LABEL: Record<ActivationName, string> = {
  identity: "identity (linear)", relu: "ReLU", "leaky-relu": "leaky ReLU", sigmoid: "sigmoid", tanh: "tanh", softmax: "softmax",
};

/** The loss of one sample over the output neurons k = 1..K, in the notation's letters. */
export function lossTex(loss: LossName, n: Notation): string {
  const L = n.letters.loss.tex;
  const t = `${n.letters.target.tex}_k`;
  const y = `${n.letters.output.tex}_k`;
  switch (loss) {
    case "half-sse": return `${L} = \\frac{1}{2} \\sum_{k} (${t} - ${y})^2`;
    case "sse": return `${L} = \\sum_{k} (${t} - ${y})^2`;
    case "mse": return `${L} = \\frac{1}{K} \\sum_{k} (${t} - ${y})^2`;
    case "cross-entropy": return `${L} = -\\sum_{k} ${t} \\ln ${y}`;
    case "bce": return `${L} = -\\sum_{k} \\bigl(${t} \\ln ${y} + (1 - ${t}) \\ln(1 - ${y})\\bigr)`;
  }
}

export interface LayerLine {
  /** "Input layer", "Hidden layer 1", "Output layer". */
  role: string;
  /** e.g. "2 neurons $X_1, X_2$". */
  text: string;
}

/** One line per layer: its neurons' names and (after the input) its activation. */
export function layerLines(net: Network, n: Notation): LayerLine[] {
  const last = net.layers.length - 1;
  return net.layers.map((layer) => {
    const names = layer.neurons.map((nr) => n.tex(layer.index === 0 ? `x_${nr.node}` : `a_${nr.node}`));
    const role = layer.index === 0 ? "Input layer" : layer.index === last ? "Output layer" : `Hidden layer ${layer.index}`;
    const count = `${layer.neurons.length} ${layer.neurons.length === 1 ? "neuron" : "neurons"} $${names.join(", ")}$`;
    if (layer.index === 0) return { role, text: count };
    const act = layer.activation!.name;
    return { role, text: `${count}, activation ${ACTIVATION_LABEL[act]}: ${ACTIVATION_TEX[act]}` };
  });
}

/** What one update is, and how many there are. */
export function procedure(net: Network, n: Notation): string {
  const spec = net.spec;
  const N = spec.samples.length;
  const L = n.letters.loss.tex;
  const combine = N === 1 ? "" : spec.reduction === "mean" ? ` (the mean of the samples' losses)` : ` (the sum of the samples' losses)`;
  const each = spec.mode === "batch" || N === 1
    ? `one update from ${N === 1 ? "the sample" : `all ${N} samples together${combine}`}`
    : `one update per sample, in order`;
  const epochs = spec.epochs === 1 ? "" : `, repeated for ${spec.epochs} passes over the samples`;
  const frozen = spec.train_biases ? "" : " The biases are fixed: they are not updated.";
  return `Gradient descent with learning rate $\\eta = ${texNumber(spec.learning_rate, 12)}$: ${each}${epochs}. `
    + `Each update is simultaneous: every gradient is taken at the parameters before the update, then every parameter `
    + `$\\theta$ moves to $\\theta - \\eta \\, \\partial ${L} / \\partial \\theta$.${frozen}`;
}

/** How many updates the spec makes. */
export function updateCount(net: Network): number {
  const spec = net.spec;
  return spec.epochs * (spec.mode === "batch" ? 1 : spec.samples.length);
}
