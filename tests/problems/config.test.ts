import { describe, expect, it } from "vitest";
import { resolveProblems } from "../../src/problems/config.js";
import { loadProblemSource } from "../../src/problems/load.js";
import { SpecError, parseSpec } from "../../src/spec/index.js";
import { FIXTURE, SPECS } from "./setup.js";

describe("the problems: block", () => {
  it("defaults: vary weights, biases, inputs; one-hot targets kept one-hot; ask every new parameter and the loss after", async () => {
    const { config } = await loadProblemSource(SPECS.relu);
    expect(config).toMatchObject({
      precision: 4,
      tolerance: 0.00005,
      weights: { kind: "range", range: { min: -2, max: 2, decimals: 1, nonzero: true } },
      biases: { kind: "range", range: { min: -1, max: 1, decimals: 1, nonzero: false } },
      inputs: { kind: "range", range: { min: 0, max: 1, decimals: 2, nonzero: true } },
      targets: { kind: "one-hot" },
      samples: 1,
      ask: ["updated-parameters", "loss-after"],
      maxAttempts: 1000,
    });
  });

  it("a spec without biases keeps them at zero; targets that are not one-hot are kept", () => {
    const spec = parseSpec(
      "learning_rate: 0.1\nloss: half-sse\nlayers: [{size: 1}, {size: 1, activation: identity}]\nweights: [[[1]]]\nsamples: [{input: [1], target: [0.3]}]\n",
      "t.yaml",
    );
    const r = resolveProblems(spec.problems, spec, "t");
    expect(r.config?.biases).toEqual({ kind: "fixed" });
    expect(r.config?.targets).toEqual({ kind: "fixed" });
  });

  it("every mistake is reported with its file, field path and line", async () => {
    let err: unknown;
    try {
      await loadProblemSource(FIXTURE.bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const got = (err as SpecError).diagnostics.map((d) => [d.path, d.line, d.file === FIXTURE.bad]);
    expect(got).toEqual([
      ["problems.precision", 12, true],
      ["problems.weights.max", 13, true],
      ["problems.biases", 14, true],
      ["problems.inputs.step", 15, true],
      ["problems.targets", 16, true],
      ["problems.ask[1]", 17, true],
      ["problems.ask[2]", 17, true],
      ["problems.ask[3]", 17, true],
      ["problems.ask[4]", 17, true],
      ["problems.colour", 18, true],
    ]);
    const text = (err as SpecError).message;
    expect(text).toContain("bad-problems.yaml:13:27: problems.weights.max: must be at least min (1)");
    expect(text).toContain('problems.ask[1]: "new_b_3": the spec keeps its biases fixed (train_biases: false)');
    expect(text).toContain('problems.ask[4]: unknown quantity "bogus"');
  });

  it("ranges too narrow for their decimals, and settings that need numbers the spec lacks", () => {
    const spec = parseSpec("learning_rate: 0.1\nloss: half-sse\nlayers: [{size: 1}, {size: 2, activation: softmax}]\n", "t.yaml");
    const r = resolveProblems(
      { weights: "fixed", inputs: { min: 0.11, max: 0.14, decimals: 1 }, targets: "fixed", max_attempts: 0, ask: [] },
      spec,
      "t",
    );
    expect(r.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["problems.inputs", "holds fewer than 2 values with 1 decimal(s) (0 left out)"],
      ["problems.weights", "is fixed but the spec has no weights to keep; give a range"],
      ["problems.targets", "is fixed but the spec has no samples to keep; give a range or one-hot"],
      ["problems.ask", "must be a non-empty list of quantities (e.g. [updated-parameters, loss-after])"],
      ["problems.max_attempts", "must be a whole number from 1 to 1000000"],
    ]);
  });
});
