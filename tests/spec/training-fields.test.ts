import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/spec/index.js";

const BASE = `learning_rate: 0.1
loss: half-sse
layers:
  - size: 1
  - size: 1
    activation: identity
`;

describe("training rules in the spec (CONTRACT §5)", () => {
  it("fills in every default: sgd, μ 0.9, ρ 0.9, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0, λ_wd 0", () => {
    const s = parseSpec(BASE, "a.yaml");
    expect({
      optimizer: s.optimizer,
      momentum: s.momentum,
      rho: s.rho,
      beta1: s.beta1,
      beta2: s.beta2,
      epsilon: s.epsilon,
      l2: s.l2,
      weight_decay: s.weight_decay,
    }).toEqual({ optimizer: "sgd", momentum: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, l2: 0, weight_decay: 0 });
  });

  it("keeps the settings given, in YAML and JSON", () => {
    const y = parseSpec(`${BASE}optimizer: adamw\nbeta1: 0.8\nbeta2: 0.99\nepsilon: 1.0e-6\nl2: 0.01\nweight_decay: 0.1\n`, "a.yaml");
    expect([y.optimizer, y.beta1, y.beta2, y.epsilon, y.l2, y.weight_decay, y.momentum]).toEqual([
      "adamw",
      0.8,
      0.99,
      1e-6,
      0.01,
      0.1,
      0.9,
    ]);
    const j = parseSpec(
      JSON.stringify({
        learning_rate: 0.1,
        loss: "mse",
        layers: [{ size: 1 }, { size: 1, activation: "identity" }],
        optimizer: "nesterov",
        momentum: 0,
      }),
      "a.json",
    );
    expect([j.optimizer, j.momentum]).toEqual(["nesterov", 0]);
    const r = parseSpec(`${BASE}optimizer: rmsprop\nrho: 0\nepsilon: 0.5\n`, "a.yaml");
    expect([r.optimizer, r.rho, r.epsilon]).toEqual(["rmsprop", 0, 0.5]);
  });

  it("refuses each setting under an optimizer that does not use it, naming those that do", () => {
    const cases: [string, RegExp][] = [
      ["optimizer: sgd\nrho: 0.5\n", /"rho" is used by rmsprop only, not by optimizer sgd/],
      ["optimizer: momentum\nbeta1: 0.5\n", /"beta1" is used by adam or adamw only/],
      ["optimizer: nesterov\nepsilon: 0.5\n", /"epsilon" is used by rmsprop, adam or adamw only/],
      ["optimizer: rmsprop\nbeta2: 0.5\n", /"beta2" is used by adam or adamw only/],
      ["weight_decay: 0.1\n", /used by adamw only, not by optimizer sgd \(the default\)/],
    ];
    for (const [extra, says] of cases) {
      expect(() => parseSpec(BASE + extra, "a.yaml"), extra).toThrow(says);
    }
  });
});

describe("a spec written back out loads again", () => {
  it("with each optimizer: only the settings it uses are written", async () => {
    const { writtenTrainingFields } = await import("../../src/spec/training.js");
    for (const optimizer of ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"] as const) {
      const s = parseSpec(`${BASE}optimizer: ${optimizer}\nl2: 0.5\n`, "a.yaml");
      const { optimizer: o, momentum, rho, beta1, beta2, epsilon, l2, weight_decay, ...rest } = s;
      const fields = writtenTrainingFields({ optimizer: o, momentum, rho, beta1, beta2, epsilon, l2, weight_decay });
      expect(parseSpec(JSON.stringify({ ...rest, ...fields }), "b.json"), optimizer).toEqual(s);
    }
  });
});
