import fc from "fast-check";
import { ACTIVATIONS, LOSSES, OPTIMIZERS, TRAINING_DEFAULTS } from "../../src/spec/types.js";
import type { ActivationName, LossName, NetworkSpec } from "../../src/spec/types.js";

/** Output activations each loss may sit on (CONTRACT §2 / issue 2). */
const OUTPUTS: Record<LossName, ActivationName[]> = {
  "half-sse": [...ACTIVATIONS],
  sse: [...ACTIVATIONS],
  mse: [...ACTIVATIONS],
  "cross-entropy": ["softmax", "sigmoid"],
  bce: ["sigmoid"],
};
const HIDDEN = ACTIVATIONS.filter((a) => a !== "softmax");

const weight = fc.double({ min: -2, max: 2, noNaN: true }).map((x) => Math.round(x * 100) / 100);

/** Random valid specs with numbers: every activation, loss, mode, reduction and bias form. */
export const arbSpec: fc.Arbitrary<NetworkSpec> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    loss: fc.constantFrom(...LOSSES),
    hidden: fc.array(fc.constantFrom(...HIDDEN), { minLength: 3, maxLength: 3 }),
    outPick: fc.nat(),
    mode: fc.constantFrom("online" as const, "batch" as const),
    reduction: fc.constantFrom("mean" as const, "sum" as const),
    epochs: fc.integer({ min: 1, max: 2 }),
    nSamples: fc.integer({ min: 1, max: 3 }),
    shared: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    train_biases: fc.boolean(),
    seed: fc.array(weight, { minLength: 400, maxLength: 400 }),
    eta: fc.constantFrom(0.1, 0.5, 0.01),
  })
  .map((r) => {
    const outs = OUTPUTS[r.loss];
    const outAct = outs[r.outPick % outs.length]!;
    // softmax needs at least 2 outputs to be interesting; cross-entropy on one sigmoid is fine.
    const sizes = [...r.sizes];
    if (outAct === "softmax" && sizes[sizes.length - 1]! < 2) sizes[sizes.length - 1] = 2;
    let k = 0;
    const next = (): number => r.seed[k++ % r.seed.length]!;
    const layers = sizes.map((size, i) => ({
      size,
      activation: i === 0 ? ("identity" as const) : i === sizes.length - 1 ? outAct : r.hidden[i - 1]!,
    }));
    const weights = sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: sizes[l]! }, next)));
    const biases = sizes.slice(1).map((n, l) => (r.shared[l] ? next() : Array.from({ length: n }, next)));
    const K = sizes[sizes.length - 1]!;
    const probTargets = r.loss === "cross-entropy" || r.loss === "bce";
    const samples = Array.from({ length: r.nSamples }, (_, s) => ({
      input: Array.from({ length: sizes[0]! }, next),
      target: Array.from({ length: K }, (_, j) =>
        probTargets ? (outAct === "softmax" ? (j === s % K ? 1 : 0) : Math.abs(next()) / 2) : next(),
      ),
    }));
    return {
      learning_rate: r.eta,
      loss: r.loss,
      reduction: r.reduction,
      mode: r.mode,
      epochs: r.epochs,
      layers,
      weights,
      biases,
      train_biases: r.train_biases,
      samples,
      ...TRAINING_DEFAULTS,
    } satisfies NetworkSpec;
  });

/**
 * arbSpec with CONTRACT §5's training rules: every optimizer, random settings (including the
 * edges 0 and close to 1), l2 and adamw's weight decay, and up to three epochs.
 */
export const arbTrainingSpec: fc.Arbitrary<NetworkSpec> = fc
  .record({
    base: arbSpec,
    optimizer: fc.constantFrom(...OPTIMIZERS),
    momentum: fc.constantFrom(0, 0.5, 0.9, 0.99),
    rho: fc.constantFrom(0, 0.5, 0.9, 0.99),
    beta1: fc.constantFrom(0, 0.5, 0.9),
    beta2: fc.constantFrom(0, 0.9, 0.999),
    epsilon: fc.constantFrom(1e-8, 1e-3, 0.1),
    l2: fc.constantFrom(0, 0, 0.01, 0.5),
    weight_decay: fc.constantFrom(0, 0.01, 0.3),
    epochs: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ base, ...r }) => ({ ...base, ...r }));
