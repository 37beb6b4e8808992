import { describe, expect, it } from "vitest";
import { formatDiagnostic, parseSpec, SpecError } from "../../src/spec/index.js";
import type { Diagnostic } from "../../src/spec/index.js";
import { finishDiagnostics, MAX_DIAGNOSTICS } from "../../src/spec/diagnostic.js";
import { formatPath } from "../../src/spec/path.js";

const errorOf = (text: string, file: string): SpecError => {
  try {
    parseSpec(text, file);
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error("accepted");
};

describe("diagnostics", () => {
  it("formats file:line:column: path: message, leaving out what is unknown", () => {
    const d: Diagnostic = {
      file: "specs/x.yaml",
      path: "layers[2].activation",
      line: 12,
      column: 5,
      message: 'unknown activation "relux"; did you mean "relu"?',
    };
    expect(formatDiagnostic(d)).toBe('specs/x.yaml:12:5: layers[2].activation: unknown activation "relux"; did you mean "relu"?');
    expect(formatDiagnostic({ ...d, column: undefined })).toBe(
      'specs/x.yaml:12: layers[2].activation: unknown activation "relux"; did you mean "relu"?',
    );
    expect(formatDiagnostic({ file: "a.txt", path: "", message: "m" })).toBe("a.txt: m");
    expect(formatDiagnostic({ file: "a.yaml", path: "", line: 3, column: 1, message: "m" })).toBe("a.yaml:3:1: m");
  });

  it("writes paths the way the contract does", () => {
    expect(formatPath(["layers", 2, "activation"])).toBe("layers[2].activation");
    expect(formatPath(["weights", 0, 1, 2])).toBe("weights[0][1][2]");
    expect(formatPath(["samples", 3, "target"])).toBe("samples[3].target");
    expect(formatPath(["letters", "a b"])).toBe('letters["a b"]');
    expect(formatPath([])).toBe("");
  });

  it("SpecError's message is every diagnostic, one per line", () => {
    const err = errorOf("learning_rate: x\nloss: nope\nlayers: 3\n", "a.yaml");
    expect(err.name).toBe("SpecError");
    expect(err.diagnostics).toHaveLength(3);
    expect(err.message.split("\n")).toEqual(err.diagnostics.map(formatDiagnostic));
  });

  it("reports every problem at once, in file order", () => {
    const text = [
      "learning_rate: 0",
      "loss: mse",
      "epochs: 0",
      "layers:",
      "  - size: 2",
      "  - size: 2",
      "    activation: sigmoid",
      "weights: [[[1, 2], [3]]]",
      "samples:",
      "  - input: [1]",
      "    target: [0, 1]",
      "colour: red",
    ].join("\n");
    const ds = errorOf(text, "a.yaml").diagnostics;
    expect(ds.map((d) => [d.path, d.line])).toEqual([
      ["learning_rate", 1],
      ["epochs", 3],
      ["weights[0][1]", 8],
      ["samples[0].input", 10],
      ["colour", 12],
    ]);
  });

  it("caps a flood of problems and says how many were left out", () => {
    const many: Diagnostic[] = Array.from({ length: 120 }, (_, i) => ({ file: "f", path: `p${i}`, line: i + 1, message: "m" }));
    const out = finishDiagnostics(many);
    expect(out).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(out.at(-1)!.message).toMatch(/70 more problems not shown/);
  });

  it("never turns user text into something else: control characters stay escaped", () => {
    const err = errorOf('learning_rate: 0.1\nloss: "mse\\u0007\\n"\nlayers: [{size: 1}, {size: 1, activation: relu}]\n', "a.yaml");
    expect(err.message).toContain('"mse\\u0007\\n"');
  });
});
