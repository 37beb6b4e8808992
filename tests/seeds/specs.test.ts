/**
 * The seed specs (specs/*.yaml) use exactly CONTRACT §2's fields plus the presentation fields
 * the loader accepts, carry a title and a comment citing their source, and keep every ReLU net
 * input clear of the kink (so finite differences are defined and no ReLU is trivially dead).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { referenceAnswerKey, normalizeSpec } from "../oracle/reference.js";
import { referenceTrainingKey } from "../oracle/training.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const TOP = new Set([
  "title",
  "learning_rate",
  "loss",
  "reduction",
  "mode",
  "epochs",
  "layers",
  "weights",
  "biases",
  "train_biases",
  "samples",
  "input",
  "target",
  "notation",
  "convention",
  "precision", // presentation
  // training rules (CONTRACT §5)
  "optimizer",
  "momentum",
  "rho",
  "beta1",
  "beta2",
  "epsilon",
  "l2",
  "weight_decay",
]);

// the layered networks of the notes (the graph specs, CONTRACT §6, are tested in tests/graph)
const seeds = readdirSync(join(ROOT, "specs")).filter(
  (f) => /^(\d{3}-|classic-).*\.yaml$/.test(f) && !/^graph:/m.test(readFileSync(join(ROOT, "specs", f), "utf8")),
);

describe("seed specs", () => {
  test("one per network of the notes", () => expect(seeds.length).toBeGreaterThanOrEqual(8));

  for (const f of seeds) {
    test(f, () => {
      const text = readFileSync(join(ROOT, "specs", f), "utf8");
      const spec = parse(text);
      for (const k of Object.keys(spec)) expect(TOP.has(k), `unexpected field ${k}`).toBe(true);
      for (const l of spec.layers) for (const k of Object.keys(l)) expect(["size", "activation"]).toContain(k);
      for (const smp of spec.samples ?? []) expect(Object.keys(smp).sort()).toEqual(["input", "target"]);
      expect(typeof spec.title).toBe("string");
      expect(["node", "sequential", "layer", "matrix"]).toContain(spec.notation);
      if (spec.convention !== undefined) expect(["gradient", "error"]).toContain(spec.convention);
      // a comment citing the note (or Mazur, for the classic example)
      // (a spec with a training rule trains a note's network: it cites that note)
      const rules = (spec.optimizer ?? "sgd") !== "sgd" || (spec.l2 ?? 0) > 0;
      const note = rules ? "\\d{3}" : /^(\d{3})-/.exec(f)?.[1];
      expect(text).toMatch(note ? new RegExp(`(note|Seed note) ${note}`, "i") : /Mazur/);
      // every ReLU net input at least 0.05 away from 0 (online updates: at each update's start)
      const s = normalizeSpec(spec);
      // (a training rule moves the parameters its own way: the §5 oracle's trajectory)
      const key = rules ? referenceTrainingKey(spec, { gradients: "analytic" }) : referenceAnswerKey(spec, { gradients: "analytic" });
      for (const u of key.updates) {
        for (const smp of u.samples) {
          smp.z.forEach((zl, l) => {
            if (s.acts[l] === "relu" || s.acts[l] === "leaky-relu") {
              for (const z of zl) expect(Math.abs(z), `${f}: a ReLU net input near 0`).toBeGreaterThan(0.05);
            }
          });
        }
      }
    });
  }

  test("000's implied target and the note's rounded forward pass", () => {
    const u = referenceAnswerKey(parse(readFileSync(join(ROOT, "specs/000-relu-hidden.yaml"), "utf8"))).updates[0];
    expect(u.samples[0].target).toEqual([0, 1, 0]);
    // the note's Y3 = 0.57, Y4 = 0.1, Y5 = -1.9 (and Err = Ob − Y: 1.9)
    expect(u.samples[0].a[0][0].toFixed(2)).toBe("0.57");
    expect(u.samples[0].a[0][1].toFixed(1)).toBe("0.1");
    expect(u.samples[0].a[1][0].toFixed(1)).toBe("-1.9");
  });

  test("002 reproduces the note's own forward numbers that are right (z1, z2, z3, a3, z4, a4)", () => {
    const s = referenceAnswerKey(parse(readFileSync(join(ROOT, "specs/002-sigmoid-2-2-2.yaml"), "utf8"))).updates[0].samples[0];
    expect(s.z[0][0].toFixed(4)).toBe("0.3825");
    expect(s.z[0][1].toFixed(2)).toBe("0.39");
    expect(s.z[1].map((v) => v.toFixed(3))).toEqual(["1.106", "1.225"]);
    expect(s.a[1].map((v) => v.toFixed(3))).toEqual(["0.751", "0.773"]);
    expect(s.loss.toFixed(3)).toBe("0.298");
  });

  test("004 reproduces the note's correct entries of a1 (2.9, 2.1, 2.3)", () => {
    const s = referenceAnswerKey(parse(readFileSync(join(ROOT, "specs/004-sigmoid-softmax.yaml"), "utf8"))).updates[0].samples[0];
    expect(s.z[0].map((v) => v.toFixed(1))).toEqual(["2.9", "3.4", "2.1", "2.3"]);
  });
});
