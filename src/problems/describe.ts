import type { Network } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { texNumber } from "../render/index.js";
import { LOSS_TABLE } from "../ops/index.js";
import type { LossName } from "../ops/index.js";

/*
 * The fixed prose of a problem: what the network computes, in the notation's letters. Strings
 * hold inline math `$…$` and nothing else special, so one string serves Markdown and LaTeX.
 */

/** The loss of one sample over the output neurons k = 1..K, in the notation's letters. */
export function lossTex(loss: LossName, n: Notation): string {
  return LOSS_TABLE[loss].tex(n.letters.loss.tex, `${n.letters.target.tex}_k`, `${n.letters.output.tex}_k`);
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
    const { sheet } = layer.activation!;
    return { role, text: `${count}, activation ${sheet.label}: ${sheet.definition}` };
  });
}

/** What one update is, and how many there are. */
export function procedure(net: Network, n: Notation): string {
  const spec = net.spec;
  const N = spec.samples.length;
  const L = n.letters.loss.tex;
  const combine = N === 1 ? "" : spec.reduction === "mean" ? ` (the mean of the samples' losses)` : ` (the sum of the samples' losses)`;
  const each =
    spec.mode === "batch" || N === 1
      ? `one update from ${N === 1 ? "the sample" : `all ${N} samples together${combine}`}`
      : `one update per sample, in order`;
  const epochs = spec.epochs === 1 ? "" : `, repeated for ${spec.epochs} passes over the samples`;
  const frozen = spec.train_biases ? "" : " The biases are fixed: they are not updated.";
  return (
    `Gradient descent with learning rate $\\eta = ${texNumber(spec.learning_rate, 12)}$: ${each}${epochs}. ` +
    `Each update is simultaneous: every gradient is taken at the parameters before the update, then every parameter ` +
    `$\\theta$ moves to $\\theta - \\eta \\, \\partial ${L} / \\partial \\theta$.${frozen}`
  );
}

/** How many updates the spec makes. */
export function updateCount(net: Network): number {
  const spec = net.spec;
  return spec.epochs * (spec.mode === "batch" ? 1 : spec.samples.length);
}
