import { answerKey } from "../numeric/index.js";
import { trainingRules, writtenTrainingFields } from "../spec/index.js";
import type { NetworkSpec } from "../spec/index.js";
import { notationOf } from "./sheet.js";
import type { GeneratedVariant } from "./generate.js";

/** The spec as CONTRACT §2 writes it: its field names and order, the input layer without activation. */
export function contractSpec(spec: NetworkSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.title !== undefined) out.title = spec.title;
  Object.assign(out, {
    learning_rate: spec.learning_rate,
    loss: spec.loss,
    reduction: spec.reduction,
    mode: spec.mode,
    epochs: spec.epochs,
    layers: spec.layers.map((l, i) => (i === 0 ? { size: l.size } : { size: l.size, activation: l.activation })),
    weights: spec.weights,
    biases: spec.biases,
    train_biases: spec.train_biases,
    samples: spec.samples.map((s) => ({ input: s.input, target: s.target })),
  });
  // CONTRACT §5's training rules, when the spec has any other than plain gradient descent
  const rules = trainingRules(spec);
  if (rules.optimizer !== "sgd" || rules.l2 > 0) Object.assign(out, writtenTrainingFields(rules));
  // Presentation fields, so that `derive` on this spec shows what the solutions show.
  for (const k of ["notation", "convention", "precision", "detail", "letters"] as const) {
    if (spec[k] !== undefined) out[k] = spec[k];
  }
  return out;
}

/** One variant's entry in NAME.key.json: its id, complete spec, answer key and the questions asked. */
export interface KeyEntry {
  id: string;
  spec: Record<string, unknown>;
  key: unknown;
  questions: { symbol: string; sample?: number; name: string; value: number; shown: string; tolerance: number }[];
}

/** NAME.key.json of any problem set (`backprop-derive/problem-set@1`), one entry per variant. */
export function problemSetJson(seed: number, entries: Iterable<KeyEntry>): string {
  return `${JSON.stringify({ format: "backprop-derive/problem-set@1", seed, variants: [...entries] }, null, 2)}\n`;
}

/** NAME.key.json: every variant's id, complete spec, answer key (CONTRACT §3) and the questions asked. */
export function keyJson(seed: number, variants: readonly GeneratedVariant[]): string {
  return problemSetJson(
    seed,
    variants.map((v) => {
      const n = notationOf(v.net);
      return {
        id: v.id,
        spec: contractSpec(v.spec),
        key: answerKey(v.updates),
        questions: v.questions.map((q) => ({
          symbol: q.symbol,
          ...(q.sample !== undefined ? { sample: q.sample } : {}),
          name: n.ascii(q.symbol),
          value: q.value,
          shown: q.shown,
          tolerance: q.tolerance,
        })),
      };
    }),
  );
}
