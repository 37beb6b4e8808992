/**
 * docs/seed-errata.md is built from the oracle: every verdict is computed (and must match the
 * verdict we expect), and the document's generated sections must be current.
 * Regenerate with:  UPDATE_ERRATA=1 npx vitest run tests/oracle/errata.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { refreshDocument } from "./errata.js";
import { claims000, claims002, claims004, judge } from "./seed-claims.js";

const DOC = new URL("../../docs/seed-errata.md", import.meta.url);

describe("seed-note claims", () => {
  for (const [note, claims] of [
    ["000", claims000],
    ["002", claims002],
    ["004", claims004],
  ] as const) {
    test(`note ${note}: every computed verdict is the expected one`, () => {
      const judged = judge(claims());
      const got = judged.map((j) => `${j.id}: ${j.verdict}`);
      const want = judged.map((j) => `${j.id}: ${j.expect}`);
      expect(got).toEqual(want);
      for (const j of judged) expect(Number.isFinite(j.correct), j.id).toBe(true);
    });
  }

  test("the headline errors", () => {
    const v = (claims: ReturnType<typeof judge>, id: string) => claims.find((c) => c.id === id)!;
    const c0 = judge(claims000());
    expect(v(c0, "W13").rounded).toBe("-2.48");
    expect(v(c0, "W24").correct).toBeCloseTo(0.4654308, 7);
    expect(v(c0, "W46").truncated).toBe(true);
    const c2 = judge(claims002());
    expect(v(c2, "a1").rounded).toBe("0.594");
    expect(v(c2, "w1").rounded).toBe("0.149781");
    const c4 = judge(claims004());
    expect(v(c4, "a1_2").correct).toBeCloseTo(3.4, 12);
  });
});

test("docs/seed-errata.md generated sections are current", () => {
  const doc = readFileSync(DOC, "utf8");
  const fresh = refreshDocument(doc);
  if (process.env.UPDATE_ERRATA === "1") {
    writeFileSync(DOC, fresh);
    return;
  }
  expect(doc, "docs/seed-errata.md is stale: UPDATE_ERRATA=1 npx vitest run tests/oracle/errata.test.ts").toBe(fresh);
});
