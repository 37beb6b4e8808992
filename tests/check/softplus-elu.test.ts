import { describe, expect, it } from "vitest";
import { claim, runCheck, spec } from "./helpers.js";

/**
 * check on the activations of CONTRACT §8, against a 2-2-1 network written out here formula by
 * formula (softplus hidden, ELU output; independent of src/).
 */
const sig = (z: number) => 1 / (1 + Math.exp(-z));
const softplus = (z: number) => Math.log(1 + Math.exp(z));
const elu = (z: number) => (z > 0 ? z : Math.exp(z) - 1);
const eluPrime = (z: number) => (z > 0 ? 1 : Math.exp(z));
const x = [0.6, -0.9];
const t = 0.3;
const W1 = [
  [0.5, 0.8],
  [-0.4, 0.2],
];
const b1 = [0.1, -0.3];
const W2 = [-0.7, 0.6];
const b2 = -0.4;
const eta = 0.5;

// Nodes: inputs 1, 2; hidden 3, 4; output 5.
const z3 = W1[0]![0]! * x[0]! + W1[0]![1]! * x[1]! + b1[0]!;
const z4 = W1[1]![0]! * x[0]! + W1[1]![1]! * x[1]! + b1[1]!;
const a3 = softplus(z3);
const a4 = softplus(z4);
const z5 = W2[0]! * a3 + W2[1]! * a4 + b2;
const a5 = elu(z5);
const dLda5 = a5 - t; // half-sse
const d5 = dLda5 * eluPrime(z5);
const dLda3 = W2[0]! * d5;
const d3 = dLda3 * sig(z3);
const W13new = W1[0]![0]! - eta * d3 * x[0]!;

const net = spec({
  learning_rate: eta,
  loss: "half-sse",
  layers: [
    { size: 2, activation: "identity" },
    { size: 2, activation: "softplus" },
    { size: 1, activation: "elu" },
  ],
  weights: [W1, [W2]],
  biases: [b1, [b2]],
  samples: [{ input: x, target: [t] }],
});
const f6 = (v: number) => v.toFixed(6);
const one = (name: string, value: number) => claim(runCheck(net, `${name}: ${f6(value)}\n`), name);

describe("check: softplus and ELU", () => {
  it("the hand reference agrees with the checker's correct values", () => {
    expect(z5).toBeLessThan(0); // the ELU output sits on its exponential side
    const r = runCheck(net, `Y3: ${f6(a3)}\nY5: ${f6(a5)}\ndelta5: ${f6(d5)}\ndelta3: ${f6(d3)}\nW13': ${f6(W13new)}\n`);
    expect(r.claims.map((c) => c.verdict)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
  });

  it("a missing f′ is named on either activation", () => {
    expect(one("delta5", dLda5).mistake).toBe("missing-f-prime");
    expect(one("delta3", dLda3).mistake).toBe("missing-f-prime");
  });

  it("softplus(z) written for softplus′(z) = σ(z)", () => {
    const r = one("delta3", dLda3 * a3);
    expect(r.verdict).toBe("wrong");
    expect(r.mistake).toBe("f-for-f-prime");
  });
});
