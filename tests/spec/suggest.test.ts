import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../src/spec/suggest.js";
import { SPEC_KEYS } from "../../src/spec/schema.js";
import { ACTIVATIONS, LOSSES } from "../../src/spec/types.js";

describe("suggestions", () => {
  it("measures edits, counting a swap of neighbours as one", () => {
    expect(editDistance("relux", "relu")).toBe(1);
    expect(editDistance("laerning", "learning")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it.each([
    ["learning_rte", "learning_rate", SPEC_KEYS],
    ["learningRate", "learning_rate", SPEC_KEYS],
    ["lr", "learning_rate", SPEC_KEYS],
    ["bias", "biases", SPEC_KEYS],
    ["relux", "relu", ACTIVATIONS],
    ["ReLU", "relu", ACTIVATIONS],
    ["leaky_relu", "leaky-relu", ACTIVATIONS],
    ["sigmod", "sigmoid", ACTIVATIONS],
    ["linear", "identity", ACTIVATIONS],
    ["cross_entropy", "cross-entropy", LOSSES],
    ["MSE", "mse", LOSSES],
  ] as const)("%s → %s", (word, expected, candidates) => {
    expect(suggest(word, candidates)).toBe(expected);
  });

  it("suggests nothing when nothing is close", () => {
    expect(suggest("colour", SPEC_KEYS)).toBeUndefined();
    expect(suggest("banana", ACTIVATIONS)).toBeUndefined();
  });
});
