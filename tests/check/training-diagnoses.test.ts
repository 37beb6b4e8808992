import { describe, expect, it } from "vitest";
import type { NetworkSpec } from "../../src/spec/types.js";
import { runCheck } from "./helpers.js";
import { net } from "./training-spec.js";
import type { Slip } from "./training-trainer.js";
import { answers, slipTrain } from "./training-trainer.js";

/**
 * The classic slips of the training rules (issue 12): each writer is made by the test's own
 * trainer with the slip (training-trainer.ts, nothing from src/), written to 8 decimals. Every
 * number the slip changes is wrong with that diagnosis, or carried from such a number; the same
 * numbers from the right rules are all ok.
 */
const ADAM = { beta1: 0.8, beta2: 0.95, epsilon: 1e-6 };
const cases: { slip: Exclude<Slip, "none">; rules: Partial<NetworkSpec>; picks: [string, number][] }[] = [
  {
    slip: "adam-no-bias-correction",
    rules: { optimizer: "adam", ...ADAM },
    picks: [
      ["mhatW35", 1],
      ["W35'", 1],
      ["shatb4", 2],
      ["W13'", 2],
    ],
  },
  {
    // t from 0 divides by zero at update 1: the slip is in update 2 on (update 1 is right)
    slip: "adam-t-from-zero",
    rules: { optimizer: "adam", ...ADAM },
    picks: [
      ["W35'", 1],
      ["mhatW35", 2],
      ["W35'", 2],
      ["b3'", 3],
    ],
  },
  {
    slip: "momentum-eta-twice",
    rules: { optimizer: "momentum", momentum: 0.8 },
    picks: [
      ["vW35'", 1],
      ["W35'", 1],
      ["vW35'", 2],
      ["W14'", 2],
    ],
  },
  {
    slip: "l2-on-biases",
    rules: { optimizer: "momentum", momentum: 0.8, l2: 0.05 },
    picks: [
      ["LossReg", 1],
      ["vb5'", 1],
      ["b5'", 1],
      ["b4'", 2],
    ],
  },
  {
    slip: "l2-on-biases",
    rules: { optimizer: "sgd", l2: 0.1, mode: "batch" },
    picks: [
      ["b3'", 1],
      ["b5'", 2],
    ],
  },
  {
    slip: "adamw-coupled",
    rules: { optimizer: "adamw", ...ADAM, weight_decay: 0.2 },
    picks: [
      ["mW35'", 1],
      ["W35'", 1],
      ["sW13'", 2],
      ["W24'", 2],
    ],
  },
  {
    slip: "sign-state",
    rules: { optimizer: "nesterov", momentum: 0.7 },
    picks: [
      ["vW35'", 1],
      ["vW35'", 2],
      ["vb3'", 3],
    ],
  },
];

describe("diagnoses of the training rules' slips", () => {
  it.each(cases)("$slip ($rules.optimizer): diagnosed; the right numbers are ok", ({ slip, rules, picks }) => {
    const s = net(rules);
    const slipped = runCheck(s, answers(slipTrain(s, slip), picks, 8));
    const wrong = slipped.claims.filter((c) => c.verdict === "wrong");
    expect(wrong.length, JSON.stringify(slipped.claims)).toBeGreaterThan(0);
    for (const c of slipped.claims) {
      if (c.verdict === "wrong") expect(`${c.name}: ${c.mistake}`).toBe(`${c.name}: ${slip}`);
    }
    // what the slip leaves alone is ok (t from 0 at update 1), the rest wrong or carried from it
    for (const c of slipped.claims) {
      if (c.verdict === "ok") expect(slip === "adam-t-from-zero" && c.name === "W35'@u1").toBe(true);
    }
    const right = runCheck(s, answers(slipTrain(s), picks, 8));
    expect(right.claims.map((c) => c.verdict)).toEqual(picks.map(() => "ok"));
  });

  it("the L2 term left out: the gradient without λw and the loss without (λ/2)Σw²", () => {
    const s = net({ l2: 0.05 });
    const run = slipTrain(s);
    // λ·W35 at update 1: W35 = 0.9 before it
    const g = run[0]!.get("gW35")! - 0.05 * 0.9;
    const r = runCheck(s, `gW35@u1: ${g.toFixed(8)}\nLossReg@u1: ${run[0]!.get("Loss")!.toFixed(8)}\n`);
    expect(r.claims.map((c) => [c.verdict, c.mistake])).toEqual([
      ["wrong", "l2-missing"],
      ["wrong", "l2-missing"],
    ]);
  });

  it("momentum's v written with −η but applied right (θ + v) is only a sign/η question of v: its W′ is carried", () => {
    const s = net({ optimizer: "momentum", momentum: 0.8 });
    const run = slipTrain(s, "momentum-eta-twice");
    const r = runCheck(
      s,
      answers(
        run,
        [
          ["vW35'", 1],
          ["W35'", 1],
        ],
        8,
      ),
    );
    expect(r.claims.map((c) => [c.verdict, c.mistake])).toEqual([
      ["wrong", "momentum-eta-twice"],
      ["carried", "carried"],
    ]);
  });
});
