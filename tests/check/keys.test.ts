import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkClaims } from "../../src/check/check.js";
import { compute } from "../../src/check/graph.js";
import { prepare } from "../../src/check/prepare.js";
import { world } from "../../src/check/world.js";
import { buildNetwork } from "../../src/network/index.js";
import { answerKey, train } from "../../src/numeric/index.js";
import { arbSpec, arbTrainingSpec } from "../helpers/random-spec.js";

/** Every numeric leaf of a JSON value with its path: `updates[0].W[1][0][0]`. */
function leaves(v: unknown, path: string, out: [string, number][] = []): [string, number][] {
  if (typeof v === "number") out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  }
  return out;
}
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

// Plain gradient descent, and every optimizer with l2 (CONTRACT §5: the state, the step, dL_dx).
describe.each([
  { rules: "sgd", arb: arbSpec, seeds: [11, 12] },
  { rules: "every optimizer, l2", arb: arbTrainingSpec, seeds: [13, 14] },
])("names cover the answer key (random networks, $rules)", ({ arb, seeds }) => {
  it("every answer-key path resolves, with the key's value; every listed name resolves to itself", () => {
    fc.assert(
      fc.property(arb, (spec) => {
        const c = prepare(spec);
        const truth = world(c.graph, (q, get) => compute(q, get));
        const key = answerKey(train(buildNetwork(spec)));
        for (const [path, value] of leaves({ updates: key.updates }, "")) {
          const r = c.names.resolve(path);
          if (!r.ok) throw new Error(`${path}: ${r.message}`);
          const v = truth(r.key);
          if (!close(v, value)) throw new Error(`${path}: checker ${v} vs answer key ${value}`);
        }
        for (const q of c.graph.quantities) {
          const l = c.names.listed(q);
          for (const n of [l.name, ...l.aliases, q.path, ...q.altPaths]) {
            const r = c.names.resolve(n);
            if (!r.ok || r.key !== q.key) throw new Error(`${n} does not resolve to ${q.key}: ${JSON.stringify(r)}`);
          }
          // the extensions, by their definitions
          if (q.kind === "error") {
            const s = `@u${q.update! + 1}s${q.sample! + 1}`;
            expect(close(truth(q.key), truth(`T${q.node}${s}`) - truth(`Y${q.node}${s}`))).toBe(true);
          }
        }
        // the loss terms add up to each sample's loss
        for (const q of c.graph.quantities.filter((x) => x.kind === "loss" && !x.reduce)) {
          const terms = c.graph.quantities.filter(
            (x) => x.kind === "loss-term" && x.update === q.update && (q.sample === undefined || x.sample === q.sample),
          );
          expect(
            close(
              terms.reduce((s, x) => s + truth(x.key), 0),
              truth(q.key),
            ),
          ).toBe(true);
        }
      }),
      { numRuns: 60, seed: seeds[0] },
    );
  });

  it("the exact answer key, written at full precision, is right everywhere", () => {
    fc.assert(
      fc.property(arb, (spec) => {
        const c = prepare(spec);
        const key = answerKey(train(buildNetwork(spec)));
        const claims = leaves({ updates: key.updates }, "").map(([path, v]) => {
          const r = c.names.resolve(path);
          if (!r.ok) throw new Error(r.message);
          const text = String(v);
          const decimals = (/\.(\d+)/.exec(text)?.[1]?.length ?? 0) - Number(/e([+-]?\d+)/.exec(text)?.[1] ?? 0);
          return { key: r.key, writtenAs: path, text, value: v, decimals };
        });
        const unique = [...new Map(claims.map((x) => [x.key, x])).values()];
        const report = checkClaims(c.graph, unique);
        const bad = report.claims.filter((x) => x.verdict !== "ok");
        if (bad.length > 0) throw new Error(JSON.stringify(bad[0]));
        expect(report.first_wrong).toBeNull();
      }),
      { numRuns: 40, seed: seeds[1] },
    );
  });
});
