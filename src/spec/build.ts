import type { RawSpec } from "./schema.js";
import { trainingRules } from "./types.js";
import type { NetworkSpec, Sample } from "./types.js";

/**
 * A valid spec with every default filled in: reduction mean, mode online, epochs 1,
 * train_biases true, zero bias vectors, the input layer's identity, and the one-sample
 * `input`/`target` shorthand folded into `samples`, and CONTRACT §5's training rules (sgd). Sizes were checked before this runs.
 */
export function buildSpec(raw: RawSpec): NetworkSpec {
  const layers = raw.layers.map((l, i) => ({ size: l.size, activation: i === 0 ? ("identity" as const) : l.activation! }));
  const samples: Sample[] =
    raw.samples ?? (raw.input !== undefined && raw.target !== undefined ? [{ input: raw.input, target: raw.target }] : []);
  return {
    ...(raw.title !== undefined && { title: raw.title }),
    learning_rate: raw.learning_rate,
    loss: raw.loss,
    reduction: raw.reduction ?? "mean",
    mode: raw.mode ?? "online",
    epochs: raw.epochs ?? 1,
    layers,
    ...(raw.weights !== undefined && { weights: raw.weights }),
    biases: raw.biases ?? layers.slice(1).map((l) => new Array<number>(l.size).fill(0)),
    train_biases: raw.train_biases ?? true,
    ...trainingRules(raw),
    samples,
    ...(raw.notation !== undefined && { notation: raw.notation }),
    ...(raw.convention !== undefined && { convention: raw.convention }),
    ...(raw.precision !== undefined && { precision: raw.precision }),
    ...(raw.detail !== undefined && { detail: raw.detail }),
    ...(raw.input_gradients !== undefined && { input_gradients: raw.input_gradients }),
    ...(raw.letters !== undefined && { letters: raw.letters as Record<string, string> }),
    ...(raw.problems !== undefined && { problems: raw.problems }),
  };
}
