/**
 * `check` on the graph specs of specs/ (CONTRACT §6): the key's numbers written back are right,
 * a wrong number carries into what is computed from it, and the classic slips of a circuit are
 * found with their diagnosis. Every expected number is worked out here, by hand from the
 * spec's formulas or by the test's own evaluator (graph-reference.ts), never by the code checked.
 */
import { describe, expect, it } from "vitest";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import { MISTAKES, prepare, readAnswers, resolveClaims } from "../../src/check/index.js";
import { EXPRESSION_OPS } from "../../src/ops/index.js";
import { GRAPHS } from "../render/fixtures.js";
import { claim } from "./helpers.js";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { checkGraph, forward, localDerivative, readers, totalDerivative, written } from "./graph-reference.js";

const sigma = (z: number) => 1 / (1 + Math.exp(-z));
const S010 = GRAPHS["010-circuit-add-multiply.yaml"]!;
const S011 = GRAPHS["011-circuit-sigmoid-neuron.yaml"]!;
const S012 = GRAPHS["012-circuit-staged-sigmoid.yaml"]!;
const S013 = GRAPHS["013-micrograd-expression.yaml"]!;

describe("the key's numbers written back are right", () => {
  for (const [file, spec] of Object.entries(GRAPHS).filter(([f]) => /^01[0-3]/.test(f))) {
    it(file, () => {
      const key = graphKey(deriveGraph(spec));
      const values = forward(spec);
      const lines: string[] = [];
      for (const [name, v] of Object.entries(key.values)) {
        expect(v).toBeCloseTo(values[name]!, 9); // the key against the test's own evaluator
        lines.push(`${name}: ${written(v)}`);
      }
      for (const [name, g] of Object.entries(key.gradients)) {
        const fd = totalDerivative(spec, spec.output, name);
        if (fd.smooth) expect(Math.abs(g - fd.central)).toBeLessThan(1e-5 * Math.max(1, Math.abs(g)));
        lines.push(`gradients.${name}: ${written(g)}`);
      }
      for (const [name, v] of Object.entries(key.after ?? {})) lines.push(`"${name}'": ${written(v, 5)}`);
      const r = checkGraph(spec, `${lines.join("\n")}\n`);
      expect(r.claims.filter((c) => c.verdict !== "ok")).toEqual([]);
      expect(r.first_wrong).toBeNull();
    });
  }

  it("CS231n's numbers as the notes write them, by every kind of name", () => {
    const r = checkGraph(S010, "q: 3\nf: -12\ndq: -4\ndf/dz: 3\ngrad_x: -4\ngradients.y: -4\nvalues.z: -4\ndf: 1\n");
    expect(r.claims.map((c) => c.verdict)).toEqual(new Array(8).fill("ok"));
    // the sigmoid neuron: dx = [0.39, −0.59], dw = [−0.2, −0.39, 0.2], and the weights' step with η = 0.1
    const n = checkGraph(S011, "f: 0.73\ndx0: 0.39\ndx1: -0.59\ndw0: -0.2\ndw1: -0.39\ndw2: 0.2\nafter.w0: 2.02\nnew_w1: -2.96\n");
    expect(n.claims.filter((c) => c.verdict !== "ok")).toEqual([]);
  });

  it("local derivatives by name: dq/dx is the add gate's 1, locals.f.q the multiply gate's z", () => {
    const r = checkGraph(S010, "dq/dx: 1\nlocals.f.q: -4\nlocals.f.z: 3\n");
    expect(r.claims.map((c) => [c.name, c.verdict])).toEqual([
      ["locals.f.q", "ok"],
      ["dq/dx", "ok"],
      ["locals.f.z", "ok"],
    ]);
  });
});

describe("error carried forward through a circuit", () => {
  it("a wrong q carries into f (forward), and a wrong dq into dx and dy (backward)", () => {
    // q = x + y written as 4: f = q·z = −16 from it; dq = z = −4 is right whatever q is
    const r = checkGraph(S010, "q: 4\nf: -16\ndz: 4\n");
    expect(claim(r, "q").verdict).toBe("wrong");
    expect(claim(r, "f").verdict).toBe("carried");
    expect(claim(r, "f").carried_from).toEqual(["q"]);
    expect(claim(r, "dz").verdict).toBe("carried"); // ∂f/∂z = q
    expect(r.first_wrong).toBe("values.q");
    const b = checkGraph(S010, "dq: -5\ndx: -5\ndy: -5\n");
    expect(b.claims.map((c) => c.verdict)).toEqual(["wrong", "carried", "carried"]);
    expect(b.first_wrong).toBe("gradients.q");
  });

  it("the staged circuit: a wrong den carries into invden, f, and every gradient below it", () => {
    const v = forward(S012);
    const den = 2.5; // the writer's den (right: 1.9526)
    const invden = 1 / den;
    const f = v.num! * invden;
    // ∂f/∂den = ∂f/∂invden · (−1/den²) = num·(−1/den²): from the writer's den
    const dden = v.num! * (-1 / den ** 2);
    const r = checkGraph(S012, `den: ${den}\ninvden: ${written(invden)}\nf: ${written(f)}\ndden: ${written(dden)}\n`);
    expect(claim(r, "den").verdict).toBe("wrong");
    for (const n of ["invden", "f", "dden"]) expect(claim(r, n).verdict, n).toBe("carried");
    expect(r.first_wrong).toBe("values.den");
  });
});

describe("the classic slips, each worked out by hand and found with its diagnosis", () => {
  it("the multiply gate's inputs not swapped: ∂f/∂q taken as q = 3 instead of z = −4", () => {
    const r = checkGraph(S010, "dq: 3\n");
    expect(claim(r, "dq")).toMatchObject({ verdict: "wrong", mistake: "multiply-not-swapped" });
    expect(claim(r, "dq").diagnosis).toMatch(/multiply gate's inputs are not swapped in f/);
  });

  it("σ for σ′: ∂f/∂dot written as f = σ(1) = 0.7311 instead of f(1 − f) = 0.1966", () => {
    const r = checkGraph(S011, `ddot: ${sigma(1).toFixed(4)}\n`);
    expect(claim(r, "ddot")).toMatchObject({ verdict: "wrong", mistake: "f-for-f-prime" });
    expect(claim(r, "ddot").diagnosis).toMatch(/σ used for σ′/);
  });

  it("a fan-out not summed: x feeds num, sigx and xpy; dx from num's path alone is 1/den", () => {
    const x = 3;
    const y = -4;
    const den = sigma(x) + (x + y) ** 2;
    const r = checkGraph(S012, `dx: ${(1 / den).toFixed(4)}\n`);
    expect(claim(r, "dx")).toMatchObject({ verdict: "wrong", mistake: "fanout-not-summed" });
    expect(claim(r, "dx").diagnosis).toMatch(/x feeds num, sigx and xpy: .* only the path through num/);
  });

  it("the sign of a subtraction: micrograd's e1 = c3 − d3, ∂g2/∂d3 taken as +∂g2/∂e1", () => {
    const de1 = totalDerivative(S013, "g2", "e1").central;
    const r = checkGraph(S013, `dd3: ${written(de1, 5)}\n`);
    expect(claim(r, "dd3")).toMatchObject({ verdict: "wrong", mistake: "sign-subtract" });
    expect(claim(r, "dd3").diagnosis).toMatch(/sign of the subtraction is lost in e1/);
  });

  it("the upstream gradient not multiplied in: ∂f/∂x written as the add gate's local 1", () => {
    const r = checkGraph(S010, "dx: 1\n");
    expect(claim(r, "dx")).toMatchObject({ verdict: "wrong", mistake: "upstream-missing" });
  });

  it("the step's sign and η: w0 + η·∂f/∂w0, and w0 − ∂f/∂w0", () => {
    const f = sigma(1);
    const dw0 = -1 * f * (1 - f); // x0 · σ′(dot)
    const r = checkGraph(S011, `"w0'": ${(2 + 0.1 * dw0).toFixed(4)}\n"w1'": ${(-3 - -2 * f * (1 - f)).toFixed(4)}\n`);
    expect(claim(r, "w0'")).toMatchObject({ verdict: "wrong", mistake: "sign-update" });
    expect(claim(r, "w1'")).toMatchObject({ verdict: "wrong", mistake: "eta-missing" });
  });
});

describe("names", () => {
  const resolve = (spec: typeof S010, text: string) => {
    const c = prepare(spec);
    return resolveClaims("a.yaml", c, readAnswers("a.yaml", text).entries).diagnostics.map((d) => d.message);
  };

  it("an unknown name or path is a located diagnostic with a suggestion", () => {
    expect(resolve(S010, "qq: 3\n")[0]).toMatch(/no quantity named "qq".*did you mean "q"/);
    expect(resolve(S010, "values.qq: 3\n")[0]).toMatch(/did you mean "values\.q"/);
    expect(resolve(S010, "gradients.w: 3\n")[0]).toMatch(/no quantity named "gradients\.w"/);
    expect(resolve(S010, "q: 3\nvalues.q: 3\n")[0]).toMatch(/names the same quantity as "q"/);
  });

  it("a leaf called like a gradient (dx beside x): the gradient takes grad_x, dx is the leaf", () => {
    const spec = { ...S010, inputs: [...S010.inputs, { name: "dx", value: 2 }] };
    const c = prepare(spec);
    expect(c.names.resolve("dx")).toEqual({ ok: true, key: "values.dx" });
    expect(c.names.resolve("grad_x")).toEqual({ ok: true, key: "gradients.x" });
    expect(c.names.listed(c.graph.byKey.get("gradients.x")!).name).toBe("grad_x");
  });
});

describe("a large graph: the slips made everywhere at once", () => {
  it("every fan-out keeping only its first reader's path, worked out by the test's own differences", () => {
    // 70 nodes, each reading the two before it: every name but the last two fans out to two nodes
    const names = ["x", "y", ...Array.from({ length: 70 }, (_, i) => `n${i}`)];
    const nodes = names.slice(2).map((n, i) => `    - ${n}: "${names[i + 1]} + 0.5 * sigmoid(${names[i]})"`);
    const spec = parseAnySpec(`graph:\n  inputs: { x: 0.3, y: -0.2 }\n  nodes:\n${nodes.join("\n")}\n`, "big.yaml") as GraphSpec;
    // ∂out/∂name along the first reader only, from the output down
    const slip = new Map<string, number>([[spec.output, 1]]);
    for (const name of [...names].reverse().slice(1)) {
      const first = readers(spec, name)[0]!;
      slip.set(name, slip.get(first)! * localDerivative(spec, first, name).central);
    }
    const right = totalDerivative(spec, spec.output, "x").central;
    expect(Math.abs(slip.get("x")! - right)).toBeGreaterThan(1e-3);
    const r = checkGraph(spec, `dx: ${written(slip.get("x")!, 5)}\nvalues.n69: ${written(forward(spec).n69!)}\n`);
    expect(claim(r, "dx")).toMatchObject({ verdict: "wrong", mistake: "fanout-not-summed" });
    expect(claim(r, "dx").diagnosis).toMatch(/no fan-out's gradient is summed/);
    expect(claim(r, "n69").verdict).toBe("ok");
  });
});

describe("the operations' slips", () => {
  it("every slip an operation's record names is a mistake check reports", () => {
    const slips = Object.values(EXPRESSION_OPS).flatMap((r) => r.slips ?? []);
    expect(slips.length).toBeGreaterThanOrEqual(4);
    for (const s of slips) expect(MISTAKES).toContain(s.mistake);
  });
});
