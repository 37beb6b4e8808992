import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS, parseSpec, SpecError } from "../../src/spec/index.js";
import { parameterCount, workProblem } from "../../src/spec/limits.js";
import { expectRefused, filesUnder, run, tempDir } from "../cli/run.js";

/*
 * The work a spec may ask for is bounded before any is done: sample passes (epochs × samples),
 * parameter passes (× parameters; × variants in a problem set) and the title's length. Each
 * refusal names the field, the numbers and the limit, on one located line; nothing is written.
 */

const SEED = "specs/000-relu-hidden.yaml";

/** A spec of these layer sizes (JSON), with weights and `samples` samples when asked. */
function spec(sizes: number[], opts: { samples?: number; epochs?: number; weights?: boolean; title?: string } = {}): string {
  const layers = sizes.map((size, i) => (i === 0 ? { size } : { size, activation: "sigmoid" }));
  const weights =
    opts.weights === false ? undefined : sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array(sizes[l]).fill(0.1)));
  const samples = Array.from({ length: opts.samples ?? 0 }, () => ({
    input: Array(sizes[0]).fill(0.5),
    target: Array(sizes.at(-1)).fill(0),
  }));
  return JSON.stringify({ title: opts.title, learning_rate: 0.1, loss: "half-sse", epochs: opts.epochs, layers, weights, samples });
}

const refusal = (text: string, file = "w.json") => {
  try {
    parseSpec(text, file);
  } catch (e) {
    if (e instanceof SpecError) return e.diagnostics;
    throw e;
  }
  return undefined;
};

describe("work limits at their boundaries (the loader)", () => {
  it("counts parameters as weights and biases", () => {
    expect(parameterCount([2, 2, 3])).toBe(2 * 2 + 2 + 3 * 2 + 3);
    expect(parameterCount([784, 64, 10])).toBe(50_890);
  });

  it("sample passes: exactly the limit is accepted, one more epoch is not", () => {
    // 500 epochs of XOR's four samples = 2,000 passes
    expect(refusal(spec([2, 2, 1], { samples: 4, epochs: LIMITS.passes / 4 }))).toBeUndefined();
    expect(refusal(spec([2, 2, 1], { samples: 4, epochs: LIMITS.passes / 4 + 1 }))).toMatchObject([
      {
        path: "epochs",
        line: 1,
        message:
          "501 epochs × 4 samples = 2,004 sample passes, each derived and written out step by step; at most 2,000 are allowed in Markdown and LaTeX (up to 20,000 for --format json and check)",
      },
    ]);
  });

  it("numbers only (an answer key, check): 20,000 sample passes and 500,000 parameter passes", () => {
    const computed = (text: string) => {
      try {
        parseSpec(text, "w.json", "computed");
      } catch (e) {
        if (e instanceof SpecError) return e.diagnostics;
        throw e;
      }
      return undefined;
    };
    expect(computed(spec([2, 2, 1], { samples: 20, epochs: 1000 }))).toBeUndefined();
    expect(computed(spec([2, 2, 1], { samples: 21, epochs: 1000 }))).toMatchObject([
      { path: "epochs", message: "1,000 epochs × 21 samples = 21,000 sample passes, each computed; at most 20,000 are allowed" },
    ]);
    // [10, 10,000]: 110,000 parameters; × 4 samples = 440,000; × 5 = 550,000
    expect(computed(spec([10, 10_000], { samples: 4 }))).toBeUndefined();
    expect(computed(spec([10, 10_000], { samples: 5 }))).toMatchObject([
      { path: "samples", message: "110,000 parameters × 5 samples = 550,000 parameter passes; at most 500,000 are allowed" },
    ]);
  });

  it("parameter passes: exactly the limit is accepted, one more parameter is not", () => {
    // [2, k]: 3k parameters; 10,000 × 3 × 2 samples = 60,000
    expect(LIMITS.work).toBe(60_000);
    expect(refusal(spec([2, 10_000], { samples: 2 }))).toBeUndefined();
    expect(refusal(spec([2, 10_000], { samples: 3 }))).toMatchObject([
      {
        path: "samples",
        message:
          "30,000 parameters × 3 samples = 90,000 parameter passes; at most 60,000 are allowed in Markdown and LaTeX (up to 500,000 for --format json and check)",
      },
    ]);
    // without numbers the symbolic derivation is made once, whatever the epochs
    expect(refusal(spec([6, 8570], { weights: false }))).toBeUndefined(); // 59,990
    expect(refusal(spec([6, 8572], { weights: false, epochs: 1000 }))).toMatchObject([
      {
        path: "layers",
        message:
          "60,004 parameters (weights and biases) = 60,004 parameter passes; at most 60,000 are allowed in Markdown and LaTeX (up to 500,000 for --format json and check)",
      },
    ]);
  });

  it("a training rule's own lines count a quarter pass each, per parameter and update (written only)", () => {
    const rules = (text: string, extra: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(text), ...extra });
    const adamw = { optimizer: "adamw", l2: 0.01, weight_decay: 0.01 };
    // 10-10-10: 220 parameters; AdamW with l2 writes 5 more lines: 220 × (1 + 5/4) = 495 per online sample
    expect(refusal(rules(spec([10, 10, 10], { samples: 121 }), adamw))).toBeUndefined();
    expect(refusal(rules(spec([10, 10, 10], { samples: 122 }), adamw))).toMatchObject([
      {
        path: "samples",
        message:
          "220 parameters × 122 samples = 26,840 parameter passes, and adamw with l2 writes 5 more lines per parameter and update (a quarter pass each): 60,390 in all; at most 60,000 are allowed in Markdown and LaTeX (up to 500,000 for --format json and check)",
      },
    ]);
    // plain gradient descent takes all 272 of them
    expect(refusal(spec([10, 10, 10], { samples: 272 }))).toBeUndefined();
    // a batch is one update: its rule lines are written once
    expect(refusal(rules(spec([10, 10, 10], { samples: 200 }), { ...adamw, mode: "batch" }))).toBeUndefined();
    // a large network writes the first parameters of each layer only: 784-64-10 with Adam still fits
    expect(refusal(rules(spec([784, 64, 10], { samples: 1 }), { optimizer: "adam" }))).toBeUndefined();
    // without l2, 4 more lines: 220 × 2 = 440 per sample, 136 samples at most
    expect(refusal(rules(spec([10, 10, 10], { samples: 136 }), { ...adamw, l2: 0 }))).toBeUndefined();
    expect(refusal(rules(spec([10, 10, 10], { samples: 137 }), { ...adamw, l2: 0 }))).toMatchObject([
      { message: expect.stringContaining("adamw writes 4 more lines") },
    ]);
    // the answer key computes it all: no rule lines
    expect(() => parseSpec(rules(spec([10, 10, 10], { samples: 122 }), adamw), "w.json", "computed")).not.toThrow();
  });

  it("the title: 500 characters (astral ones count once) are accepted, 501 are not", () => {
    expect(refusal(spec([1, 1], { title: "𝑥".repeat(500) }))).toBeUndefined();
    expect(refusal(spec([1, 1], { title: "x".repeat(501) }))).toMatchObject([
      { path: "title", line: 1, message: "is 501 characters long; a title may have at most 500" },
    ]);
  });

  it("a problem set: variants × passes × parameters, with the --count that would fit", () => {
    expect(workProblem({ epochs: 1, samples: 1, parameters: 15 }, 10_000)).toBeUndefined();
    expect(workProblem({ epochs: 1, samples: 1, parameters: 15 }, 10_001)?.message).toBe(
      "10,001 variants × 15 parameters = 150,015 parameter passes; at most 150,000 are allowed in a problem set; lower --count (10,000 at most here)",
    );
  });
});

describe("work limits through the CLI: one located line, nothing written", () => {
  it("Mazur's network trained for 10,001 online updates: an answer key and a check, but no Markdown", () => {
    const dir = tempDir("work");
    const file = join(dir, "mazur.json");
    writeFileSync(
      file,
      JSON.stringify({
        learning_rate: 0.5,
        loss: "half-sse",
        layers: [{ size: 2 }, { size: 2, activation: "sigmoid" }, { size: 2, activation: "sigmoid" }],
        weights: [
          [
            [0.15, 0.2],
            [0.25, 0.3],
          ],
          [
            [0.4, 0.45],
            [0.5, 0.55],
          ],
        ],
        biases: [0.35, 0.6],
        samples: Array.from({ length: 10_001 }, () => ({ input: [0.05, 0.1], target: [0.01, 0.99] })),
      }),
    );
    const out = join(dir, "out");
    expect(run("derive", file, "--format", "json", "--out", out).code).toBe(0);
    const key = JSON.parse(readFileSync(join(out, "mazur.json"), "utf8"));
    expect(key.updates).toHaveLength(10_001);
    const last = key.updates[10_000];
    const answers = join(dir, "answers.yaml");
    writeFileSync(answers, `Y5@u10001: ${last.samples[0].a[1][0].toFixed(6)}\nW35'@u10001: ${last.W[1][0][0].toFixed(6)}\n`);
    const checked = run("check", file, answers);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain("2 ok, 0 wrong");
    expectRefused(
      run("derive", file, "--format", "md", "--out", join(dir, "md")),
      /mazur\.json:1:\d+: samples: 10,001 samples = 10,001 sample passes, each derived and written out step by step; at most 2,000 are allowed in Markdown and LaTeX \(up to 20,000 for --format json and check\)$/,
    );
    expect(filesUnder(join(dir, "md"))).toEqual([]);
  });

  it("derive: 1,000 samples × 1,000 epochs (the 45 KB spec that ran past 200 s)", () => {
    const dir = tempDir("work");
    const file = join(dir, "long.json");
    writeFileSync(file, spec([2, 2, 1], { samples: 1000, epochs: 1000 }));
    const out = join(dir, "out");
    const r = run("derive", file, "--out", out);
    expectRefused(
      r,
      /^.*long\.json:1:\d+: epochs: 1,000 epochs × 1,000 samples = 1,000,000 sample passes, each derived and written out step by step; at most 2,000 are allowed$/,
    );
    expect(filesUnder(out)).toEqual([]);
  });

  it("derive: a 1000-1000 network (a million parameters), located at layers in YAML", () => {
    const dir = tempDir("work");
    const file = join(dir, "wide.yaml");
    writeFileSync(file, "learning_rate: 0.1\nloss: mse\nlayers:\n  - size: 1000\n  - size: 1000\n    activation: relu\n");
    const out = join(dir, "out");
    expectRefused(
      run("derive", file, "--out", out),
      /wide\.yaml:3:1: layers: 1,001,000 parameters \(weights and biases\) = 1,001,000 parameter passes; at most 60,000 are allowed$/,
    );
    expect(filesUnder(out)).toEqual([]);
  });

  it("derive: a 20,000-character title", () => {
    const dir = tempDir("work");
    const file = join(dir, "title.yaml");
    writeFileSync(file, readFileSync(SEED, "utf8").replace(/^title: .*$/m, `title: "${"word ".repeat(4000)}"`));
    const out = join(dir, "out");
    expectRefused(run("derive", file, "--out", out), /title\.yaml:6:8: title: is 20,000 characters long; a title may have at most 500$/);
    expect(filesUnder(out)).toEqual([]);
  });

  it("problems: --count × the set's samples × parameters, located at problems.samples", () => {
    const dir = tempDir("work");
    const file = join(dir, "set.yaml");
    writeFileSync(file, `${readFileSync(SEED, "utf8")}problems:\n  samples: 2\n`);
    const out = join(dir, "out");
    const r = run("problems", file, "--out", out, "--count", "10000");
    expectRefused(
      r,
      /set\.yaml:\d+:12: problems\.samples: 10,000 variants × 15 parameters × 2 samples = 300,000 parameter passes; at most 150,000 are allowed in a problem set; lower --count \(5,000 at most here\)$/,
    );
    expect(filesUnder(out)).toEqual([]);
  });

  it("problems: the set's samples × the spec's epochs past the pass limit", () => {
    const dir = tempDir("work");
    const file = join(dir, "set.yaml");
    writeFileSync(file, `${readFileSync(SEED, "utf8").replace(/^epochs: 1/m, "epochs: 30")}problems:\n  samples: 100\n`);
    const out = join(dir, "out");
    expectRefused(
      run("problems", file, "--out", out, "--count", "1"),
      /set\.yaml:\d+:12: problems\.samples: 30 epochs × 100 samples = 3,000 sample passes, each derived and written out step by step; at most 2,000 are allowed$/,
    );
    expect(filesUnder(out)).toEqual([]);
  });

  it("problems: a problems.title of 501 characters", () => {
    const dir = tempDir("work");
    const file = join(dir, "set.yaml");
    writeFileSync(file, `${readFileSync(SEED, "utf8")}problems:\n  title: ${"x".repeat(501)}\n`);
    const out = join(dir, "out");
    expectRefused(
      run("problems", file, "--out", out, "--count", "1"),
      /set\.yaml:\d+:10: problems\.title: is 501 characters long; a title may have at most 500$/,
    );
    expect(filesUnder(out)).toEqual([]);
  });
});
