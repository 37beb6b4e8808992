import { expect, it } from "vitest";
import * as api from "../../src/index.js";

// The public API is a contract too: adding is fine, removing or renaming breaks users.
it("exports exactly the documented public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "ACTIVATION_TABLE",
    "DEFAULT_PRESENTATION",
    "FORMATS",
    "LOSS_TABLE",
    "NumericError",
    "SpecError",
    "answerKey",
    "buildNetwork",
    "checkClaims",
    "checkCommand",
    "derive",
    "evaluateSample",
    "formatDiagnostic",
    "generate",
    "loadSpec",
    "parseSpec",
    "parseSymbol",
    "problemFiles",
    "readAnswers",
    "render",
    "resolvePresentation",
    "stringifyAnswerKey",
    "sym",
    "train",
  ]);
});

it("runs the pipeline end to end from plain data", async () => {
  const spec = api.parseSpec(
    "learning_rate: 0.5\nloss: half-sse\nlayers: [{size: 1}, {size: 1, activation: identity}]\nweights: [[[2]]]\ninput: [1]\ntarget: [0]\n",
    "inline.yaml",
  );
  const updates = api.train(api.buildNetwork(spec));
  // y = 2·1 + 0 = 2, ∂L/∂w = (y − t)·x = 2, w ← 2 − 0.5·2 = 1
  expect(api.answerKey(updates).updates[0]!.W).toEqual([[[1]]]);
});

it("a library user derives once, then renders that derivation", async () => {
  const spec = api.parseSpec(
    "learning_rate: 0.5\nloss: half-sse\nlayers: [{size: 1}, {size: 1, activation: identity}]\nweights: [[[2]]]\ninput: [1]\ntarget: [0]\n",
    "inline.yaml",
  );
  const derivation = api.derive(api.buildNetwork(spec));
  const presentation = api.resolvePresentation(spec, { notation: "sequential", precision: 2 });
  const files = await api.render(derivation, presentation, ["md", "json"], { name: "tiny" });
  expect(files.map((f) => f.name)).toEqual(["tiny.md", "tiny-network.svg", "tiny.json"]);
  expect(JSON.parse(String(files[2]!.content)).updates[0].W).toEqual([[[1]]]);
  // w₁ ← 2 − 0.5 · 2 = 1, in the sequential notation's symbols (w₁, J)
  expect(String(files[0]!.content)).toContain(
    "w^{\\mathrm{new}}_{1} &= w_{1} - \\eta\\, \\frac{\\partial J}{\\partial w_{1}} = 2 - 0.5 \\cdot 2 = 1",
  );
});
