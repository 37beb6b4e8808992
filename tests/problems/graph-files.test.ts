import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemsCommand } from "../../src/cli/problems.js";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { checkMarkdownMath } from "../helpers/markdown.js";
import { cleanup, compileLatex, hasPdflatex } from "../render/helpers.js";
import { checkMathJax } from "../render/mathjax.js";
import { child, childrenNamed, parseXml } from "./xml.js";
import { ROOT } from "./setup.js";

/** The graph specs the problem-set file tests run on: the four of specs/ and a hostile title. */
const GRAPH_SETS: Record<string, string> = {
  circuit: join(ROOT, "specs/010-circuit-add-multiply.yaml"),
  neuron: join(ROOT, "specs/011-circuit-sigmoid-neuron.yaml"),
  staged: join(ROOT, "specs/012-circuit-staged-sigmoid.yaml"),
  micrograd: join(ROOT, "specs/013-micrograd-expression.yaml"),
  hostile: join(ROOT, "tests/fixtures/problems/graph-hostile.yaml"),
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "bpd-graph-problems-"));
  dirs.push(d);
  return d;
};

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

interface GraphKeyFile {
  format: string;
  seed: number;
  variants: {
    id: string;
    spec: Record<string, unknown>;
    key: { format: string; values: Record<string, number>; gradients: Record<string, number>; after?: Record<string, number> };
    questions: { symbol: string; name: string; value: number; shown: string; tolerance: number }[];
  }[];
}

describe.each(Object.entries(GRAPH_SETS))("graph problem set files of %s", (_label, spec) => {
  const N = spec
    .split("/")
    .pop()!
    .replace(/\.yaml$/, "");
  let files: Map<string, string>;
  let key: GraphKeyFile;
  beforeAll(async () => {
    const dir = tmp();
    await problemsCommand({ spec, count: 2, seed: 11, out: dir, format: "all" });
    files = readTree(dir);
    key = JSON.parse(files.get(`${N}.key.json`)!);
  });

  it("writes the sheets, the solutions with each variant's circuit, the key and the quiz; the same seed gives the same bytes", async () => {
    const ids = key.variants.map((v) => v.id);
    expect([...files.keys()].sort()).toEqual(
      [
        `${N}.key.json`,
        `${N}.moodle.xml`,
        `${N}.problems.md`,
        `${N}.problems.tex`,
        `${N}.problems/circuit.svg`,
        `${N}.solutions.md`,
        `${N}.solutions.tex`,
        ...ids.map((id) => `${N}.solutions/${id}-circuit.svg`),
      ].sort(),
    );
    const again = tmp();
    await problemsCommand({ spec, count: 2, seed: 11, out: again, format: "all" });
    expect(readTree(again)).toEqual(files);
    // every image a Markdown file shows is one of the files written
    for (const doc of [`${N}.problems.md`, `${N}.solutions.md`]) {
      for (const m of files.get(doc)!.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) expect(files.has(decodeURI(m[1]!)), m[1]).toBe(true);
    }
  });

  it("key.json: each variant's graph spec (CONTRACT §6) derives to its graph key (graph-key@1), and the questions are read from it", () => {
    expect(key.format).toBe("backprop-derive/problem-set@1");
    expect(key.seed).toBe(11);
    for (const v of key.variants) {
      expect(v.key.format).toBe("backprop-derive/graph-key@1");
      const s = parseAnySpec(JSON.stringify(v.spec), "variant.json") as GraphSpec;
      expect(JSON.parse(JSON.stringify(graphKey(deriveGraph(s))))).toEqual(v.key);
      for (const q of v.questions) {
        const [kind, name] = q.symbol.split(".") as ["values" | "gradients" | "after", string];
        expect(q.value, q.symbol).toBe(v.key[kind]![name]);
      }
      expect(v.questions.filter((q) => q.symbol.startsWith("gradients.")).length).toBe(
        Object.keys((v.spec.graph as { inputs: object }).inputs).length,
      );
    }
  });

  it("the student sheet holds none of the answers", () => {
    for (const sheet of [`${N}.problems.md`, `${N}.problems.tex`]) {
      const tokens = new Set(files.get(sheet)!.match(/-?\d+\.\d+/g) ?? []);
      for (const v of key.variants)
        for (const q of v.questions) expect(tokens.has(q.shown), `${sheet}: ${q.name} = ${q.shown}`).toBe(false);
      expect(files.get(sheet)).not.toMatch(/Answers to the questions|worked solution/i);
    }
  });

  it("every Markdown formula typesets in KaTeX (strict) and MathJax 3", async () => {
    for (const f of [`${N}.problems.md`, `${N}.solutions.md`]) {
      const katex = await checkMarkdownMath(files.get(f)!);
      expect(katex.problems, f).toEqual([]);
      expect(katex.formulas).toBeGreaterThan(5);
      const mathjax = await checkMathJax(files.get(f)!);
      expect(mathjax.problems, f).toEqual([]);
    }
  });

  it.skipIf(!hasPdflatex)("the LaTeX sheets compile with pdflatex", () => {
    for (const f of [`${N}.problems.tex`, `${N}.solutions.tex`]) {
      const r = compileLatex(files.get(f)!);
      expect(r.errors, `${f}\n${r.log.slice(-1500)}`).toEqual([]);
      cleanup(r.dir);
    }
  });

  it("the Moodle XML parses: one numerical question per quantity, its answer the key's, within the tolerance", () => {
    const quiz = parseXml(files.get(`${N}.moodle.xml`)!);
    const questions = childrenNamed(quiz, "question");
    const numerical = questions.filter((q) => q.attrs.type === "numerical");
    expect(questions.filter((q) => q.attrs.type === "category")).toHaveLength(key.variants.length);
    expect(numerical).toHaveLength(key.variants.reduce((s, v) => s + v.questions.length, 0));
    let k = 0;
    for (const v of key.variants) {
      for (const [i, q] of v.questions.entries()) {
        const el = numerical[k++]!;
        expect(child(child(el, "name"), "text").text).toBe(`${v.id} Q${i + 1}: ${q.name}`);
        const html = child(child(el, "questiontext"), "text").text;
        expect(html).toContain(`Variant ${v.id}`);
        expect(html.includes(q.shown)).toBe(false);
        const a = childrenNamed(el, "answer")[0]!;
        expect(child(a, "text").text).toBe(q.shown);
        const tol = Number(child(a, "tolerance").text);
        expect(tol).toBe(q.tolerance);
        const [kind, name] = q.symbol.split(".") as ["values" | "gradients" | "after", string];
        expect(Math.abs(Number(child(a, "text").text) - v.key[kind]![name]!)).toBeLessThanOrEqual(tol);
      }
    }
  });
});

describe("a hostile title stays text in every file", () => {
  it("is escaped in Markdown, LaTeX, XML and the HTML inside it", async () => {
    const dir = tmp();
    await problemsCommand({ spec: GRAPH_SETS.hostile!, count: 1, seed: 5, out: dir, format: "all" });
    const files = readTree(dir);
    // the key is data (JSON): it holds the title as written; every document escapes it
    for (const [name, text] of [...files].filter(([n]) => !n.endsWith(".json"))) {
      expect(text, name).not.toContain("<script>");
      expect(text, name).not.toContain("{{ 1 }}x");
    }
    expect(files.get("graph-hostile.problems.tex")).not.toMatch(/[^\\]\\input\{\/etc/);
    expect(files.get("graph-hostile.problems.tex")).not.toMatch(/^\\end\{document\} #/m);
    // the quiz's HTML, once unescaped from the XML, holds the title nowhere as markup
    const quiz = parseXml(files.get("graph-hostile.moodle.xml")!);
    for (const q of childrenNamed(quiz, "question")) expect(JSON.stringify(q)).not.toContain("<script>");
  });
});
