import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatId, MAX_SEED, parseId } from "../../src/problems/ids.js";
import { hashSeed, intBetween, sfc32 } from "../../src/problems/prng.js";

describe("seeded PRNG", () => {
  it("is a pure function of its seed, with values in [0, 1)", () => {
    const a = sfc32(42);
    const b = sfc32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(sfc32(43)()).not.toBe(xs[0]);
  });

  it("pins its first numbers (a change of generator changes every problem set)", () => {
    const r = sfc32(hashSeed(1, 1, 0));
    expect(Array.from({ length: 3 }, () => Math.floor(r() * 1e6))).toEqual([348437, 935701, 256683]);
  });

  it("hashSeed separates neighbouring (seed, index, attempt) triples", () => {
    const seen = new Set<number>();
    for (let s = 0; s < 10; s++) for (let k = 1; k <= 30; k++) for (let a = 0; a < 30; a++) seen.add(hashSeed(s, k, a));
    expect(seen.size).toBe(10 * 30 * 30);
  });

  it("intBetween covers both ends, roughly uniformly", () => {
    const r = sfc32(7);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 50_000; i++) counts[intBetween(r, -2, 2) + 2]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});

describe("variant ids", () => {
  it("round-trip S-k-a", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SEED }), fc.integer({ min: 1, max: 1e6 }), fc.nat(1e6), (seed, index, attempt) => {
        expect(parseId(formatId({ seed, index, attempt }))).toEqual({ seed, index, attempt });
      }),
    );
  });

  it("reject what is not an id", () => {
    for (const bad of ["", "1-2", "1-0-0", "a-1-1", "1-1-1-1", "4294967296-1-0", "-1-1-0", "1.5-1-0"]) {
      expect(parseId(bad), bad).toBeUndefined();
    }
  });
});
