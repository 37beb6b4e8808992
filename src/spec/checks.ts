import { plural, quote } from "./describe.js";
import { LIMITS } from "./limits.js";
import { isMapping } from "./path.js";
import type { Path } from "./path.js";
import type { Problem } from "./problem.js";
import { ACTIVATION_TABLE, ACTIVATIONS, LOSS_TABLE, LOSSES } from "../ops/index.js";
import type { ActivationName, LossName } from "./types.js";

/**
 * Rules that tie fields together: every shape against the layer sizes, which activation may
 * go where, which loss fits which output. They run on the raw data next to the schema, so a
 * spec with a typo and a wrong matrix gets both reported; each rule skips values whose own
 * type is wrong (the schema reports those).
 */
export function checkConsistency(data: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const layers = Array.isArray(data.layers) ? data.layers : undefined;
  const sizes: (number | undefined)[] = [];
  const activations: (ActivationName | undefined)[] = [];
  if (layers) checkLayers(layers, sizes, activations, problems);
  const last = layers && layers.length >= 2 ? layers.length - 1 : undefined;

  const loss = isOneOf(data.loss, LOSSES) ? data.loss : undefined;
  const output = last === undefined ? undefined : activations[last];
  if (loss !== undefined && output !== undefined) checkLossFits(loss, output, last!, problems);

  if (last !== undefined) {
    checkWeights(data.weights, sizes, problems);
    checkBiases(data.biases, sizes, problems);
  }
  checkSamples(data, sizes, last, loss, problems);
  // zod's record() skips a `__proto__` key silently; every other unknown role is its issue.
  if (isMapping(data.letters) && has(data.letters, "__proto__")) {
    problems.push({ path: ["letters", "__proto__"], at: "key", message: 'unknown letter role "__proto__"' });
  }
  return problems;
}

const isOneOf = <T extends string>(v: unknown, list: readonly T[]): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);
const validSize = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= LIMITS.layerSize ? v : undefined;
const layerName = (i: number): string => (i === 0 ? "layer 0 (the input layer)" : `layer ${i}`);
const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function checkLayers(
  layers: unknown[],
  sizes: (number | undefined)[],
  activations: (ActivationName | undefined)[],
  problems: Problem[],
): void {
  if (layers.length < 2) {
    problems.push({
      path: ["layers"],
      message: `has ${plural(layers.length, "entry", "entries")}; a network needs at least two: the input layer first, then at least one layer of neurons`,
    });
  }
  const last = layers.length - 1;
  sizes.length = layers.length;
  activations.length = layers.length;
  layers.forEach((layer, i) => {
    if (!isMapping(layer)) return;
    sizes[i] = validSize(layer.size);
    const act = isOneOf(layer.activation, ACTIVATIONS) ? layer.activation : undefined;
    if (i === 0) {
      activations[0] = "identity";
      if (act !== undefined && act !== "identity") {
        problems.push({
          path: ["layers", 0, "activation"],
          message: `the input layer has no activation (found ${quote(act)}); remove this line, or give the activation to layer 1`,
        });
      }
      return;
    }
    activations[i] = act;
    if (!has(layer, "activation")) {
      problems.push({
        path: ["layers", i, "activation"],
        message: `missing; layer ${i} needs an activation: one of ${ACTIVATIONS.join(", ")}`,
      });
    } else if (act !== undefined && ACTIVATION_TABLE[act].distribution && i !== last) {
      problems.push({
        path: ["layers", i, "activation"],
        message: `${act} is only allowed on the output layer (layer ${last}), not on hidden layer ${i}`,
      });
    }
  });
}

function checkLossFits(loss: LossName, output: ActivationName, last: number, problems: Problem[]): void {
  const needs = LOSS_TABLE[loss].outputs;
  if (needs !== undefined && !needs.includes(output)) {
    problems.push({
      path: ["loss"],
      message: `${loss} needs a ${needs.join(" or ")} output layer, but the output layer (layer ${last}) uses ${output}`,
    });
  }
}

function checkWeights(weights: unknown, sizes: (number | undefined)[], problems: Problem[]): void {
  if (!Array.isArray(weights)) return;
  const expected = sizes.length - 1;
  if (weights.length !== expected) {
    problems.push({
      path: ["weights"],
      message: `has ${plural(weights.length, "matrix", "matrices")} but the network has ${plural(expected, "layer")} after the input layer; give one matrix per such layer`,
    });
  }
  for (let l = 0; l < Math.min(weights.length, expected); l++) {
    const matrix: unknown = weights[l];
    if (!Array.isArray(matrix)) continue;
    const receiving = sizes[l + 1];
    const sending = sizes[l];
    if (receiving !== undefined && matrix.length !== receiving) {
      problems.push({
        path: ["weights", l],
        message: `has ${plural(matrix.length, "row")} but ${layerName(l + 1)} has ${plural(receiving, "neuron")} (one row per receiving neuron)`,
      });
    }
    if (sending === undefined) continue;
    matrix.forEach((row: unknown, r) => {
      if (Array.isArray(row) && row.length !== sending) {
        problems.push({
          path: ["weights", l, r],
          message: `has ${plural(row.length, "entry", "entries")} but ${layerName(l)} has ${plural(sending, "neuron")} (one weight per sending neuron)`,
        });
      }
    });
  }
}

function checkBiases(biases: unknown, sizes: (number | undefined)[], problems: Problem[]): void {
  if (!Array.isArray(biases)) return;
  const expected = sizes.length - 1;
  if (biases.length !== expected) {
    problems.push({
      path: ["biases"],
      message:
        `has ${plural(biases.length, "entry", "entries")} but the network has ${plural(expected, "layer")} after the input layer; ` +
        "give one entry per such layer: a list with one bias per neuron, or one number shared by the layer",
    });
  }
  for (let l = 0; l < Math.min(biases.length, expected); l++) {
    const entry: unknown = biases[l];
    const size = sizes[l + 1];
    if (Array.isArray(entry) && size !== undefined && entry.length !== size) {
      problems.push({
        path: ["biases", l],
        message:
          `has ${plural(entry.length, "entry", "entries")} but ${layerName(l + 1)} has ${plural(size, "neuron")} ` +
          "(one bias per neuron, or write one number to share it)",
      });
    }
  }
}

interface SampleView {
  input: unknown;
  target: unknown;
  inputPath: Path;
  targetPath: Path;
}

function checkSamples(
  data: Record<string, unknown>,
  sizes: (number | undefined)[],
  last: number | undefined,
  loss: LossName | undefined,
  problems: Problem[],
): void {
  const hasSamples = has(data, "samples");
  const hasInput = has(data, "input");
  const hasTarget = has(data, "target");
  if (hasSamples && (hasInput || hasTarget)) {
    problems.push({
      path: [hasInput ? "input" : "target"],
      at: "key",
      message: "give either samples (a list) or the top-level input and target (one sample), not both",
    });
  } else if (hasInput !== hasTarget) {
    problems.push({
      path: [hasInput ? "target" : "input"],
      locateAt: [hasInput ? "input" : "target"],
      message: "missing; the one-sample shorthand needs both input and target (or use samples)",
    });
  }
  const views: SampleView[] = [];
  if (Array.isArray(data.samples)) {
    data.samples.forEach((s: unknown, i) => {
      if (isMapping(s))
        views.push({ input: s.input, target: s.target, inputPath: ["samples", i, "input"], targetPath: ["samples", i, "target"] });
    });
  } else if (!hasSamples) {
    views.push({ input: data.input, target: data.target, inputPath: ["input"], targetPath: ["target"] });
  }
  const inputSize = sizes[0];
  const outputSize = last === undefined ? undefined : sizes[last];
  const bounded = loss !== undefined && LOSS_TABLE[loss].probabilityTargets;
  for (const v of views) {
    if (Array.isArray(v.input) && inputSize !== undefined && v.input.length !== inputSize) {
      problems.push({
        path: v.inputPath,
        message: `has ${plural(v.input.length, "entry", "entries")} but the input layer has ${plural(inputSize, "neuron")}`,
      });
    }
    if (!Array.isArray(v.target)) continue;
    if (outputSize !== undefined && v.target.length !== outputSize) {
      problems.push({
        path: v.targetPath,
        message: `has ${plural(v.target.length, "entry", "entries")} but the output layer (layer ${last}) has ${plural(outputSize, "neuron")}`,
      });
    }
    if (bounded) {
      v.target.forEach((t: unknown, k) => {
        if (typeof t === "number" && Number.isFinite(t) && (t < 0 || t > 1)) {
          problems.push({ path: [...v.targetPath, k], message: `is ${t}, but ${loss} targets must lie between 0 and 1` });
        }
      });
    }
  }
}
