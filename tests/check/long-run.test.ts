import { describe, expect, it } from "vitest";
import type { Graph, Quantity } from "../../src/check/graph.js";
import { world } from "../../src/check/world.js";
import { claim, mazurFrozen, runCheck } from "./helpers.js";

/**
 * A long online run (issue 9): Mazur's 2-2-2 network (specs/classic-2-2-2.yaml) for 3,000
 * updates. The checker's evaluation keeps its own stack and builds only the updates it needs;
 * this test checks the verdicts, never the time (speed is `npm run bench`).
 */
const N = 3000;
const mazur = mazurFrozen(N);

/** The run by hand, in plain JavaScript: the hidden activations, output, loss and weights of each update. */
function train(n: number) {
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  let W1 = [
    [0.15, 0.2],
    [0.25, 0.3],
  ];
  let W2 = [
    [0.4, 0.45],
    [0.5, 0.55],
  ];
  const x = [0.05, 0.1];
  const t = [0.01, 0.99];
  let last = { h: [0, 0], y: [0, 0], loss: 0, W1, W2 };
  for (let u = 0; u < n; u++) {
    const h = W1.map((r) => sig(r[0]! * x[0]! + r[1]! * x[1]! + 0.35));
    const y = W2.map((r) => sig(r[0]! * h[0]! + r[1]! * h[1]! + 0.6));
    const loss = 0.5 * ((t[0]! - y[0]!) ** 2 + (t[1]! - y[1]!) ** 2);
    const d2 = y.map((yk, k) => (yk - t[k]!) * yk * (1 - yk));
    const d1 = h.map((hj, j) => (d2[0]! * W2[0]![j]! + d2[1]! * W2[1]![j]!) * hj * (1 - hj));
    W2 = W2.map((r, k) => r.map((w, j) => w - 0.5 * d2[k]! * h[j]!));
    W1 = W1.map((r, j) => r.map((w, i) => w - 0.5 * d1[j]! * x[i]!));
    last = { h, y, loss, W1, W2 };
  }
  return last;
}

describe(`a check of a long run (${N} updates)`, () => {
  const end = train(N);

  it("three right numbers of the last update are ok", () => {
    const r = runCheck(
      mazur,
      [`Y5@u${N}: ${end.y[0]!.toFixed(6)}`, `Loss@u${N}: ${end.loss.toFixed(9)}`, `W13'@u${N}: ${end.W1[0]![0]!.toFixed(6)}`].join("\n"),
    );
    expect(r.claims.map((c) => c.verdict)).toEqual(["ok", "ok", "ok"]);
    expect(claim(r, `W13'@u${N}`).correct).toBeCloseTo(end.W1[0]![0]!, 12);
  });

  it("a wrong number of the last update is wrong, and is the first wrong step", () => {
    const r = runCheck(
      mazur,
      [`Y3@u${N}: ${end.h[0]!.toFixed(4)}`, `Y5@u${N}: ${(end.y[0]! + 0.001).toFixed(5)}`, `W35'@u${N}: ${end.W2[0]![0]!.toFixed(6)}`].join(
        "\n",
      ),
    );
    expect(claim(r, `Y3@u${N}`).verdict).toBe("ok");
    expect(claim(r, `Y5@u${N}`).verdict).toBe("wrong");
    expect(claim(r, `W35'@u${N}`).verdict).toBe("ok");
    expect(r.first_wrong).toBe(`updates[${N - 1}].samples[0].a[1][0]`);
  });
});

describe("a world's evaluation keeps its own stack", () => {
  it("a chain of 200,000 quantities, each one more than the one before, evaluates without overflow", () => {
    const n = 200_000;
    const qs = Array.from({ length: n }, (_, i) => ({ key: `q${i}`, deps: i === 0 ? [] : [`q${i - 1}`], order: i }) as unknown as Quantity);
    const byKey = new Map(qs.map((q) => [q.key, q]));
    const g = { byKey } as unknown as Graph;
    const get = world(g, (q, at) => (q.deps.length === 0 ? 1 : at(q.deps[0]!) + 1));
    expect(get(`q${n - 1}`)).toBe(n);
  });
});
