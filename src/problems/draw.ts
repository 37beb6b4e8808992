import type { BiasSpec, NetworkSpec, Sample } from "../spec/index.js";
import { rangeSteps } from "./config.js";
import { intBetween } from "./prng.js";
import type { Rng } from "./prng.js";
import type { NumberRange, ProblemsConfig, TargetVariation, Variation } from "./types.js";

/** One number of a range: an integer number of steps of 10^-decimals, so it shows exactly. */
export function drawNumber(rng: Rng, r: NumberRange): number {
  const { lo, hi } = rangeSteps(r);
  const skipZero = r.nonzero && lo <= 0 && hi >= 0;
  let n = intBetween(rng, lo, skipZero ? hi - 1 : hi);
  if (skipZero && n >= 0) n += 1;
  return n === 0 ? 0 : n / 10 ** r.decimals;
}

/**
 * Numbers at least as wide, written out, as any weight a variant can draw: as many integer digits
 * as the range's widest end, all its decimals, a minus sign if it reaches below 0 (fixed weights
 * are their own). The diagrams are laid out for these, so every variant of a set looks alike.
 */
export function widestWeights(spec: NetworkSpec, cfg: ProblemsConfig): number[][][] {
  const weights = spec.weights!;
  if (cfg.weights.kind !== "range") return weights;
  const r = cfg.weights.range;
  const digits = String(Math.floor(Math.max(Math.abs(r.min), Math.abs(r.max)))).length;
  const widest = Number(`${r.min < 0 ? "-" : ""}${"8".repeat(digits)}${r.decimals > 0 ? `.${"8".repeat(r.decimals)}` : ""}`);
  return weights.map((m) => m.map((row) => row.map(() => widest)));
}

/**
 * A candidate variant of `base`: its numbers drawn in a fixed order (weights layer by layer and
 * row by row, then biases, then each sample's input and target), fixed ones kept from the spec.
 */
export function drawSpec(base: NetworkSpec, cfg: ProblemsConfig, rng: Rng): NetworkSpec {
  const sizes = base.layers.map((l) => l.size);
  const K = sizes[sizes.length - 1]!;
  const rangeOf = (v: Variation | TargetVariation): NumberRange | undefined => (v.kind === "range" ? v.range : undefined);
  const [wr, br, ir] = [rangeOf(cfg.weights), rangeOf(cfg.biases), rangeOf(cfg.inputs)];
  const vector = (n: number, r: NumberRange): number[] => Array.from({ length: n }, () => drawNumber(rng, r));

  const weights = wr ? sizes.slice(1).map((n, l) => Array.from({ length: n }, () => vector(sizes[l]!, wr))) : base.weights!;
  const biases: BiasSpec[] = br
    ? base.biases.map((b) => (typeof b === "number" ? drawNumber(rng, br) : vector(b.length, br)))
    : base.biases;
  const samples: Sample[] = Array.from({ length: cfg.samples }, (_, s) => {
    const input = ir ? vector(sizes[0]!, ir) : base.samples[s]!.input;
    let target: number[];
    switch (cfg.targets.kind) {
      case "fixed":
        target = base.samples[s]!.target;
        break;
      case "one-hot": {
        // One output: a 0/1 label. Several: a random class.
        const c = intBetween(rng, 0, K === 1 ? 1 : K - 1);
        target = K === 1 ? [c] : Array.from({ length: K }, (_, j) => (j === c ? 1 : 0));
        break;
      }
      case "range":
        target = vector(K, cfg.targets.range);
    }
    return { input, target };
  });
  return { ...base, weights, biases, samples };
}
