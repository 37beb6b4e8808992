import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { checkNote } from "../../src/check/index.js";
import type { NoteReport } from "../../src/check/index.js";
import { derive } from "../../src/derive/index.js";
import { buildNetwork } from "../../src/network/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import { render } from "../../src/render/index.js";
import { loadSpec, parseSpec } from "../../src/spec/index.js";
import type { NetworkSpec } from "../../src/spec/index.js";
import { referenceTrainingKey } from "../oracle/training.js";

/**
 * Notes in the matrix notation, and notes of several updates (specs/005's momentum, specs/006's
 * Adam): what `derive` renders must be found right, and a planted mistake found on its line.
 * The numbers of the hand-written notes come from the independent oracle (tests/oracle).
 */

const notOk = (r: NoteReport) => r.findings.filter((f) => f.verdict !== "ok");
const onLine = (r: NoteReport, line: number) => r.findings.filter((f) => f.line === line && f.verdict !== "ok");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

type Detail = "full" | "deltas";
const present = (spec: NetworkSpec, notation: string, convention: string, detail?: Detail): NetworkSpec =>
  ({ ...spec, notation, convention, ...(detail ? { detail } : {}) }) as NetworkSpec;

async function rendered(spec: NetworkSpec, format: "md" | "tex"): Promise<string> {
  const files = await render(derive(buildNetwork(spec)), resolvePresentation(spec), [format], { name: "note" });
  return files.find((f) => f.name.endsWith(`.${format}`))!.content as string;
}
const kindOf = (format: "md" | "tex") => (format === "md" ? "markdown" : "latex");

describe("a note rendered in the matrix notation", () => {
  for (const file of ["specs/000-relu-hidden.yaml", "specs/004-sigmoid-softmax.yaml", "specs/003-relu-chain.yaml"]) {
    for (const convention of ["gradient", "error"]) {
      for (const detail of ["full", "deltas"] as const) {
        it(`${file}, ${convention} convention, ${detail} detail: nothing that is not ok, and the numbers graded`, async () => {
          const spec = present(await loadSpec(file), "matrix", convention, detail);
          for (const format of ["md", "tex"] as const) {
            const report = await checkNote(spec, await rendered(spec, format), kindOf(format));
            expect(notOk(report).map((f) => `${format} ${f.line}: ${f.text} — ${f.message}`)).toEqual([]);
            expect(report.findings.filter((f) => f.kind === "equation").length).toBeGreaterThan(10);
            expect(report.findings.filter((f) => f.kind === "number").length).toBeGreaterThan(15);
          }
        }, 60_000);
      }
    }
  }

  it("reads W^{(2)}_{11} as the scalar weight: a changed matrix entry is found on its line", async () => {
    const spec = present(await loadSpec("specs/000-relu-hidden.yaml"), "matrix", "gradient");
    const text = await rendered(spec, "md");
    const rows = text.split("\n");
    // the factor ∂z/∂a = W^{(2)}_{11} = −0.1 of the hidden delta (the spec's −0.1, read as −0.2)
    const i = rows.findIndex((l) => /= W\^\{\(2\)\}_\{11\} = -0\.1 \\\\$/.test(l));
    expect(i).toBeGreaterThanOrEqual(0);
    rows[i] = rows[i]!.replace("= -0.1 \\\\", "= -0.2 \\\\");
    const r = await checkNote(spec, rows.join("\n"), "markdown");
    expect(onLine(r, i + 1).map((f) => f.diagnosis)).toContain("misread");
  }, 60_000);

  it("a changed number is found on its line (fast-check picks the line and the change), md and tex", async () => {
    const spec = present(await loadSpec("specs/002-sigmoid-2-2-2.yaml"), "matrix", "error");
    for (const format of ["md", "tex"] as const) {
      const text = await rendered(spec, format);
      const lines = text
        .split("\n")
        .map((l, i) => ({ l, i: i + 1 }))
        .filter(({ l }) => /= -?\d+\.\d{2,}\s*(\\\\)?\s*$/.test(l) && !/\\frac\{1\}\{2\}/.test(l))
        .map(({ i }) => i);
      expect(lines.length).toBeGreaterThan(10);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...lines), fc.constantFrom(0.5, 2, -1, 1.3), async (line, factor) => {
          const rows = text.split("\n");
          rows[line - 1] = rows[line - 1]!.replace(/(-?\d+\.\d+)(\s*(?:\\\\)?\s*)$/, (_, n: string, rest: string) => {
            const v = Number(n) * factor + (Number(n) === 0 ? 1 : 0);
            return `${v.toFixed(n.split(".")[1]!.length)}${rest}`;
          });
          const report = await checkNote(spec, rows.join("\n"), kindOf(format));
          expect(onLine(report, line).length, `${format} line ${line}: ${rows[line - 1]}`).toBeGreaterThan(0);
        }),
        { numRuns: 6 },
      );
    }
  }, 180_000);

  it("an update with its sign flipped, η dropped, or a layer's weight for another's: found on its line", async () => {
    const spec = present(await loadSpec("specs/000-relu-hidden.yaml"), "matrix", "gradient");
    const text = await rendered(spec, "tex");
    const rows = text.split("\n");
    const i = rows.findIndex((l) => l.startsWith("W^{(2),\\mathrm{new}}_{11}"));
    expect(i).toBeGreaterThanOrEqual(0);
    const flipped = [...rows];
    flipped[i] = rows[i]!.replace("- \\eta", "+ \\eta");
    const r1 = await checkNote(spec, flipped.join("\n"), "latex");
    expect(onLine(r1, i + 1).some((f) => f.diagnosis === "sign-update")).toBe(true);
    const dropped = [...rows];
    dropped[i] = rows[i]!.replace("\\eta\\,", "");
    const r2 = await checkNote(spec, dropped.join("\n"), "latex");
    expect(onLine(r2, i + 1).some((f) => f.diagnosis === "eta-missing" || f.diagnosis === "missing-eta")).toBe(true);
    // the net input of output 1 with layer 1's weight W^{(1)}_{11} for layer 2's
    const j = rows.findIndex((l) => l.startsWith("z^{(2)}_{1} &= W^{(2)}_{11}"));
    expect(j).toBeGreaterThanOrEqual(0);
    const swapped = [...rows];
    swapped[j] = rows[j]!.replace("W^{(2)}_{11}", "W^{(1)}_{11}");
    const r3 = await checkNote(spec, swapped.join("\n"), "latex");
    expect(onLine(r3, j + 1).some((f) => f.kind === "equation" && f.verdict === "wrong")).toBe(true);
  }, 60_000);

  it("vectors and matrices written whole are read element by element, each element located (md and tex)", async () => {
    const spec = present(await loadSpec("specs/000-relu-hidden.yaml"), "matrix", "gradient");
    const key = referenceTrainingKey(parseYaml(readFileSync("specs/000-relu-hidden.yaml", "utf8")), { gradients: "analytic" });
    const u = key.updates[0]!;
    const f4 = (x: number) => String(Number(x.toFixed(4)));
    const [a1, a2] = u.samples[0]!.a[0]!;
    const d2 = u.samples[0]!.dL_dz[1]!;
    const W1 = u.W[0]!;
    const body = [
      `$$\\mathbf{a}^{(1)} = \\begin{bmatrix} ${f4(a1!)} \\\\ ${f4(a2!)} \\end{bmatrix}$$`,
      "",
      // the second element planted wrong
      `$\\pmb{\\delta}^{(2)} = (${f4(d2[0]!)}, ${f4(d2[1]! + 0.5)}, ${f4(d2[2]!)})^T$`,
      "",
      "$$",
      `W^{(1),\\mathrm{new}} = \\begin{pmatrix} ${f4(W1[0]![0]!)} & ${f4(W1[0]![1]!)} \\\\`,
      `${f4(W1[1]![0]!)} & ${f4(W1[1]![1]! + 1)} \\end{pmatrix}`,
      "$$",
      "",
      "$$\\boldsymbol\\delta^{(1)} = (W^{(2)})^T \\boldsymbol\\delta^{(2)} \\odot f'(\\mathbf{z}^{(1)})$$",
      "",
    ];
    const md = body.join("\n");
    let open = false;
    const toTex = (l: string) => (l === "$$" ? ((open = !open) ? "\\[" : "\\]") : l.replace(/^\$\$(.*)\$\$$/, "\\[$1\\]"));
    const tex = ["\\documentclass{article}", "\\begin{document}", ...body.map(toTex), "\\end{document}", ""].join("\n");
    for (const [text, kind, shift] of [
      [md, "markdown", 0],
      [tex, "latex", 2],
    ] as const) {
      const r = await checkNote(spec, text, kind);
      const numbers = (line: number) => r.findings.filter((f) => f.line === line + shift && f.kind === "number");
      expect(numbers(1).map((f) => f.verdict)).toEqual(["ok", "ok"]);
      expect(numbers(3).map((f) => f.verdict)).toEqual(["ok", "wrong", "ok"]);
      // the wrong element is located at its own column
      expect(numbers(3)[1]!.column).toBe(text.split("\n")[2 + shift]!.indexOf(f4(d2[1]! + 0.5)) + 1);
      expect(numbers(6).map((f) => f.verdict)).toEqual(["ok", "ok"]);
      expect(numbers(7).map((f) => f.verdict)).toEqual(["ok", "wrong"]);
      // a symbolic vector equation is not compared, and says so
      expect(onLine(r, 10 + shift).map((f) => f.verdict)).toEqual(["unknown"]);
      expect(onLine(r, 10 + shift)[0]!.message).toMatch(/vector equation: not compared/);
    }
  }, 60_000);

  it("a layer the network does not have is a symbol that names nothing", async () => {
    const spec = present(await loadSpec("specs/000-relu-hidden.yaml"), "matrix", "gradient");
    const r = await checkNote(spec, "$$z^{(2)}_{1} = W^{(3)}_{11} a^{(1)}_{1} + b^{(2)}_{1}$$\n", "markdown");
    expect(onLine(r, 1).map((f) => f.verdict)).toEqual(["unknown"]);
    expect(onLine(r, 1)[0]!.message).toMatch(/names nothing/);
  });

  it("circled labels (Unicode, \\circnum, the renderer's \\bigcirc) and \\sum are read or left alone, never wrong", async () => {
    const spec = present(await loadSpec("specs/000-relu-hidden.yaml"), "matrix", "gradient");
    const note = [
      "$$① \\quad \\frac{\\partial L}{\\partial a^{(2)}_{1}} = a^{(2)}_{1} - y_{1} = -1.9102$$",
      "",
      "$$\\circnum{2} \\quad \\frac{\\partial L}{\\partial a^{(2)}_{2}} = a^{(2)}_{2} - y_{2} = -0.1368$$",
      "",
      "$${\\mathord{\\bigcirc}\\mkern-12.15mu{\\scriptstyle 3}\\mkern5.85mu}\\quad \\frac{\\partial L}{\\partial a^{(2)}_{3}} = a^{(2)}_{3} - y_{3} = 0.1042$$",
      "",
      "$$\\delta^{(1)}_{j} = \\sum_{k} W^{(2)}_{kj} \\delta^{(2)}_{k} f'(z^{(1)}_{j})$$",
      "",
      "$$\\delta^{(1)}_{1} = \\sum_{k=1}^{3} W^{(2)}_{k1} \\delta^{(2)}_{k} = -0.3665$$",
      "",
      // past 99 the renderer writes its labels \text{(100)}: a label, not the number 100
      "$$\\text{(100)}\\quad \\frac{\\partial L}{\\partial a^{(2)}_{1}} = a^{(2)}_{1} - y_{1} \\text{(100)} = -1.9102$$",
      "",
    ].join("\n");
    const r = await checkNote(spec, note, "markdown");
    expect(notOk(r).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
    // the numbers are still graded (the values are those of docs/seed-errata.md's reference for note 000)
    for (const line of [1, 3, 5, 9, 11])
      expect(r.findings.some((f) => f.line === line && f.kind === "number" && f.verdict === "ok")).toBe(true);
  });
});

describe("a note of several updates", () => {
  for (const [file, notations] of [
    ["specs/005-momentum-sigmoid-2-2-2.yaml", ["sequential", "matrix", "node"]],
    ["specs/006-adam-l2-relu-hidden.yaml", ["node", "matrix", "layer"]],
  ] as const) {
    for (const notation of notations) {
      for (const convention of ["gradient", "error"]) {
        it(`${file} rendered, ${notation} notation, ${convention} convention: nothing that is not ok`, async () => {
          const spec = present(await loadSpec(file), notation, convention);
          for (const format of ["md", "tex"] as const) {
            const text = await rendered(spec, format);
            const report = await checkNote(spec, text, kindOf(format));
            expect(notOk(report).map((f) => `${format} ${f.line}: ${f.text.slice(0, 120)} — ${f.message}`)).toEqual([]);
            // numbers are graded after the last update's heading too
            const last = lineOf(text, "Update 2");
            expect(report.findings.filter((f) => f.kind === "number" && f.line > last).length).toBeGreaterThan(20);
          }
        }, 120_000);
      }
    }
  }

  // specs/002's network with a second sample, two epochs: in batch mode (two samples per update) and online
  const twoSamples = (mode: "batch" | "online") =>
    readFileSync("specs/002-sigmoid-2-2-2.yaml", "utf8")
      .replace(/^mode: \w+/m, `mode: ${mode}`)
      .replace(/^epochs: \d+/m, "epochs: 2")
      .replace(/^(\s*target: \[0\.01, 0\.99\].*)$/m, "$1\n  - input: [0.3, -0.2]\n    target: [0.5, 0.2]");

  for (const mode of ["batch", "online"] as const) {
    it(`two samples, two epochs, ${mode}: the rendered note (sequential and matrix, md and tex) gives nothing that is not ok`, async () => {
      const text = twoSamples(mode);
      expect(text).toContain("input: [0.3, -0.2]");
      for (const notation of ["sequential", "matrix"]) {
        const spec = present(parseSpec(text, "two-samples.yaml"), notation, "gradient");
        for (const format of ["md", "tex"] as const) {
          const report = await checkNote(spec, await rendered(spec, format), kindOf(format));
          expect(notOk(report).map((f) => `${notation} ${format} ${f.line}: ${f.text.slice(0, 100)} — ${f.message}`)).toEqual([]);
        }
      }
    }, 120_000);
  }

  it("in a batch update, a sample's pass is graded against that sample (values from the oracle)", async () => {
    const text = twoSamples("batch");
    const spec = parseSpec(text, "two-samples.yaml");
    const key = referenceTrainingKey(parseYaml(text), { gradients: "analytic" });
    const [s1, s2] = key.updates[0]!.samples;
    const f4 = (x: number) => x.toFixed(4);
    const note = [
      "## Update 1",
      "### Forward pass, sample 1",
      `$z_{1} = ${f4(s1!.z[0]![0]!)}$`,
      "### Forward pass, sample 2",
      `$z_{1} = ${f4(s2!.z[0]![0]!)}$`,
      // sample 1's value under sample 2
      `$z_{2} = ${f4(s1!.z[0]![1]!)}$`,
      "### Gradient step",
      `$w^{\\mathrm{new}}_{5} = ${f4(key.updates[0]!.W[1]![0]![0]!)}$`,
      "",
    ].join("\n");
    const r = await checkNote(spec, note, "markdown");
    expect(notOk(r).map((f) => f.line)).toEqual([6]);
    for (const line of [3, 5, 8]) expect(r.findings.some((f) => f.line === line && f.verdict === "ok")).toBe(true);
  }, 60_000);

  it("a number is graded against the update whose heading it is under (values from the oracle)", async () => {
    const file = "specs/005-momentum-sigmoid-2-2-2.yaml";
    const spec = await loadSpec(file);
    const key = referenceTrainingKey(parseYaml(readFileSync(file, "utf8")), { gradients: "analytic" });
    const u1 = key.updates[0]!;
    const u2 = key.updates[1]!;
    const u3 = key.updates[2]!;
    const f4 = (x: number) => x.toFixed(4);
    const v = (u: typeof u1) => (u.state.v_W as number[][][])[1]![0]![0]!;
    // sequential notation: w5 is the weight from hidden neuron 1 (node 3) to output 1 (node 5)
    const note = [
      "# Momentum, by hand",
      "",
      "## Update 1",
      "",
      `$z_{1} = ${f4(u1.samples[0]!.z[0]![0]!)}$ and $a_{3} = ${f4(u1.samples[0]!.a[1]![0]!)}$`,
      "",
      `$$v^{\\mathrm{new}}_{w_{5}} = \\mu v_{w_{5}} + \\frac{\\partial J}{\\partial w_{5}} = ${f4(v(u1))}$$`,
      "",
      `$$w^{\\mathrm{new}}_{5} = w_{5} - \\eta v^{\\mathrm{new}}_{w_{5}} = ${f4(u1.W[1]![0]![0]!)}$$`,
      "",
      "## Update 2",
      "",
      `$z_{1} = ${f4(u2.samples[0]!.z[0]![0]!)}$`,
      "",
      // right for update 1, written under update 2
      `$z_{2} = ${f4(u1.samples[0]!.z[0]![1]!)}$`,
      "",
      `$w_{5} = ${f4(u1.W[1]![0]![0]!)}$`,
      "",
      `$$v^{\\mathrm{new}}_{w_{5}} = \\mu v_{w_{5}} + \\frac{\\partial J}{\\partial w_{5}} = ${f4(v(u2))}$$`,
      "",
      `$$w^{\\mathrm{new}}_{5} = w_{5} - \\eta v^{\\mathrm{new}}_{w_{5}} = ${f4(u2.W[1]![0]![0]!)}$$`,
      "",
      "Epoch 3:",
      "",
      `$$w^{\\mathrm{new}}_{5} = w_{5} - \\eta v^{\\mathrm{new}}_{w_{5}} = ${f4(u3.W[1]![0]![0]!)}$$`,
      "",
      // update 2's velocity, under update 3
      `$v^{\\mathrm{new}}_{w_{5}} = ${f4(v(u2))}$`,
      "",
      `$$v^{\\mathrm{new}}_{w_{5}} = v_{w_{5}} + \\frac{\\partial J}{\\partial w_{5}}$$`,
      "",
    ].join("\n");
    const r = await checkNote(spec, note, "markdown");
    const bad = notOk(r).map((f) => f.line);
    expect(bad.sort((a, b) => a - b)).toEqual([15, 27, 29]);
    // the correction is update 2's value
    const correct = Number(/correct (-?[\d.]+)/.exec(onLine(r, 15)[0]!.message)![1]);
    expect(Math.abs(correct - u2.samples[0]!.z[0]![1]!)).toBeLessThan(1e-5);
    expect(onLine(r, 29)[0]!.kind).toBe("equation");
    // the right numbers are graded, not skipped
    for (const line of [5, 7, 9, 13, 17, 19, 21, 25]) expect(r.findings.some((f) => f.line === line && f.verdict === "ok")).toBe(true);
  }, 60_000);

  it("Adam's t is the update's number: m̂ with update 1's correction under update 2 is wrong", async () => {
    const spec = present(await loadSpec("specs/006-adam-l2-relu-hidden.yaml"), "node", "gradient");
    const note = [
      "## Update 1",
      "$$\\hat{m}_{W_{35}} = \\frac{m^{\\mathrm{new}}_{W_{35}}}{1 - \\beta_{1}^{t}}$$",
      "$$\\hat{m}_{W_{35}} = \\frac{m^{\\mathrm{new}}_{W_{35}}}{1 - \\beta_{1}}$$",
      "## Update 2",
      "$$\\hat{m}_{W_{35}} = \\frac{m^{\\mathrm{new}}_{W_{35}}}{1 - \\beta_{1}^{t}}$$",
      "$$\\hat{m}_{W_{35}} = \\frac{m^{\\mathrm{new}}_{W_{35}}}{1 - \\beta_{1}^{2}}$$",
      "$$\\hat{m}_{W_{35}} = \\frac{m^{\\mathrm{new}}_{W_{35}}}{1 - \\beta_{1}}$$",
      "",
    ].join("\n");
    const r = await checkNote(spec, note, "markdown");
    expect(notOk(r).map((f) => f.line)).toEqual([7]);
  }, 60_000);
});

describe("robustness of the new readings", () => {
  it("random notes of matrices, layers and update headings never throw, and every finding is located", async () => {
    const spec = present(await loadSpec("specs/005-momentum-sigmoid-2-2-2.yaml"), "matrix", "gradient");
    const pieces = [
      "$",
      "$$",
      "\n",
      "## Update 2\n",
      "Sample 1: ",
      "### Forward pass, sample 3\n",
      "Epoch 9\n",
      "\\begin{bmatrix}",
      "\\end{bmatrix}",
      "\\begin{aligned}",
      "\\end{aligned}",
      " & ",
      " \\\\ ",
      "\\mathbf{a}^{(1)}",
      "\\pmb{\\delta}^{(2)}",
      "W^{(1),\\mathrm{new}}",
      "W^{(3)}_{11}",
      "a^{(2)}_{1}",
      "e^{(2)}_{1}",
      "v^{\\mathrm{new}}_{W^{(1)}_{11}}",
      " = ",
      "(0.1, -0.2)^T",
      "0.5",
      "-1",
      "\\odot",
      "\\sum_{k}",
      "①",
      "\\circnum{3}",
      "t",
      "\\beta_{1}^{t}",
      "(",
      ")",
      "{",
      "}",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.constantFrom("markdown" as const, "latex" as const),
        async (parts, kind) => {
          const r = await checkNote(spec, parts.join(""), kind);
          for (const f of r.findings) {
            expect(f.line).toBeGreaterThan(0);
            expect(f.column).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 120 },
    );
  }, 180_000);
});
