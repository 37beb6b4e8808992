/**
 * An evaluator of graph specs written for the tests (its own mathjs instance, sigmoid and relu
 * from their formulas), and central finite differences over it: the numbers `check` is tested
 * against, computed without the code under test. A node's value may be overridden (a student's
 * wrong number, a shift for a difference quotient); every node after it is computed from it.
 */
import { all, create } from "mathjs";
import type { CheckReport } from "../../src/check/index.js";
import { checkClaims, prepare, readAnswers, resolveClaims } from "../../src/check/index.js";
import type { GraphSpec } from "../../src/spec/index.js";

const m = create(all!);
m.import({ sigmoid: (z: number) => 1 / (1 + Math.exp(-z)), relu: (z: number) => Math.max(z, 0) }, { override: true });

const compiled = new Map<string, { evaluate(scope: Record<string, number>): unknown }>();
const expr = (text: string) => {
  let c = compiled.get(text);
  if (!c) compiled.set(text, (c = m.compile(text)));
  return c;
};

/** Every leaf's and node's value; `set` replaces the named values (a node's after it is computed). */
export function forward(spec: GraphSpec, set: Record<string, number> = {}): Record<string, number> {
  const scope: Record<string, number> = {};
  for (const leaf of spec.inputs) scope[leaf.name] = set[leaf.name] ?? leaf.value!;
  for (const n of spec.nodes) scope[n.name] = set[n.name] ?? Number(expr(n.text).evaluate({ ...scope }));
  return scope;
}

/** One node's expression evaluated over the given values (the other names as they are). */
export function nodeValue(spec: GraphSpec, node: string, values: Record<string, number>): number {
  return Number(expr(spec.nodes.find((n) => n.name === node)!.text).evaluate({ ...values }));
}

/** The slopes of f at x: central, right and left; `smooth` when the one-sided ones agree. */
function slopesOf(f: (dx: number) => number, x: number): { central: number; smooth: boolean } {
  const h = 1e-6 * Math.max(1, Math.abs(x));
  const f0 = f(0);
  const right = (f(h) - f0) / h;
  const left = (f0 - f(-h)) / h;
  const central = (f(h) - f(-h)) / (2 * h);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a), Math.abs(b));
  return { central, smooth: [central, right, left].every(Number.isFinite) && near(right, left) };
}

/** ∂(value of `of`)/∂(value of `name`), every other leaf held, by central differences. */
export function totalDerivative(spec: GraphSpec, of: string, name: string): { central: number; smooth: boolean } {
  const base = forward(spec);
  return slopesOf((dx) => forward(spec, { [name]: base[name]! + dx })[of]!, base[name]!);
}

/** ∂node/∂input with the node's other inputs held: the local derivative. */
export function localDerivative(spec: GraphSpec, node: string, input: string): { central: number; smooth: boolean } {
  const base = forward(spec);
  return slopesOf((dx) => nodeValue(spec, node, { ...base, [input]: base[input]! + dx }), base[input]!);
}

/** The names each node reads (whole words of its expression that are leaves or earlier nodes). */
export function readers(spec: GraphSpec, name: string): string[] {
  const word = new RegExp(`(^|[^A-Za-z0-9_])${name}(?![A-Za-z0-9_])`);
  return spec.nodes.filter((n) => word.test(n.text)).map((n) => n.name);
}

/** A number written with `digits` significant digits, in plain decimal notation. */
export function written(v: number, digits = 6): string {
  if (Math.abs(v) < 1e-12) return (0).toFixed(digits); // "0" alone claims only its units
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return v.toFixed(Math.min(decimals, 20));
}

/** Checks an answers text against a graph spec; throws on any input diagnostic. */
export function checkGraph(spec: GraphSpec, answers: string): CheckReport {
  const c = prepare(spec);
  const { entries, diagnostics } = readAnswers("answers.yaml", answers);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => d.message).join("\n"));
  const r = resolveClaims("answers.yaml", c, entries);
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return checkClaims(c.graph, r.claims);
}
