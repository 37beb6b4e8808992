import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkText, deriveText, fileName } from "../../src/workbench/workbench.js";

/*
 * What the workbench does, without the page (src/workbench/workbench.ts), in Node: the same
 * files as the CLI's, problems located in the text, the answers checked. The page itself is
 * tested in Chromium (workbench.test.ts).
 */

const text = (name: string) => readFileSync(`specs/${name}.yaml`, "utf8");

describe("deriveText", () => {
  it("writes what derive writes (out/), and the note as HTML block by block", async () => {
    const r = await deriveText(text("004-sigmoid-softmax"), "004-sigmoid-softmax");
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.files.md).toBe(readFileSync("out/004-sigmoid-softmax.md", "utf8"));
    expect(r.files.svg).toBe(readFileSync("out/004-sigmoid-softmax-network.svg", "utf8"));
    expect(r.files.tex).toBe(readFileSync("out/004-sigmoid-softmax.tex", "utf8"));
    expect(r.files.json).toBe(readFileSync("out/004-sigmoid-softmax.json", "utf8"));
    expect(r.blocks.join("\n")).toBe(r.html);
    expect(r.blocks.length).toBeGreaterThan(20);
    expect(r.blocks[0]).toMatch(/^<h1>/);
    expect(r.html).toMatch(/<figure class="diagram">\s*<svg/);
    expect(r.html).not.toContain("katex-error");
  });

  it("takes the switches as the command line's flags", async () => {
    const r = await deriveText(text("002-sigmoid-2-2-2"), "n", { notation: "matrix", convention: "error", detail: "deltas", precision: 2 });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.files.md).toContain("Notation: matrix");
    expect(r.files.md).toContain("error convention");
  });

  it("gives the spec's problems with their lines, and a bad precision as a problem", async () => {
    const bad = text("000-relu-hidden").replace("activation: relu", "activation: rlu");
    const r = await deriveText(bad, "n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = bad.split("\n").findIndex((l) => l.includes("rlu")) + 1;
    expect(r.problems).toContainEqual(expect.objectContaining({ line, path: "layers[1].activation" }));
    const yaml = await deriveText("title: [", "n");
    expect(!yaml.ok && yaml.problems[0]!.line).toBe(1);
    const precision = await deriveText(text("000-relu-hidden"), "n", { precision: 40 });
    expect(!precision.ok && precision.problems[0]!.message).toMatch(/precision/);
  });

  it("takes only names a file and a link keep as they are", async () => {
    expect(fileName("a b/c<d>.e")).toBe("a-b-c-d-.e");
    expect(fileName("..")).toBe("network");
    expect(fileName("")).toBe("network");
    await expect(deriveText(text("000-relu-hidden"), "a b")).rejects.toThrow(/not a file name/);
  });
});

describe("deriveText on computational-graph specs (CONTRACT §6)", () => {
  it("writes what derive writes for a graph (out/): the note, its circuit, the article and the graph key", async () => {
    const r = await deriveText(text("013-micrograd-expression"), "013-micrograd-expression");
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.kind).toBe("graph");
    expect(r.files.md).toBe(readFileSync("out/013-micrograd-expression.md", "utf8"));
    expect(r.files.svg).toBe(readFileSync("out/013-micrograd-expression-circuit.svg", "utf8"));
    expect(r.files.tex).toBe(readFileSync("out/013-micrograd-expression.tex", "utf8"));
    expect(r.files.json).toBe(readFileSync("out/013-micrograd-expression.json", "utf8"));
    expect(r.blocks.join("\n")).toBe(r.html);
    expect(r.html).toMatch(/<figure class="diagram">\s*<svg/);
    expect(r.html).not.toContain("katex-error");
  });

  it("takes the graph notations and the decimals; a network notation, or a graph's on a network, is a problem", async () => {
    const adjoint = await deriveText(text("010-circuit-add-multiply"), "g", { graphNotation: "adjoint", precision: 2 });
    if (!adjoint.ok) throw new Error(JSON.stringify(adjoint.problems));
    expect(adjoint.files.md).toContain("\\bar{x}");
    const partial = await deriveText(text("010-circuit-add-multiply"), "g", { graphNotation: "partial" });
    expect(partial.ok && partial.files.md).toContain("\\partial f");
    const wrong = await deriveText(text("010-circuit-add-multiply"), "g", { notation: "matrix" });
    expect(!wrong.ok && wrong.problems[0]!.message).toMatch(/matrix is for layered networks/);
    const other = await deriveText(text("000-relu-hidden"), "n", { graphNotation: "adjoint" });
    expect(!other.ok && other.problems[0]!.message).toMatch(/adjoint is for computational-graph specs/);
    const bad = await deriveText(text("010-circuit-add-multiply"), "g", { precision: 40 });
    expect(!bad.ok && bad.problems[0]!.message).toMatch(/precision/);
  });

  it("a graph's problems are located; a graph with a leaf without value derives with no key", async () => {
    const r = await deriveText("graph:\n  inputs: { x: 1 }\n  nodes:\n    - f: x * yy\n", "g");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/unknown name yy/) });
    const symbolic = await deriveText("graph:\n  inputs: { x: , y: }\n  nodes:\n    - f: x * y\n", "g");
    if (!symbolic.ok) throw new Error(JSON.stringify(symbolic.problems));
    expect(symbolic.files.json).toBe("");
    expect(symbolic.files.svg).toMatch(/^\s*<svg/);
  });
});

describe("checkText", () => {
  it("checks answers as check does; no answers, no report", () => {
    const spec = text("000-relu-hidden");
    const none = checkText(spec, "n", "  ");
    expect(none.ok && none.report).toBeUndefined();
    expect(none.names.map((n) => n.name)).toContain("Y3");
    const r = checkText(spec, "n", "Y3: 0.572\nY4: 0.5\n");
    if (!r.ok || !r.report) throw new Error("no report");
    expect(r.report.claims.map((c) => c.verdict)).toEqual(["ok", "wrong"]);
    expect(r.report.first_wrong).toBe("updates[0].samples[0].a[0][1]");
  });

  it("locates the problems of the answers, and of a spec without numbers", () => {
    const spec = text("000-relu-hidden");
    const r = checkText(spec, "n", "Y3: 0.572\nQ9: 1\n");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.in).toBe("answers");
    expect(!r.ok && r.problems[0]!.line).toBe(2);
    const symbolic = checkText(text("001-identity-output").replace(/^weights:[\s\S]*$/m, ""), "n", "Y3: 1");
    expect(!symbolic.ok && symbolic.in).toBe("spec");
  });

  it("checks answers against a graph spec: CS231n's first circuit (values and gradients by hand), and a leaf without a value", () => {
    // f = (x + y)·z at x = −2, y = 5, z = −4: q = 3, f = −12, ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = q = 3.
    const spec = text("010-circuit-add-multiply");
    const r = checkText(spec, "c", "q: 3\nf: -12\ndx: -4\ndz: 4\n");
    if (!r.ok || !r.report) throw new Error(`no report: ${JSON.stringify(r)}`);
    expect(r.report.claims.map((c) => c.verdict)).toEqual(["ok", "ok", "ok", "wrong"]);
    expect(r.names.map((n) => n.name)).toEqual(expect.arrayContaining(["q", "dq"]));
    const symbolic = checkText(spec.replace("{ x: -2,", "{ x: null,"), "c", "q: 3");
    expect(!symbolic.ok && symbolic.in).toBe("spec");
    expect(!symbolic.ok && symbolic.problems[0]!.message).toContain("has no value");
  });
});
