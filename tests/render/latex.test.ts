import { describe, expect, it } from "vitest";
import { CONVENTIONS, NOTATIONS } from "../../src/spec/types.js";
import { GRAPH_NOTATIONS, SpecError, parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { everyForm, sampleGraphs } from "../helpers/random-graph.js";
import { GRAPHS, SEEDS, TRAINING_SPECS } from "./fixtures.js";
import { cleanup, compileLatex, fragmentPackages, hasPdflatex, renderGraphSpec, renderSpec } from "./helpers.js";

// CI installs TeX Live (.ci/run); without it these tests fail rather than pass silently.
const run = hasPdflatex || !process.env.SKIP_LATEX ? describe : describe.skip;

function compiles(source: string, what: string): void {
  const r = compileLatex(source);
  expect(
    r.errors,
    `${what}:\n${r.log
      .split("\n")
      .filter((l) => l.startsWith("!"))
      .slice(0, 5)
      .join("\n")}`,
  ).toEqual([]);
  const overfull = r.log.split("\n").filter((l) => /Overfull \\hbox \((?:[2-9]\d|\d{3,})\.\d+pt too wide\)/.test(l));
  expect(overfull, `${what}: lines running off the page`).toEqual([]);
  cleanup(r.dir);
}

/** The fragment inside a minimal article with the packages its header names. */
const withPreamble = (fragment: string): string =>
  `\\documentclass{article}\n${fragmentPackages(fragment)}\n\\begin{document}\n${fragment}\n\\end{document}\n`;

run("every standalone .tex compiles with pdflatex -halt-on-error -no-shell-escape", () => {
  for (const [name, spec] of Object.entries(GRAPHS)) {
    it(`graph ${name}: article, slides and fragment, in both notations`, async () => {
      for (const notation of GRAPH_NOTATIONS) {
        const files = await renderGraphSpec(spec, { notation }, ["tex", "slides", "fragment"]);
        compiles(files["note.tex"]!, `${name}.tex (${notation})`);
        compiles(files["note.slides.tex"]!, `${name}.slides.tex (${notation})`);
        expect(files["note.fragment.tex"]).not.toContain("\\documentclass");
        compiles(withPreamble(files["note.fragment.tex"]!), `${name}.fragment.tex (${notation})`);
      }
    });
  }
  it("random graphs using every operator and function, names of every shape, fan-out (one symbolic only)", async () => {
    let compiled = 0;
    for (const [i, spec] of [
      everyForm(),
      ...sampleGraphs(4, { minNodes: 8, maxNodes: 30 }, 31),
      ...sampleGraphs(1, { symbolic: true }, 32),
    ].entries()) {
      let files: Record<string, string>;
      try {
        files = await renderGraphSpec(spec, { notation: i % 2 === 0 ? "partial" : "adjoint" }, ["tex"]);
      } catch (err) {
        if (err instanceof SpecError) continue; // numbers that are not finite: refused, located
        throw err;
      }
      compiles(files["note.tex"]!, `random graph ${i}: ${spec.nodes.map((n) => `${n.name} = ${n.text}`).join("; ")}`);
      compiled++;
    }
    expect(compiled).toBeGreaterThanOrEqual(4);
  });

  it("a circuit wider than TeX's 575 cm is drawn smaller, and one with more wire pieces than TeX can hold is said in words", async () => {
    // A 200-node chain of constants (no long wires): 600 cm of boxes, drawn at a smaller unit.
    const wide: Record<string, string>[] = [];
    for (let i = 1; i <= 200; i++) wide.push({ [`h${i}`]: `tanh(0.5 * ${i === 1 ? "x" : `h${i - 1}`} + 0.1)` });
    // A 200-node chain that reads its input at every stage: 40,000 wire pieces.
    const fed: Record<string, string>[] = [];
    for (let i = 1; i <= 100; i++) fed.push({ [`z${i}`]: `0.9 * ${i === 1 ? "x" : `h${i - 1}`} + x` }, { [`h${i}`]: `tanh(z${i})` });
    for (const [what, nodes] of [
      ["wide", wide],
      ["fed", fed],
    ] as const) {
      const spec = parseAnySpec(JSON.stringify({ graph: { inputs: { x: 0.5 }, nodes } }), `${what}.json`) as GraphSpec;
      const files = await renderGraphSpec(spec, {}, ["tex", "slides"]);
      const tex = files["note.tex"]!;
      if (what === "wide") expect(tex).toMatch(/\\begin\{tikzpicture\}\[x=0\.\d+cm/);
      else expect(tex).toContain("more than \\TeX{} can hold in one picture");
      compiles(tex, `${what}.tex`);
      // the slides' circuit frame takes the same branch; the wide picture's slides are left out for time
      if (what === "fed") compiles(files["note.slides.tex"]!, `${what}.slides.tex`);
    }
  }, 240_000);

  for (const [name, spec] of Object.entries({ ...SEEDS, ...TRAINING_SPECS })) {
    it(`${name}: article, slides and fragment`, async () => {
      const files = await renderSpec(spec, {}, ["tex", "slides", "fragment"]);
      compiles(files["note.tex"]!, `${name}.tex`);
      compiles(files["note.slides.tex"]!, `${name}.slides.tex`);
      const fragment = files["note.fragment.tex"]!;
      expect(fragment).not.toContain("\\documentclass");
      compiles(
        `\\documentclass{article}\n${fragmentPackages(fragment)}\n\\begin{document}\n\\input{frag}\n${fragment}\n\\end{document}\n`.replace(
          "\\input{frag}\n",
          "",
        ),
        `${name}.fragment.tex`,
      );
    });
  }
  for (const notation of NOTATIONS) {
    for (const convention of CONVENTIONS) {
      it(`seed 000 (and 004 in the ${convention} convention) article in ${notation} notation`, async () => {
        for (const spec of notation === "node" ? [SEEDS.seed000!, SEEDS.seed004!] : [SEEDS.seed000!]) {
          const files = await renderSpec(spec, { notation, convention, detail: notation === "matrix" ? "deltas" : "full" }, ["tex"]);
          compiles(files["note.tex"]!, `${notation}/${convention}`);
        }
      });
    }
  }
  // the training rules' forms differ by notation and convention (error signs, matrix vector forms)
  for (const notation of NOTATIONS) {
    it(`momentum and adam (training rules) articles in ${notation} notation, both conventions`, async () => {
      for (const convention of CONVENTIONS) {
        for (const [name, spec] of [
          ["momentum", TRAINING_SPECS.momentum!],
          ["adam", TRAINING_SPECS.adam!],
        ] as const) {
          const files = await renderSpec(spec, { notation, convention, detail: convention === "error" ? "deltas" : "full" }, ["tex"]);
          compiles(files["note.tex"]!, `${name} ${notation}/${convention}`);
        }
      }
    });
  }
});
