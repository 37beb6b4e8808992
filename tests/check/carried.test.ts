import { describe, expect, it } from "vitest";
import { claim, runCheck, spec000 } from "./helpers.js";

/** Error carried forward, on note 000's network (values by hand: Y = W·Y + b, ReLU hidden). */
describe("error carried forward", () => {
  // Correct: Y3 = relu(0.5·−2.5 + 0.37·0.6 + 1.6) = 0.572, Y4 = 0.098, Y5 = −0.1·Y3 + 1.5·Y4 − 2
  const Y3 = 0.5 * -2.5 + 0.37 * 0.6 + 1.6;
  const Y4 = 0.5 * -1.5 + 0.37 * 0.4 + 0.7;

  it("a wrong value used consistently later is carried, not a new mistake", () => {
    const wrongY3 = 0.75; // an arithmetic slip
    const Y5 = -0.1 * wrongY3 + 1.5 * Y4 - 2;
    const r = runCheck(spec000, `Y3: ${wrongY3}\nY5: ${Y5.toFixed(4)}\nErr5: ${(0 - Y5).toFixed(4)}\n`);
    expect(claim(r, "Y3").verdict).toBe("wrong");
    expect(claim(r, "Y5").verdict).toBe("carried");
    expect(claim(r, "Y5").carried_from).toEqual(["Y3"]);
    expect(claim(r, "Err5").verdict).toBe("carried");
    expect(claim(r, "Err5").carried_from).toEqual(["Y5"]);
    expect(r.first_wrong).toBe("updates[0].samples[0].a[0][0]");
  });

  it("a later value that does not follow from the earlier wrong one is a new mistake", () => {
    const r = runCheck(spec000, `Y3: 0.75\nY5: -1.500\n`);
    expect(claim(r, "Y3").verdict).toBe("wrong");
    expect(claim(r, "Y5").verdict).toBe("wrong");
    expect(claim(r, "Y5").recomputed).toBeCloseTo(-0.1 * 0.75 + 1.5 * Y4 - 2, 12);
  });

  it("the correct value is right even after an earlier mistake (the writer fixed it)", () => {
    const r = runCheck(spec000, `Y3: 0.75\nY5: ${(-0.1 * Y3 + 1.5 * Y4 - 2).toFixed(3)}\n`);
    expect(claim(r, "Y5").verdict).toBe("ok");
  });

  it("the first wrong step is the earliest in derivation order, not in the file", () => {
    const r = runCheck(spec000, `W35': 0.5\nY4: 0.2\n`);
    expect(r.claims.map((c) => c.name)).toEqual(["Y4", "W35'"]);
    expect(r.first_wrong).toBe("updates[0].samples[0].a[0][1]");
  });

  it("through unwritten steps: a wrong Y6 carried into W46′ via δ6 and ∂Loss/∂W46", () => {
    const wrongY6 = 0.95;
    // δ6 = Y6 − T6 (identity output, half-sse), ∂L/∂W46 = δ6·Y4, W46′ = W46 − η·δ6·Y4
    const W46 = -5.2 - 0.1 * (wrongY6 - 1) * Y4;
    const r = runCheck(spec000, `Y6: ${wrongY6}\nW46': ${W46.toFixed(5)}\n`);
    expect(claim(r, "W46'").verdict).toBe("carried");
    expect(claim(r, "W46'").carried_from).toEqual(["Y6"]);
  });

  it("a misread given value carries too", () => {
    // the writer reads W35 as 0.1 instead of −0.1: Y5 = 0.1·Y3 + 1.5·Y4 − 2
    const r = runCheck(spec000, `W35: 0.1\nY5: ${(0.1 * Y3 + 1.5 * Y4 - 2).toFixed(4)}\n`);
    expect(claim(r, "W35").verdict).toBe("wrong");
    expect(claim(r, "W35").mistake).toBe("misread");
    expect(claim(r, "Y5").verdict).toBe("carried");
  });

  it("drift: rounded intermediates, every earlier value right", () => {
    const r = runCheck(spec000, `Y3: 0.57\nY4: 0.1\nY6: 0.85\n`);
    const y6 = claim(r, "Y6");
    expect(y6.verdict).toBe("carried");
    expect(y6.mistake).toBe("drift");
    expect(y6.diagnosis).toMatch(/drift from rounded intermediate values/);
    expect(r.first_wrong).toBeNull();
  });
});
