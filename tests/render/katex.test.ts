import { describe, expect, it } from "vitest";
import { checkMarkdownMath } from "../helpers/markdown.js";
import { CONVENTIONS, NOTATIONS } from "../../src/spec/types.js";
import { SEEDS, TRAINING_SPECS } from "./fixtures.js";
import { graphDocuments, outDocuments } from "./markdown-docs.js";
import { renderSpec } from "./helpers.js";

describe("every Markdown formula is accepted by KaTeX in strict mode", () => {
  for (const [name, spec] of Object.entries({ ...SEEDS, ...TRAINING_SPECS })) {
    it(`${name}: every notation, convention and detail`, async () => {
      for (const notation of NOTATIONS) {
        for (const convention of CONVENTIONS) {
          for (const detail of ["full", "deltas"] as const) {
            const files = await renderSpec(spec, { notation, convention, detail }, ["md"]);
            const { problems, formulas } = await checkMarkdownMath(files["note.md"]!);
            expect(problems.map((p) => `${notation}/${convention}/${detail} line ${p.line}: ${p.message}`)).toEqual([]);
            expect(formulas).toBeGreaterThan(20);
          }
        }
      }
    });
  }

  it("out/*.md", async () => {
    for (const d of outDocuments()) {
      const { problems, formulas } = await checkMarkdownMath(d.markdown);
      expect(problems.map((p) => `${d.label} line ${p.line}: ${p.message}`)).toEqual([]);
      expect(formulas).toBeGreaterThan(20);
    }
  });

  it("graphs: the specs' circuits in both notations, and random graphs using every function", async () => {
    const docs = await graphDocuments();
    expect(docs.length).toBeGreaterThan(20);
    for (const d of docs) {
      const { problems, formulas } = await checkMarkdownMath(d.markdown);
      expect(problems.map((p) => `${d.label} line ${p.line}: ${p.message}`)).toEqual([]);
      expect(formulas).toBeGreaterThan(5);
    }
  });

  it("the check itself finds bad formulas and their lines", async () => {
    const { problems } = await checkMarkdownMath("ok $x$\n\n$$\n\\frac{1}{2\n$$\n\nand $\\foo$ here\n");
    expect(problems.map((p) => p.line)).toEqual([3, 7]);
  });
});
