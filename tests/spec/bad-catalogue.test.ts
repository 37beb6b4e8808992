import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, parseSpec, SpecError } from "../../src/spec/index.js";
import type { Diagnostic } from "../../src/spec/index.js";

/** Relative to the repository root, which is where vitest and the CLI run. */
const DIR = "tests/fixtures/bad";
const CLI = "dist/cli/main.js";

interface Case {
  file: string;
  /** The field path one diagnostic must name ("" = the whole document). */
  path: string;
  /** Its line; undefined only where a file has no lines to point at. */
  line: number | undefined;
  /** Something the message must say. */
  says?: RegExp;
}

// Each line was read off the fixture itself (line 1 of the YAML fixtures is a "# bad:" comment).
const CATALOGUE: Case[] = [
  { file: "unknown-key.yaml", path: "learning_rte", line: 3, says: /did you mean "learning_rate"\?/ },
  { file: "unknown-layer-key.yaml", path: "layers[1].activaton", line: 8, says: /did you mean "activation"\?/ },
  { file: "unknown-activation.yaml", path: "layers[2].activation", line: 10, says: /unknown activation "relux"; did you mean "relu"\?/ },
  { file: "unknown-loss.yaml", path: "loss", line: 4, says: /did you mean "cross-entropy"\?/ },
  { file: "missing-learning-rate.yaml", path: "learning_rate", line: 2, says: /missing/ },
  { file: "negative-learning-rate.yaml", path: "learning_rate", line: 3, says: /greater than 0/ },
  { file: "quoted-number.yaml", path: "learning_rate", line: 3, says: /a number, not the string "0\.5"/ },
  { file: "nan-weight.yaml", path: "weights[0][0][1]", line: 12, says: /finite number/ },
  { file: "infinite-bias.yaml", path: "biases[1][1]", line: 16, says: /finite number, not infinity/ },
  { file: "weights-rows.yaml", path: "weights[1]", line: 13, says: /has 2 rows but layer 2 has 3 neurons/ },
  { file: "weights-cols.yaml", path: "weights[0][1]", line: 12, says: /has 3 entries but layer 0 \(the input layer\) has 2 neurons/ },
  { file: "weights-count.yaml", path: "weights", line: 11, says: /1 matrix but the network has 2 layers after the input layer/ },
  { file: "bias-length.yaml", path: "biases[1]", line: 16, says: /has 2 entries but layer 2 has 3 neurons/ },
  { file: "biases-count.yaml", path: "biases", line: 14, says: /has 1 entry/ },
  { file: "bias-string.yaml", path: "biases[0]", line: 15, says: /a number .* or a list of numbers/ },
  { file: "sample-input-length.yaml", path: "samples[0].input", line: 18, says: /input layer has 2 neurons/ },
  { file: "sample-target-length.yaml", path: "samples[0].target", line: 19, says: /output layer \(layer 2\) has 3 neurons/ },
  { file: "sample-missing-target.yaml", path: "samples[0].target", line: 18, says: /missing/ },
  { file: "shorthand-and-samples.yaml", path: "input", line: 20, says: /not both/ },
  { file: "shorthand-missing-target.yaml", path: "target", line: 17, says: /needs both input and target/ },
  { file: "input-layer-activation.yaml", path: "layers[0].activation", line: 7, says: /input layer has no activation/ },
  { file: "missing-activation.yaml", path: "layers[1].activation", line: 7, says: /needs an activation/ },
  { file: "softmax-hidden.yaml", path: "layers[1].activation", line: 8, says: /only allowed on the output layer/ },
  { file: "cross-entropy-identity.yaml", path: "loss", line: 4, says: /softmax or sigmoid output/ },
  { file: "bce-softmax.yaml", path: "loss", line: 4, says: /sigmoid output/ },
  { file: "cross-entropy-target-range.yaml", path: "samples[0].target[1]", line: 19, says: /between 0 and 1/ },
  { file: "string-boolean.yaml", path: "train_biases", line: 20, says: /true or false, not the string "yes"/ },
  { file: "fractional-epochs.yaml", path: "epochs", line: 20, says: /whole number/ },
  { file: "too-many-epochs.yaml", path: "epochs", line: 20, says: /at most 1000/ },
  { file: "huge-layer.yaml", path: "layers[2].size", line: 9, says: /at most 10,000/ },
  { file: "too-many-layers.yaml", path: "layers", line: 5, says: /65 layers; at most 64/ },
  { file: "too-many-weights.yaml", path: "layers", line: 5, says: /4,006,000 weights; at most 2,000,000/ },
  { file: "layer-size-zero.yaml", path: "layers[1].size", line: 7, says: /at least 1/ },
  { file: "layer-size-fraction.yaml", path: "layers[1].size", line: 7, says: /whole number/ },
  { file: "one-layer.yaml", path: "layers", line: 4, says: /at least two/ },
  { file: "null-loss.yaml", path: "loss", line: 4, says: /empty value/ },
  { file: "mode-unknown.yaml", path: "mode", line: 20, says: /unknown mode "batched"/ },
  { file: "string-weight.yaml", path: "weights[0][0][0]", line: 12, says: /not the string "-2\.5"/ },
  { file: "letters-latex.yaml", path: "letters.weight", line: 20, says: /plain letters/ },
  { file: "letters-unknown-role.yaml", path: "letters.wieght", line: 20, says: /did you mean "weight"\?/ },
  { file: "precision-range.yaml", path: "precision", line: 20, says: /at most 12/ },
  { file: "unknown-notation.yaml", path: "notation", line: 20, says: /did you mean "node"\?/ },
  { file: "problems-not-mapping.yaml", path: "problems", line: 20, says: /mapping/ },
  { file: "duplicate-key.yaml", path: "loss", line: 5, says: /duplicate key "loss" \(first given on line 4\)/ },
  { file: "alias-bomb.yaml", path: "problems.d[0]", line: 24, says: /alias \*c/ },
  { file: "unresolved-alias.yaml", path: "weights", line: 11, says: /no anchor/ },
  { file: "deep-nesting.yaml", path: "", line: 20, says: /nested more than 64 levels/ },
  { file: "syntax-error.yaml", path: "", line: 13, says: /YAML syntax error/ },
  { file: "tab-indent.yaml", path: "", line: 8, says: /tabs are not allowed/ },
  { file: "multi-document.yaml", path: "", line: 20, says: /more than one document/ },
  { file: "top-level-list.yaml", path: "", line: 2, says: /top level is a list/ },
  { file: "empty.yaml", path: "", line: 1, says: /empty/ },
  { file: "comments-only.yaml", path: "", line: 1, says: /no fields/ },
  { file: "not-a-spec.txt", path: "", line: undefined, says: /\.yaml, \.yml or \.json/ },
  { file: "unknown-key.json", path: "learning_rte", line: 2, says: /did you mean "learning_rate"\?/ },
  { file: "weights-rows.json", path: "weights[1]", line: 11, says: /has 2 rows but layer 2 has 3 neurons/ },
  { file: "quoted-number.json", path: "learning_rate", line: 2, says: /a number, not the string "0\.1"/ },
  { file: "non-finite.json", path: "learning_rate", line: 2, says: /finite number/ },
  { file: "sample-target-length.json", path: "samples[0].target", line: 14, says: /3 neurons/ },
  { file: "duplicate-key.json", path: "loss", line: 4, says: /duplicate key "loss"/ },
  { file: "trailing-comma.json", path: "", line: 15, says: /trailing comma/ },
  { file: "comment.json", path: "", line: 2, says: /JSON syntax error/ },
  { file: "top-level-array.json", path: "", line: 1, says: /top level is a list/ },
  // Training rules (CONTRACT §5, issue 12)
  { file: "momentum-too-big.yaml", path: "momentum", line: 21, says: /must be less than 1, not 1\.5; momentum is a decay rate/ },
  { file: "epsilon-negative.yaml", path: "epsilon", line: 21, says: /must be greater than 0, not -1e-8/ },
  { file: "beta2-one.yaml", path: "beta2", line: 21, says: /must be less than 1, not 1;/ },
  { file: "rho-negative.yaml", path: "rho", line: 21, says: /must be at least 0, not -0\.1/ },
  { file: "rho-one.yaml", path: "rho", line: 21, says: /must be less than 1, not 1;/ },
  { file: "weight-decay-without-adamw.yaml", path: "weight_decay", line: 21, says: /used by adamw only, not by optimizer adam; .*use l2/ },
  { file: "momentum-with-adam.yaml", path: "momentum", line: 21, says: /used by momentum or nesterov only, not by optimizer adam/ },
  {
    file: "momentum-default-sgd.yaml",
    path: "momentum",
    line: 20,
    says: /used by momentum or nesterov only, not by optimizer sgd \(the default\)/,
  },
  { file: "l2-negative.yaml", path: "l2", line: 20, says: /must be at least 0, not -0\.01/ },
  {
    file: "optimizer-unknown.yaml",
    path: "optimizer",
    line: 20,
    says: /unknown optimizer "adagrad"; choose one of sgd, momentum, nesterov, rmsprop, adam, adamw/,
  },
  { file: "beta1-infinite.yaml", path: "beta1", line: 21, says: /finite number, not infinity/ },
];

const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.path} @${d.line}: ${d.message}`).join("\n");

async function diagnosticsOf(file: string): Promise<Diagnostic[]> {
  const err: unknown = await loadSpec(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${file} was accepted`).toBeInstanceOf(SpecError);
  return (err as SpecError).diagnostics;
}

describe("bad specs: each is refused with its field path and line", () => {
  it("the catalogue lists every fixture, and has at least 30", () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
    expect(CATALOGUE.map((c) => c.file).sort()).toEqual(readdirSync(DIR).sort());
  });

  it.each(CATALOGUE)("$file → $path at line $line", async ({ file, path, line, says }) => {
    const full = join(DIR, file);
    const ds = await diagnosticsOf(full);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) expect(d.file).toBe(full);
    const hit = ds.find((d) => d.path === path && d.line === line);
    expect(hit, `no diagnostic at ${path} line ${line} in:\n${show(ds)}`).toBeDefined();
    if (says) expect(hit!.message).toMatch(says);
  });

  it.each(CATALOGUE.filter((c) => !c.file.endsWith(".txt")))("parseSpec agrees with loadSpec: $file", async ({ file }) => {
    const full = join(DIR, file);
    const fromText = (() => {
      try {
        parseSpec(readFileSync(full, "utf8"), full);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(fromText).toBeInstanceOf(SpecError);
    expect((fromText as SpecError).diagnostics).toEqual(await diagnosticsOf(full));
  });
});

interface Run {
  status: number | null;
  stderr: string;
  stdout: string;
  written: string[];
}

describe.skipIf(!existsSync(CLI))("bad specs through the CLI: exit status, located message, nothing written", () => {
  const runs = new Map<string, Run>();
  const outDirs: string[] = [];

  beforeAll(async () => {
    const queue = [...CATALOGUE];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const out = mkdtempSync(join(tmpdir(), "bad-spec-"));
        outDirs.push(out);
        const file = join(DIR, c.file);
        const run = await new Promise<Omit<Run, "written">>((resolve) => {
          execFile(
            process.execPath,
            [CLI, "derive", file, "--format", "json", "--out", out],
            { timeout: 60_000 },
            (err, stdout, stderr) => {
              const status = err ? (typeof err.code === "number" ? err.code : null) : 0;
              resolve({ status, stdout, stderr });
            },
          );
        });
        runs.set(c.file, { ...run, written: readdirSync(out) });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 240_000);

  afterAll(() => {
    for (const d of outDirs) rmSync(d, { recursive: true, force: true });
  });

  it.each(CATALOGUE)("$file", ({ file, path, line }) => {
    const run = runs.get(file)!;
    const full = join(DIR, file);
    expect(run.status, run.stderr).not.toBe(0);
    expect(run.stderr).toContain(full);
    if (path !== "") expect(run.stderr).toContain(`: ${path}: `);
    if (line !== undefined) expect(run.stderr).toContain(`${full}:${line}`);
    expect(run.stderr).not.toMatch(/^ {4}at /m);
    expect(run.written).toEqual([]);
  });
});
