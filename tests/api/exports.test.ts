import { expect, it } from "vitest";
import * as api from "../../src/index.js";

// The public API is a contract too: adding is fine, removing or renaming breaks users.
it("exports exactly the documented public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "ACTIVATION_TABLE", "FORMATS", "LOSS_TABLE", "NumericError", "SpecError", "answerKey", "buildNetwork",
    "checkClaims", "checkCommand", "derive", "evaluateSample", "formatDiagnostic", "generate", "loadSpec",
    "parseSpec", "parseSymbol", "problemFiles", "readAnswers", "render", "stringifyAnswerKey", "sym", "train",
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
