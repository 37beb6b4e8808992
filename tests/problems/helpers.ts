import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { NetworkSpec } from "../../src/spec/types.js";

/** A spec object with the loader's defaults filled in (enough for these tests; not the loader). */
export function specOf(obj: Record<string, any>): NetworkSpec {
  const layers = (obj.layers as { size: number; activation?: string }[]).map((l, i) => ({
    size: l.size, activation: (i === 0 ? "identity" : l.activation ?? "identity") as NetworkSpec["layers"][number]["activation"],
  }));
  const samples = obj.samples ?? (obj.input !== undefined ? [{ input: obj.input, target: obj.target }] : []);
  return {
    ...obj,
    learning_rate: obj.learning_rate, loss: obj.loss,
    reduction: obj.reduction ?? "mean", mode: obj.mode ?? "online", epochs: obj.epochs ?? 1,
    layers,
    biases: obj.biases ?? layers.slice(1).map((l) => new Array(l.size).fill(0)),
    train_biases: obj.train_biases ?? true,
    samples,
  } as NetworkSpec;
}

export function specFile(file: string): NetworkSpec {
  return specOf(parse(readFileSync(file, "utf8")));
}
