import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withNewline } from "../../src/problems/assemble.js";

describe("withNewline", () => {
  it("drops the leading blank lines and the trailing space, and ends with one newline (as the regular expression did)", () => {
    const text = fc.array(fc.constantFrom(" ", "\t", "\n", "\r", "a", "b", "\\", "%"), { maxLength: 40 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (s) => {
        expect(withNewline(s)).toBe(`${s.replace(/^\s*\n/, "").trimEnd()}\n`);
      }),
      { numRuns: 2000 },
    );
  });
});
