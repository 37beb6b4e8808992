import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answerKey } from "../../src/numeric/index.js";
import { assemble, renderParts } from "../../src/problems/assemble.js";
import { problemFiles } from "../../src/problems/files.js";
import { generate } from "../../src/problems/generate.js";
import type { GeneratedVariant } from "../../src/problems/generate.js";
import { contractSpec } from "../../src/problems/key.js";
import { loadProblemSource } from "../../src/problems/load.js";
import { notationOf, sheetView } from "../../src/problems/sheet.js";
import { environment } from "../../src/render/index.js";
import { SpecError } from "../../src/spec/index.js";
import { checkMarkdownMath } from "../helpers/markdown.js";
import { FD_TOL, mismatches } from "../oracle/compare.js";
import { referenceTrainingKey } from "../oracle/training.js";
import { cleanup, compileLatex, hasPdflatex } from "../render/helpers.js";
import { runCheck } from "../check/helpers.js";
import { childrenNamed, parseXml } from "./xml.js";

/**
 * Problem sets of specs with CONTRACT §5's training rules (issue 12): every optimizer and l2,
 * asking for the optimizer's state after the last of several updates. Every answer is checked
 * against the independent §5 oracle, reading each variant's spec as key.json writes it.
 */
const dir = mkdtempSync(join(tmpdir(), "bpd-problems-training-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = `learning_rate: 0.1
loss: half-sse
layers:
  - size: 2
  - size: 2
    activation: sigmoid
  - size: 1
    activation: sigmoid
weights:
  - [[0.5, -0.3], [0.2, 0.4]]
  - [[0.7, -0.6]]
samples:
  - input: [1, 2]
    target: [1]
  - input: [0.5, -1]
    target: [0]
`;

/** A spec file: the base network, the training rules, the presentation and the problems: block. */
function specFile(name: string, extra: string): string {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(f, BASE + extra);
  return f;
}

const CASES = [
  {
    name: "momentum-l2",
    rules: "optimizer: momentum\nmomentum: 0.5\nl2: 0.01\nnotation: node\n",
    ask: "[state, updated-parameters, loss, gradients, loss-after]",
  },
  { name: "nesterov", rules: "optimizer: nesterov\nepochs: 2\nnotation: layer\n", ask: "[state, updated-weights]" },
  { name: "rmsprop", rules: "optimizer: rmsprop\nrho: 0.5\nmode: batch\nepochs: 2\nnotation: sequential\n", ask: "[state, loss-after]" },
  {
    name: "adam-error",
    rules: "optimizer: adam\nbeta2: 0.9\nl2: 0.05\nnotation: node\nconvention: error\nprecision: 5\n",
    ask: "[state, mhat_w_1_3, shat_b_5, g_w_3_5, L_reg, L, updated-parameters]",
  },
  {
    name: "adamw",
    rules: "optimizer: adamw\nbeta2: 0.9\nweight_decay: 0.1\nmode: batch\nepochs: 2\n",
    // s = (1 − β₂)·g² + …: small numbers, shown with 7 decimals
    ask: "[newm_w_3_5, news_w_3_5, updated-weights]\n  precision: 7",
  },
  { name: "sgd-l2", rules: "l2: 0.1\nnotation: matrix\n", ask: "[gradients, loss, updated-parameters, loss-after]" },
];

/** The oracle's number for a question, read from its last update by the question's symbol id. */
function oracleValue(v: GeneratedVariant, last: ReturnType<typeof referenceTrainingKey>["updates"][number], symbol: string): number {
  const at = (W: number[][][], b: (number | number[])[], param: string): number => {
    const p = v.net.parameters.find((x) => x.id === param)!;
    if (p.kind === "weight") return W[p.layer - 1]![p.row]![p.col]!;
    const bl = b[p.layer - 1]!;
    return typeof bl === "number" ? bl : bl[p.row]!;
  };
  const spec = contractSpec(v.spec) as { l2?: number; beta1?: number; beta2?: number; weights: number[][][] };
  const t = v.updates.length;
  // the error convention writes v, m and m̂ with the sign of δ; g = ∂L/∂θ (+ λθ) keeps its own (the solutions write −g = δa − λθ)
  const err = v.spec.convention === "error" ? -1 : 1;
  let m: RegExpExecArray | null;
  if (symbol === "L_after") return last.loss_after;
  if (symbol === "L_reg") return last.loss;
  if (symbol === "L") {
    const before = v.updates[t - 1]!.before.W.flat(2).reduce((s, w) => s + w * w, 0);
    return last.loss - ((spec.l2 ?? 0) / 2) * before;
  }
  if ((m = /^new_(.*)$/.exec(symbol))) return at(last.W, last.b, m[1]!);
  if ((m = /^g_(.*)$/.exec(symbol))) return at(last.dL_dW, last.dL_db, m[1]!);
  if ((m = /^dL_d(.*)$/.exec(symbol))) return at(last.dL_dW, last.dL_db, m[1]!);
  if ((m = /^new([vms])_(.*)$/.exec(symbol))) {
    const q = m[1]!;
    const value = at(last.state[`${q}_W`] as number[][][], last.state[`${q}_b`] as (number | number[])[], m[2]!);
    return q === "s" ? value : err * value;
  }
  if ((m = /^([ms])hat_(.*)$/.exec(symbol))) {
    const q = m[1]!;
    const beta = q === "m" ? (spec.beta1 ?? 0.9) : (spec.beta2 ?? 0.999);
    const value = at(last.state[`${q}_W`] as number[][][], last.state[`${q}_b`] as (number | number[])[], m[2]!) / (1 - beta ** t);
    return q === "s" ? value : err * value;
  }
  throw new Error(`no oracle value for ${symbol}`);
}

describe.each(CASES)("a problem set of $name", ({ name, rules, ask }) => {
  const file = specFile(name, `${rules}problems:\n  ask: ${ask}\n`);

  it("every answer is the oracle's number; the state is asked after the last of several updates", async () => {
    const src = await loadProblemSource(file);
    const variants = generate(src, { seed: 7, count: 6 });
    for (const v of variants) {
      expect(v.updates.length).toBeGreaterThanOrEqual(2);
      // key.json's spec is complete: the oracle, reading it, trains with the same rules
      const key = referenceTrainingKey(contractSpec(v.spec), { gradients: "analytic" });
      expect(mismatches(answerKey(v.updates).updates.at(-1)!.W, key.updates.at(-1)!.W, FD_TOL)).toEqual([]);
      const last = key.updates.at(-1)!;
      for (const q of v.questions) {
        expect(mismatches(q.value, oracleValue(v, last, q.symbol), FD_TOL), `${v.id} ${q.symbol}`).toEqual([]);
        // no state asked shows as zero: the guards keep it visible
        if (!q.symbol.startsWith("new_")) expect(Math.abs(Number(q.shown)), `${v.id} ${q.symbol}`).toBeGreaterThan(0);
      }
    }
    // check agrees: each answer, named as key.json and Moodle name it (the notation's names, which
    // check takes when the spec sets its notation), is ok
    for (const v of variants.slice(0, 2).filter((x) => x.spec.notation !== undefined)) {
      const n = v.updates.length;
      const names = notationOf(v.net);
      const r = runCheck(v.spec, v.questions.map((q) => `${names.ascii(q.symbol)}@u${n}: ${q.value.toFixed(10)}`).join("\n"));
      expect(r.claims.filter((c) => c.verdict !== "ok")).toEqual([]);
    }
    if (!rules.includes("optimizer")) return;
    expect(variants[0]!.questions.some((q) => /^new[vms]_/.test(q.symbol))).toBe(true);
  });

  it("the sheet words the questions and the rule; it typesets in KaTeX and pdflatex; the Moodle quiz parses", async () => {
    const src = await loadProblemSource(file);
    const variants = generate(src, { seed: 7, count: 2 });
    const sheet = sheetView(name, src.config, variants);
    const env = environment();
    const context = { name, title: sheet.title, precision: sheet.precision, instructions: sheet.instructions };
    const doc = (frame: string, part: string) =>
      Buffer.from(assemble(env, frame, renderParts(env, part, context, sheet.variants), context)).toString("utf8");
    const md = doc("problems/sheet.md.njk", "problems/sheet-variant.md.njk");
    const updates = variants[0]!.updates.length;
    if (rules.includes("momentum")) {
      expect(md).toContain(`Find the velocity $v_{W_{13}}$ after update ${updates}`);
      expect(md).toContain("$v \\leftarrow \\mu v + g$, then $\\theta \\leftarrow \\theta - \\eta v$");
    }
    if (rules.includes("optimizer: adam\n")) {
      expect(md).toMatch(/Find the first moment \$m_\{W_\{13\}\}\$ after update \d \(error convention: with the sign of \$\\delta\$/);
      expect(md).toContain("Find the second moment $s_{W_{13}}$ after update");
      expect(md).toContain("\\hat{m} = m / (1 - \\beta_1^t)");
    }
    if (rules.includes("rmsprop")) expect(md).toContain("Find the mean square");
    if (rules.includes("l2")) expect(md).toContain("\\frac{\\lambda}{2} \\sum w^2");
    const { problems, formulas } = await checkMarkdownMath(md);
    expect(problems).toEqual([]);
    expect(formulas).toBeGreaterThan(10);
    if (hasPdflatex) {
      const r = compileLatex(doc("problems/sheet.tex.njk", "problems/sheet-variant.tex.njk"));
      expect(r.errors, r.log.slice(-1500)).toEqual([]);
      cleanup(r.dir);
    }
    const files = await problemFiles({ name, seed: 7, config: src.config, variants }, ["json", "moodle"]);
    const quiz = parseXml(String(files.find((f) => f.name === `${name}.moodle.xml`)!.content));
    const numerical = childrenNamed(quiz, "question").filter((q) => q.attrs.type === "numerical");
    expect(numerical).toHaveLength(variants.reduce((s, v) => s + v.questions.length, 0));
  });
});

describe("asking for what the rules do not have", () => {
  const issues = async (extra: string, ask: string): Promise<string[]> => {
    const f = specFile(`bad-${Math.random().toString(36).slice(2)}`, `${extra}problems:\n  ask: ${ask}\n`);
    try {
      await loadProblemSource(f);
      return [];
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      return e.diagnostics.map((d) => `${d.path}: ${d.message}`);
    }
  };

  it("the state of plain gradient descent, a moment momentum does not keep, m̂ without adam, g without l2", async () => {
    expect(await issues("", "[state]")).toEqual([expect.stringMatching(/^problems\.ask\[0\]: plain gradient descent .* keeps no state/)]);
    expect(await issues("optimizer: momentum\n", "[newm_w_1_3]")).toEqual([
      expect.stringMatching(/problems\.ask\[0\]: "newm_w_1_3": momentum keeps only the state v/),
    ]);
    expect(await issues("optimizer: rmsprop\n", "[mhat_w_1_3]")).toEqual([
      expect.stringMatching(/only adam and adamw correct their moments/),
    ]);
    expect(await issues("optimizer: adam\n", "[g_w_1_3, L_reg]")).toEqual([
      expect.stringMatching(/"g_w_1_3": the spec has no L2 term/),
      expect.stringMatching(/"L_reg": the spec has no L2 term/),
    ]);
    expect(await issues("l2: 0.1\n", "[g_b_3]")).toEqual([expect.stringMatching(/only a weight's gradient has the L2 term/)]);
    expect(await issues("optimizer: adam\ntrain_biases: false\n", "[newm_b_3]")).toEqual([expect.stringMatching(/keeps its biases fixed/)]);
  });

  it("a set with worked solutions takes every rule (the derivation writes them out)", async () => {
    const f = specFile("solutions", "optimizer: adam\nl2: 0.1\n");
    await expect(loadProblemSource(f, f, 2)).resolves.toBeDefined();
  });
});
