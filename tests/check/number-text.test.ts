import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { halfUnit, parseWrittenNumber, truncateTo, withinTolerance } from "../../src/check/number-text.js";

const right = (written: string, truth: number) => {
  const n = parseWrittenNumber(written)!;
  return withinTolerance(n.value, truth, halfUnit(n.decimals));
};

describe("the digits as written set the tolerance", () => {
  it("reads the decimals claimed from the source text", () => {
    expect(parseWrittenNumber("0.80")).toEqual({ text: "0.80", value: 0.8, decimals: 2 });
    expect(parseWrittenNumber("-5.19")?.decimals).toBe(2);
    expect(parseWrittenNumber("1.0")?.decimals).toBe(1);
    expect(parseWrittenNumber(".57")).toEqual({ text: ".57", value: 0.57, decimals: 2 });
    expect(parseWrittenNumber("1e-3")).toEqual({ text: "1e-3", value: 0.001, decimals: 3 });
    expect(parseWrittenNumber("2.5E-4")?.decimals).toBe(5);
    expect(parseWrittenNumber("12")?.decimals).toBe(0);
    expect(parseWrittenNumber("1e2")?.decimals).toBe(-2);
    expect(parseWrittenNumber("\u22120.12")?.value).toBe(-0.12);
    expect(parseWrittenNumber("+0.5")?.value).toBe(0.5);
    for (const bad of ["", "abc", "0x1F", ".inf", "1,5", "1.2.3", "--1", "e5", "."]) expect(parseWrittenNumber(bad), bad).toBeUndefined();
  });

  it("a value is right when it equals the correct value rounded to the written decimals", () => {
    expect(right("0.80", 0.8042)).toBe(true);
    expect(right("0.80", 0.8051)).toBe(false);
    expect(right("0.8", 0.8432)).toBe(true); // one decimal claimed
    expect(right("0.80", 0.7951)).toBe(true);
    expect(right("0.80", 0.7949)).toBe(false);
    expect(right("-5.20", -5.19866)).toBe(true);
    expect(right("-5.19", -5.19866)).toBe(false); // truncated, not rounded
    expect(right("-1.9", -1.9102)).toBe(true);
    expect(right("1.0", 1.0499)).toBe(true);
    expect(right("1.0", 0.9501)).toBe(true);
    expect(right("1.0", 1.06)).toBe(false);
    expect(right(".57", 0.572)).toBe(true);
    expect(right("1e-3", 0.00104)).toBe(true);
    expect(right("1e-3", 0.0016)).toBe(false);
    expect(right("0.00044", 0.00043820538)).toBe(true);
    expect(right("2", 0.2)).toBe(false);
  });

  it("on an exact .5 boundary both roundings are accepted, for negative numbers too", () => {
    expect(right("0.13", 0.125)).toBe(true);
    expect(right("0.12", 0.125)).toBe(true);
    expect(right("-0.13", -0.125)).toBe(true);
    expect(right("-0.12", -0.125)).toBe(true);
    expect(right("0.015", 0.1 * 0.15)).toBe(true); // 0.015000000000000001
    expect(right("-5.19", -5.185)).toBe(true);
    expect(right("-5.18", -5.185)).toBe(true);
    expect(right("-5.18", -5.1851)).toBe(false);
  });

  it("property: any value written rounded (toFixed) is right, one unit off is not", () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 6 }), (v, d) => {
        const written = v.toFixed(d);
        expect(right(written, v)).toBe(true);
        const off = (Number(written) + 1.01 * 10 ** -d).toFixed(d);
        expect(right(off, v)).toBe(false);
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it("truncation cuts towards zero", () => {
    expect(truncateTo(-5.19866, 2)).toBe(-5.19);
    expect(truncateTo(0.0235497, 3)).toBe(0.023);
    expect(truncateTo(0.29, 2)).toBe(0.29);
  });
});
