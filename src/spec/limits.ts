import { isMapping } from "./path.js";
import type { Problem } from "./problem.js";

/** Sizes past which a spec is refused outright, before anything proportional to them is built. */
export const LIMITS = {
  /** Checked before the file is read. */
  fileBytes: 64 * 1024 * 1024,
  layers: 64,
  layerSize: 10_000,
  /** Σ over non-input layers of (receiving × sending). */
  weights: 2_000_000,
  samples: 100_000,
  epochs: 1000,
  precision: 12,
  /** Nesting of lists and mappings; a spec needs about 5. */
  depth: 64,
  /** The yaml library costs ~20 µs and ~1–2 KB per value, so large specs must be JSON. */
  yamlValues: 250_000,
  jsonValues: 4_000_000,
  /** yaml's maxAliasCount: how many node copies aliases may expand to (alias bombs). */
  aliases: 100,
} as const;

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * The absurd-size checks, run on the raw data before validation: a declared layer of a
 * billion neurons must be refused before anything allocates a vector for it.
 */
export function checkLimits(data: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isMapping(data)) return problems;
  const { layers, samples } = data;
  if (Array.isArray(layers)) {
    if (layers.length > LIMITS.layers) {
      problems.push({
        path: ["layers"],
        message: `the network has ${count(layers.length)} layers; at most ${LIMITS.layers} are allowed`,
      });
    } else {
      const sizes: number[] = [];
      layers.forEach((layer, i) => {
        const size = isMapping(layer) ? layer.size : undefined;
        if (typeof size !== "number" || !Number.isFinite(size)) return;
        if (size > LIMITS.layerSize) {
          problems.push({
            path: ["layers", i, "size"],
            message: `layer ${i} has ${count(size)} neurons; at most ${count(LIMITS.layerSize)} per layer are allowed`,
          });
        }
        sizes[i] = size;
      });
      let weights = 0;
      for (let i = 1; i < sizes.length; i++) {
        if (sizes[i] !== undefined && sizes[i - 1] !== undefined) weights += Math.max(0, sizes[i]! * sizes[i - 1]!);
      }
      if (weights > LIMITS.weights && problems.length === 0) {
        problems.push({
          path: ["layers"],
          message: `these layer sizes need ${count(weights)} weights; at most ${count(LIMITS.weights)} are allowed`,
        });
      }
    }
  }
  if (Array.isArray(samples) && samples.length > LIMITS.samples) {
    problems.push({
      path: ["samples"],
      message: `${count(samples.length)} samples given; at most ${count(LIMITS.samples)} are allowed`,
    });
  }
  return problems;
}
