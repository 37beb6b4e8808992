import { describe, expect, it } from "vitest";
import { MAZUR, claim, mazurForward, mazurFrozen, runCheck } from "./helpers.js";

/**
 * Issue 9: a diagnosis is tried on each wrong claim by itself. A note can be inconsistent: its
 * loss after the update is the "updated weights used too early" mistake, while a hidden-layer
 * number beside it is right. Mazur's 2-2-2 network (specs/classic-2-2-2.yaml), by hand.
 */
const mazur = mazurFrozen();
const { x, t, W1, W2 } = MAZUR;
const forward = mazurForward;
const { h, y } = forward(W1, W2);
const d2 = y.map((yk, k) => (yk - t[k]!) * yk * (1 - yk));
const W2after = W2.map((r, k) => r.map((w, j) => w - 0.5 * d2[k]! * h[j]!));
/** The hidden layer's update, with ∂Loss/∂h taken through the given output weights. */
const hiddenUpdate = (Wout: number[][]) => {
  const d1 = h.map((hj, j) => (d2[0]! * Wout[0]![j]! + d2[1]! * Wout[1]![j]!) * hj * (1 - hj));
  return W1.map((r, j) => r.map((w, i) => w - 0.5 * d1[j]! * x[i]!));
};
const W1right = hiddenUpdate(W2);
const W1early = hiddenUpdate(W2after); // the mistake: W′ used before its time
const lossEarly = forward(W1early, W2after).loss;
const lossRight = forward(W1right, W2after).loss;

describe("a diagnosis is tried on each wrong claim by itself", () => {
  it("the early-update loss after, alone, is diagnosed (the hand computation tells it from the right one)", () => {
    expect(Math.abs(lossEarly - lossRight)).toBeGreaterThan(1e-8);
    const r = runCheck(mazur, `Loss': ${lossEarly.toFixed(10)}\n`);
    expect(claim(r, "Loss'").verdict).toBe("wrong");
    expect(claim(r, "Loss'").mistake).toBe("early-update");
  });

  it("still diagnosed when the same file also holds a right hidden-layer weight", () => {
    const r = runCheck(mazur, `W13': ${W1right[0]![0]!.toFixed(9)}\nLoss': ${lossEarly.toFixed(10)}\n`);
    expect(claim(r, "W13'").verdict).toBe("ok");
    expect(claim(r, "Loss'").verdict).toBe("wrong");
    expect(claim(r, "Loss'").mistake).toBe("early-update");
  });

  it("and when it holds a right hidden δ", () => {
    const d1 = h.map((hj, j) => (d2[0]! * W2[0]![j]! + d2[1]! * W2[1]![j]!) * hj * (1 - hj));
    const r = runCheck(mazur, `delta3: ${d1[0]!.toFixed(12)}\nLoss': ${lossEarly.toFixed(10)}\n`);
    expect(claim(r, "delta3").verdict).toBe("ok");
    expect(claim(r, "Loss'").mistake).toBe("early-update");
  });
});
