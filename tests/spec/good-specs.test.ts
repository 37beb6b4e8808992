import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec, parseSpec } from "../../src/spec/index.js";
import { writtenTrainingFields } from "../../src/spec/training.js";

const MINIMAL = `
learning_rate: 0.5
loss: half-sse
layers:
  - size: 2
  - size: 3
    activation: sigmoid
`;

describe("good specs", () => {
  it("fills every default", () => {
    expect(parseSpec(MINIMAL, "m.yaml")).toEqual({
      learning_rate: 0.5,
      loss: "half-sse",
      reduction: "mean",
      mode: "online",
      epochs: 1,
      layers: [
        { size: 2, activation: "identity" },
        { size: 3, activation: "sigmoid" },
      ],
      biases: [[0, 0, 0]],
      train_biases: true,
      // CONTRACT §5's training rules (plain gradient descent)
      optimizer: "sgd",
      momentum: 0.9,
      rho: 0.9,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      l2: 0,
      weight_decay: 0,
      samples: [],
    });
  });

  it("leaves weights out when the spec does (symbolic only) and keeps no undefined keys", () => {
    const spec = parseSpec(MINIMAL, "m.yaml");
    expect("weights" in spec).toBe(false);
    expect(Object.values(spec).includes(undefined)).toBe(false);
  });

  it("folds the input/target shorthand into samples", () => {
    const spec = parseSpec(`${MINIMAL}input: [1, 2]\ntarget: [0, 1, 0]\n`, "m.yaml");
    expect(spec.samples).toEqual([{ input: [1, 2], target: [0, 1, 0] }]);
    expect("input" in spec).toBe(false);
  });

  it("keeps a shared bias as one number and mixes it with vectors", () => {
    const text = `
learning_rate: 0.1
loss: mse
layers: [{size: 2}, {size: 2, activation: tanh}, {size: 1, activation: identity}]
biases: [0.35, [0.6]]
train_biases: false
`;
    const spec = parseSpec(text, "b.yaml");
    expect(spec.biases).toEqual([0.35, [0.6]]);
    expect(spec.train_biases).toBe(false);
  });

  it("accepts biases without weights", () => {
    expect(parseSpec(`${MINIMAL}biases: [[1, 2, 3]]\n`, "m.yaml").biases).toEqual([[1, 2, 3]]);
  });

  it("keeps the presentation fields and the problems block as data", () => {
    const text = `${MINIMAL}title: "A net: 2-3"
notation: matrix
convention: error
precision: 0
detail: deltas
letters: {weight: v, delta: omega, loss: Err}
problems: {count: 3, vary: [weights]}
`;
    const spec = parseSpec(text, "p.yaml");
    expect(spec).toMatchObject({
      title: "A net: 2-3",
      notation: "matrix",
      convention: "error",
      precision: 0,
      detail: "deltas",
      letters: { weight: "v", delta: "omega", loss: "Err" },
      problems: { count: 3, vary: ["weights"] },
    });
  });

  it("treats an optional key left empty as left out", () => {
    const spec = parseSpec(`${MINIMAL}weights:\nsamples:\ntitle:\n`, "m.yaml");
    expect(spec.samples).toEqual([]);
    expect("weights" in spec).toBe(false);
    expect("title" in spec).toBe(false);
  });

  it("gives the same NetworkSpec for YAML and JSON", () => {
    const yaml = readFileSync("specs/000-relu-hidden.yaml", "utf8");
    const fromYaml = parseSpec(yaml, "specs/000-relu-hidden.yaml");
    // Written back out, a spec carries only the training settings its optimizer uses.
    const { optimizer, momentum, rho, beta1, beta2, epsilon, l2, weight_decay, ...rest } = fromYaml;
    const written = { ...rest, ...writtenTrainingFields({ optimizer, momentum, rho, beta1, beta2, epsilon, l2, weight_decay }) };
    const fromJson = parseSpec(JSON.stringify(JSON.parse(JSON.stringify(written)), null, 2), "x.json");
    expect(fromJson).toEqual(fromYaml);
    const raw = `{"learning_rate": 0.5, "loss": "half-sse", "layers": [{"size": 2}, {"size": 3, "activation": "sigmoid"}]}`;
    expect(parseSpec(raw, "m.json")).toEqual(parseSpec(MINIMAL, "m.yaml"));
    expect(parseSpec(raw, "m.JSON")).toEqual(parseSpec(MINIMAL, "m.yml"));
  });

  it("reads every spec in specs/", async () => {
    // the layered networks (the graph specs, CONTRACT §6, are read by tests/graph and tests/render)
    const files = readdirSync("specs").filter((f) => /\.(ya?ml|json)$/.test(f) && !/^graph:/m.test(readFileSync(join("specs", f), "utf8")));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const spec = await loadSpec(join("specs", f));
      expect(spec.layers.length).toBeGreaterThanOrEqual(2);
      expect(spec.biases).toHaveLength(spec.layers.length - 1);
    }
  });

  it("accepts what YAML 1.2 calls numbers (hex, exponents, 2.0 as a whole number) and a byte-order mark", () => {
    const spec = parseSpec(`\ufeff${MINIMAL.replace("size: 3", "size: 3.0")}epochs: 0x3\ninput: [1e-1, -2]\ntarget: [0, 1, 0]\n`, "m.yaml");
    expect(spec.epochs).toBe(3);
    expect(spec.layers[1]!.size).toBe(3);
    expect(spec.samples[0]!.input).toEqual([0.1, -2]);
  });

  it("allows aliases that stay small", () => {
    const text = `${MINIMAL}samples:\n  - &s {input: [1, 2], target: [0, 1, 0]}\n  - *s\n`;
    expect(parseSpec(text, "m.yaml").samples).toHaveLength(2);
  });

  it("allows cross-entropy on sigmoid and softmax outputs and bce on sigmoid", () => {
    for (const [loss, act] of [
      ["cross-entropy", "softmax"],
      ["cross-entropy", "sigmoid"],
      ["bce", "sigmoid"],
    ]) {
      const text = `learning_rate: 1\nloss: ${loss}\nlayers: [{size: 1}, {size: 2, activation: ${act}}]\ninput: [3]\ntarget: [0, 1]\n`;
      expect(parseSpec(text, "l.yaml").loss).toBe(loss);
    }
  });
});
