import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import type { NetworkSpec } from "../../src/spec/types.js";

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
