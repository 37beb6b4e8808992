/**
 * CS231n's circuits (CONTRACT §6), numbers worked by hand in the test (the lecture's values).
 */
import { describe, expect, it } from "vitest";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import { parseAnySpec, SpecError } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";

const graph = (yaml: string): GraphSpec => parseAnySpec(yaml, "g.yaml") as GraphSpec;
const sig = (z: number) => 1 / (1 + Math.exp(-z));

describe("CS231n circuits", () => {
  it("f = (x + y) z at x = −2, y = 5, z = −4", () => {
    const d = deriveGraph(graph("graph:\n  inputs: { x: -2, y: 5, z: -4 }\n  nodes:\n    - q: x + y\n    - f: q * z\n"));
    expect(graphKey(d)).toEqual({
      format: "backprop-derive/graph-key@1",
      values: { x: -2, y: 5, z: -4, q: 3, f: -12 },
      gradients: { x: -4, y: -4, z: 3, q: -4, f: 1 },
    });
  });

  it("the sigmoid neuron, w = [2, −3, −3], x = [−1, −2], in one node", () => {
    const d = deriveGraph(
      graph("graph:\n  inputs: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 }\n  nodes:\n    - f: sigmoid(w0*x0 + w1*x1 + w2)\n"),
    );
    const k = graphKey(d);
    const s = sig(1);
    const ds = s * (1 - s);
    expect(k.values.f).toBeCloseTo(s, 14);
    expect(k.gradients.w0).toBeCloseTo(-1 * ds, 14);
    expect(k.gradients.x0).toBeCloseTo(2 * ds, 14);
    expect(k.gradients.w1).toBeCloseTo(-2 * ds, 14);
    expect(k.gradients.x1).toBeCloseTo(-3 * ds, 14);
    expect(k.gradients.w2).toBeCloseTo(ds, 14);
  });

  it("the staged f = (x + σ(y)) / (σ(x) + (x + y)²) at x = 3, y = −4", () => {
    const d = deriveGraph(
      graph(
        "graph:\n  inputs: { x: 3, y: -4 }\n  nodes:\n    - sigy: sigmoid(y)\n    - num: x + sigy\n    - sigx: sigmoid(x)\n    - xpy: x + y\n    - xpysqr: xpy^2\n    - den: sigx + xpysqr\n    - invden: 1 / den\n    - f: num * invden\n",
      ),
    );
    const k = graphKey(d);
    const f = (x: number, y: number) => (x + sig(y)) / (sig(x) + (x + y) ** 2);
    const h = 1e-6;
    expect(k.values.f).toBeCloseTo(f(3, -4), 14);
    expect(k.gradients.x).toBeCloseTo((f(3 + h, -4) - f(3 - h, -4)) / (2 * h), 8);
    expect(k.gradients.y).toBeCloseTo((f(3, -4 + h) - f(3, -4 - h)) / (2 * h), 8);
  });

  it("a name used twice gets the sum of its paths; max at a tie halves; params step", () => {
    const d = deriveGraph(
      graph("graph:\n  inputs: { a: 2, b: 2 }\n  nodes:\n    - m: max(a, b)\n    - f: m * a\nlearning_rate: 0.5\nparams: [a]\n"),
    );
    const k = graphKey(d);
    // ∂f/∂a = m + a · ½ = 2 + 1 = 3 ; ∂f/∂b = a · ½ = 1
    expect(k.gradients.a).toBe(3);
    expect(k.gradients.b).toBe(1);
    expect(k.after).toEqual({ a: 2 - 0.5 * 3 });
    const a = d.backward.find((g) => g.name === "a")!;
    expect(a.paths.map((p) => p.via)).toEqual(["m", "f"]);
  });

  it("bad expressions are located at their node's line and column", () => {
    const cases: [string, RegExp][] = [
      ["graph:\n  inputs: { x: 1 }\n  nodes:\n    - q: x + yy\n", /g\.yaml:4:14: .*unknown name yy/],
      ["graph:\n  inputs: { x: 1, y: 2 }\n  nodes:\n    - q: x + y\n    - q: x\n", /g\.yaml:5:7: .*q is defined twice/],
      ["graph:\n  inputs: { x: 1 }\n  nodes:\n    - q: x + r\n    - r: x\n", /g\.yaml:4:14: .*r is used before it is defined/],
      ["graph:\n  inputs: { x: 1 }\n  nodes:\n    - q: sigmod(x)\n", /g\.yaml:4:10: .*unknown function sigmod; did you mean sigmoid/],
      ['graph:\n  inputs: { x: 1 }\n  nodes:\n    - q: "x + * 2"\n', /g\.yaml:4:1\d: .*cannot read the expression of q/],
      ["graph:\n  inputs: { x: -1 }\n  nodes:\n    - q: x\n    - r: log(q)\n", /g\.yaml:5:10: .*the value of r is not a number/],
      ["graph:\n  inputs: { x: 0 }\n  nodes:\n    - r: 1 / x\n", /g\.yaml:4:10: .*the value of r is infinite/],
    ];
    for (const [yaml, want] of cases) {
      let message = "";
      try {
        deriveGraph(graph(yaml));
      } catch (err) {
        if (!(err instanceof SpecError)) throw err;
        message = err.message;
      }
      expect(message).toMatch(want);
    }
  });
});

describe("names", () => {
  it("an input called eta is an ordinary name; the learning rate is not confused with it", () => {
    const d = deriveGraph(graph("graph:\n  inputs: { eta: 3, x: 2 }\n  nodes:\n    - f: eta * x\nlearning_rate: 0.5\nparams: [x]\n"));
    expect(graphKey(d).after).toEqual({ x: 2 - 0.5 * 3 });
  });
});
