import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemsCommand } from "../../src/cli/problems.js";
import { render } from "../../src/render/formats.js";
import { checkMarkdownMath } from "../helpers/markdown.js";
import { texNumber } from "../../src/render/numbers.js";
import { cleanup, compileLatex, hasPdflatex } from "../render/helpers.js";
import { child, childrenNamed, parseXml } from "./xml.js";
import { SPECS } from "./setup.js";

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "bpd-problems-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file under a directory: relative path → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

interface KeyFile {
  format: string;
  seed: number;
  variants: {
    id: string;
    spec: Record<string, unknown>;
    key: { format: string; updates: unknown[] };
    questions: { symbol: string; sample?: number; name: string; value: number; shown: string; tolerance: number }[];
  }[];
}

const name = (file: string) =>
  file
    .split("/")
    .pop()!
    .replace(/\.ya?ml$/, "");

describe.each(Object.entries(SPECS))("problem set files of %s", (_label, spec) => {
  let dir: string;
  let files: Map<string, string>;
  let key: KeyFile;
  const N = name(spec);
  beforeAll(async () => {
    dir = tmp();
    await problemsCommand({ spec, count: 2, seed: 11, out: dir, format: "all" });
    files = new Map([...readTree(dir)].map(([k, v]) => [k, v.toString("utf8")]));
    key = JSON.parse(files.get(`${N}.key.json`)!);
  });

  it("writes the six files and the diagrams, which the sheet and the solutions both show", () => {
    for (const suffix of ["problems.md", "problems.tex", "solutions.md", "solutions.tex", "key.json", "moodle.xml"]) {
      expect(files.has(`${N}.${suffix}`), suffix).toBe(true);
    }
    const svgs = [...files.keys()].filter((f) => f.endsWith(".svg")).sort();
    expect(svgs).toEqual(key.variants.map((v) => join(`${N}.problems`, `${v.id}-network.svg`)).sort());
    for (const doc of ["problems.md", "solutions.md"]) {
      const shown = [...files.get(`${N}.${doc}`)!.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
      expect(shown, doc).toEqual(key.variants.map((v) => `${N}.problems/${v.id}-network.svg`));
    }
  });

  it("key.json: the problem-set format, the seed, complete CONTRACT §2 specs and §3 answer keys", () => {
    expect(key.format).toBe("backprop-derive/problem-set@1");
    expect(key.seed).toBe(11);
    expect(key.variants.map((v) => v.id.split("-").slice(0, 2).join("-"))).toEqual(["11-1", "11-2"]);
    const allowed = [
      "title",
      "learning_rate",
      "loss",
      "reduction",
      "mode",
      "epochs",
      "layers",
      "weights",
      "biases",
      "train_biases",
      "samples",
      "notation",
      "convention",
      "precision",
      "detail",
      "letters",
      // CONTRACT §5, written for a set with training rules (specs/006: adam, l2)
      "optimizer",
      "beta1",
      "beta2",
      "epsilon",
      "l2",
    ];
    for (const v of key.variants) {
      for (const k of Object.keys(v.spec)) expect(allowed, k).toContain(k);
      for (const k of ["learning_rate", "loss", "reduction", "mode", "epochs", "layers", "weights", "biases", "train_biases", "samples"]) {
        expect(v.spec, k).toHaveProperty(k);
      }
      expect(v.key.format).toBe("backprop-derive/answer-key@1");
      expect(v.questions.length).toBeGreaterThan(0);
    }
  });

  it("the key's spec, derived on its own, gives the same answer key (the spec is complete)", async () => {
    const { parseSpec } = await import("../../src/spec/index.js");
    const { buildNetwork } = await import("../../src/network/index.js");
    const { derive } = await import("../../src/derive/index.js");
    const { resolvePresentation } = await import("../../src/notation/index.js");
    for (const v of key.variants) {
      const s = parseSpec(JSON.stringify(v.spec), "variant.json");
      const net = buildNetwork(s);
      const [json] = await render(derive(net), resolvePresentation(s), ["json"], { name: "x" });
      expect(JSON.parse(String(json!.content))).toEqual(v.key);
    }
  });

  it("the student sheet holds none of the answers", () => {
    // Numbers a sheet may show anyway: any variant's given numbers, and counts (layer sizes, node and question numbers).
    const explained = new Set<string>(Array.from({ length: 101 }, (_, i) => String(i)));
    for (const v of key.variants) {
      for (const t of JSON.stringify([v.spec.weights, v.spec.biases, v.spec.samples, v.spec.learning_rate]).match(/-?\d+(?:\.\d+)?/g)!)
        explained.add(t);
    }
    for (const sheet of [`${N}.problems.md`, `${N}.problems.tex`]) {
      const text = files.get(sheet)!;
      const tokens = new Set(text.match(/-?\d+(?:\.\d+)?/g) ?? []);
      for (const v of key.variants) {
        const precision = v.spec.precision as number;
        for (const q of v.questions) {
          // As the key and Moodle show it (fixed decimals), and as the solutions print it (trailing zeros dropped).
          expect(tokens.has(q.shown), `${sheet}: ${v.id} ${q.name} = ${q.shown}`).toBe(false);
          const printed = texNumber(q.value, precision);
          if (!explained.has(printed)) expect(tokens.has(printed), `${sheet}: ${v.id} ${q.name} = ${printed}`).toBe(false);
        }
      }
      // Nor the solutions' own words.
      expect(text).not.toMatch(/Answers to the questions|worked solution/i);
    }
  });

  it("the Markdown sheets typeset in KaTeX (strict)", async () => {
    for (const f of [`${N}.problems.md`, `${N}.solutions.md`]) {
      const { problems, formulas } = await checkMarkdownMath(files.get(f)!);
      expect(problems, f).toEqual([]);
      expect(formulas).toBeGreaterThan(10);
    }
  });

  it.skipIf(!hasPdflatex)("the LaTeX sheets compile with pdflatex", () => {
    for (const f of [`${N}.problems.tex`, `${N}.solutions.tex`]) {
      const r = compileLatex(files.get(f)!);
      expect(r.errors, `${f}\n${r.log.slice(-1500)}`).toEqual([]);
      cleanup(r.dir);
    }
  });

  it("the Moodle XML parses: one numerical question per quantity asked, with its answer and tolerance", () => {
    const quiz = parseXml(files.get(`${N}.moodle.xml`)!);
    expect(quiz.name).toBe("quiz");
    const questions = childrenNamed(quiz, "question");
    const categories = questions.filter((q) => q.attrs.type === "category");
    const numerical = questions.filter((q) => q.attrs.type === "numerical");
    expect(categories).toHaveLength(key.variants.length);
    expect(numerical).toHaveLength(key.variants.reduce((s, v) => s + v.questions.length, 0));
    let k = 0;
    for (const v of key.variants) {
      expect(child(child(categories[key.variants.indexOf(v)]!, "category"), "text").text).toBe(
        `$course$/top/backprop-derive/${N}/variant ${v.id}`,
      );
      for (const q of v.questions) {
        const el = numerical[k++]!;
        expect(child(child(el, "name"), "text").text).toBe(`${v.id} Q${v.questions.indexOf(q) + 1}: ${q.name}`);
        const html = child(child(el, "questiontext"), "text").text;
        expect(html).toContain(`Variant ${v.id}`);
        expect(html).toContain("<strong>Find ");
        const answers = childrenNamed(el, "answer");
        expect(answers).toHaveLength(1);
        const a = answers[0]!;
        expect(a.attrs.fraction).toBe("100");
        expect(child(a, "text").text).toBe(q.shown);
        const tol = Number(child(a, "tolerance").text);
        expect(tol).toBeCloseTo(0.5 * 10 ** -(v.spec.precision as number), 15);
        expect(Math.abs(Number(q.shown) - q.value)).toBeLessThanOrEqual(tol);
        // The question states the given numbers, never the answer.
        expect(html.includes(q.shown)).toBe(false);
      }
    }
  });
});

describe("determinism", () => {
  it("the same spec and seed give byte-identical files", async () => {
    const [a, b] = [tmp(), tmp()];
    await problemsCommand({ spec: SPECS.softmax, count: 4, seed: 5, out: a, format: "all" });
    await problemsCommand({ spec: SPECS.softmax, count: 4, seed: 5, out: b, format: "all" });
    const ta = readTree(a);
    const tb = readTree(b);
    expect([...tb.keys()]).toEqual([...ta.keys()]);
    for (const [k, v] of ta) expect(tb.get(k)!.equals(v), k).toBe(true);
  });

  it("--variant ID regenerates exactly that variant, in every file", async () => {
    const [all, one] = [tmp(), tmp()];
    await problemsCommand({ spec: SPECS.relu, count: 5, seed: 9, out: all, format: "all" });
    const full: KeyFile = JSON.parse(readFileSync(join(all, "000-relu-hidden.key.json"), "utf8"));
    const pick = full.variants[3]!;
    await problemsCommand({ spec: SPECS.relu, variants: [pick.id], out: one, format: "all" });
    const single: KeyFile = JSON.parse(readFileSync(join(one, "000-relu-hidden.key.json"), "utf8"));
    expect(single.seed).toBe(9);
    expect(single.variants).toEqual([pick]);
    const section = (file: string, id: string) =>
      readFileSync(file, "utf8")
        .split(/^## Variant /m)
        .find((s) => s.startsWith(`${id}\n`))!
        .replace(/\n---\s*$/, "")
        .trim();
    expect(section(join(one, "000-relu-hidden.problems.md"), pick.id)).toBe(section(join(all, "000-relu-hidden.problems.md"), pick.id));
    expect(readFileSync(join(one, "000-relu-hidden.problems", `${pick.id}-network.svg`))).toEqual(
      readFileSync(join(all, "000-relu-hidden.problems", `${pick.id}-network.svg`)),
    );
  });
});
