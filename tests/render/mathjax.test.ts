import { describe, expect, it } from "vitest";
import { circledNumber } from "../../src/render/markdown-tex.js";
import { SPECS } from "../problems/setup.js";
import { SEEDS, TRAINING_SPECS } from "./fixtures.js";
import { graphDocuments, outDocuments, problemSetDocuments, seedDocuments, specDocuments, type MarkdownDoc } from "./markdown-docs.js";
import { checkMathJax } from "./mathjax.js";

/** Each document's problems, labelled; and how many formulas were typeset. */
async function typesetAll(docs: MarkdownDoc[]): Promise<{ problems: string[]; formulas: number[] }> {
  const problems: string[] = [];
  const formulas: number[] = [];
  for (const d of docs) {
    const r = await checkMathJax(d.markdown);
    problems.push(...r.problems.map((p) => `${d.label} ${p}`));
    formulas.push(r.formulas);
  }
  return { problems, formulas };
}

describe("every Markdown formula typesets in MathJax 3 with only the base and ams packages", () => {
  it("the check itself finds error boxes, commands shown as text, and their lines", async () => {
    const md =
      "ok $x$\n\n$$\n\\frac{1}{2\n$$\n\nand $\\text{\\textcircled{\\scriptsize 5}}$ and $\\enclose{circle}{5}$\n\n$\\unicode{x2460}$ $\\foo$\n";
    const { problems, formulas } = await checkMathJax(md);
    expect(formulas).toBe(6);
    expect(problems.map((p) => p.split(":")[0])).toEqual(["line 3", "line 7", "line 7", "line 9", "line 9"]);
    expect(problems[1]).toContain("text shown literally: \\textcircled{\\scriptsize 5}");
  });

  it("the circled factor numbers, in running text and in aligned rows", async () => {
    const marks = [1, 9, 10, 47, 99, 100, 250].map(circledNumber).join("");
    const { problems } = await checkMathJax(
      `$${marks}$\n\n$$\n\\begin{aligned}${circledNumber(5)}\\quad a &= b\\, ${marks}\n\\end{aligned}\n$$\n`,
    );
    expect(problems).toEqual([]);
  });

  it("out/*.md", async () => {
    const docs = outDocuments();
    expect(docs.length).toBeGreaterThan(5);
    const { problems, formulas } = await typesetAll(docs);
    expect(problems).toEqual([]);
    expect(formulas.every((n) => n > 20)).toBe(true);
  });

  it("graphs: the specs' circuits in both notations, and random graphs using every function", async () => {
    const docs = await graphDocuments();
    expect(docs.length).toBeGreaterThan(20);
    const { problems, formulas } = await typesetAll(docs);
    expect(problems).toEqual([]);
    expect(formulas.every((n) => n > 5)).toBe(true);
  });

  for (const seed of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
    it(`${seed}: every notation, convention and detail`, async () => {
      const { problems, formulas } = await typesetAll(await seedDocuments(seed));
      expect(problems).toEqual([]);
      expect(formulas.every((n) => n > 20)).toBe(true);
    });
  }

  for (const [name, spec] of Object.entries(TRAINING_SPECS)) {
    it(`${name} (training rules): every notation, convention and detail`, async () => {
      const { problems, formulas } = await typesetAll(await specDocuments(name, spec));
      expect(problems).toEqual([]);
      expect(formulas.every((n) => n > 20)).toBe(true);
    });
  }

  it("the problem sets' sheets and solutions", async () => {
    const docs = await problemSetDocuments();
    // for each spec, a sheet and a solutions file (each holding both variants)
    expect(docs.length).toBe(2 * Object.keys(SPECS).length);
    const { problems, formulas } = await typesetAll(docs);
    expect(problems).toEqual([]);
    expect(formulas.every((n) => n > 10)).toBe(true);
  });
});
