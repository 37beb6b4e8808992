import { it } from "vitest";
import { resolveProblems } from "../../src/problems/config.js";
import { generate } from "../../src/problems/generate.js";
import { specFile } from "./helpers.js";

it("scratch", () => {
  const spec = specFile("specs/000-relu-hidden.yaml");
  const r = resolveProblems(spec.problems, spec, "000");
  if (!r.config) throw new Error(JSON.stringify(r.issues));
  console.log(r.config);
  const t0 = performance.now();
  const vs = generate({ name: "000", spec, config: r.config }, { seed: 1, count: 1000 });
  console.log(performance.now() - t0, vs.slice(0, 2).map((v) => JSON.stringify([v.id, v.spec.weights, v.spec.biases, v.spec.samples, v.questions.map((q) => q.symbol + "=" + q.shown)])));
  console.log(vs.map((v) => v.id.split("-")[2]).slice(0, 50).join(" "));
});
