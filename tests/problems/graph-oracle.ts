import { all, create } from "mathjs";
import type { MathNode } from "mathjs";

/*
 * An evaluator of graph specs written for the tests, apart from the code under test: its own
 * mathjs instance with sigmoid and relu defined from their formulas, the nodes evaluated in
 * order, and every gradient by central finite differences of the output.
 */
const m = create(all);
m.import(
  {
    sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
    relu: (x: number) => (x > 0 ? x : 0),
  },
  { override: true },
);

export interface GraphText {
  inputs: Record<string, number>;
  nodes: [string, string][];
  output: string;
}

/** Every leaf's and node's value, from the expressions as written. */
export function evaluateGraph(g: GraphText, inputs: Record<string, number> = g.inputs): Record<string, number> {
  const scope: Record<string, number> = { ...inputs };
  for (const [name, text] of g.nodes) scope[name] = Number(m.evaluate(text, { ...scope }));
  return scope;
}

/** ∂output/∂leaf by central differences, h scaled to the leaf. */
export function finiteGradient(g: GraphText, leaf: string): number {
  const x = g.inputs[leaf]!;
  const h = 1e-6 * Math.max(1, Math.abs(x));
  const at = (v: number) => evaluateGraph(g, { ...g.inputs, [leaf]: v })[g.output]!;
  return (at(x + h) - at(x - h)) / (2 * h);
}

/**
 * Where a graph's problem would be degenerate, by the rules docs/problems.md states, checked on
 * the expressions as written: a relu or abs at 0, a max or min tie, a log or sqrt of a value
 * that is not positive, a division by about 0, a saturated sigmoid or tanh, a value that is not finite.
 */
export function degenerateAt(g: GraphText, unit: number): string | undefined {
  const scope = evaluateGraph(g);
  for (const [name, text] of g.nodes) {
    if (!Number.isFinite(scope[name])) return `${name} is ${scope[name]}`;
    let found: string | undefined;
    m.parse(text).traverse((node: MathNode) => {
      const n = node as unknown as { type: string; fn?: string | { name: string }; args?: MathNode[] };
      if (found || (n.type !== "FunctionNode" && n.type !== "OperatorNode")) return;
      const fn = typeof n.fn === "string" ? n.fn : n.fn!.name;
      const args = n.args!.map((a) => Number(a.evaluate({ ...scope })));
      const [a, b] = args as [number, number];
      if ((fn === "relu" || fn === "abs") && Math.abs(a) < unit) found = `${fn}(${a}) in ${name}`;
      if ((fn === "max" || fn === "min") && Math.abs(a - b) < unit) found = `${fn}(${a}, ${b}) in ${name}`;
      if ((fn === "log" || fn === "sqrt") && !(a >= unit)) found = `${fn}(${a}) in ${name}`;
      if (fn === "divide" && !(Math.abs(b) >= unit)) found = `a division by ${b} in ${name}`;
      if (fn === "sigmoid" && Math.abs(a) > 6) found = `sigmoid(${a}) in ${name}`;
      if (fn === "tanh" && Math.abs(a) > 3) found = `tanh(${a}) in ${name}`;
    });
    if (found) return found;
  }
  return undefined;
}

/** A graph spec's YAML text. */
export function graphYaml(g: GraphText, extra = ""): string {
  const inputs = Object.entries(g.inputs)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  return `graph:\n  inputs: { ${inputs} }\n  nodes:\n${g.nodes.map(([n, t]) => `    - ${n}: "${t}"\n`).join("")}  output: ${g.output}\n${extra}`;
}
