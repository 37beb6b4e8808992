import type { Network } from "../network/index.js";
import { outputLayer } from "../network/index.js";
import { train } from "../numeric/index.js";
import type { UpdateResult } from "../numeric/index.js";
import { trainingRules } from "../spec/index.js";
import type { TrainingRules } from "../spec/index.js";
import { buildSteps } from "./steps.js";
import type { Derivation, Step } from "./types.js";
import { sampleScope, updateScope } from "./values.js";

export type { Derivation, DerivedUpdate, Step, StepKind, StepOf, ChainFactor } from "./types.js";
export { math, substitute, symbolsOf, S, instantiate, mul, neg, num, paren, sub } from "./math.js";
export { sampleScope } from "./values.js";
export type { MathNode } from "./math.js";

// The steps depend on the network's structure only. The variants of a problem set share one
// structure (the same parameter list, with other numbers in the spec), so they share its steps.
const stepsCache = new WeakMap<Network["parameters"], Map<string, Step[]>>();

function stepsOf(net: Network, batched: boolean, simplify: boolean, rules: TrainingRules): Step[] {
  let byOptions = stepsCache.get(net.parameters);
  if (!byOptions) stepsCache.set(net.parameters, (byOptions = new Map()));
  // The steps name the settings (μ, β₁, λ), never their values: only the optimizer and whether
  // there is an l2 term change them.
  const key = `${batched}/${simplify}/${rules.optimizer}/${rules.l2 > 0}`;
  let steps = byOptions.get(key);
  if (!steps) byOptions.set(key, (steps = buildSteps(net, { batched, simplify, rules })));
  return steps;
}

/**
 * The derivation of a network: its symbolic steps and, when the spec has numbers, every
 * update's values (taken from the numeric pass, keyed by the symbol ids the steps define).
 * A caller that has already trained the network (a problem set checks the numbers first)
 * passes its updates; otherwise they are computed here. Throws NumericError on overflow.
 */
export function derive(net: Network, updates: UpdateResult[] = train(net)): Derivation {
  const spec = net.spec;
  const batched = spec.mode === "batch" && spec.samples.length > 1;
  // The output's ŷ − t simplification, when the loss has one for this activation; softmax +
  // cross-entropy gives it only when each target vector sums to 1 (the numbers never simplify).
  const rule = net.loss.simplifiesWith[outputLayer(net).activation!.name];
  const targetsSumToOne = spec.samples.every((s) => Math.abs(s.target.reduce((x, y) => x + y, 0) - 1) < 1e-12);
  const simplify = rule !== undefined && (rule.condition === undefined || targetsSumToOne);
  const rules = trainingRules(spec);
  const steps = stepsOf(net, batched, simplify, rules);
  const perEpoch = spec.mode === "batch" ? 1 : spec.samples.length;
  return {
    network: net,
    steps,
    batched,
    rules,
    updates: updates.map((u, index) => ({
      index,
      epoch: Math.floor(index / Math.max(perEpoch, 1)),
      numeric: u,
      sampleIndices: u.sampleIndices,
      sampleScopes: u.samples.map((s) => sampleScope(net, u.before, s)),
      scope: updateScope(net, u, updates[index - 1]?.state),
    })),
  };
}
export { LEARNING_RATE_ID, deriveGraph, gradId, localDerivatives } from "./graph.js";
export type { GraphBackward, GraphDerivation, GraphForward, GraphNumbers } from "./graph.js";
export { graphKey, stringifyGraphKey } from "./graph-key.js";
export type { GraphKey } from "./graph-key.js";
export { backwardPaths } from "./chain.js";
export type { ChainNode, ChainPath } from "./chain.js";
