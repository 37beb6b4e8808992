import { describe, expect, it } from "vitest";
import { LIMITS, parseSpec, SpecError } from "../../src/spec/index.js";
import type { Diagnostic } from "../../src/spec/index.js";

const diagnostics = (text: string, file: string): Diagnostic[] => {
  try {
    parseSpec(text, file);
  } catch (e) {
    if (e instanceof SpecError) return e.diagnostics;
    throw e;
  }
  throw new Error("accepted");
};

const HEAD = "learning_rate: 0.1\nloss: mse\n";

describe("limits: absurd sizes are refused before anything is built", () => {
  it("refuses a billion-neuron layer at once, alone", () => {
    const started = Date.now();
    const ds = diagnostics(`${HEAD}layers: [{size: 2}, {size: 1000000000, activation: relu}]\nweights: "oops"\n`, "a.yaml");
    expect(Date.now() - started).toBeLessThan(1000);
    // Only the size is reported: validation stops before anything proportional to it.
    expect(ds.map((d) => d.path)).toEqual(["layers[1].size"]);
  });

  it("refuses more than 100,000 samples", () => {
    const sample = '{"input": [1], "target": [1]}';
    const text = `{"learning_rate": 0.1, "loss": "mse", "layers": [{"size": 1}, {"size": 1, "activation": "relu"}],
      "samples": [${Array(LIMITS.samples + 1)
        .fill(sample)
        .join(",")}]}`;
    expect(diagnostics(text, "s.json")).toMatchObject([
      { path: "samples", line: 2, message: "100,001 samples given; at most 100,000 are allowed" },
    ]);
  });

  it("reads exactly 2,000,000 weights as JSON, then refuses the work of deriving them", () => {
    const row = `[${Array(1000).fill("0.5").join(",")}]`;
    const text = `{"learning_rate": 0.1, "loss": "mse", "layers": [{"size": 1000}, {"size": 2000, "activation": "relu"}],
      "weights": [[${Array(2000).fill(row).join(",")}]]}`;
    // read and validated in full (a malformed entry would be reported); only the work limit stops it
    expect(diagnostics(text, "w.json")).toMatchObject([
      { path: "layers", line: 1, message: expect.stringMatching(/^2,002,000 parameters .* at most 60,000 are allowed$/) },
    ]);
    expect(diagnostics(text.replace("[[[0.5,", '[[["0.5",'), "w.json")).toMatchObject([{ path: "weights[0][0][0]" }]);
  });

  it("lists the first problems of a huge malformed matrix instead of overflowing the stack", () => {
    const row = `[${Array(400).fill('"0.5"').join(",")}]`;
    const text = `{"learning_rate": 0.1, "loss": "mse", "layers": [{"size": 400}, {"size": 400, "activation": "relu"}],
      "weights": [[${Array(400).fill(row).join(",")}]]}`;
    const ds = diagnostics(text, "w.json");
    // Whether zod overflows depends on the stack size; either way the first entries are listed.
    const located = ds.filter((d) => d.path !== "");
    expect(located[0]).toMatchObject({ path: "weights[0][0][0]", line: 2, message: expect.stringMatching(/not the string "0\.5"/) });
    expect(ds.at(-1)!.message).toMatch(/more problems not shown/);
  });

  it("refuses YAML with more values than the yaml library can take quickly", () => {
    const text = `${HEAD}problems: {a: [${Array(LIMITS.yamlValues + 10)
      .fill("1")
      .join(",")}]}\n`;
    expect(diagnostics(text, "a.yaml")[0]!.message).toMatch(/write a spec this large as JSON/);
  });

  it("refuses JSON with millions of values before parsing it", () => {
    const text = `{"a": [${Array(LIMITS.jsonValues + 1)
      .fill("1")
      .join(",")}]}`;
    expect(diagnostics(text, "a.json")[0]!.message).toMatch(/more than 4,000,000 values/);
  });

  it("refuses deep nesting in both formats without recursing into it", () => {
    const deep = (n: number): string => "[".repeat(n) + "]".repeat(n);
    expect(diagnostics(`a: ${deep(1_000_000)}\n`, "a.yaml")[0]!.message).toMatch(/nested more than 64/);
    expect(diagnostics(`{"a": ${deep(1_000_000)}}`, "a.json")[0]!.message).toMatch(/nested more than 64/);
    expect(diagnostics(`a:\n${"- ".repeat(1000)}1\n`, "a.yaml")[0]!.message).toMatch(/nested more than 64/);
  });

  it("refuses a text longer than the file limit", () => {
    const big = { length: LIMITS.fileBytes + 1 } as unknown as string;
    expect(() => parseSpec(big, "a.yaml")).toThrow(/larger than 64 MiB/);
  });
});
