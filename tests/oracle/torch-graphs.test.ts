/**
 * Issue 13: graph gradients equal PyTorch's autograd. Every graph case of
 * tests/fixtures/torch/graphs.json (specs/010–013 and the script's random graphs, with ties of
 * max/min and ReLU/abs at exactly 0) against our graph key (CONTRACT §6): every value, every
 * gradient of every leaf and node, and `after` for the params.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { mismatches, type Tolerance } from "./compare.js";
import { ROOT, expectFixtureOf, fileOf, readTorchFixture } from "./torch-fixtures.js";

interface TorchGraph {
  values: Record<string, number>;
  gradients: Record<string, number>;
  after?: Record<string, number>;
}
type Kinks = { kinks: Record<"max_tie" | "min_tie" | "relu_at_0" | "abs_at_0", number> };

/** The same arithmetic in another order: relative 1e-9, absolute 1e-12 near zero. */
const TOL: Tolerance = { rel: 1e-9, abs: 1e-12 };

const fixture = readTorchFixture<TorchGraph, Kinks>("graphs.json");
const probes = (fixture as unknown as { probes: Record<string, number | number[]> }).probes;

/** Mismatches of one key's name → number map against PyTorch's, names included. */
function compareMap(got: Record<string, number> | undefined, want: Record<string, number> | undefined, field: string): string[] {
  if (want === undefined) return got === undefined ? [] : [`${field}: PyTorch has none, we have ${JSON.stringify(got)}`];
  if (got === undefined) return [`${field}: missing`];
  const names = [...Object.keys(want)].sort();
  if (JSON.stringify(Object.keys(got).sort()) !== JSON.stringify(names)) {
    return [`${field}: names ${Object.keys(got).sort().join(", ")}, PyTorch's ${names.join(", ")}`];
  }
  return names.flatMap((n) => mismatches(got[n], want[n], TOL, `${field}.${n}`));
}

const compareKey = (
  key: { values: Record<string, number>; gradients: Record<string, number>; after?: Record<string, number> },
  want: TorchGraph,
) => [
  ...compareMap(key.values, want.values, "values"),
  ...compareMap(key.gradients, want.gradients, "gradients"),
  ...compareMap(key.after, want.after, "after"),
];

describe("graph keys against PyTorch's autograd (tests/fixtures/torch/graphs.json)", () => {
  it("was written by PyTorch in float64", () => {
    expect(fixture.dtype).toBe("float64");
    expect(fixture.torch).toMatch(/^\d+\.\d+/);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s: values, gradients and after equal PyTorch's", (_name, c) => {
    const spec = parseAnySpec(c.spec, fileOf(c)) as GraphSpec;
    expect(compareKey(graphKey(deriveGraph(spec)), c.torch)).toEqual([]);
  });

  it("the committed keys of specs/ (out/*.json, the CLI's own output) equal PyTorch's too", () => {
    const fromSpecs = fixture.cases.filter((c) => c.file);
    expect(fromSpecs.length).toBeGreaterThanOrEqual(4);
    for (const c of fromSpecs) {
      const key = JSON.parse(readFileSync(join(ROOT, "out", `${c.name}.json`), "utf8"));
      expect(compareKey(key, c.torch), c.name).toEqual([]);
    }
  });

  it("PyTorch was asked about every kink rule of CONTRACT §6: max and min ties, ReLU and abs at exactly 0", () => {
    const total = { max_tie: 0, min_tie: 0, relu_at_0: 0, abs_at_0: 0 };
    for (const c of fixture.cases) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c.kinks[k];
    for (const k of Object.keys(total) as (keyof typeof total)[]) expect(total[k], k).toBeGreaterThanOrEqual(3);
  });

  it("PyTorch's derivatives at the kinks and ties are the contract's rules, and ours: ReLU′(0) = 0, abs′(0) = 0, half to each at a tie", () => {
    const gradients = (inputs: string, f: string) =>
      graphKey(deriveGraph(parseAnySpec(`graph:\n  inputs: { ${inputs} }\n  nodes:\n    - f: ${f}\n`, "probe.yaml") as GraphSpec))
        .gradients;
    expect(probes["torch.relu'(0)"]).toBe(0);
    expect(gradients("x: 0", "relu(x)").x).toBe(probes["torch.relu'(0)"]);
    expect(probes["torch.abs'(0)"]).toBe(0);
    expect(gradients("x: 0", "abs(x)").x).toBe(probes["torch.abs'(0)"]);
    for (const [fn, probe] of [
      ["max", "torch.maximum at a tie (1.5, 1.5)"],
      ["min", "torch.minimum at a tie (1.5, 1.5)"],
    ] as const) {
      expect(probes[probe]).toEqual([0.5, 0.5]);
      const g = gradients("a: 1.5, b: 1.5", `${fn}(a, b)`);
      expect([g.a, g.b], fn).toEqual(probes[probe]);
    }
    expect(probes["torch.max(a, b) at a tie (1.5, 1.5)"]).toEqual([0.5, 0.5]);
    // A ReLU written as torch.clamp(x, min=0) is not torch.relu at 0: it passes the whole gradient.
    expect(probes["torch.clamp(min=0)'(0)"]).toBe(1);
  });

  it("the fixtures hold the specs of specs/ as they are now (a changed spec needs scripts/torch-reference.py again)", () => {
    const graphs = readdirSync(join(ROOT, "specs"))
      .filter((f) => /\.(ya?ml|json)$/.test(f) && /^graph:/m.test(readFileSync(join(ROOT, "specs", f), "utf8")))
      .map((f) => `specs/${f}`);
    expectFixtureOf(fixture.cases, graphs);
  });
});
