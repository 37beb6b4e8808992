import type { NetworkSpec } from "../../src/spec/types.js";
import { TRAINING_DEFAULTS } from "../../src/spec/types.js";
import { spec } from "./helpers.js";

/** A 2-2-1 sigmoid network (inputs 1, 2; hidden 3, 4; output 5) on two samples, two epochs. */
export function net(rules: Partial<NetworkSpec> = {}): NetworkSpec {
  return spec({
    learning_rate: 0.3,
    loss: "half-sse",
    layers: [
      { size: 2, activation: "identity" },
      { size: 2, activation: "sigmoid" },
      { size: 1, activation: "sigmoid" },
    ],
    weights: [
      [
        [0.4, -0.6],
        [0.7, 0.1],
      ],
      [[0.9, -1.1]],
    ],
    biases: [[0.1, -0.2], [0.05]],
    samples: [
      { input: [0.3, -0.8], target: [0.2] },
      { input: [-0.5, 0.6], target: [0.9] },
    ],
    epochs: 2,
    ...TRAINING_DEFAULTS,
    ...rules,
  });
}
