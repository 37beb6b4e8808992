/**
 * Random graphs with fan-out and every function of CONTRACT §6 against central finite
 * differences of an evaluator written here (it shares nothing with src/: its own expression
 * trees, printed as text for the spec, and its own arithmetic).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveGraph, graphKey } from "../../src/derive/index.js";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";

type E = { k: "name"; name: string } | { k: "const"; v: number } | { k: "op"; op: string; args: E[] };

const sig = (z: number) => 1 / (1 + Math.exp(-z));
/** Each function: arity, value, and the argument at which it has a kink or tie (distance to it). */
const FUNCS: Record<string, { arity: number; f: (x: number[]) => number; kink?: (x: number[]) => number }> = {
  "+": { arity: 2, f: ([a, b]) => a! + b! },
  "-": { arity: 2, f: ([a, b]) => a! - b! },
  "*": { arity: 2, f: ([a, b]) => a! * b! },
  "/": { arity: 2, f: ([a, b]) => a! / b! },
  neg: { arity: 1, f: ([a]) => -a! },
  sq: { arity: 1, f: ([a]) => a! ** 2 },
  pow: { arity: 2, f: ([a, b]) => (1 + a! ** 2) ** (b! / (1 + b! ** 2)) },
  exp: { arity: 1, f: ([a]) => Math.exp(a!) },
  log: { arity: 1, f: ([a]) => Math.log(a!) },
  sqrt: { arity: 1, f: ([a]) => Math.sqrt(a!) },
  abs: { arity: 1, f: ([a]) => Math.abs(a!), kink: ([a]) => Math.abs(a!) },
  sigmoid: { arity: 1, f: ([a]) => sig(a!) },
  tanh: { arity: 1, f: ([a]) => Math.tanh(a!) },
  relu: { arity: 1, f: ([a]) => Math.max(0, a!), kink: ([a]) => Math.abs(a!) },
  max: { arity: 2, f: ([a, b]) => Math.max(a!, b!), kink: ([a, b]) => Math.abs(a! - b!) },
  min: { arity: 2, f: ([a, b]) => Math.min(a!, b!), kink: ([a, b]) => Math.abs(a! - b!) },
};

/** Text as a spec writes it; log, sqrt and / get arguments kept away from 0 and below. */
function text(e: E): string {
  if (e.k === "name") return e.name;
  if (e.k === "const") return e.v < 0 ? `(${e.v})` : String(e.v);
  const [a, b] = e.args.map(text);
  switch (e.op) {
    case "+":
    case "-":
    case "*":
      return `(${a} ${e.op} ${b})`;
    case "/":
      return `(${a} / (1 + ${b}^2))`;
    case "neg":
      return `(-${a})`;
    case "sq":
      return `(${a})^2`;
    case "pow":
      return `(1 + ${a}^2)^(${b} / (1 + ${b}^2))`;
    case "log":
      return `log(1 + ${a}^2)`;
    case "sqrt":
      return `sqrt(1 + ${a}^2)`;
    default:
      return `${e.op}(${[a, b].filter((x) => x !== undefined).join(", ")})`;
  }
}

/** The value, with the smallest distance to a kink met on the way. */
function evaluate(e: E, scope: Record<string, number>, kink: { d: number }): number {
  if (e.k === "name") return scope[e.name]!;
  if (e.k === "const") return e.v;
  const x = e.args.map((a) => evaluate(a, scope, kink));
  const fn = FUNCS[e.op]!;
  if (fn.kink) kink.d = Math.min(kink.d, fn.kink(x));
  switch (e.op) {
    case "/":
      return x[0]! / (1 + x[1]! ** 2);
    case "log":
      return Math.log(1 + x[0]! ** 2);
    case "sqrt":
      return Math.sqrt(1 + x[0]! ** 2);
    default:
      return fn.f(x);
  }
}

const arbExpr = (names: string[]): fc.Arbitrary<E> =>
  fc.letrec<{ e: E }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...names).map((name): E => ({ k: "name", name })),
      fc.integer({ min: -3, max: 3 }).map((v): E => ({ k: "const", v: v / 2 })),
      fc
        .record({ op: fc.constantFrom(...Object.keys(FUNCS)), a: tie("e"), b: tie("e") })
        .map(({ op, a, b }): E => ({ k: "op", op, args: FUNCS[op]!.arity === 1 ? [a] : [a, b] })),
    ),
  })).e;

interface G {
  inputs: Record<string, number>;
  nodes: { name: string; e: E }[];
}

const arbGraph: fc.Arbitrary<G> = fc
  .record({ nIn: fc.integer({ min: 1, max: 3 }), nNodes: fc.integer({ min: 1, max: 6 }), seed: fc.integer() })
  .chain(({ nIn, nNodes }) => {
    const inputs = Array.from({ length: nIn }, (_, i) => `x${i}`);
    const nodeArbs = Array.from({ length: nNodes }, (_, j) => {
      const names = [...inputs, ...Array.from({ length: j }, (_, i) => `n${i}`)];
      return arbExpr(names).map((e) => ({ name: `n${j}`, e }));
    });
    return fc.record({
      inputs: fc
        .tuple(...inputs.map(() => fc.double({ min: -2, max: 2, noNaN: true })))
        .map((vs) => Object.fromEntries(inputs.map((n, i) => [n, vs[i]!]))),
      nodes: fc.tuple(...nodeArbs),
    });
  });

/** Every node's value, with an optional name held at a given value (for ∂f/∂node). */
function run(g: G, hold?: { name: string; value: number }): { values: Record<string, number>; kink: number } {
  const scope: Record<string, number> = { ...g.inputs };
  if (hold && hold.name in scope) scope[hold.name] = hold.value;
  const kink = { d: Infinity };
  for (const n of g.nodes) scope[n.name] = hold?.name === n.name ? hold.value : evaluate(n.e, scope, kink);
  return { values: scope, kink: kink.d };
}

const specOf = (g: G): GraphSpec =>
  parseAnySpec(
    `graph:\n  inputs: { ${Object.entries(g.inputs)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ")} }\n  nodes:\n${g.nodes.map((n) => `    - ${n.name}: "${text(n.e)}"`).join("\n")}\n`,
    "random.yaml",
  ) as GraphSpec;

describe("random graphs against finite differences", () => {
  it("every value and every gradient (leaves and nodes) equals the evaluator's and its central differences", () => {
    let compared = 0;
    fc.assert(
      fc.property(arbGraph, (g) => {
        const base = run(g);
        const out = g.nodes[g.nodes.length - 1]!.name;
        fc.pre(base.kink > 1e-3 && Object.values(base.values).every((v) => Number.isFinite(v) && Math.abs(v) < 1e6));
        const key = graphKey(deriveGraph(specOf(g)));
        for (const [name, v] of Object.entries(base.values)) expect(key.values[name]).toBeCloseTo(v, 9);
        const h = 1e-6;
        for (const name of Object.keys(base.values)) {
          const v = base.values[name]!;
          const up = run(g, { name, value: v + h });
          const down = run(g, { name, value: v - h });
          if (Math.min(up.kink, down.kink) < 1e-4) continue;
          const fd = (up.values[out]! - down.values[out]!) / (2 * h);
          const got = key.gradients[name]!;
          expect(Math.abs(got - fd)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(fd)));
          compared++;
        }
      }),
      { numRuns: 300, seed: 13 },
    );
    expect(compared).toBeGreaterThan(500);
  });
});
