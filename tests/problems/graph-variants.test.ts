import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateGraph, loadProblemSource, ProblemsError } from "../../src/problems/index.js";
import type { GraphProblemSource, GraphVariant } from "../../src/problems/index.js";
import { graphProblemsConfig } from "../../src/problems/graph-config.js";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { degenerateAt, evaluateGraph, finiteGradient, graphYaml } from "./graph-oracle.js";
import type { GraphText } from "./graph-oracle.js";
import { ROOT } from "./setup.js";

export const GRAPH_SPECS = [
  "010-circuit-add-multiply",
  "011-circuit-sigmoid-neuron",
  "012-circuit-staged-sigmoid",
  "013-micrograd-expression",
];

async function source(spec: string): Promise<GraphProblemSource> {
  const s = await loadProblemSource(join(ROOT, "specs", `${spec}.yaml`));
  if (s.kind !== "graph") throw new Error(`${spec} is not a graph`);
  return s;
}

const textOf = (v: GraphVariant): GraphText => ({
  inputs: Object.fromEntries(v.spec.inputs.map((i) => [i.name, i.value!])),
  nodes: v.spec.nodes.map((n) => [n.name, n.text]),
  output: v.spec.output,
});

/** Every number of a variant's key against the test's own evaluator and central differences. */
function expectKeyMatchesOracle(v: GraphVariant): void {
  const g = textOf(v);
  const n = v.derivation.numbers!;
  const values = evaluateGraph(g);
  for (const [name, x] of Object.entries(values)) expect(n.values[name], `${v.id} value of ${name}`).toBeCloseTo(x, 9);
  for (const leaf of Object.keys(g.inputs)) {
    const fd = finiteGradient(g, leaf);
    const scale = Math.max(1, Math.abs(fd), Math.abs(values[g.output]!));
    expect(Math.abs(n.gradients[leaf]! - fd), `${v.id} ∂${g.output}/∂${leaf}: ${n.gradients[leaf]} vs ${fd}`).toBeLessThan(1e-6 * scale);
  }
  for (const p of v.spec.params) expect(n.after[p]).toBeCloseTo(g.inputs[p]! - v.spec.learning_rate! * n.gradients[p]!, 9);
  // the questions: the output's value, every input's gradient, every param's new value, shown to the precision
  const p = v.spec.precision!;
  const expected = [
    [`values.${g.output}`, n.values[g.output]!],
    ...Object.keys(g.inputs).map((x) => [`gradients.${x}`, n.gradients[x]!] as const),
    ...v.spec.params.map((x) => [`after.${x}`, n.after[x]!] as const),
  ];
  expect(v.questions.map((q) => [q.symbol, q.value])).toEqual(expected);
  for (const q of v.questions) {
    expect(Math.abs(Number(q.shown) - q.value)).toBeLessThanOrEqual(0.5 * 10 ** -p + 1e-12);
    expect(q.shown).not.toMatch(/^-0\.?0*$/);
  }
}

/** No rule of docs/problems.md is broken, by the test's own reading of the expressions. */
function expectNotDegenerate(v: GraphVariant): void {
  const unit = 10 ** -v.spec.precision!;
  const g = textOf(v);
  expect(degenerateAt(g, unit), v.id).toBeUndefined();
  const n = v.derivation.numbers!;
  expect(
    Object.keys(g.inputs).some((x) => Math.abs(n.gradients[x]!) >= unit),
    `${v.id}: some input's gradient shows`,
  ).toBe(true);
  for (const p of v.spec.params)
    expect(Math.abs(v.spec.learning_rate! * n.gradients[p]!), `${v.id}: ${p} moves`).toBeGreaterThanOrEqual(unit);
}

describe.each(GRAPH_SPECS)("graph problem sets of %s", (spec) => {
  it("the same seed draws the same variants; another seed others; an id draws its variant again", async () => {
    const src = await source(spec);
    const a = generateGraph(src, { seed: 7, count: 4 });
    const b = generateGraph(src, { seed: 7, count: 4 });
    expect(b.map((v) => [v.id, v.spec.inputs])).toEqual(a.map((v) => [v.id, v.spec.inputs]));
    const c = generateGraph(src, { seed: 8, count: 4 });
    expect(c.map((v) => v.spec.inputs)).not.toEqual(a.map((v) => v.spec.inputs));
    const again = generateGraph(src, { seed: 7, ids: [a[2]!.id] });
    expect(again[0]!.spec.inputs).toEqual(a[2]!.spec.inputs);
    expect(again[0]!.questions).toEqual(a[2]!.questions);
    // no two variants of a set alike
    expect(new Set(a.map((v) => JSON.stringify(v.spec.inputs))).size).toBe(4);
  });

  it("draws each leaf with the spec's own digits, in its range, never 0", async () => {
    const src = await source(spec);
    for (const v of generateGraph(src, { seed: 3, count: 10 })) {
      v.spec.inputs.forEach((leaf, i) => {
        const base = src.spec.inputs[i]!.value!;
        const x = leaf.value!;
        expect(x).not.toBe(0);
        if (Number.isInteger(base)) expect(Number.isInteger(x), `${leaf.name} = ${x}`).toBe(true);
        expect(Math.abs(x)).toBeLessThanOrEqual(Math.max(3, Math.ceil(Math.abs(base))));
      });
    }
  });

  it("every variant's key equals the test's evaluator and central finite differences, over many seeds, and no draw is degenerate", async () => {
    const src = await source(spec);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 32 - 1 }), async (seed) => {
        for (const v of generateGraph(src, { seed, count: 3 })) {
          expectKeyMatchesOracle(v);
          expectNotDegenerate(v);
        }
      }),
      { numRuns: 25 },
    );
  });
});

/** Random graphs over every function, with fan-out (a name read by several nodes), and sometimes params. */
const OPS = [
  "A + B",
  "A - B",
  "A * B",
  "A / B",
  "A^2",
  "sigmoid(A)",
  "tanh(A)",
  "relu(A)",
  "exp(A / 4)",
  "log(A)",
  "sqrt(A)",
  "abs(A)",
  "max(A, B)",
  "min(A, B)",
];
const randomGraph = fc
  .record({
    inputs: fc.array(
      fc.integer({ min: -4, max: 4 }).filter((x) => x !== 0),
      { minLength: 2, maxLength: 3 },
    ),
    nodes: fc.array(fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(), b: fc.nat() }), { minLength: 1, maxLength: 6 }),
    params: fc.boolean(),
  })
  .map(({ inputs, nodes, params }) => {
    const names = inputs.map((_, i) => `x${i}`);
    const g: GraphText = { inputs: Object.fromEntries(inputs.map((v, i) => [`x${i}`, v])), nodes: [], output: "out" };
    nodes.forEach((n, k) => {
      const a = names[n.a % names.length]!;
      const b = names[n.b % names.length]!;
      g.nodes.push([`n${k}`, n.op.replace("A", a).replace("B", b)]);
      names.push(`n${k}`);
    });
    // the output reads every node and the first input: every name has a path to it
    g.nodes.push(["out", [...g.nodes.map(([n]) => n), "x0"].join(" + ")]);
    return { g, yaml: graphYaml(g, params ? "learning_rate: 0.1\nparams: [x0]\n" : "") };
  });

describe("graph problem sets of random graphs", () => {
  it("every drawn variant's key equals central finite differences, and none is degenerate", () => {
    let made = 0;
    let runs = 0;
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 0, max: 10_000 }), ({ g, yaml }, seed) => {
        runs++;
        const spec = parseAnySpec(yaml, "random.yaml") as GraphSpec;
        const src: GraphProblemSource = { kind: "graph", name: "random", spec, config: graphProblemsConfig(spec, "random") };
        let variants: GraphVariant[];
        try {
          variants = generateGraph(src, { seed, count: 2 });
        } catch (err) {
          // a graph no draw can make usable (log of x0 − x0): it says so, as a bad request
          expect(err).toBeInstanceOf(ProblemsError);
          expect((err as Error).message).toMatch(/no usable variant/);
          return;
        }
        made++;
        for (const v of variants) {
          expectKeyMatchesOracle(v);
          expectNotDegenerate(v);
        }
        expect(g.nodes.length).toBeGreaterThan(1);
      }),
      { numRuns: 60 },
    );
    expect(made).toBeGreaterThan(runs / 2);
  });
});
