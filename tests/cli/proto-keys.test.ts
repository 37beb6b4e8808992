import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectRefused, filesUnder, run, tempDir } from "./run.js";

/*
 * `__proto__`, `constructor` and `prototype` are keys like any other: wherever one is not a
 * known field (a spec, a layer, a sample, letters, the problems block and its ranges) it gets
 * the located "unknown" message, in YAML and in JSON; none is dropped or merged silently.
 */

const SEED = readFileSync("specs/000-relu-hidden.yaml", "utf8");
const KEYS = ["__proto__", "constructor", "prototype"];

/** A spec with `key: {weights: fixed}` put into the mapping at `where`. */
const PLACES: { where: string; command: "derive" | "problems"; path: (k: string) => string; says: RegExp }[] = [
  { where: "top", command: "derive", path: (k) => k, says: /unknown key/ },
  { where: "layer", command: "derive", path: (k) => `layers[1].${k}`, says: /unknown key/ },
  { where: "sample", command: "derive", path: (k) => `samples[0].${k}`, says: /unknown key/ },
  { where: "letters", command: "derive", path: (k) => `letters.${k}`, says: /unknown/ },
  { where: "problems", command: "problems", path: (k) => `problems.${k}`, says: /unknown setting; expected one of title, precision/ },
  { where: "range", command: "problems", path: (k) => `problems.weights.${k}`, says: /unknown setting; a range has min, max/ },
];

function specWith(where: string, key: string, json: boolean): string {
  const obj: Record<string, unknown> = JSON.parse(
    JSON.stringify({
      learning_rate: 0.1,
      loss: "half-sse",
      layers: [{ size: 2 }, { size: 1, activation: "identity" }],
      weights: [[[0.5, -0.5]]],
      samples: [{ input: [1, 2], target: [1] }],
      letters: { weight: "v" },
      problems: { weights: { min: -1, max: 1 } },
    }),
  );
  // the key goes in as text, so that no JavaScript object swallows it first
  const inner = json ? `"${key}": {"weights": "fixed"}, ` : `${key}: {weights: fixed}, `;
  const text = json ? JSON.stringify(obj) : toFlowYaml(obj);
  const anchor = {
    top: json ? '{"learning_rate"' : "{learning_rate",
    layer: json ? '{"size":1' : "{size: 1",
    sample: json ? '{"input"' : "{input",
    letters: json ? '{"weight"' : "{weight",
    problems: json ? '{"weights":{"min"' : "{weights: {min",
    range: json ? '{"min"' : "{min",
  }[where]!;
  const at = text.indexOf(anchor);
  expect(at).toBeGreaterThanOrEqual(0);
  return `${text.slice(0, at + 1)}${inner}${text.slice(at + 1)}`;
}

/** Plain data as one line of YAML flow style. */
function toFlowYaml(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(toFlowYaml).join(", ")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${toFlowYaml(x)}`)
      .join(", ")}}`;
  return String(v);
}

describe("__proto__, constructor and prototype are unknown keys everywhere (built CLI)", () => {
  const dir = tempDir("proto");
  for (const place of PLACES) {
    for (const key of KEYS) {
      // the YAML reader treats only __proto__ specially; JSON.parse makes each an own key
      for (const json of key === "__proto__" ? [false, true] : [true]) {
        it(`${place.command}: ${key} in ${place.where} (${json ? "JSON" : "YAML"})`, () => {
          const file = join(dir, `${place.where}-${key}.${json ? "json" : "yaml"}`);
          writeFileSync(file, `${specWith(place.where, key, json)}\n`);
          const out = join(dir, `out-${place.where}-${key}-${json}`);
          const r = run(place.command, file, "--out", out, ...(place.command === "problems" ? ["--count", "1"] : []));
          const path = place.path(key).replace(/\./g, "\\.").replace(/\[/g, "\\[").replace(/\]/g, "\\]");
          expectRefused(r, new RegExp(`^${file.replace(/[.^$*+?()[\]{}|\\]/g, "\\$&")}:1:\\d+: ${path}: `));
          expect(r.err).toMatch(place.says);
          expect(filesUnder(out)).toEqual([]);
        });
      }
    }
  }

  it("the block as written reaches the problem generator (a valid block still works)", () => {
    const file = join(dir, "fine.yaml");
    writeFileSync(file, `${SEED}problems:\n  weights: {min: -1, max: 1}\n`);
    const out = join(dir, "out-fine");
    const r = run("problems", file, "--out", out, "--count", "1", "--format", "json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(filesUnder(out)).toEqual(["fine.key.json"]);
  });
});
