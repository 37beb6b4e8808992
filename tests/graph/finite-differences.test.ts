/**
 * A graph's gradients against central finite differences of an evaluator written here (its own
 * mathjs instance evaluating the spec's expressions as written, with sigmoid and relu defined
 * from their formulas), over random graphs with fan-out and every operator and function; and
 * micrograd's own printed numbers.
 */
import { all, create } from "mathjs";
import { describe, expect, it } from "vitest";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import { parseAnySpec, SpecError } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { everyForm, sampleGraphs } from "../helpers/random-graph.js";
import { GRAPHS } from "../render/fixtures.js";

const m = create(all!);
m.import({ sigmoid: (z: number) => 1 / (1 + Math.exp(-z)), relu: (z: number) => Math.max(z, 0) }, { override: true });

/** The output of the graph with the leaves' values replaced. */
function evaluate(spec: GraphSpec, leaves: Record<string, number>): number {
  const scope: Record<string, number> = { ...leaves };
  for (const n of spec.nodes) scope[n.name] = Number(m.evaluate(n.text, { ...scope }));
  return scope[spec.output]!;
}

/**
 * ∂output/∂leaf by central differences, and the one-sided ones: at a kink (ReLU, abs, max, min)
 * the derivation takes one side's slope or, at a tie, their mean, and a central difference that
 * straddles the kink gives neither.
 */
function slopes(spec: GraphSpec, leaf: string): number[] {
  const at: Record<string, number> = Object.fromEntries(spec.inputs.map((i) => [i.name, i.value!]));
  const h = 1e-6;
  const f = (dx: number) => evaluate(spec, { ...at, [leaf]: at[leaf]! + dx });
  const f0 = f(0);
  return [(f(h) - f(-h)) / (2 * h), (f(h) - f0) / h, (f0 - f(-h)) / h];
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));

describe("a graph's gradients equal finite differences", () => {
  it("random graphs with fan-out, every operator and function, up to 30 nodes", () => {
    let checked = 0;
    for (const spec of [everyForm(), ...sampleGraphs(60, { maxNodes: 30 }, 41)]) {
      let key;
      try {
        key = graphKey(deriveGraph(spec));
      } catch (err) {
        if (err instanceof SpecError) continue; // numbers that are not finite: refused, located
        throw err;
      }
      for (const leaf of spec.inputs) {
        const g = key.gradients[leaf.name]!;
        const s = slopes(spec, leaf.name);
        if (!s.every(Number.isFinite)) continue;
        const kink = !near(s[1]!, s[2]!);
        const ok = kink ? near(g, s[1]!) || near(g, s[2]!) || near(g, (s[1]! + s[2]!) / 2) : near(g, s[0]!);
        expect(ok, `${leaf.name} in ${spec.nodes.map((n) => `${n.name} = ${n.text}`).join("; ")}: ${g} vs ${s.join(", ")}`).toBe(true);
        checked++;
      }
      expect(key.values[spec.output]).toBeCloseTo(evaluate(spec, Object.fromEntries(spec.inputs.map((i) => [i.name, i.value!]))), 9);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("a name read by several operations of one expression gets every path", () => {
    const spec = parseAnySpec(
      "graph:\n  inputs: { x: 3, y: -4 }\n  nodes:\n    - g: (x + y)^-1 + x^3 + x^(1/2) + sigmoid(x * x)\n",
      "g.yaml",
    ) as GraphSpec;
    const key = graphKey(deriveGraph(spec));
    expect(key.gradients.x).toBeCloseTo(slopes(spec, "x")[0]!, 6);
    expect(key.gradients.y).toBeCloseTo(slopes(spec, "y")[0]!, 6);
  });

  it("micrograd's README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", () => {
    const key = graphKey(deriveGraph(GRAPHS["013-micrograd-expression.yaml"]!));
    expect(key.values.g2!.toFixed(4)).toBe("24.7041");
    expect(key.gradients.a!.toFixed(4)).toBe("138.8338");
    expect(key.gradients.b!.toFixed(4)).toBe("645.5773");
  });

  it("a param the output does not depend on takes a step of 0", () => {
    const spec = parseAnySpec(
      "graph:\n  inputs: { x: 1, y: 2 }\n  nodes:\n    - q: x * 2\n    - r: y + 1\n  output: q\nlearning_rate: 0.5\nparams: [x, y]\n",
      "g.yaml",
    ) as GraphSpec;
    expect(graphKey(deriveGraph(spec)).after).toEqual({ x: 0, y: 2 });
  });

  it("d(a^c)/da with a constant c is written c·a^(c − 1), the exponent worked out", () => {
    const d = deriveGraph(
      parseAnySpec("graph:\n  inputs: { x: 3 }\n  nodes:\n    - p: x^2\n    - q: x^3\n    - r: x^-1\n", "g.yaml") as GraphSpec,
    );
    expect(d.forward.map((f) => f.locals[0]!.expr.toString())).toEqual(["2 * x", "3 * x ^ 2", "-x ^ (-2)"]);
  });
});
