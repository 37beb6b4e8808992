import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkClaims } from "../../src/check/check.js";
import type { CheckReport, Verdict } from "../../src/check/check.js";
import { readAnswers } from "../../src/check/answers.js";
import { resolveClaims } from "../../src/check/claims.js";
import { prepare } from "../../src/check/prepare.js";
import { loadSpec } from "../../src/spec/index.js";
import type { Judged } from "../oracle/seed-claims.js";
import { claims000, claims002, claims004, judge } from "../oracle/seed-claims.js";
import { claim } from "./helpers.js";

/**
 * The seed notes' own numbers (tests/fixtures/answers/) through the checker. The truth is not
 * the checker's: every correct value and every verdict comes from the independent oracle of
 * tests/oracle/ (its own forward pass, finite-difference gradients, and its own judgement of
 * each number against the note's earlier numbers, docs/seed-errata.md).
 */
async function checkFixture(name: string): Promise<CheckReport> {
  const spec = await loadSpec(`specs/${name}.yaml`);
  const c = prepare(spec);
  const file = `tests/fixtures/answers/${name}.yaml`;
  const read = readAnswers(file, readFileSync(file, "utf8"));
  expect(read.diagnostics).toEqual([]);
  const resolved = resolveClaims(file, c, read.entries);
  expect(resolved.diagnostics).toEqual([]);
  return checkClaims(c.graph, resolved.claims);
}

const VERDICT: Record<Judged["verdict"], Verdict> = {
  right: "ok",
  wrong: "wrong",
  "follows from an earlier wrong value": "carried",
  "rounding drift": "carried",
};

/** The oracle's claim ids → the checker's plain names (undefined: not a quantity of the derivation). */
const NAMES: Record<string, Record<string, string | undefined>> = {
  "000-relu-hidden": {
    Y3: "Y3",
    Y4: "Y4",
    Y5: "Y5",
    Y6: "Y6",
    Y7: "Y7",
    Err5: "Err5",
    Err6: "Err6",
    Err7: "Err7",
    W35: "W35'",
    W46: "W46'",
    b5: "b5'",
    b7: "b7'",
    W13: "W13'",
    W24: "W24'",
  },
  "002-sigmoid-2-2-2": {
    z1: "Z3",
    a1: "Y3",
    z2: "Z4",
    a2: "Y4",
    z3: "Z5",
    a3: "Y5",
    z4: "Z6",
    a4: "Y6",
    J1: "Loss5",
    J2: "Loss6",
    J: "Loss",
    dJ_da3: "dLdY5",
    da3_dz3: "dY5dZ5",
    dz3_dw5: "dZ5dW35",
    dJ_dw5: "dW35",
    w5: "W35'",
    dz3_da1: "dZ5dY3",
    dJ_da4: "dLdY6",
    da4_dz4: "dY6dZ6",
    dz4_da1: "dZ6dY3",
    da1_dz1: "dY3dZ3",
    dz1_dw1: "dZ3dW13",
    sum: "dLdY3",
    dJ_dw1: "dW13",
    eta: "eta",
    w1: "W13'",
    // products of chain-rule factors, not quantities of their own
    p124: undefined,
    p567: undefined,
    p89: undefined,
    step: undefined,
  },
  "004-sigmoid-softmax": {
    a1_1: "Z5",
    a1_2: "Z6",
    a1_3: "Z7",
    a1_4: "Z8",
    h1_1: "Y5",
    h1_2: "Y6",
    h1_3: "Y7",
    h1_4: "Y8",
    a2_1: "Z9",
    a2_2: "Z10",
    yhat_1: "Y9",
    yhat_2: "Y10",
    da21_dh13: "dZ9dY7",
  },
};

const ORACLE: Record<string, () => Judged[]> = {
  "000-relu-hidden": () => judge(claims000()),
  "002-sigmoid-2-2-2": () => judge(claims002()),
  "004-sigmoid-softmax": () => judge(claims004()),
};

describe("the seed notes' numbers", () => {
  for (const name of Object.keys(NAMES)) {
    it(`${name}: every number gets the oracle's verdict and correct value`, async () => {
      const report = await checkFixture(name);
      const judged = ORACLE[name]!();
      const names = NAMES[name]!;
      const mapped = judged.filter((j) => names[j.id] !== undefined);
      // every oracle claim is mapped or deliberately left out, and the fixture has nothing else
      for (const j of judged) expect(Object.keys(names), `unmapped oracle claim ${j.id}`).toContain(j.id);
      expect(report.claims.map((c) => c.name).sort()).toEqual(mapped.map((j) => names[j.id]!).sort());
      for (const j of mapped) {
        const r = claim(report, names[j.id]!);
        expect(r.claimed, j.id).toBe(j.written);
        expect(Math.abs(r.correct - j.correct), `${j.id}: correct ${r.correct} vs oracle ${j.correct}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(j.correct)),
        );
        expect(`${j.id}: ${r.verdict}`).toBe(`${j.id}: ${VERDICT[j.verdict]}`);
      }
      // the first wrong step is the oracle's first wrong number in derivation order
      const wrong = report.claims.filter((c) => c.verdict === "wrong");
      expect(report.first_wrong).toBe(wrong[0]?.path ?? null);
    });
  }

  it("000: finds the dropped η, the truncation and the drift", async () => {
    const r = await checkFixture("000-relu-hidden");
    expect(r.claims.filter((c) => c.verdict === "wrong").map((c) => c.name)).toEqual(["W13'", "W24'", "W46'"]);
    expect(r.first_wrong).toBe("updates[0].W[0][0][0]");
    expect(claim(r, "W13'").mistake).toBe("eta-missing");
    expect(claim(r, "W24'").mistake).toBe("eta-missing");
    expect(claim(r, "W46'").mistake).toBe("truncated");
    for (const n of ["Y6", "Y7", "Err6", "Err7"]) expect(claim(r, n).mistake).toBe("drift");
    expect(claim(r, "Err6").carried_from).toEqual(["Y6"]);
    // recomputed from the note's own rounded Y3 = 0.57, Y4 = 0.1: 2.4·0.57 − 5.2·0.1 = 0.848
    expect(claim(r, "Y6").recomputed).toBeCloseTo(2.4 * 0.57 - 5.2 * 0.1, 12);
  });

  it("002: Mazur's a1, a2, the truncated J2, the wrong η carried into w1", async () => {
    const r = await checkFixture("002-sigmoid-2-2-2");
    expect(r.claims.filter((c) => c.verdict === "wrong").map((c) => c.name)).toEqual(["Y3", "Y4", "Loss6", "eta"]);
    expect(r.first_wrong).toBe("updates[0].samples[0].a[0][0]");
    expect(claim(r, "Loss6").mistake).toBe("truncated");
    expect(claim(r, "eta").mistake).toBe("misread");
    expect(claim(r, "dW35").carried_from).toEqual(["Y3"]);
    expect(claim(r, "W13'").carried_from).toEqual(["eta"]);
    expect(claim(r, "W13'").recomputed).toBeCloseTo(0.15 - 0.05 * 0.00044, 12);
  });

  it("004: a1₂ = 1.4 and everything after it", async () => {
    const r = await checkFixture("004-sigmoid-softmax");
    expect(r.claims.filter((c) => c.verdict === "wrong").map((c) => c.name)).toEqual(["Z6", "dZ9dY7"]);
    expect(r.first_wrong).toBe("updates[0].samples[0].z[0][1]");
    for (const n of ["Y6", "Z9", "Z10", "Y9", "Y10"]) expect(claim(r, n).mistake).toBe("carried");
    expect(claim(r, "Y6").carried_from).toEqual(["Z6"]);
    // σ(1.4) from the note's own wrong a1₂
    expect(claim(r, "Y6").recomputed).toBeCloseTo(1 / (1 + Math.exp(-1.4)), 12);
  });
});
