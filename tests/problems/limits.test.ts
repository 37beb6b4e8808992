import { describe, expect, it } from "vitest";
import { UserError } from "../../src/cli/errors.js";
import { tooLarge } from "../../src/cli/problems.js";
import { sharedEnvironment } from "../../src/render/env.js";

describe("problem-set size limits", () => {
  it("a file past the engine's longest string is bad input with advice, not a bug", () => {
    let err: unknown;
    try {
      "x".repeat(2 ** 30); // past V8's longest string: the same RangeError a huge Moodle file gives
    } catch (e) {
      err = e;
    }
    const mapped = tooLarge(err);
    expect(mapped).toBeInstanceOf(UserError);
    expect(mapped!.exitCode).toBe(2);
    expect(mapped!.message).toMatch(/too large.*lower --count/);
    // the same from inside a template, which nunjucks wraps in its own error
    let wrapped: unknown;
    try {
      sharedEnvironment().renderString("<< huge() >>", { huge: () => "x".repeat(2 ** 30) });
    } catch (e) {
      wrapped = e;
    }
    expect(wrapped).not.toBeInstanceOf(RangeError);
    expect(tooLarge(wrapped)).toBeInstanceOf(UserError);
    expect(tooLarge(new RangeError("precision must be a whole number"))).toBeUndefined();
    expect(tooLarge(new Error("Invalid string length"))).toBeUndefined();
  });
});
