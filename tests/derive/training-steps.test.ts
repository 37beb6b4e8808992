/**
 * The training rules' steps (CONTRACT §5): every symbolic step of an update evaluates, at the
 * update's numbers, to the value the numeric pass gives; and the parameters after the update
 * and the state equal the independent oracle's (tests/oracle/training.ts) through the steps.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive, symbolsOf } from "../../src/derive/index.js";
import { buildNetwork, parseSymbol, sym } from "../../src/network/index.js";
import { train } from "../../src/numeric/index.js";
import { parseSpec } from "../../src/spec/index.js";
import { arbTrainingSpec } from "../helpers/random-spec.js";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const UPDATE_KINDS = new Set(["regularised-loss", "l2-gradient", "state-update", "bias-correction", "update"]);

describe("training steps", () => {
  it("each update's steps evaluate to the numeric pass's values, for every optimizer and l2", () => {
    fc.assert(
      fc.property(arbTrainingSpec, (spec) => {
        const net = buildNetwork(spec);
        const d = derive(net, train(net));
        for (const u of d.updates) {
          for (const step of d.steps.filter((s) => UPDATE_KINDS.has(s.kind))) {
            const got = step.expr.compile().evaluate({ ...u.scope });
            const want = u.scope[step.defines];
            if (want === undefined) throw new Error(`no value for ${step.defines}`);
            if (!close(got, want)) throw new Error(`${d.rules.optimizer} ${step.kind} ${step.defines}: symbolic ${got} ≠ numeric ${want}`);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it("every symbol a training step names parses and has a value", () => {
    fc.assert(
      fc.property(arbTrainingSpec, (spec) => {
        const net = buildNetwork(spec);
        const d = derive(net, train(net));
        for (const step of d.steps.filter((s) => UPDATE_KINDS.has(s.kind))) {
          for (const id of [step.defines, ...symbolsOf(step.expr)]) {
            if (!parseSymbol(id)) throw new Error(`${id} does not parse`);
            for (const u of d.updates) if (u.scope[id] === undefined) throw new Error(`${id} has no value in update ${u.index + 1}`);
          }
        }
      }),
      { numRuns: 80, seed: 11 },
    );
  });

  it("the state before an update is the state after the one before (zero at first), and t counts from 1", () => {
    const spec = parseSpec(
      `learning_rate: 0.1\noptimizer: adam\nlayers: [{size: 1}, {size: 1, activation: identity}]\nloss: half-sse\nweights: [[[0.5]]]\nbiases: [[0.1]]\nepochs: 3\nsamples: [{input: [1], target: [0]}]\n`,
      "adam.yaml",
    );
    const net = buildNetwork(spec);
    const d = derive(net, train(net));
    const w = net.parameters.find((p) => p.kind === "weight")!.id;
    expect(d.updates.map((u) => u.scope[sym.hyper("t")])).toEqual([1, 2, 3]);
    expect(d.updates[0]!.scope[sym.state("m", w)]).toBe(0);
    for (let i = 1; i < d.updates.length; i++) {
      expect(d.updates[i]!.scope[sym.state("m", w)]).toBe(d.updates[i - 1]!.scope[sym.newState("m", w)]);
      expect(d.updates[i]!.scope[sym.state("s", w)]).toBe(d.updates[i - 1]!.scope[sym.newState("s", w)]);
    }
    // By hand: g = (0.5 + 0.1)·1 = 0.6; m = 0.1·0.6 = 0.06, m̂ = 0.6; s = 0.001·0.36, ŝ = 0.36; w ← 0.5 − 0.1·0.6/(0.6 + 1e-8)
    const u = d.updates[0]!.scope;
    expect(u[sym.newState("m", w)]).toBeCloseTo(0.06, 15);
    expect(u[sym.hat("m", w)]).toBeCloseTo(0.6, 12);
    expect(u[sym.hat("s", w)]).toBeCloseTo(0.36, 12);
    expect(u[sym.updated(w)]).toBeCloseTo(0.5 - (0.1 * 0.6) / (0.6 + 1e-8), 14);
  });
});
