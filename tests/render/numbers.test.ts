import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { texNumber, textNumber } from "../../src/render/numbers.js";

describe("number display", () => {
  it("rounds to the precision and drops trailing zeros", () => {
    expect(texNumber(0.25, 4)).toBe("0.25");
    expect(texNumber(0.38250001, 4)).toBe("0.3825");
    expect(texNumber(-1.91020000001, 4)).toBe("-1.9102");
    expect(texNumber(2, 4)).toBe("2");
    expect(texNumber(123.456789, 2)).toBe("123.46");
  });
  it("keeps three significant digits below 1", () => {
    expect(texNumber(0.000438, 4)).toBe("0.000438");
    expect(texNumber(0.0087972, 4)).toBe("0.0088");
  });
  it("never shows −0", () => {
    expect(texNumber(-0, 4)).toBe("0");
    expect(texNumber(-1e-20, 4)).not.toMatch(/^-0$/);
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e-3, max: 1e-3 }), (v) => {
        expect(texNumber(v, 4)).not.toMatch(/^-0(\.0*)?$/);
      }),
    );
  });
  it("writes very small and very large numbers as m × 10ⁿ", () => {
    expect(texNumber(1.5e-7, 4)).toBe("1.5 \\times 10^{-7}");
    expect(texNumber(-2.5e8, 4)).toBe("-2.5 \\times 10^{8}");
    expect(textNumber(1.5e-7, 4)).toBe("1.5×10⁻⁷");
    expect(textNumber(-0.5, 4)).toBe("−0.5");
  });
  it("every displayed number is the exact value rounded", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e5, max: 1e5 }), (v) => {
        const shown = Number(texNumber(v, 4).replace(" \\times 10^{", "e").replace("}", ""));
        expect(Math.abs(shown - v)).toBeLessThanOrEqual(Math.max(0.5e-4, Math.abs(v) * 5e-3) + 1e-12);
      }),
    );
  });
});
