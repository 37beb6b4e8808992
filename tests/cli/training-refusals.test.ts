/**
 * Until the worked derivation knows CONTRACT §5's training rules, it refuses a spec with another
 * optimizer than sgd or l2 > 0 (exit 2, one located line, nothing written) rather than show plain
 * gradient descent, and so do a problem set's worked solutions (md, tex); the answer key
 * (--format json), check and a problem set's key and Moodle quiz take it.
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
writeFileSync(answers, "stepW13: 0.5\n");

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe.skipIf(!existsSync(CLI))("training rules the derivation does not know yet (CLI)", () => {
  it("derive --format md refuses an optimizer, at the field, and writes nothing", () => {
    const out = join(dir, "out-md");
    const r = run("derive", momentum, "--format", "md", "--out", out);
    expectRefused(
      r,
      new RegExp(
        `^${esc(momentum)}:12:\\d+: optimizer: momentum is in the answer key \\(--format json\\) only so far; the worked derivation of optimizers is not written yet$`,
      ),
    );
    expect(filesUnder(out)).toEqual([]);
  });

  it("derive --format tex (and json,md together) refuses l2 > 0 at the field", () => {
    const out = join(dir, "out-tex");
    expectRefused(
      run("derive", l2, "--format", "tex", "--out", out),
      new RegExp(
        `^${esc(l2)}:12:\\d+: l2: λ = 0\\.01 is in the answer key \\(--format json\\) only so far; the worked derivation of L2 regularisation is not written yet$`,
      ),
    );
    expectRefused(run("derive", adam, "--format", "json,md", "--out", out), /adam\.yaml:12:\d+: optimizer: adam is in the answer key/);
    expect(filesUnder(out)).toEqual([]);
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

  it("problems: the key and the Moodle quiz are made; the worked solutions (md, tex) are refused, located, and nothing is written", () => {
    const out = join(dir, "out-problems");
    expectRefused(
      run("problems", momentum, "--count", "2", "--out", out),
      new RegExp(
        `^${esc(momentum)}:12:\\d+: optimizer: momentum is in a problem set's key and Moodle quiz \\(--format json,moodle\\) only so far; the worked solutions \\(--format md, tex\\) are derivations, which cannot show optimizers yet$`,
      ),
    );
    expect(filesUnder(out)).toEqual([]);
    const made = join(dir, "out-problems-json");
    const r = run("problems", momentum, "--count", "2", "--format", "json,moodle", "--out", made);
    expect(r.code, r.err).toBe(0);
    expect(filesUnder(made).sort()).toEqual(["momentum.key.json", "momentum.moodle.xml"]);
  });
});

describe("the renderer itself never writes plain gradient descent for other rules (API)", () => {
  it("render with a text format throws; json works", async () => {
    const spec = parseSpec(`${BASE}optimizer: rmsprop\n`, "r.yaml");
    const derivation = derive(buildNetwork(spec));
    const presentation = resolvePresentation(spec);
    await expect(render(derivation, presentation, ["md"], { name: "r" })).rejects.toThrow(/optimizer: rmsprop is in the answer key/);
    const [json] = await render(derivation, presentation, ["json"], { name: "r" });
    expect(JSON.parse(String(json!.content)).updates[0].state).toHaveProperty("s_W");
  });
});
