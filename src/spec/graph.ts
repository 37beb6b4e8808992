import { EXPRESSION_FUNCTIONS } from "../ops/index.js";
import { quote } from "./describe.js";
import type { Problem } from "./problem.js";
import type { Position, Source } from "./source.js";
import { LIMITS } from "./limits.js";
import { didYouMean } from "./suggest.js";

/** One leaf of a graph: a name and its value (none: the graph is symbolic only). */
export interface GraphLeaf {
  name: string;
  value?: number;
}

/** One node: its name and its expression as written, with where the expression starts in the file. */
export interface GraphNodeSpec {
  name: string;
  text: string;
  /** Line and column of the expression's first character (inside the quotes, if quoted). */
  at?: Position;
}

/** How a graph's derivation writes gradients: ∂f/∂x (partial) or the adjoint x̄. */
export const GRAPH_NOTATIONS = ["partial", "adjoint"] as const;
export type GraphNotation = (typeof GRAPH_NOTATIONS)[number];

/** A computational-graph spec (CONTRACT §6), structure checked; its expressions are parsed by derive/. */
export interface GraphSpec {
  kind: "graph";
  /** The file it came from, for the located messages of its expressions. */
  file: string;
  title?: string;
  inputs: GraphLeaf[];
  nodes: GraphNodeSpec[];
  output: string;
  /** Leaves that take one step θ ← θ − η ∂output/∂θ. */
  params: string[];
  learning_rate?: number;
  precision?: number;
  notation?: GraphNotation;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** mathjs' constants and our functions cannot be names: `e` would silently mean 2.718…. */
const RESERVED = new Set<string>([
  ...EXPRESSION_FUNCTIONS,
  "e",
  "E",
  "pi",
  "PI",
  "i",
  "Infinity",
  "NaN",
  "true",
  "false",
  "null",
  "undefined",
  "tau",
  "phi",
  "LN2",
  "LN10",
  "LOG2E",
  "LOG10E",
  "SQRT1_2",
  "SQRT2",
  "version",
]);
const TOP_KEYS = ["title", "graph", "learning_rate", "params", "precision", "notation"] as const;
const GRAPH_KEYS = ["inputs", "nodes", "output"] as const;
/** Nodes a graph may have: a derivation of more is not something a reader follows. */
export const MAX_GRAPH_NODES = 500;
export const MAX_EXPRESSION_CHARS = 2000;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A loaded spec that is a graph (a NetworkSpec has no `kind`). */
export function isGraphSpec(spec: object): spec is GraphSpec {
  return (spec as { kind?: unknown }).kind === "graph";
}

/** True when a spec's top level says it is a graph. */
export function isGraphData(data: unknown): boolean {
  return isMap(data) && own(data, "graph");
}

function nameProblem(name: string, path: (string | number)[]): Problem | undefined {
  if (!NAME.test(name)) {
    return { path, at: "key", message: `${quote(name)} is not a name: a name is a letter followed by letters, digits or _ (x, w0, x_1)` };
  }
  if (RESERVED.has(name)) return { path, at: "key", message: `${quote(name)} is a function or a constant; choose another name` };
  return undefined;
}

/**
 * Validates a graph spec's structure (CONTRACT §6): its fields, names, values and the relations
 * between them (params are leaves with values, output names a node). Every problem is located;
 * the expressions themselves are parsed, with their columns, by derive/.
 */
export function validateGraph(
  data: Record<string, unknown>,
  source: Source,
  file: string,
  text: string,
): { spec?: GraphSpec; problems: Problem[] } {
  const lines = text.split("\n");
  const problems: Problem[] = [];
  for (const key of Object.keys(data)) {
    if ((TOP_KEYS as readonly string[]).includes(key)) continue;
    const advice = key === "layers" || key === "weights" || key === "samples" ? " (a graph spec describes no layers; see CONTRACT §6)" : "";
    problems.push({ path: [key], at: "key", message: `unknown field ${quote(key)} in a graph spec${advice}${didYouMean(key, TOP_KEYS)}` });
  }
  const g = data.graph;
  if (!isMap(g)) {
    problems.push({ path: ["graph"], message: "graph must be a mapping with inputs, nodes and (optionally) output" });
    return { problems };
  }
  for (const key of Object.keys(g)) {
    if (!(GRAPH_KEYS as readonly string[]).includes(key)) {
      problems.push({ path: ["graph", key], at: "key", message: `unknown field ${quote(key)} in graph${didYouMean(key, GRAPH_KEYS)}` });
    }
  }
  const defined = new Map<string, string>();
  const inputs: GraphLeaf[] = [];
  if (!own(g, "inputs") || g.inputs === null) {
    problems.push({ path: ["graph"], message: "graph needs inputs: the leaves and their values, e.g. inputs: { x: -2, y: 5 }" });
  } else if (!isMap(g.inputs)) {
    problems.push({ path: ["graph", "inputs"], message: "inputs must be a mapping of names to numbers, e.g. { x: -2, y: 5 }" });
  } else {
    for (const [name, v] of Object.entries(g.inputs)) {
      const path = ["graph", "inputs", name];
      const bad = nameProblem(name, path);
      if (bad) problems.push(bad);
      else if (v !== null && !isNumber(v))
        problems.push({ path, message: `the value of ${name} must be a number (or nothing, for a symbolic leaf)` });
      else {
        defined.set(name, "an input");
        inputs.push(v === null ? { name } : { name, value: v });
      }
    }
  }
  const nodes: GraphNodeSpec[] = [];
  if (!own(g, "nodes") || g.nodes === null) {
    problems.push({ path: ["graph"], message: "graph needs nodes: a list such as - q: x + y" });
  } else if (!Array.isArray(g.nodes) || g.nodes.length === 0) {
    problems.push({ path: ["graph", "nodes"], message: "nodes must be a non-empty list of one-name mappings, e.g. - q: x + y" });
  } else if (g.nodes.length > MAX_GRAPH_NODES) {
    problems.push({ path: ["graph", "nodes"], message: `has ${g.nodes.length} nodes; a graph is limited to ${MAX_GRAPH_NODES}` });
  } else {
    g.nodes.forEach((item, i) => {
      const path: (string | number)[] = ["graph", "nodes", i];
      if (!isMap(item) || Object.keys(item).length !== 1) {
        problems.push({ path, message: "each node is one name and its expression, e.g. - q: x + y" });
        return;
      }
      const [name, expr] = Object.entries(item)[0]!;
      const bad = nameProblem(name, [...path, name]);
      if (bad) return void problems.push(bad);
      const prior = defined.get(name);
      if (prior !== undefined)
        return void problems.push({ path: [...path, name], at: "key", message: `${name} is defined twice (it is already ${prior})` });
      if (typeof expr !== "string" && !isNumber(expr)) {
        return void problems.push({ path: [...path, name], message: `the expression of ${name} must be text such as x + y, or a number` });
      }
      const text = String(expr);
      if (text.length > MAX_EXPRESSION_CHARS) {
        return void problems.push({ path: [...path, name], message: `the expression is longer than ${MAX_EXPRESSION_CHARS} characters` });
      }
      defined.set(name, `node ${i + 1}`);
      const found = source.locate([...path, name], "value");
      // A quoted expression starts after its quote: columns of its problems count from there.
      const quoted = found !== undefined && /["']/.test(lines[found.line - 1]?.[found.column - 1] ?? "");
      const at = found && (quoted ? { line: found.line, column: found.column + 1 } : found);
      nodes.push({ name, text, ...(at ? { at } : {}) });
    });
  }
  let output = nodes.length > 0 ? nodes[nodes.length - 1]!.name : "";
  if (own(g, "output") && g.output !== null) {
    if (typeof g.output !== "string") problems.push({ path: ["graph", "output"], message: "output must be the name of a node" });
    else if (!nodes.some((n) => n.name === g.output)) {
      const names = nodes.map((n) => n.name);
      const what = defined.has(g.output) ? `${g.output} is an input, not a node` : `no node is called ${g.output}`;
      problems.push({
        path: ["graph", "output"],
        message: `${what}; output names the node to differentiate${didYouMean(g.output, names)}`,
      });
    } else output = g.output;
  }
  const params: string[] = [];
  if (own(data, "params") && data.params !== null) {
    if (!Array.isArray(data.params)) problems.push({ path: ["params"], message: "params must be a list of input names, e.g. [x, y]" });
    else
      data.params.forEach((p, i) => {
        const leaf = inputs.find((x) => x.name === p);
        if (typeof p !== "string" || !leaf) {
          const names = inputs.map((x) => x.name);
          const why =
            typeof p === "string" && defined.has(p) ? `${p} is a node; only inputs take a step` : `${quote(String(p))} is not an input`;
          problems.push({ path: ["params", i], message: `${why}${typeof p === "string" ? didYouMean(p, names) : ""}` });
        } else if (leaf.value === undefined) problems.push({ path: ["params", i], message: `${p} has no value to take a step from` });
        else if (params.includes(p)) problems.push({ path: ["params", i], message: `${p} is listed twice` });
        else params.push(p);
      });
  }
  let learning_rate: number | undefined;
  if (own(data, "learning_rate") && data.learning_rate !== null) {
    if (!isNumber(data.learning_rate) || data.learning_rate <= 0)
      problems.push({ path: ["learning_rate"], message: "learning_rate must be a number > 0" });
    else learning_rate = data.learning_rate;
    if (params.length === 0 && !own(data, "params"))
      problems.push({ path: ["learning_rate"], message: "learning_rate is used with params only: list the leaves that take a step" });
  } else if (params.length > 0) {
    problems.push({ path: ["params"], message: "params need a learning_rate (η) for their step" });
  }
  let title: string | undefined;
  if (own(data, "title") && data.title !== null) {
    if (typeof data.title !== "string") problems.push({ path: ["title"], message: "title must be text" });
    else title = data.title;
  }
  let precision: number | undefined;
  if (own(data, "precision") && data.precision !== null) {
    // decimals shown, as a network spec's precision (and --precision) counts them
    if (!Number.isInteger(data.precision) || (data.precision as number) < 0 || (data.precision as number) > LIMITS.precision) {
      problems.push({ path: ["precision"], message: `precision must be a whole number of decimals from 0 to ${LIMITS.precision}` });
    } else precision = data.precision as number;
  }
  let notation: GraphNotation | undefined;
  if (own(data, "notation") && data.notation !== null) {
    if (!(GRAPH_NOTATIONS as readonly unknown[]).includes(data.notation)) {
      problems.push({
        path: ["notation"],
        message: `a graph's notation is partial (∂f/∂x) or adjoint (x̄)${didYouMean(String(data.notation), GRAPH_NOTATIONS)}`,
      });
    } else notation = data.notation as GraphNotation;
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    spec: {
      kind: "graph",
      file,
      ...(title !== undefined ? { title } : {}),
      inputs,
      nodes,
      output,
      params,
      ...(learning_rate !== undefined ? { learning_rate } : {}),
      ...(precision !== undefined ? { precision } : {}),
      ...(notation !== undefined ? { notation } : {}),
    },
  };
}
