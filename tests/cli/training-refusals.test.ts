/**
 * CONTRACT §5's training rules: the answer key and the worked derivation (Markdown, LaTeX) know
 * them; until check and problem sets do, those refuse a spec with another optimizer than sgd or
 * l2 > 0 (exit 2, one located line, nothing written) rather than mark against or ask about plain
 * gradient descent.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { derive } from "../../src/derive/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import { render } from "../../src/render/formats.js";
import { parseSpec } from "../../src/spec/index.js";
import { CLI, expectRefused, filesUnder, run, tempDir } from "./run.js";

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
writeFileSync(answers, "y: 0.5\n");

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe.skipIf(!existsSync(CLI))("training rules: derived and written, but not yet checked or set as problems (CLI)", () => {
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

  it("check refuses the spec (also with --list), located", () => {
    expectRefused(
      run("check", adam, answers),
      new RegExp(
        `^${esc(adam)}:12:\\d+: optimizer: adam is in the answer key and the derivation \\(derive\\) only so far; check does not know the optimizers' quantities yet$`,
      ),
    );
    expectRefused(
      run("check", l2, "--list"),
      /l2\.yaml:12:\d+: l2: λ = 0\.01 is in the answer key and the derivation \(derive\) only so far; check does not know L2 regularisation yet$/,
    );
  });

  it("problems refuses the spec, located, and writes nothing", () => {
    const out = join(dir, "out-problems");
    expectRefused(
      run("problems", momentum, "--count", "2", "--out", out),
      new RegExp(
        `^${esc(momentum)}:12:\\d+: optimizer: momentum is in the answer key and the derivation \\(derive\\) only so far; problem sets cannot ask about optimizers yet$`,
      ),
    );
    expect(filesUnder(out)).toEqual([]);
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
