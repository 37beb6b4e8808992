import { describe, expect, it } from "vitest";
import { readAnswers } from "../../src/check/answers.js";
import { resolveClaims } from "../../src/check/claims.js";
import { prepare } from "../../src/check/prepare.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { claim, runCheck, spec, spec000, spec002, spec004 } from "./helpers.js";

/** The input diagnostics an answers text produces (read + resolve). */
function problems(s: NetworkSpec, text: string) {
  const c = prepare(s);
  const read = readAnswers("a.yaml", text);
  if (read.diagnostics.length > 0) return read.diagnostics;
  return resolveClaims("a.yaml", c, read.entries).diagnostics;
}
const resolve = (s: NetworkSpec, name: string) => prepare(s).names.resolve(name);
const keyOf = (s: NetworkSpec, name: string) => {
  const r = resolve(s, name);
  if (!r.ok) throw new Error(r.message);
  return r.key;
};

describe("the answer-name scheme", () => {
  it("plain names, aliases and answer-key paths reach the same quantity", () => {
    expect(keyOf(spec000, "Y3")).toBe(keyOf(spec000, "updates[0].samples[0].a[0][0]"));
    expect(keyOf(spec000, "Z3")).toBe(keyOf(spec000, "net3"));
    expect(keyOf(spec000, "W13'")).toBe(keyOf(spec000, "updates[0].W[0][0][0]"));
    expect(keyOf(spec000, "W13'")).toBe(keyOf(spec000, "W1_3'"));
    expect(keyOf(spec000, "dW13")).toBe(keyOf(spec000, "updates[0].dL_dW[0][0][0]"));
    expect(keyOf(spec000, "delta5")).toBe(keyOf(spec000, "dLdZ5"));
    expect(keyOf(spec000, "Loss")).toBe(keyOf(spec000, "updates[0].loss"));
    expect(keyOf(spec000, "Loss")).toBe(keyOf(spec000, "updates[0].samples[0].loss"));
    expect(keyOf(spec000, "Loss'")).toBe(keyOf(spec000, "updates[0].loss_after"));
    expect(keyOf(spec000, "b7'")).toBe(keyOf(spec000, "updates[0].b[1][2]"));
    expect(keyOf(spec000, "Y3@u1")).toBe(keyOf(spec000, "Y3"));
    expect(keyOf(spec000, "Y3@u1s1")).toBe(keyOf(spec000, "Y3"));
  });

  it("the spec's notation names are accepted (node, sequential, layer)", () => {
    expect(keyOf(spec000, "Ob5")).toBe(keyOf(spec000, "T5"));
    expect(keyOf(spec000, "W13_new")).toBe(keyOf(spec000, "W13'"));
    expect(keyOf(spec002, "a1")).toBe(keyOf(spec002, "Y3"));
    expect(keyOf(spec002, "z3")).toBe(keyOf(spec002, "Z5"));
    expect(keyOf(spec002, "J")).toBe(keyOf(spec002, "Loss"));
    expect(keyOf(spec002, "w5_new")).toBe(keyOf(spec002, "W35'"));
    expect(keyOf(spec002, "dJ/dw1")).toBe(keyOf(spec002, "dW13"));
    expect(keyOf(spec004, "h12")).toBe(keyOf(spec004, "Y6"));
    expect(keyOf(spec004, "a21")).toBe(keyOf(spec004, "Z9"));
    expect(keyOf(spec004, "yhat1")).toBe(keyOf(spec004, "Y9"));
  });

  it("a name that means two things (plain b3, the sequential notation's b3 = b5) is refused with both meanings", () => {
    const r = resolve(spec002, "b3");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/ambiguous.*bias of node 3.*bias of node 5/);
  });

  it("several updates and samples need the suffix; the parameter before update 2 is the one after update 1", () => {
    const two = { ...spec000, samples: [spec000.samples[0]!, { input: [0.1, 0.2], target: [1, 0, 0] }] };
    const r = resolve(two, "Y3");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Y3@u1 … Y3@u2/);
    expect(keyOf(two, "W13@u2")).toBe(keyOf(two, "W13'@u1"));
    expect(keyOf(two, "Y3@u2")).toBe(keyOf(two, "updates[1].samples[0].a[0][0]"));
    const batch = { ...two, mode: "batch" as const };
    expect(keyOf(batch, "Y3@s2")).toBe(keyOf(batch, "updates[0].samples[1].a[0][0]"));
    expect(keyOf(batch, "dW13")).toBe(keyOf(batch, "updates[0].dL_dW[0][0][0]"));
    expect(keyOf(batch, "Loss@s1")).toBe(keyOf(batch, "updates[0].samples[0].loss"));
    const noS = resolve(batch, "Y3");
    expect(noS.ok).toBe(false);
    if (!noS.ok) expect(noS.message).toMatch(/2 samples/);
    const tooFar = resolve(two, "Y3@u3");
    expect(tooFar.ok).toBe(false);
  });

  it("shared biases and networks with node numbers ≥ 10", () => {
    const big = spec({
      learning_rate: 0.1,
      loss: "half-sse",
      layers: [
        { size: 6, activation: "identity" },
        { size: 4, activation: "tanh" },
        { size: 2, activation: "identity" },
      ],
      weights: [
        Array.from({ length: 4 }, () => [0.1, 0.2, 0.3, -0.1, 0.2, 0.1]),
        [
          [0.5, 0.1, -0.2, 0.3],
          [0.1, 0.1, 0.1, 0.1],
        ],
      ],
      biases: [0.5, [0, 0]],
      samples: [{ input: [1, 2, 3, 4, 5, 6], target: [1, 0] }],
    });
    expect(keyOf(big, "W7_11")).toBe(keyOf(big, "weights[1][0][0]"));
    expect(resolve(big, "W711").ok).toBe(false);
    expect(keyOf(big, "W10_12'")).toBe(keyOf(big, "updates[0].W[1][1][3]"));
    expect(keyOf(big, "bl1'")).toBe(keyOf(big, "updates[0].b[0]"));
    expect(keyOf(big, "dbl1")).toBe(keyOf(big, "updates[0].dL_db[0]"));
  });

  it("unknown names get a located message with a suggestion", () => {
    const d = problems(spec000, "Y3: 0.57\nY9: 0.5\nW13'': 1\n");
    expect(d).toHaveLength(2);
    expect(d[0]).toMatchObject({ file: "a.yaml", path: "Y9", line: 2 });
    expect(d[0]!.message).toMatch(/no quantity named "Y9".*did you mean "Y[3-7]"/);
    expect(d[1]).toMatchObject({ path: "W13''", line: 3 });
    expect(d[1]!.message).toMatch(/did you mean "W13'"/);
    const p = problems(spec000, "updates[0].W[0][0][5]: 1\n");
    expect(p[0]!.message).toMatch(/no answer-key path.*did you mean "updates\[0\]\.W\[0\]\[0\]\[0\]"/);
    expect(problems(spec000, "Err3: 1\n")[0]!.message).toMatch(/did you mean/);
  });

  it("bad values and bad files are located diagnostics", () => {
    expect(problems(spec000, "Y3: abc\n")[0]).toMatchObject({
      path: "Y3",
      line: 1,
      message: expect.stringMatching(/not a decimal number/),
    });
    expect(problems(spec000, "Y3:\n")[0]!.message).toMatch(/expected a number/);
    expect(problems(spec000, "Y3: 0.5\nY3: 0.6\n")[0]!.line).toBe(2);
    expect(problems(spec000, "- 1\n- 2\n")[0]!.message).toMatch(/maps quantity names to numbers/);
    expect(problems(spec000, "Y3: [0.5\n")[0]!.line).toBeGreaterThan(0);
    expect(problems(spec000, "Y3: 0.57\nupdates[0].samples[0].a[0][0]: 0.57\n")[0]!.message).toMatch(/same quantity as "Y3"/);
  });

  it("numbers keep their written text: quoted, JSON, lists under a path", () => {
    const r = runCheck(spec000, `{"Y3": "0.570", "Y4": 0.10}`);
    expect(claim(r, "Y3").claimed).toBe("0.570");
    expect(claim(r, "Y4").claimed).toBe("0.10");
    expect(claim(r, "Y4").verdict).toBe("ok");
    const list = runCheck(spec000, "updates[0].samples[0].a[1]: [-1.91, 0.86, 0.10]\n");
    expect(list.claims.map((c) => [c.name, c.claimed, c.verdict])).toEqual([
      ["Y5", "-1.91", "ok"],
      ["Y6", "0.86", "ok"],
      ["Y7", "0.10", "ok"],
    ]);
  });
});
