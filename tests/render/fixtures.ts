import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { TRAINING_DEFAULTS } from "../../src/spec/types.js";

const base = { reduction: "mean", mode: "online", epochs: 1, train_biases: true } as const;

/** The seed notes' networks, written out as loaded specs (defaults filled in). */
export const SEEDS: Record<string, NetworkSpec> = {
  // Seed 000/001: 2-2-3, ReLU hidden, identity output, half SSE, η = 0.1.
  seed000: {
    ...base,
    title: "Parameter update with a ReLU hidden layer",
    learning_rate: 0.1,
    loss: "half-sse",
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "relu" },
      { size: 3, activation: "identity" },
    ],
    weights: [
      [
        [-2.5, 0.6],
        [-1.5, 0.4],
      ],
      [
        [-0.1, 1.5],
        [2.4, -5.2],
        [-2.2, 3.7],
      ],
    ],
    biases: [
      [1.6, 0.7],
      [-2, 0, 1],
    ],
    samples: [{ input: [0.5, 0.37], target: [0, 1, 0] }],
  },
  // Seed 002: 2-2-2 sigmoid (Mazur's example), η = 0.5, half SSE.
  seed002: {
    ...base,
    title: "Backpropagation with sigmoid neurons",
    learning_rate: 0.5,
    loss: "half-sse",
    notation: "sequential",
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "sigmoid" },
      { size: 2, activation: "sigmoid" },
    ],
    weights: [
      [
        [0.15, 0.25],
        [0.2, 0.3],
      ],
      [
        [0.4, 0.45],
        [0.5, 0.55],
      ],
    ],
    biases: [0.35, 0.6],
    samples: [{ input: [0.05, 0.1], target: [0.01, 0.99] }],
  },
  // Seed 003: 1-1-1 ReLU chain, frozen biases, error convention.
  seed003: {
    ...base,
    title: "Parameter update with ReLU",
    learning_rate: 0.1,
    loss: "half-sse",
    convention: "error",
    train_biases: false,
    layers: [
      { size: 1, activation: "identity" },
      { size: 1, activation: "relu" },
      { size: 1, activation: "relu" },
    ],
    weights: [[[0.8]], [[1.2]]],
    biases: [[0.1], [-0.2]],
    samples: [{ input: [1.5], target: [2] }],
  },
  // Seed 004: 4-4-2 sigmoid/softmax, SSE, layer notation, two samples in batch.
  seed004: {
    ...base,
    title: "Partial derivatives with softmax",
    learning_rate: 0.1,
    loss: "sse",
    notation: "layer",
    mode: "batch",
    layers: [
      { size: 4, activation: "identity" },
      { size: 4, activation: "sigmoid" },
      { size: 2, activation: "softmax" },
    ],
    weights: [
      [
        [0.1, 0.3, 0.8, -0.4],
        [-0.3, 0.2, 0.5, 0.5],
        [-0.3, 0, 0.5, 0.4],
        [0.2, 0.5, -0.9, 0.7],
      ],
      [
        [0.5, 0.8, 0.2, 0.4],
        [0.5, 0.2, 0.3, -0.5],
      ],
    ],
    biases: [
      [0, 0, 0, 0],
      [0, 0],
    ],
    samples: [
      { input: [2, 5, 3, 3], target: [1, 0] },
      { input: [1, -1, 0.5, 2], target: [0, 1] },
    ],
  },
  // softplus hidden, ELU output (CONTRACT §8), error convention, a ReLU kink nowhere near.
  smooth: {
    ...base,
    title: "Softplus and ELU",
    learning_rate: 0.2,
    loss: "half-sse",
    convention: "error",
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "softplus" },
      { size: 2, activation: "elu" },
    ],
    weights: [
      [
        [0.4, -0.7],
        [1.1, 0.3],
      ],
      [
        [-0.6, 0.9],
        [0.8, -1.2],
      ],
    ],
    biases: [
      [0.1, -0.2],
      [0.05, -0.3],
    ],
    samples: [{ input: [0.5, -1], target: [0.2, -0.4] }],
  },
  // No numbers: the symbolic derivation only.
  symbolic: {
    ...base,
    learning_rate: 0.1,
    loss: "cross-entropy",
    layers: [
      { size: 2, activation: "identity" },
      { size: 3, activation: "tanh" },
      { size: 2, activation: "softmax" },
    ],
    biases: [0, [0, 0]],
    samples: [],
  },
};

/** Input gradients on (`input_gradients: true`): a ReLU hidden layer and a softmax output. */
export const INPUT_GRADIENT_SPECS: Record<string, NetworkSpec> = {
  seed000: { ...SEEDS.seed000!, input_gradients: true },
  seed004: { ...SEEDS.seed004!, input_gradients: true },
};

/** The graph specs of specs/ (CS231n's circuits, micrograd's expression), by file name. */
export const GRAPHS: Record<string, GraphSpec> = Object.fromEntries(
  readdirSync(join(import.meta.dirname, "..", "..", "specs"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => [f, parseAnySpec(readFileSync(join(import.meta.dirname, "..", "..", "specs", f), "utf8"), f)] as const)
    .filter((e): e is [string, GraphSpec] => (e[1] as { kind?: string }).kind === "graph"),
);
const sgd = { ...TRAINING_DEFAULTS };
const twoTwoTwo = {
  layers: [
    { size: 2, activation: "identity" as const },
    { size: 2, activation: "sigmoid" as const },
    { size: 2, activation: "sigmoid" as const },
  ],
  weights: [
    [
      [0.15, 0.25],
      [0.2, 0.3],
    ],
    [
      [0.4, 0.45],
      [0.5, 0.55],
    ],
  ],
};

/**
 * One small network per training rule (CONTRACT §5), between them online and batch, several
 * updates, frozen and shared biases, l2 and weight decay: rendered in every notation, convention
 * and detail, typeset by KaTeX, MathJax and pdflatex, and their numbers read back.
 */
export const TRAINING_SPECS: Record<string, NetworkSpec> = {
  // plain gradient descent with an L2 term, a batch of two samples (g from the batch's mean)
  sgdL2: {
    ...base,
    ...sgd,
    l2: 0.05,
    title: "Gradient descent with L2, a batch",
    learning_rate: 0.5,
    loss: "half-sse",
    mode: "batch",
    ...twoTwoTwo,
    biases: [
      [0.35, 0.35],
      [0.6, 0.6],
    ],
    samples: [
      { input: [0.05, 0.1], target: [0.01, 0.99] },
      { input: [0.3, -0.2], target: [0.5, 0.2] },
    ],
  },
  // momentum, three updates of one sample, frozen biases
  momentum: {
    ...base,
    ...sgd,
    optimizer: "momentum",
    momentum: 0.8,
    title: "Momentum, frozen biases",
    learning_rate: 0.5,
    loss: "half-sse",
    epochs: 3,
    train_biases: false,
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "tanh" },
      { size: 1, activation: "sigmoid" },
    ],
    weights: [
      [
        [0.4, -0.6],
        [0.7, 0.2],
      ],
      [[0.5, -0.3]],
    ],
    biases: [[0.1, -0.1], [0.2]],
    samples: [{ input: [1, 0.5], target: [1] }],
  },
  // Nesterov, online over two samples, one shared bias per layer
  nesterov: {
    ...base,
    ...sgd,
    optimizer: "nesterov",
    title: "Nesterov momentum, shared biases",
    learning_rate: 0.3,
    loss: "half-sse",
    ...twoTwoTwo,
    biases: [0.35, 0.6],
    samples: [
      { input: [0.05, 0.1], target: [0.01, 0.99] },
      { input: [0.5, 0.2], target: [0.7, 0.1] },
    ],
  },
  // RMSprop with l2, two updates (ReLU hidden layer, identity output)
  rmsprop: {
    ...base,
    ...sgd,
    optimizer: "rmsprop",
    rho: 0.9,
    epsilon: 1e-8,
    l2: 0.01,
    title: "RMSprop with L2",
    learning_rate: 0.01,
    loss: "half-sse",
    epochs: 2,
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "relu" },
      { size: 2, activation: "identity" },
    ],
    weights: [
      [
        [0.5, -0.4],
        [0.3, 0.8],
      ],
      [
        [1.2, -0.7],
        [-0.5, 0.9],
      ],
    ],
    biases: [
      [0.1, 0.2],
      [0, -0.1],
    ],
    samples: [{ input: [1, 0.5], target: [0.5, -0.2] }],
  },
  // Adam with l2, a batch of two samples over two epochs (softmax and cross-entropy)
  adam: {
    ...base,
    ...sgd,
    optimizer: "adam",
    l2: 0.01,
    title: "Adam with L2, a batch",
    learning_rate: 0.05,
    loss: "cross-entropy",
    mode: "batch",
    epochs: 2,
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "sigmoid" },
      { size: 2, activation: "softmax" },
    ],
    weights: twoTwoTwo.weights,
    biases: [
      [0.1, -0.1],
      [0, 0],
    ],
    samples: [
      { input: [0.5, 1], target: [1, 0] },
      { input: [-0.5, 0.2], target: [0, 1] },
    ],
  },
  // AdamW, its decoupled weight decay and an l2 term too, two updates of one sample
  adamw: {
    ...base,
    ...sgd,
    optimizer: "adamw",
    beta1: 0.8,
    beta2: 0.99,
    weight_decay: 0.1,
    l2: 0.02,
    title: "AdamW",
    learning_rate: 0.1,
    loss: "half-sse",
    epochs: 2,
    ...twoTwoTwo,
    biases: [
      [0.35, 0.35],
      [0.6, 0.6],
    ],
    samples: [{ input: [0.05, 0.1], target: [0.01, 0.99] }],
  },
  // No numbers: the symbolic derivation of Adam with l2
  adamSymbolic: {
    ...base,
    ...sgd,
    optimizer: "adamw",
    l2: 0.01,
    weight_decay: 0.01,
    learning_rate: 0.1,
    loss: "half-sse",
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "tanh" },
      { size: 1, activation: "identity" },
    ],
    biases: [0, [0]],
    samples: [],
  },
};
