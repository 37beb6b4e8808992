import { describe, expect, it } from "vitest";
import { claim, mazurFrozen, runCheck, spec002, spec004 } from "./helpers.js";

/**
 * Issue 9: errors carried through values the writer did not write, or wrote rounded. Each
 * written number is the interval its digits allow; a claim inside the interval the writer's
 * earlier numbers imply (and not the correct one) is carried. Every expected value below is the
 * writer's chain worked by hand in plain JavaScript, never the checker's output.
 */
const sig = (z: number) => 1 / (1 + Math.exp(-z));
const round = (v: number, d: number) => Number(v.toFixed(d));

describe("a second softmax output written as one minus the first (wrong) one", () => {
  // Note 004's network (4-4-2, sigmoid hidden, softmax out, no biases): inputs 1–4, hidden 5–8, outputs 9, 10.
  const x = [2, 5, 3, 3];
  const W1 = spec004.weights![0]!;
  const W2 = spec004.weights![1]!;
  const h = W1.map((r) => sig(r.reduce((s, w, i) => s + w * x[i]!, 0)));
  const z = W2.map((r) => r.reduce((s, w, j) => s + w * h[j]!, 0));
  const e = z.map(Math.exp);
  const y = e.map((v) => v / (e[0]! + e[1]!));

  const wrongY9 = round(y[0]! + 0.05, 2); // an arithmetic slip in the first output
  const writerY10 = round(1 - wrongY9, 2); // the second as one minus the first

  it("the hand computation: the writer's second output is neither right nor the softmax of anything written", () => {
    expect(Math.abs(wrongY9 - y[0]!)).toBeGreaterThan(0.005);
    expect(Math.abs(writerY10 - y[1]!)).toBeGreaterThan(0.005);
  });

  it("the first is wrong, the second carried from it", () => {
    const r = runCheck(spec004, `Y9: ${wrongY9.toFixed(2)}\nY10: ${writerY10.toFixed(2)}\n`);
    expect(claim(r, "Y9").verdict).toBe("wrong");
    expect(claim(r, "Y10").verdict).toBe("carried");
    expect(claim(r, "Y10").carried_from).toEqual(["Y9"]);
    expect(r.first_wrong).toBe("updates[0].samples[0].a[1][0]");
  });

  it("a second output that is not one minus the first stays a new mistake", () => {
    const other = round(1 - wrongY9 - 0.04, 2);
    const r = runCheck(spec004, `Y9: ${wrongY9.toFixed(2)}\nY10: ${other.toFixed(2)}\n`);
    expect(claim(r, "Y10").verdict).toBe("wrong");
  });
});

describe("a loss computed from the unrounded value of a wrong net input, only its rounded activation written", () => {
  // Mazur's 2-2-2 network (specs/classic-2-2-2.yaml): hidden 3, 4; outputs 5, 6.
  const mazur = mazurFrozen();
  const x = [0.05, 0.1];
  const h = [
    [0.15, 0.2],
    [0.25, 0.3],
  ].map((r) => sig(r[0]! * x[0]! + r[1]! * x[1]! + 0.35));
  const z5 = 0.4 * h[0]! + 0.45 * h[1]! + 0.6;
  const y6 = sig(0.5 * h[0]! + 0.55 * h[1]! + 0.6);
  // The writer's slip: net input 1.2 for node 5 (not written), its activation written rounded.
  const writerZ5 = 1.2;
  const writerY5 = sig(writerZ5);
  const writtenY5 = round(writerY5, 2);
  const lossOf = (y5: number) => 0.5 * (0.01 - y5) ** 2 + 0.5 * (0.99 - y6) ** 2;
  const writerLoss = round(lossOf(writerY5), 6); // from the unrounded activation

  it("the hand computation: the loss follows from neither the written activation nor the right one", () => {
    expect(Math.abs(writtenY5 - sig(z5))).toBeGreaterThan(0.005);
    expect(Math.abs(writerLoss - lossOf(writtenY5))).toBeGreaterThan(0.5e-6); // not from 0.77 exactly
    expect(Math.abs(writerLoss - lossOf(sig(z5)))).toBeGreaterThan(0.5e-6);
    // …but inside what 0.77 allows (0.765 … 0.775): ∂L/∂Y5 = Y5 − 0.01 times half a unit
    expect(Math.abs(writerLoss - lossOf(writtenY5))).toBeLessThan((writtenY5 - 0.01) * 0.005);
  });

  it("the activation is wrong, the loss carried from it (was: a new mistake)", () => {
    const r = runCheck(mazur, `Y5: ${writtenY5.toFixed(2)}\nLoss: ${writerLoss.toFixed(6)}\n`);
    expect(claim(r, "Y5").verdict).toBe("wrong");
    expect(claim(r, "Loss").verdict).toBe("carried");
    expect(claim(r, "Loss").carried_from).toEqual(["Y5"]);
  });

  it("a loss outside that interval is still a new mistake", () => {
    const far = round(lossOf(writtenY5) + 0.01, 6);
    const r = runCheck(mazur, `Y5: ${writtenY5.toFixed(2)}\nLoss: ${far.toFixed(6)}\n`);
    expect(claim(r, "Loss").verdict).toBe("wrong");
  });

  it("a right number computed from exact inputs stands for itself: no interval around it", () => {
    // Note 002's network: Z4 = 0.05·0.20 + 0.10·0.30 + 0.35 = 0.39 exactly; Y4 = σ(0.39) = 0.5963
    // written 0.597 is wrong, not carried from the digits of 0.39 (the seed errata's verdict).
    expect(0.05 * 0.2 + 0.1 * 0.3 + 0.35).toBeCloseTo(0.39, 15);
    expect(Math.abs(0.597 - sig(0.39))).toBeGreaterThan(0.0005);
    const r = runCheck(spec002, "Z4: 0.39\nY4: 0.597\n");
    expect(claim(r, "Z4").verdict).toBe("ok");
    expect(claim(r, "Y4").verdict).toBe("wrong");
  });
});
