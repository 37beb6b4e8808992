import { test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { referenceAnswerKey } from "./reference.js";
test("dump", () => {
  for (const f of readdirSync("specs")) {
    const spec = parse(readFileSync("specs/" + f, "utf8"));
    const fd = referenceAnswerKey(spec);
    const an = referenceAnswerKey(spec, { gradients: "analytic" });
    console.log(f, JSON.stringify(an.updates[0]));
    console.log("fd", JSON.stringify({ dW: fd.updates[0].dL_dW, db: fd.updates[0].dL_db, dz: fd.updates[0].samples[0].dL_dz }));
  }
});
