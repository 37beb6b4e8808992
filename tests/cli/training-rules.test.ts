/**
 * CONTRACT §5's training rules through every command: the answer key, the worked derivation
 * (Markdown, LaTeX), check and problem sets (key, Moodle, sheets and worked solutions).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { derive } from "../../src/derive/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import { render } from "../../src/render/formats.js";
import { parseSpec } from "../../src/spec/index.js";
import { CLI, filesUnder, run, tempDir } from "./run.js";

const BASE = `learning_rate: 0.1
loss: half-sse
layers:
  - size: 2
  - size: 1
    activation: sigmoid
weights:
  - [[0.5, -0.3]]
samples:
  - input: [1, 2]
    target: [1]
`;

const dir = tempDir("training");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const specFile = (name: string, extra: string): string => {
  const f = join(dir, name);
  writeFileSync(f, BASE + extra);
  return f;
};
// line 12 is the first line after BASE
const momentum = specFile("momentum.yaml", "optimizer: momentum\nmomentum: 0.5\n");
const l2 = specFile("l2.yaml", "l2: 0.01\n");
const adam = specFile("adam.yaml", "optimizer: adam\n");
const plain = specFile("plain.yaml", "optimizer: sgd\nl2: 0\n");
const answers = join(dir, "answers.yaml");
writeFileSync(answers, "stepW13: 0.5\n");

describe.skipIf(!existsSync(CLI))("training rules in every command (CLI)", () => {
  it("derive --format md writes an optimizer's derivation", () => {
    const out = join(dir, "out-md");
    const r = run("derive", momentum, "--format", "md", "--out", out);
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(join(out, "momentum.md"), "utf8");
    expect(md).toContain("### Momentum step");
    expect(md).toContain("Momentum, with $\\mu = 0.5$");
  });

  it("derive --format tex (and json,md together) writes l2 and adam", () => {
    const out = join(dir, "out-tex");
    expect(run("derive", l2, "--format", "tex", "--out", out).code).toBe(0);
    expect(readFileSync(join(out, "l2.tex"), "utf8")).toContain("\\subsection*{L2 regularisation}");
    const r = run("derive", adam, "--format", "json,md", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(filesUnder(out)).toEqual(expect.arrayContaining(["adam.json", "adam.md", "l2.tex"]));
    expect(readFileSync(join(out, "adam.md"), "utf8")).toContain("### Adam step");
  });

  it("derive --format json writes the key with the optimizer's state", () => {
    const out = join(dir, "out-json");
    const r = run("derive", momentum, adam, l2, "--format", "json", "--out", out);
    expect(r.code, r.err).toBe(0);
    const key = (n: string) => JSON.parse(readFileSync(join(out, `${n}.json`), "utf8"));
    expect(Object.keys(key("momentum").updates[0].state)).toEqual(["v_W", "v_b"]);
    expect(Object.keys(key("adam").updates[0].state)).toEqual(["m_W", "m_b", "s_W", "s_b"]);
    expect(key("l2").updates[0].state).toEqual({});
    expect(key("l2").updates[0].samples[0].dL_dx).toHaveLength(2);
  });

  it("sgd written out (optimizer: sgd, l2: 0) is derived as before", () => {
    const out = join(dir, "out-plain");
    const r = run("derive", plain, "--format", "md", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(filesUnder(out)).toContain("plain.md");
  });

  it("check takes the spec: the optimizer's quantities by name, --list names them", () => {
    const r = run("check", adam, answers);
    expect(r.code, r.err).toBe(1); // the written 0.5 is not the step
    expect(r.out).toMatch(/stepW13/);
    const list = run("check", l2, "--list");
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^gW13 .*updates\[0\]\.dL_dW\[0\]\[0\]\[0\]/m);
    expect(list.out).toMatch(/^LossReg .*updates\[0\]\.loss /m);
  });

  it("problems makes the whole set: key, Moodle, sheets and worked solutions", () => {
    const out = join(dir, "out-problems");
    const r = run("problems", momentum, "--count", "2", "--out", out);
    expect(r.code, r.err).toBe(0);
    const files = filesUnder(out);
    expect(files).toEqual(expect.arrayContaining(["momentum.key.json", "momentum.moodle.xml"]));
    expect(files.some((f) => f.endsWith(".md") && /solution/.test(f))).toBe(true);
  });
});

describe("the renderer writes the training rules (API)", () => {
  it("render with a text format writes the optimizer's step; json has its state", async () => {
    const spec = parseSpec(`${BASE}optimizer: rmsprop\n`, "r.yaml");
    const derivation = derive(buildNetwork(spec));
    const presentation = resolvePresentation(spec);
    const [md] = await render(derivation, presentation, ["md"], { name: "r" });
    expect(String(md!.content)).toContain("### RMSprop step");
    const [json] = await render(derivation, presentation, ["json"], { name: "r" });
    expect(JSON.parse(String(json!.content)).updates[0].state).toHaveProperty("s_W");
  });
});
