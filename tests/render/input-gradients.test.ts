import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { makeNotation } from "../../src/notation/index.js";
import { CONVENTIONS, NOTATIONS } from "../../src/spec/types.js";
import { checkMarkdownMath } from "../helpers/markdown.js";
import { unknownSymbols } from "../notation/symbol-check.js";
import { INPUT_GRADIENT_SPECS, SEEDS } from "./fixtures.js";
import { cleanup, compileLatex, fragmentPackages, hasPdflatex, renderSpec } from "./helpers.js";
import { checkMathJax } from "./mathjax.js";

const HEADING = "Gradients with respect to the input";
const DETAILS = ["full", "deltas"] as const;

describe("input gradients in every notation, convention and detail", () => {
  for (const [name, spec] of Object.entries(INPUT_GRADIENT_SPECS)) {
    for (const notation of NOTATIONS) {
      it(`${name}, ${notation} notation: written, read back, typeset by KaTeX and MathJax`, async () => {
        const net = buildNetwork(spec);
        for (const convention of CONVENTIONS) {
          const n = makeNotation(net, notation, convention, spec.letters);
          for (const detail of DETAILS) {
            const at = `${name} ${notation}/${convention}/${detail}`;
            const files = await renderSpec(spec, { notation, convention, detail }, ["md", "tex", "fragment", "slides"]);
            for (const [file, text] of Object.entries(files).filter(([f]) => !f.endsWith(".svg"))) {
              expect(text, `${at} ${file}`).toContain(HEADING);
              expect(unknownSymbols(text, net, n), `${at} ${file}`).toEqual([]);
            }
            const md = files["note.md"]!;
            // one equation per input and sample, with the convention's sign
            const lhs = convention === "error" ? `-${n.partial("L", "x_1")} &=` : `\n${n.partial("L", "x_1")} &=`;
            expect(md, at).toContain(lhs);
            if (notation === "matrix")
              expect(md, at).toMatch(
                /\\partial \\mathbf\{x\}\} &= \\bigl\(\\mathbf\{W\}\^\{\(1\)\}\\bigr\)\^\{\\top\} \\pmb\{\\delta\}\^\{\(1\)\}/,
              );
            const katex = await checkMarkdownMath(md);
            expect(katex.problems.map((p) => `${at} line ${p.line}: ${p.message}`)).toEqual([]);
            const mj = await checkMathJax(md);
            expect(mj.problems.map((p) => `${at} ${p}`)).toEqual([]);
          }
        }
      });
    }
  }

  it("the numbers written are the key's dL_dx (gradient convention) and its negative (error convention)", async () => {
    // seed 002 (Mazur): the key's dL_dx is [0.0033066…, 0.0051790…]; 4 significant digits shown
    const spec = { ...SEEDS.seed002!, input_gradients: true, precision: 4 };
    const g = (await renderSpec(spec, { notation: "node", convention: "gradient" }, ["md"]))["note.md"]!;
    const e = (await renderSpec(spec, { notation: "node", convention: "error" }, ["md"]))["note.md"]!;
    expect(g).toContain("= 0.00331 \\\\\n\\frac{\\partial \\mathrm{Loss}}{\\partial X_{2}}");
    expect(g).toContain("= 0.00518\n\\end{aligned}");
    expect(e).toContain("= -0.00331 \\\\\n-\\frac{\\partial \\mathrm{Loss}}{\\partial X_{2}}");
    expect(e).toContain("= -0.00518\n\\end{aligned}");
  });

  it("a layer 1 wider than 24 neurons: the sums are cut as net inputs are (first terms, …, last ones)", async () => {
    const spec = {
      ...SEEDS.seed002!,
      notation: "node" as const,
      input_gradients: true,
      layers: [
        { size: 2, activation: "identity" as const },
        { size: 30, activation: "sigmoid" as const },
        { size: 2, activation: "sigmoid" as const },
      ],
      weights: [
        Array.from({ length: 30 }, (_, j) => [((j % 7) - 3) / 10, ((j % 5) - 2) / 10]),
        Array.from({ length: 2 }, (_, k) => Array.from({ length: 30 }, (_, j) => (((j + k) % 9) - 4) / 10)),
      ],
      biases: [new Array<number>(30).fill(0.1), [0, 0]],
    };
    const md = (await renderSpec(spec, {}, ["md"]))["note.md"]!;
    const row = md.split("\n").find((l) => l.startsWith("\\frac{\\partial \\mathrm{Loss}}{\\partial X_{1}} &="))!;
    expect(row).toContain("W_{1,6}\\, \\delta_{6} + \\dots + W_{1,31}\\, \\delta_{31} + W_{1,32}\\, \\delta_{32}");
    expect((await checkMarkdownMath(md)).problems).toEqual([]);
  });

  it("off by default, and the presentation choice wins over the spec", async () => {
    expect((await renderSpec(SEEDS.seed000!, {}, ["md"]))["note.md"]).not.toContain(HEADING);
    expect((await renderSpec(SEEDS.seed000!, { inputGradients: true }, ["md"]))["note.md"]).toContain(HEADING);
    expect((await renderSpec(INPUT_GRADIENT_SPECS.seed000!, { inputGradients: false }, ["md"]))["note.md"]).not.toContain(HEADING);
  });
});

const run = hasPdflatex || !process.env.SKIP_LATEX ? describe : describe.skip;

function compiles(source: string, what: string): void {
  const r = compileLatex(source);
  expect(
    r.errors,
    `${what}: ${r.log
      .split("\n")
      .filter((l) => l.startsWith("!"))
      .slice(0, 5)
      .join("\n")}`,
  ).toEqual([]);
  const overfull = r.log.split("\n").filter((l) => /Overfull \\hbox \((?:[2-9]\d|\d{3,})\.\d+pt too wide\)/.test(l));
  expect(overfull, `${what}: lines running off the page`).toEqual([]);
  cleanup(r.dir);
}

run("with input gradients every .tex compiles with pdflatex", () => {
  it("seed 004: article, slides and fragment", async () => {
    const files = await renderSpec(INPUT_GRADIENT_SPECS.seed004!, {}, ["tex", "slides", "fragment"]);
    compiles(files["note.tex"]!, "note.tex");
    compiles(files["note.slides.tex"]!, "note.slides.tex");
    const fragment = files["note.fragment.tex"]!;
    compiles(`\\documentclass{article}\n${fragmentPackages(fragment)}\n\\begin{document}\n${fragment}\n\\end{document}\n`, "fragment");
  });
  for (const notation of NOTATIONS) {
    it(`seed 000 article in ${notation} notation, both conventions`, async () => {
      for (const convention of CONVENTIONS) {
        const files = await renderSpec(INPUT_GRADIENT_SPECS.seed000!, { notation, convention }, ["tex"]);
        compiles(files["note.tex"]!, `${notation}/${convention}`);
      }
    });
  }
});
