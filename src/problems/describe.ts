import type { Network } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { texNumber } from "../render/index.js";
import { LOSS_TABLE } from "../ops/index.js";
import type { LossName } from "../ops/index.js";
import { trainingRules } from "../spec/index.js";
import type { OptimizerName, TrainingRules } from "../spec/index.js";

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
  const rules = trainingRules(spec);
  const eta = `$\\eta = ${texNumber(spec.learning_rate, 12)}$`;
  if (rules.optimizer === "sgd") {
    return (
      `Gradient descent with learning rate ${eta}: ${each}${epochs}. ` +
      `Each update is simultaneous: every gradient is taken at the parameters before the update, then every parameter ` +
      `$\\theta$ moves to $\\theta - \\eta \\, \\partial ${L} / \\partial \\theta$.${l2Text(rules, L)}${frozen}`
    );
  }
  return (
    `${OPTIMIZER_NAMES[rules.optimizer]}, learning rate ${eta}: ${each}${epochs}. ` +
    `Each update is simultaneous: every gradient $g = \\partial ${L} / \\partial \\theta$ is taken at the parameters before the update, ` +
    `then every parameter $\\theta$ moves by PyTorch's rule (${optimizerRule(rules)}).${l2Text(rules, L)}${frozen}` +
    (spec.convention === "error" && rules.optimizer !== "rmsprop"
      ? " In the error convention the velocity and the first moment carry the sign of $\\delta$: they are minus PyTorch's."
      : "")
  );
}

const OPTIMIZER_NAMES: Record<OptimizerName, string> = {
  sgd: "Gradient descent",
  momentum: "Gradient descent with momentum",
  nesterov: "Gradient descent with Nesterov momentum",
  rmsprop: "RMSprop",
  adam: "Adam",
  adamw: "AdamW",
};

const tex = (x: number): string => texNumber(x, 12);

/** One optimizer's update in symbols, its settings' values and where the state starts. */
function optimizerRule(r: TrainingRules): string {
  switch (r.optimizer) {
    case "sgd":
      return "$\\theta \\leftarrow \\theta - \\eta g$";
    case "momentum":
      return (
        `$v \\leftarrow \\mu v + g$, then $\\theta \\leftarrow \\theta - \\eta v$, with $\\mu = ${tex(r.momentum)}$; ` +
        "the velocity $v$ of each parameter starts at $0$"
      );
    case "nesterov":
      return (
        `$v \\leftarrow \\mu v + g$, then $\\theta \\leftarrow \\theta - \\eta (g + \\mu v)$, with $\\mu = ${tex(r.momentum)}$; ` +
        "the velocity $v$ of each parameter starts at $0$"
      );
    case "rmsprop":
      return (
        `$s \\leftarrow \\rho s + (1 - \\rho) g^2$, then $\\theta \\leftarrow \\theta - \\eta g / (\\sqrt{s} + \\varepsilon)$, ` +
        `with $\\rho = ${tex(r.rho)}$, $\\varepsilon = ${tex(r.epsilon)}$; the mean square $s$ of each parameter starts at $0$`
      );
    case "adam":
    case "adamw":
      return (
        (r.optimizer === "adamw"
          ? `first every weight (not the biases) decays, $w \\leftarrow w - \\eta \\lambda_{\\mathrm{wd}} w$ with $\\lambda_{\\mathrm{wd}} = ${tex(r.weight_decay)}$; then `
          : "") +
        `$m \\leftarrow \\beta_1 m + (1 - \\beta_1) g$, $s \\leftarrow \\beta_2 s + (1 - \\beta_2) g^2$, ` +
        `$\\hat{m} = m / (1 - \\beta_1^t)$, $\\hat{s} = s / (1 - \\beta_2^t)$ and ` +
        `$\\theta \\leftarrow \\theta - \\eta \\hat{m} / (\\sqrt{\\hat{s}} + \\varepsilon)$, with $\\beta_1 = ${tex(r.beta1)}$, ` +
        `$\\beta_2 = ${tex(r.beta2)}$, $\\varepsilon = ${tex(r.epsilon)}$ and $t = 1, 2, \\ldots$ the update's number; ` +
        "the moments $m$ and $s$ of each parameter start at $0$"
      );
  }
}

/** The L2 term, when the spec has one. */
function l2Text(r: TrainingRules, L: string): string {
  if (r.l2 === 0) return "";
  return (
    ` The loss $${L}$ of an update includes the L2 term $\\frac{\\lambda}{2} \\sum w^2$ over every weight (not the biases), ` +
    `$\\lambda = ${tex(r.l2)}$, so each weight's gradient gains $\\lambda w$.`
  );
}

/** How many updates the spec makes. */
export function updateCount(net: Network): number {
  const spec = net.spec;
  return spec.epochs * (spec.mode === "batch" ? 1 : spec.samples.length);
}
