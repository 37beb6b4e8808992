/**
 * How a graph's names and functions are typeset: names as written (subscripts from digits and
 * underscores, a word as one italic word), the two gradient notations, and the TeX of every
 * function a graph's expressions and local derivatives call.
 */
import { describe, expect, it } from "vitest";
import { math } from "../../src/derive/index.js";
import { graphNames } from "../../src/render/graph/names.js";
import { toTex } from "../../src/render/tex.js";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { checkMarkdownMath } from "../helpers/markdown.js";

const spec = (inputs: string, output = "f"): GraphSpec =>
  parseAnySpec(`graph:\n  inputs: { ${inputs} }\n  nodes:\n    - ${output}: 1\n`, "g.yaml") as GraphSpec;

describe("a graph's names in TeX", () => {
  it("are written as spelt: digits and underscores make subscripts, a word is one italic word", () => {
    const n = graphNames(spec("w0: 1, x_1: 1, sigy: 1, w_1_2: 1, h_out: 1, num2: 1, y: 1, x_: 1"), "partial");
    expect(["w0", "x_1", "sigy", "w_1_2", "h_out", "num2", "y", "x_", "f"].map(n.tex)).toEqual([
      "w_{0}",
      "x_{1}",
      "\\mathit{sigy}",
      "w_{1,2}",
      "h_{\\mathit{out}}",
      "\\mathit{num}_{2}",
      "y",
      "\\mathit{x\\_}",
      "f",
    ]);
    expect(["w0", "x_1", "sigy", "w_1_2"].map(n.text)).toEqual(["w₀", "x₁", "sigy", "w₁,₂"]);
  });

  it("two names that would look alike are both written out as spelt", () => {
    const n = graphNames(spec("x1: 1, x_1: 1, w0: 1"), "partial");
    expect([n.tex("x1"), n.tex("x_1"), n.tex("w0")]).toEqual(["\\mathit{x1}", "\\mathit{x\\_1}", "w_{0}"]);
  });

  it("gradients: ∂f/∂x, or the adjoint x̄ (a bar over a letter, a line over a word)", () => {
    const partial = graphNames(spec("w0: 1, sigy: 1", "out"), "partial");
    expect(partial.grad("w0")).toBe("\\frac{\\partial \\mathit{out}}{\\partial w_{0}}");
    expect(partial.gradInline("sigy")).toBe("\\partial \\mathit{out}/\\partial \\mathit{sigy}");
    const adjoint = graphNames(spec("w0: 1, sigy: 1"), "adjoint");
    expect([adjoint.grad("w0"), adjoint.grad("sigy"), adjoint.sym("grad:f"), adjoint.sym("lr:eta")]).toEqual([
      "\\bar{w}_{0}",
      "\\overline{\\mathit{sigy}}",
      "\\bar{f}",
      "\\eta",
    ]);
  });

  it("every function a graph uses, and the ones its local derivatives call, typeset in KaTeX", async () => {
    const ctx = { sym: (id: string) => id, precision: 4 };
    const cases: [string, string][] = [
      ["sigmoid(a)", "\\sigma(a)"],
      ["tanh(a)", "\\tanh(a)"],
      ["relu(a)", "\\operatorname{ReLU}(a)"],
      ["relu_prime(a)", "\\operatorname{ReLU}'(a)"],
      ["max(a, b)", "\\max(a, b)"],
      ["min(a, b)", "\\min(a, b)"],
      ["exp(a)", "e^{a}"],
      ["log(a)", "\\ln(a)"],
      ["sqrt(a + 1)", "\\sqrt{a + 1}"],
      ["abs(a / b)", "\\left\\lvert \\frac{a}{b}\\right\\rvert"],
      ["sign(a)", "\\operatorname{sgn}(a)"],
      ["route(a, b)", "[a > b]"],
    ];
    for (const [expr, want] of cases) expect(toTex(math.parse(expr), ctx)).toBe(want);
    const { problems } = await checkMarkdownMath(cases.map(([, tex]) => `$${tex}$`).join("\n\n"));
    expect(problems).toEqual([]);
  });
});
