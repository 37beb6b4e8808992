import * as z from "zod";
import { LIMITS } from "./limits.js";
import {
  ACTIVATIONS,
  CONVENTIONS,
  DETAILS,
  LETTER_KEYS,
  LETTER_PATTERN,
  LOSSES,
  MODES,
  NOTATIONS,
  OPTIMIZERS,
  REDUCTIONS,
} from "./types.js";

/**
 * The shape of a spec field by field. Cross-field rules (sizes, which activation goes where)
 * are in checks.ts; messages are written in issues.ts. zod 4's number() already refuses NaN
 * and ±Infinity, and strictObject() refuses unknown keys.
 */
const value = z.number();
const vector = z.array(value);
/** μ, ρ, β₁, β₂: a decay rate, 0 ≤ x < 1 (at 1 the state never forgets; PyTorch refuses it too). */
const decay = z.number().min(0).lt(1);

export const layerSchema = z.strictObject({
  size: z.number().int().min(1),
  activation: z.enum(ACTIVATIONS).optional(),
});

export const sampleSchema = z.strictObject({
  input: vector,
  target: vector,
});

export const specSchema = z.strictObject({
  title: z.string().optional(),
  learning_rate: z.number().positive(),
  loss: z.enum(LOSSES),
  reduction: z.enum(REDUCTIONS).optional(),
  mode: z.enum(MODES).optional(),
  epochs: z.number().int().min(1).max(LIMITS.epochs).optional(),
  layers: z.array(layerSchema),
  weights: z.array(z.array(vector)).optional(),
  biases: z.array(z.union([value, vector])).optional(),
  train_biases: z.boolean().optional(),
  optimizer: z.enum(OPTIMIZERS).optional(),
  momentum: decay.optional(),
  rho: decay.optional(),
  beta1: decay.optional(),
  beta2: decay.optional(),
  // ε > 0: with ε = 0 a zero gradient would divide 0 by 0.
  epsilon: z.number().positive().optional(),
  l2: z.number().min(0).optional(),
  weight_decay: z.number().min(0).optional(),
  samples: z.array(sampleSchema).optional(),
  input: vector.optional(),
  target: vector.optional(),
  notation: z.enum(NOTATIONS).optional(),
  convention: z.enum(CONVENTIONS).optional(),
  precision: z.number().int().min(0).max(LIMITS.precision).optional(),
  detail: z.enum(DETAILS).optional(),
  input_gradients: z.boolean().optional(),
  letters: z.partialRecord(z.enum(LETTER_KEYS), z.string().regex(LETTER_PATTERN)).optional(),
  problems: z.record(z.string(), z.unknown()).optional(),
});

export type RawSpec = z.infer<typeof specSchema>;

export const SPEC_KEYS = Object.keys(specSchema.shape);
export const LAYER_KEYS = Object.keys(layerSchema.shape);
export const SAMPLE_KEYS = Object.keys(sampleSchema.shape);

/** Keys the spec must have; everything else may be left out (or left empty). */
export const REQUIRED_KEYS = ["learning_rate", "loss", "layers"] as const;
