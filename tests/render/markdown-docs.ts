/**
 * Every Markdown text the project writes, for the tests that typeset each formula (KaTeX,
 * MathJax): the notes in out/, every seed in every notation × convention × detail, and the
 * problem sets' sheets and solutions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { problemsCommand } from "../../src/cli/problems.js";
import { CONVENTIONS, DETAILS, NOTATIONS } from "../../src/spec/types.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { SPECS } from "../problems/setup.js";
import { GRAPH_NOTATIONS } from "../../src/spec/index.js";
import { everyForm, sampleGraphs } from "../helpers/random-graph.js";
import { GRAPHS, SEEDS } from "./fixtures.js";
import { renderGraphSpec, renderSpec } from "./helpers.js";

export interface MarkdownDoc {
  label: string;
  markdown: string;
}

const ROOT = new URL("../..", import.meta.url).pathname;

/** The committed notes, out/*.md. */
export function outDocuments(): MarkdownDoc[] {
  const dir = join(ROOT, "out");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ label: `out/${f}`, markdown: readFileSync(join(dir, f), "utf8") }));
}

/** One seed's note in every notation, convention and detail. */
export async function seedDocuments(seed: keyof typeof SEEDS): Promise<MarkdownDoc[]> {
  return specDocuments(seed, SEEDS[seed]!);
}

/** A spec's note in every notation, convention and detail. */
export async function specDocuments(label: string, spec: NetworkSpec): Promise<MarkdownDoc[]> {
  const docs: MarkdownDoc[] = [];
  for (const notation of NOTATIONS) {
    for (const convention of CONVENTIONS) {
      for (const detail of DETAILS) {
        const files = await renderSpec(spec, { notation, convention, detail }, ["md"]);
        docs.push({ label: `${label} ${notation}/${convention}/${detail}`, markdown: files["note.md"]! });
      }
    }
  }
  return docs;
}

/** The Markdown sheet and solutions of a problem set (two variants) of each problem-test spec. */
export async function problemSetDocuments(): Promise<MarkdownDoc[]> {
  const docs: MarkdownDoc[] = [];
  for (const [label, spec] of Object.entries(SPECS)) {
    const dir = mkdtempSync(join(tmpdir(), "bpd-md-"));
    try {
      await problemsCommand({ spec, count: 2, seed: 11, out: dir, format: "md", jobs: 1 });
      for (const f of readdirSync(dir)
        .filter((n) => n.endsWith(".md"))
        .sort()) {
        docs.push({ label: `problems ${label}: ${f}`, markdown: readFileSync(join(dir, f), "utf8") });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return docs;
}

/**
 * The graph notes: every graph spec of specs/ in both notations, and random graphs that use
 * every operator and function, names of every shape and fan-out (one symbolic only). A random
 * graph whose numbers are not finite is left out (its derivation is refused, located).
 */
export async function graphDocuments(): Promise<MarkdownDoc[]> {
  const docs: MarkdownDoc[] = [];
  for (const [label, spec] of Object.entries(GRAPHS)) {
    for (const notation of GRAPH_NOTATIONS) {
      const files = await renderGraphSpec(spec, { notation }, ["md"]);
      docs.push({ label: `${label} ${notation}`, markdown: files["note.md"]! });
    }
  }
  const random = [everyForm(), ...sampleGraphs(8, { maxNodes: 30 }), ...sampleGraphs(2, { symbolic: true }, 5)];
  for (const [i, spec] of random.entries()) {
    for (const notation of GRAPH_NOTATIONS) {
      try {
        const files = await renderGraphSpec(spec, { notation }, ["md"]);
        docs.push({ label: `random graph ${i} ${notation}`, markdown: files["note.md"]! });
      } catch (err) {
        if (!/not a number|infinite/.test((err as Error).message)) throw err;
      }
    }
  }
  return docs;
}
