/**
 * `check` on random graph specs (tests/helpers/random-graph.ts: fan-out, every operator and
 * function of CONTRACT §6): the key's numbers written back are right; a wrong value or gradient
 * carries into what is computed from it; the slips found on hand-picked nodes. Every expected
 * number comes from the test's own evaluator and central finite differences (graph-reference.ts).
 */
import { describe, expect, it } from "vitest";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import type { GraphKey } from "../../src/derive/index.js";
import { SpecError } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { everyForm, sampleGraphs } from "../helpers/random-graph.js";
import { checkGraph, forward, localDerivative, readers, totalDerivative, written } from "./graph-reference.js";

/** The graphs whose numbers are finite, with their keys. */
function graphs(n: number, seed: number): { spec: GraphSpec; key: GraphKey }[] {
  const out: { spec: GraphSpec; key: GraphKey }[] = [];
  for (const spec of [everyForm(), ...sampleGraphs(n, { minNodes: 2, maxNodes: 14 }, seed)]) {
    try {
      out.push({ spec, key: graphKey(deriveGraph(spec)) });
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
    }
  }
  return out;
}
const GRAPHS = graphs(50, 5);
const finite = (r: Record<string, number>) => Object.values(r).every(Number.isFinite);
/** Whether a written number is its value's rounding (within half a unit in its last place). */
const fits = (text: string, value: number) => Math.abs(Number(text) - value) <= 0.5 * 10 ** -(text.split(".")[1]?.length ?? 0) * (1 + 1e-9);
const describeSpec = (spec: GraphSpec) => spec.nodes.map((n) => `${n.name} = ${n.text}`).join("; ");

describe("check on random graphs", () => {
  it("the key's numbers, rounded to 6 digits, are all right; the correct values are the evaluator's", () => {
    let gradients = 0;
    for (const { spec, key } of GRAPHS) {
      const values = forward(spec);
      const lines = [
        ...Object.entries(key.values).map(([n, v]) => `values.${n}: ${written(v)}`),
        ...Object.entries(key.gradients).map(([n, v]) => `gradients.${n}: ${written(v)}`),
        ...Object.entries(key.after ?? {}).map(([n, v]) => `after.${n}: ${written(v)}`),
      ];
      const r = checkGraph(spec, `${lines.join("\n")}\n`);
      expect(
        r.claims.filter((c) => c.verdict !== "ok"),
        describeSpec(spec),
      ).toEqual([]);
      for (const c of r.claims) {
        const [field, name] = c.path.split(".") as [string, string];
        if (field === "values") expect(c.correct).toBeCloseTo(values[name]!, 8);
        if (field !== "gradients") continue;
        const fd = totalDerivative(spec, spec.output, name);
        if (!fd.smooth) continue;
        expect(Math.abs(c.correct - fd.central), `${name} in ${describeSpec(spec)}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd.central)));
        gradients++;
      }
    }
    expect(gradients).toBeGreaterThan(200);
  });

  it("a wrong value is wrong; every later value computed from it is carried", () => {
    let carried = 0;
    for (const { spec } of GRAPHS) {
      spec.nodes.slice(0, -1).forEach((node, i) => {
        if (i % 3 !== 0) return;
        const right = forward(spec);
        const v = right[node.name]! + 0.5 + 0.25 * Math.abs(right[node.name]!);
        const theirs = forward(spec, { [node.name]: Number(written(v)) });
        if (!finite(theirs)) return;
        const later = spec.nodes.slice(i + 1).map((n) => n.name);
        const text = [`${node.name}: ${written(v)}`, ...later.map((n) => `values.${n}: ${written(theirs[n]!)}`)].join("\n");
        const r = checkGraph(spec, `${text}\n`);
        const at = `${node.name} in ${describeSpec(spec)}`;
        expect(r.first_wrong, at).toBe(`values.${node.name}`);
        for (const c of r.claims.slice(1)) {
          const moved = !fits(c.claimed, right[c.path.slice("values.".length)]!);
          expect(c.verdict, `${c.name}: ${at}`).toBe(moved ? "carried" : "ok");
          if (moved) carried++;
        }
      });
    }
    expect(carried).toBeGreaterThan(30);
  });

  it("a wrong gradient is wrong; the gradients of the leaves computed from it are carried", () => {
    let carried = 0;
    for (const { spec, key } of GRAPHS) {
      for (const node of spec.nodes.slice(0, -1)) {
        const g = key.gradients[node.name]!;
        if (g === 0) continue;
        const shift = 0.5 + 0.25 * Math.abs(g);
        // every leaf's gradient moves by shift · ∂node/∂leaf: the chain rule is linear in the upstream gradient
        const leaves = spec.inputs.map((l) => ({
          l: l.name,
          fd: totalDerivative(spec, node.name, l.name),
          own: totalDerivative(spec, spec.output, l.name),
        }));
        if (!leaves.every((x) => x.fd.smooth && x.own.smooth)) continue;
        const theirs = leaves.map((x) => ({ name: x.l, v: x.own.central + Number(written(shift, 3)) * x.fd.central }));
        if (theirs.some((t) => Math.abs(t.v) > 1e4)) continue;
        const text = [
          `gradients.${node.name}: ${written(g + Number(written(shift, 3)))}`,
          ...theirs.map((t) => `gradients.${t.name}: ${written(t.v, 5)}`),
        ];
        const r = checkGraph(spec, `${text.join("\n")}\n`);
        const at = `${node.name} in ${describeSpec(spec)}`;
        expect(r.first_wrong, at).toBe(`gradients.${node.name}`);
        for (const c of r.claims) {
          if (c.path === `gradients.${node.name}`) continue;
          // a leaf the node does not reach keeps its gradient (up to the differences' own error)
          const moved = !fits(c.claimed, c.correct);
          expect(c.verdict, `${c.name}: ${at}`).toBe(moved ? "carried" : "ok");
          if (moved) carried++;
        }
      }
    }
    expect(carried).toBeGreaterThan(30);
  });
});

/** A slip's effect on one name's gradient, worked out from the evaluator's derivatives. */
interface Slip {
  mistake: string;
  /** The name whose gradient the slip changes, and by how much; undefined where it does not apply. */
  find(spec: GraphSpec, node: string, text: string): { name: string; delta: number } | undefined;
}
const upstream = (spec: GraphSpec, node: string) => totalDerivative(spec, spec.output, node);
const SLIPS: Slip[] = [
  {
    // the gradient of one use only: ∂output/∂reader · ∂reader/∂name, the other uses dropped
    mistake: "fanout-not-summed",
    find(spec, node) {
      // the uses the output depends on (a use that leads nowhere is no path of the gradient)
      const users = readers(spec, node).filter((u) => upstream(spec, u).central !== 0);
      if (users.length < 2 || node === spec.output) return undefined;
      const via = users[0]!;
      const G = upstream(spec, via);
      const local = localDerivative(spec, via, node);
      const own = upstream(spec, node);
      if (!G.smooth || !local.smooth || !own.smooth) return undefined;
      return { name: node, delta: G.central * local.central - own.central };
    },
  },
  {
    // ∂(a·b)/∂a taken as a: a's gradient moves by G·(a − b)
    mistake: "multiply-not-swapped",
    find(spec, node, text) {
      const m = /^(\w+) \* (\w+)$/.exec(text);
      // both inputs' locals are slipped: a's gradient moves by G·(a − b) only when b does not depend on a
      if (!m || m[1] === m[2] || totalDerivative(spec, m[2]!, m[1]!).central !== 0) return undefined;
      const v = forward(spec);
      const G = upstream(spec, node);
      return G.smooth ? { name: m[1]!, delta: G.central * (v[m[1]!]! - v[m[2]!]!) } : undefined;
    },
  },
  {
    // ∂(a − b)/∂b taken as +1: b's gradient moves by 2G
    mistake: "sign-subtract",
    find(spec, node, text) {
      const m = /^(\w+) - (\w+)$/.exec(text);
      if (!m || m[1] === m[2]) return undefined;
      const G = upstream(spec, node);
      return G.smooth ? { name: m[2]!, delta: 2 * G.central } : undefined;
    },
  },
  {
    // σ′ written σ: a's gradient moves by G·(σ − σ(1 − σ)) = G·σ²
    mistake: "f-for-f-prime",
    find(spec, node, text) {
      const m = /^sigmoid\((\w+)\)$/.exec(text);
      if (!m) return undefined;
      const s = forward(spec)[node]!;
      // at σ = ½, σ = 2σ(1 − σ): a subtraction's sign in the same path gives the same number
      if (Math.abs(s - 0.5) < 0.01) return undefined;
      const G = upstream(spec, node);
      return G.smooth ? { name: m[1]!, delta: G.central * s * s } : undefined;
    },
  },
];

describe("the classic slips on random graphs, each worked out by the test", () => {
  const more = graphs(120, 17);
  for (const slip of SLIPS) {
    it(slip.mistake, () => {
      let found = 0;
      for (const { spec } of more) {
        for (const n of [...spec.inputs.map((l) => ({ name: l.name, text: "" })), ...spec.nodes]) {
          const s = slip.find(spec, n.name, n.text);
          if (!s) continue;
          const right = upstream(spec, s.name);
          if (!right.smooth) continue;
          const theirs = right.central + s.delta;
          // a slip that hardly moves the number cannot be told from rounding
          if (Math.abs(s.delta) < 1e-2 * Math.max(1, Math.abs(right.central)) || Math.abs(theirs) > 1e4) continue;
          const r = checkGraph(spec, `gradients.${s.name}: ${written(theirs, 5)}\n`);
          const c = r.claims[0]!;
          const at = `${s.name} in ${describeSpec(spec)} at ${JSON.stringify(forward(spec))}: ${right.central} + ${s.delta} (${c.correct})`;
          expect(c.verdict, at).toBe("wrong");
          expect(c.mistake, `${at}: ${c.diagnosis}`).toBe(slip.mistake);
          found++;
        }
      }
      expect(found).toBeGreaterThan(3);
    });
  }
});
