import { it } from "vitest";
import { checkClaims } from "../../src/check/check.js";
import { parseWrittenNumber } from "../../src/check/number-text.js";
import { prepare } from "../../src/check/prepare.js";
import { buildNetwork } from "../../src/network/index.js";
import { answerKey, train } from "../../src/numeric/index.js";
it("perf", () => {
  const sizes = [8, 10, 10, 4];
  let k = 0; const r = () => Math.sin(k++ * 12.9898) * 0.5;
  const spec: any = { learning_rate: 0.1, loss: "half-sse", reduction: "mean", mode: "online", epochs: 1, train_biases: true,
    layers: sizes.map((size, i) => ({ size, activation: i === 0 ? "identity" : "sigmoid" })),
    weights: sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: sizes[l]! }, r))),
    biases: sizes.slice(1).map((n) => Array.from({ length: n }, r)),
    samples: [{ input: Array.from({ length: 8 }, r), target: [0, 1, 0, 1] }, { input: Array.from({ length: 8 }, r), target: [1, 0, 0, 1] }] };
  const t0 = Date.now();
  const key = answerKey(train(buildNetwork({ ...spec, learning_rate: 1 })));
  const c = prepare(spec);
  const t1 = Date.now();
  const claims: any[] = [];
  key.updates.forEach((u, i) => {
    const add = (path: string, v: number) => { const x = c.names.resolve(path); if (!x.ok) throw new Error(x.message); const n = parseWrittenNumber(v.toFixed(6))!; claims.push({ key: x.key, writtenAs: path, text: n.text, value: n.value, decimals: n.decimals }); };
    u.W.forEach((m, l) => m.forEach((row, j) => row.forEach((v, kk) => add(`updates[${i}].W[${l}][${j}][${kk}]`, v))));
  });
  const rep = checkClaims(c.graph, claims);
  const t2 = Date.now();
  console.log("quantities", c.graph.quantities.length, "claims", claims.length, "prepare ms", t1 - t0, "check ms", t2 - t1,
    rep.claims.filter((x) => x.verdict === "wrong").length, rep.claims.filter((x) => x.mistake === "eta-missing").length);
});
