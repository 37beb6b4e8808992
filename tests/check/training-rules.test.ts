import { describe, expect, it } from "vitest";
import { prepare } from "../../src/check/prepare.js";
import type { NetworkSpec, OptimizerName } from "../../src/spec/types.js";
import { OPTIMIZERS } from "../../src/spec/types.js";
import { referenceTrainingKey } from "../oracle/training.js";
import { claim, runCheck } from "./helpers.js";
import { answers, slipTrain } from "./training-trainer.js";
import { net } from "./training-spec.js";

/**
 * check and CONTRACT §5 (issue 12): the optimizer's state, Adam's m̂ and ŝ, the gradient with
 * λw, the regularised loss and the step, for every optimizer, with and without l2, online and
 * batch, over several updates. Every number is made by the trainer in training-trainer.ts
 * (PyTorch's formulas written again, nothing from src/), which the oracle checks in turn.
 */

const SETTINGS: Record<OptimizerName, Partial<NetworkSpec>> = {
  sgd: {},
  momentum: { momentum: 0.8 },
  nesterov: { momentum: 0.7 },
  rmsprop: { rho: 0.85, epsilon: 1e-6 },
  adam: { beta1: 0.8, beta2: 0.95, epsilon: 1e-6 },
  adamw: { beta1: 0.8, beta2: 0.95, epsilon: 1e-6, weight_decay: 0.2 },
};

describe("the training rules' quantities are right for every optimizer (independent trainer)", () => {
  const cases = OPTIMIZERS.flatMap((optimizer) =>
    [0, 0.05].flatMap((l2) => (["online", "batch"] as const).map((mode) => ({ optimizer, l2, mode }))),
  );

  it("the test's trainer agrees with the §5 oracle (parameters and state of every update)", () => {
    for (const c of cases) {
      const s = net({ ...SETTINGS[c.optimizer], optimizer: c.optimizer, l2: c.l2, mode: c.mode });
      const ours = slipTrain(s);
      const key = referenceTrainingKey(s, { gradients: "analytic" });
      expect(ours).toHaveLength(key.updates.length);
      key.updates.forEach((u, k) => {
        expect(ours[k]!.get("W35'")).toBeCloseTo(u.W[1]![0]![0]!, 12);
        expect(ours[k]!.get("b4'")).toBeCloseTo((u.b[0] as number[])[1]!, 12);
        expect(ours[k]!.get("LossReg")).toBeCloseTo(u.loss, 12);
        expect(ours[k]!.get("Loss'")).toBeCloseTo(u.loss_after, 12);
        for (const [field, value] of Object.entries(u.state)) {
          const q = field[0]!;
          const v = field.endsWith("W") ? (value as number[][][])[0]![1]![0]! : (value as number[][])[1]![0]!;
          expect(ours[k]!.get(field.endsWith("W") ? `${q}W14'` : `${q}b5'`)).toBeCloseTo(v, 12);
        }
      });
    }
  });

  it.each(cases)("$optimizer, l2 $l2, $mode: every value of every update, written to 10 decimals, is ok", ({ optimizer, l2, mode }) => {
    const s = net({ ...SETTINGS[optimizer], optimizer, l2, mode });
    const run = slipTrain(s);
    expect(run.length).toBeGreaterThanOrEqual(2);
    // without l2 there is no LossReg (the loss has no L2 term): the plain Loss is the key's loss
    const picks = run.flatMap((named, k) =>
      [...named.keys()].filter((n) => l2 > 0 || n !== "LossReg").map((n): [string, number] => [n, k + 1]),
    );
    const r = runCheck(s, answers(run, picks));
    const bad = r.claims.filter((c) => c.verdict !== "ok");
    expect(bad, JSON.stringify(bad.slice(0, 3))).toEqual([]);
    // the correct values are the trainer's, to far more than the written digits
    for (const [name, u] of picks) expect(claim(r, `${name}@u${u}`).correct).toBeCloseTo(run[u - 1]!.get(name)!, 11);
  });
});

describe("names of the training rules' quantities", () => {
  const s = net({ optimizer: "adam", beta1: 0.8, beta2: 0.95, epsilon: 1e-6, l2: 0.05, notation: "node", convention: "gradient" });
  const c = prepare(s);
  const key = (name: string): string => {
    const r = c.names.resolve(name);
    if (!r.ok) throw new Error(`${name}: ${r.message}`);
    return r.key;
  };

  it("plain scheme: the state before (vW13) and after (vW13') an update, m̂, ŝ, g, the step, LossReg, the settings", () => {
    expect(key("mW13'@u1")).toBe("mW13'@u1");
    expect(key("mW1_3'@u1")).toBe("mW13'@u1");
    // the state before update 2 is the state after update 1; before update 1 it is the given 0
    expect(key("mW13@u2")).toBe("mW13'@u1");
    expect(key("sW35@u3")).toBe("sW35'@u2");
    expect(key("mW13@u1")).toBe("mW13@u1");
    expect(key("mhatW35@u2")).toBe("mhatW35@u2");
    expect(key("shatb5@u4")).toBe("shatb5@u4");
    expect(key("gW45@u1")).toBe("gW45@u1");
    expect(key("stepb3@u3")).toBe("stepb3@u3");
    expect(key("stepW2_4@u1")).toBe("stepW24@u1");
    expect(key("LossReg@u2")).toBe("LossReg@u2");
    expect(key("beta2")).toBe("beta2");
    expect(key("lambda")).toBe("lambda");
  });

  it("the spec's notation (its ASCII names): v_W13 before the update, v_W13_new after it", () => {
    expect(key("m_W13_new@u1")).toBe("mW13'@u1");
    expect(key("m_W13@u2")).toBe("mW13'@u1");
    expect(key("m_W13@u1")).toBe("mW13@u1");
    expect(key("mhat_W35@u2")).toBe("mhatW35@u2");
    expect(key("g_W45@u1")).toBe("gW45@u1");
    expect(key("Loss_reg@u2")).toBe("LossReg@u2");
  });

  it("answer-key paths: state, step_W, step_b, dL_dx; with l2 the key's loss and dL_dW are the regularised ones", () => {
    expect(key("updates[0].state.m_W[0][1][0]")).toBe("mW14'@u1");
    expect(key("updates[2].state.s_b[1][0]")).toBe("sb5'@u3");
    expect(key("updates[1].step_W[1][0][1]")).toBe("stepW45@u2");
    expect(key("updates[3].step_b[0][1]")).toBe("stepb4@u4");
    expect(key("updates[0].samples[0].dL_dx[1]")).toBe("dLdX2@u1s1");
    expect(key("updates[1].loss")).toBe("LossReg@u2");
    expect(key("updates[1].samples[0].loss")).toBe("Loss@u2");
    expect(key("updates[0].dL_dW[0][0][0]")).toBe("gW13@u1");
    expect(key("updates[0].samples[0].dL_dW[0][0][0]")).toBe("dW13@u1");
    expect(key("updates[0].dL_db[0][0]")).toBe("db3@u1");
    expect(key("initial_state.s_W[0][0][0]")).toBe("sW13@u1");
    expect(key("updates[0].mhat_W[1][0][0]")).toBe("mhatW35@u1");
  });

  it("batch with l2: the reduced loss and gradient without the L2 term are extensions of the key", () => {
    const b = prepare(net({ l2: 0.05, mode: "batch" }));
    const at = (n: string) => {
      const r = b.names.resolve(n);
      if (!r.ok) throw new Error(r.message);
      return r.key;
    };
    expect(at("updates[0].loss")).toBe("LossReg@u1");
    expect(at("updates[0].loss_without_l2")).toBe("Loss@u1");
    expect(at("updates[0].dL_dW[1][0][0]")).toBe("gW35@u1");
    expect(at("updates[0].dL_dW_without_l2[1][0][0]")).toBe("dW35@u1");
    expect(at("updates[0].samples[1].dL_dW[1][0][0]")).toBe("dW35@u1s2");
  });

  it("a frozen bias keeps zero state and a zero step: its key paths are right at 0", () => {
    const f = net({ optimizer: "momentum", train_biases: false });
    const r = runCheck(f, "updates[1].state.v_b[0][1]: 0\nupdates[2].step_b[1][0]: 0.000\nstepb3@u1: 0\n");
    expect(r.claims.map((x) => x.verdict)).toEqual(["ok", "ok", "ok"]);
    expect(runCheck(f, "updates[1].state.v_b[0][1]: 0.1\n").claims[0]!.mistake).toBe("misread");
  });

  it("--list names every new quantity with its notation name and path", () => {
    const list = c.graph.quantities.map((q) => ({ q, l: c.names.listed(q) }));
    const m = list.find((x) => x.q.key === "mW13'@u1")!;
    expect(m.l.aliases).toContain("m_W13_new@u1");
    expect(m.q.path).toBe("updates[0].state.m_W[0][0][0]");
    expect(list.some((x) => x.q.key === "stepW13@u4" && x.q.path === "updates[3].step_W[0][0][0]")).toBe(true);
    expect(list.some((x) => x.q.key === "beta1" && x.q.path === "beta1")).toBe(true);
  });
});

describe("the error convention writes v, m and m̂ with the sign of δ (and g = ∂L/∂w + λw with its own, as the note writes −g = δa − λw)", () => {
  const rules = { optimizer: "momentum" as const, momentum: 0.8, l2: 0.05, notation: "node" as const };
  const grad = net({ ...rules, convention: "gradient" });
  const err = net({ ...rules, convention: "error" });
  const run = slipTrain(grad);
  const v1 = run[0]!.get("vW35'")!;
  const g1 = run[0]!.get("gW35")!;
  const v2 = run[1]!.get("vW35'")!;

  it("its notation names take the convention's sign: written so, they are ok; the report keeps the written sign", () => {
    const r = runCheck(err, `v_W35_new@u1: ${(-v1).toFixed(8)}\ng_W35@u1: ${g1.toFixed(8)}\nv_W35@u3: ${(-v2).toFixed(8)}\n`);
    expect(r.claims.map((c) => c.verdict)).toEqual(["ok", "ok", "ok"]);
    expect(claim(r, "gW35@u1").negated).toBeUndefined();
    const v = claim(r, "vW35'@u1");
    expect(v.negated).toBe(true);
    expect(v.written_as).toBe("v_W35_new@u1");
    expect(v.correct).toBeCloseTo(-v1, 12);
  });

  it("the same names in the gradient convention, the plain names and key paths are PyTorch's", () => {
    const r = runCheck(grad, `v_W35_new@u1: ${v1.toFixed(8)}\n`);
    expect(r.claims[0]!.verdict).toBe("ok");
    const p = runCheck(err, `vW35'@u1: ${v1.toFixed(8)}\nupdates[1].state.v_W[1][0][0]: ${v2.toFixed(8)}\n`);
    expect(p.claims.map((c) => c.verdict)).toEqual(["ok", "ok"]);
  });

  it("written with the other sign: wrong, diagnosed as the state's sign (both ways)", () => {
    const a = runCheck(err, `v_W35_new@u1: ${v1.toFixed(8)}\n`).claims[0]!;
    expect([a.verdict, a.mistake]).toEqual(["wrong", "sign-state"]);
    // the numbers beside it keep the written sign: the slip gives what was written
    expect(a.correct).toBeCloseTo(-v1, 12);
    expect(a.diagnosis).toContain(`that gives ${Number(v1.toPrecision(9))}`);
    const b = runCheck(err, `vW35'@u1: ${(-v1).toFixed(8)}\nvW35'@u2: ${(-v2).toFixed(8)}\n`);
    expect(b.claims.map((c) => c.mistake)).toEqual(["sign-state", "sign-state"]);
  });

  it("s and ŝ are squares: the same in both conventions", () => {
    const adam = { optimizer: "adam" as const, notation: "node" as const, convention: "error" as const };
    const a = slipTrain(net(adam));
    const r = runCheck(net(adam), `s_W13_new@u2: ${a[1]!.get("sW13'")!.toFixed(10)}\nshat_W13@u2: ${a[1]!.get("shatW13")!.toFixed(10)}\n`);
    expect(r.claims.map((c) => [c.verdict, c.negated])).toEqual([
      ["ok", undefined],
      ["ok", undefined],
    ]);
    const m = runCheck(
      net(adam),
      `m_W13_new@u2: ${(-a[1]!.get("mW13'")!).toFixed(10)}\nmhat_W13@u2: ${(-a[1]!.get("mhatW13")!).toFixed(10)}\n`,
    );
    expect(m.claims.map((c) => c.verdict)).toEqual(["ok", "ok"]);
  });
});

describe("errors carried across updates through the state", () => {
  it("a wrong velocity after update 1 makes the velocity and the weight of update 2 carried, not wrong", () => {
    const s = net({ optimizer: "momentum", momentum: 0.8 });
    const run = slipTrain(s);
    const v1 = run[0]!.get("vW35'")! + 0.05; // the writer's slip in update 1
    const W1 = run[0]!.get("W35'")!;
    // update 2 done right from the writer's own numbers: v ← μ v + g, θ ← θ − η v (g of update 2 is unchanged:
    // the parameters after update 1 are written right)
    const g2 = run[1]!.get("vW35'")! - 0.8 * run[0]!.get("vW35'")!;
    const v2 = 0.8 * v1 + g2;
    const W2 = W1 - 0.3 * v2;
    const r = runCheck(s, `vW35'@u1: ${v1.toFixed(8)}\nW35'@u1: ${W1.toFixed(8)}\nvW35'@u2: ${v2.toFixed(8)}\nW35'@u2: ${W2.toFixed(8)}\n`);
    expect(r.claims.map((c) => c.verdict)).toEqual(["wrong", "ok", "carried", "carried"]);
    expect(claim(r, "vW35'@u2").carried_from).toEqual(["vW35'@u1"]);
    expect(r.first_wrong).toBe("updates[0].state.v_W[1][0][0]");
  });

  it("a misread setting (β₁) is carried into the moments of every update", () => {
    const s = net({ optimizer: "adam", beta1: 0.8, beta2: 0.95, epsilon: 1e-6 });
    const writer = slipTrain(net({ optimizer: "adam", beta1: 0.9, beta2: 0.95, epsilon: 1e-6 }));
    const r = runCheck(
      s,
      `beta1: 0.9\n${answers(writer, [
        ["mW13'", 1],
        ["mhatW13", 2],
        ["W13'", 2],
      ])}\n`,
    );
    expect(r.claims.map((c) => [c.name, c.verdict])).toEqual([
      ["beta1", "wrong"],
      ["mW13'@u1", "carried"],
      ["mhatW13@u2", "carried"],
      ["W13'@u2", "carried"],
    ]);
    expect(claim(r, "beta1").mistake).toBe("misread");
  });
});
