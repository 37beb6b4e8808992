import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect } from "vitest";
import { parseSpec, SpecError } from "../../src/spec/index.js";

const SEED = readFileSync("specs/000-relu-hidden.yaml", "utf8");
const SEED_JSON = JSON.stringify(parseSpec(SEED, "seed.yaml"), null, 2);

/** Either a spec or a SpecError whose diagnostics all carry a message: never anything else. */
function outcome(text: string, file: string): "ok" | "refused" {
  try {
    parseSpec(text, file);
    return "ok";
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    expect(err.diagnostics.length).toBeGreaterThan(0);
    for (const d of err.diagnostics) {
      expect(d.file).toBe(file);
      expect(d.message.length).toBeGreaterThan(0);
    }
    return "refused";
  }
}

/** The text with a few characters replaced, inserted or deleted at random places. */
const mutated = (text: string) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.constantFrom("del", "ins", "rep"), fc.constantFrom(..."[]{}:,-'\"#&*!|>\n 0.5x")), {
      minLength: 1,
      maxLength: 6,
    })
    .map((edits) => {
      let t = text;
      for (const [at, op, ch] of edits) {
        const i = Math.min(at, t.length);
        t =
          op === "del"
            ? t.slice(0, i) + t.slice(i + 1)
            : op === "ins"
              ? t.slice(0, i) + ch + t.slice(i)
              : t.slice(0, i) + ch + t.slice(i + 1);
      }
      return t;
    });

describe("bad input never escapes as anything but a SpecError", () => {
  test.prop([fc.string({ maxLength: 200 })], { numRuns: 300, seed: 1 })("random text as YAML and JSON", (s) => {
    outcome(s, "r.yaml");
    outcome(s, "r.json");
  });

  test.prop([mutated(SEED)], { numRuns: 150, seed: 2 })("a real YAML spec with a few characters changed", (t) => {
    outcome(t, "m.yaml");
  });

  test.prop([mutated(SEED_JSON)], { numRuns: 400, seed: 3 })("a real JSON spec with a few characters changed", (t) => {
    outcome(t, "m.json");
  });

  test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: 300, seed: 4 })("any JSON value, written as JSON and as YAML flow", (v) => {
    const text = JSON.stringify(v) ?? "null";
    outcome(text, "v.json");
    outcome(text, "v.yaml");
  });
});
