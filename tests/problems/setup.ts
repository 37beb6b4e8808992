import { join } from "node:path";

export const ROOT = new URL("../..", import.meta.url).pathname;
const fixture = (name: string) => join(ROOT, "tests/fixtures/problems", `${name}.yaml`);

/** Specs the problem tests run on: seed 000 with the default block, and fixtures covering the rest. */
export const SPECS = {
  relu: join(ROOT, "specs/000-relu-hidden.yaml"),
  softmax: fixture("sigmoid-softmax"),
  batch: fixture("batch-tanh-bce"),
  symbolic: fixture("symbolic-online"),
  smooth: fixture("softplus-elu"),
  // Adam with an L2 term in the error convention (CONTRACT §5): sheets, worked solutions, key, Moodle
  adam: join(ROOT, "specs/006-adam-l2-relu-hidden.yaml"),
};

export const FIXTURE = {
  bad: fixture("bad-problems"),
  tiny: fixture("tiny-space"),
  degenerate: fixture("always-degenerate"),
};

/** Objects as arrays of their fields in key order, so the oracle's `mismatches` can walk them. */
export function asArrays(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(asArrays);
  if (x !== null && typeof x === "object") {
    return Object.keys(x)
      .sort()
      .map((k) => asArrays((x as Record<string, unknown>)[k]));
  }
  return x;
}
