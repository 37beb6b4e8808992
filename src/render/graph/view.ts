import type { GraphDerivation, GraphForward, MathNode } from "../../derive/index.js";
import { LEARNING_RATE_ID, symbolsOf } from "../../derive/index.js";
import { EXPRESSION_FUNCTIONS, EXPRESSION_OPS } from "../../ops/index.js";
import type { Equation } from "../layout.js";
import { texNumber, textNumber } from "../numbers.js";
import { toTexChunks } from "../tex.js";
import { dedupe, splitEquations } from "../view/equations.js";
import type { Block, Section } from "../view/types.js";
import { circuitView } from "./circuit.js";
import type { CircuitView, Text } from "./circuit.js";
import type { GraphNames } from "./names.js";

/*
 * The view model of a graph's derivation: plain data the graph templates walk. Prose strings
 * hold inline math `$…$` and nothing else special, so one string serves Markdown and LaTeX.
 */

export interface GraphRow {
  symbol: string;
  value: string;
  gradient: string;
  /** The new value of a parameter, "" for any other name. */
  after: string;
}

export interface GraphView {
  name: string;
  /** Raw user text: templates escape it. */
  title: string;
  hasNumbers: boolean;
  /** The list under the diagram: inputs, nodes, output, parameters, notation. */
  facts: string[];
  /** What the diagram shows, in a sentence or two. */
  diagramNote: string;
  diagram: CircuitView;
  notation: { name: string; description: string };
  forward: Section;
  backwardIntro: string;
  /** One section per node the output depends on, in reverse order. */
  backward: Section[];
  /** The parameters' step: one section, or none. */
  update: Section[];
  /** Every name's value and gradient (and new value), with numbers only. */
  table: GraphRow[];
  hasAfter: boolean;
  /** What the table's gradient column holds, inline TeX: $\partial f/\partial\cdot$. */
  gradientHead: string;
}

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const count = (n: number): string => WORDS[n] ?? String(n);
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// Untyped view of mathjs nodes: the op names an expression uses.
interface N {
  type: string;
  fn?: string | { name: string };
  args?: N[];
  content?: N;
}
const unparen = (n: MathNode): MathNode => {
  let m = n as unknown as N;
  while (m.type === "ParenthesisNode") m = m.content!;
  return m as unknown as MathNode;
};
function opsOf(expr: MathNode): string[] {
  const found = new Set<string>();
  const visit = (n: N): void => {
    if (n.type === "ParenthesisNode") return visit(n.content!);
    if (n.type === "OperatorNode" || n.type === "FunctionNode") {
      found.add(typeof n.fn === "string" ? n.fn : n.fn!.name);
      n.args!.forEach(visit);
    }
  };
  visit(expr as unknown as N);
  return [...found];
}

/** Lists names in prose: "$a$", "$a$ and $b$", "$a$, $b$ and $c$". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Builds a graph's view: every stage of the derivation as equations, and its circuit diagram. */
/** A fan-out sum of at most this many paths keeps its numbered shares and their values on one line each. */
const WHOLE_SUM = 6;

export function graphView(d: GraphDerivation, names: GraphNames, precision: number, name: string): GraphView {
  const spec = d.spec;
  const numbers = d.numbers;
  const lookup = numbers
    ? (id: string): number | undefined => {
        if (id === LEARNING_RATE_ID) return spec.learning_rate;
        if (id.startsWith("grad:")) return numbers.gradients[id.slice(5)];
        return numbers.values[id];
      }
    : undefined;
  const num = (v: number): string => texNumber(v, precision);
  const factor = (v: number): string => (num(v).startsWith("-") ? `(${num(v)})` : num(v));
  const chunks = (e: MathNode, values: boolean): string[] =>
    toTexChunks(unparen(e), { sym: names.sym, precision, ...(values && lookup ? { value: lookup } : {}) });
  /** Symbolic, then (with numbers) substituted and the value; repeats dropped. */
  const stages = (e: MathNode, value: number | undefined): string[][] =>
    dedupe(numbers && value !== undefined ? [chunks(e, false), chunks(e, true), [num(value)]] : [chunks(e, false)]);
  const eq = (lhs: string, st: string[][]): Equation => ({ lhs, stages: st });
  const tex = names.tex;
  const f = spec.output;
  const exprTex = (e: MathNode): string => chunks(e, false).join(" ");

  const backwardOf = new Map(d.backward.map((b) => [b.name, b]));
  const forwardOf = new Map(d.forward.map((n) => [n.name, n]));
  /**
   * One path's share of a gradient in symbols: the upstream gradient times the local derivative,
   * ∂f/∂q · ∂q/∂x. At the output, where ∂f/∂q would stand for both (partial notation), the local
   * derivative is written out: ∂f/∂f · z.
   */
  const chain = (via: string, input: string): string => {
    if (via === f && names.notation === "partial") {
      const local = forwardOf.get(via)!.locals.find((l) => l.input === input)!.expr;
      // a constant local derivative (1 at an add gate) is written, or the product would not show
      if (symbolsOf(local).length === 0) return `${names.grad(via)} \\cdot ${exprTex(local)}`;
      const b = backwardOf.get(input)!;
      return exprTex(b.terms[b.paths.findIndex((p) => p.via === via)]!);
    }
    return `${names.grad(via)}\\, ${names.local(via, input)}`;
  };
  /** The same share in numbers: the upstream gradient's value times the local derivative's. */
  const product = (via: string, input: string): string =>
    `${factor(numbers!.gradients[via]!)} \\cdot ${factor(numbers!.locals[via]![input]!)}`;

  // ---- the facts and the diagram ---------------------------------------------------------
  const inputs = spec.inputs.map((i) => (i.value === undefined ? `$${tex(i.name)}$ (no value)` : `$${tex(i.name)} = ${num(i.value)}$`));
  const facts = [
    `Inputs: ${list(inputs)}.`,
    `Nodes, in order: ${d.forward.map((n) => `$${tex(n.name)} = ${exprTex(n.expr)}$`).join(", ")}.`,
    `Output: $${tex(f)}$. The backward pass finds the gradient of $${tex(f)}$ with respect to every name it depends on.`,
  ];
  if (spec.params.length > 0) {
    facts.push(
      `Parameters: ${list(spec.params.map((p) => `$${tex(p)}$`))} take one gradient step with learning rate $\\eta = ${texNumber(spec.learning_rate!, Math.max(precision, 6))}$.`,
    );
  }
  const gradWord: Text =
    names.notation === "adjoint"
      ? { text: "gradient (adjoint), backward", tex: "gradient (adjoint), backward" }
      : { text: `gradient ∂${names.text(f)}/∂·, backward`, tex: `gradient $\\partial ${tex(f)}/\\partial\\cdot$, backward` };
  const known = new Set([...spec.inputs.map((i) => i.name), ...spec.nodes.map((x) => x.name)]);
  const diagram = circuitView({
    leaves: spec.inputs.map((i) => ({ id: i.name, name: { text: names.text(i.name), tex: tex(i.name) } })),
    nodes: d.forward.map((n) => ({
      id: n.name,
      reads: n.locals.map((l) => l.input),
      op: boxLabel(n, names, exprTex, known),
      name: { text: names.text(n.name), tex: tex(n.name) },
    })),
    output: f,
    ...(numbers
      ? {
          labels: (from: string, to: string | undefined) => {
            const value = numbers.values[from]!;
            let gradient: number;
            if (to === undefined) gradient = numbers.gradients[from]!;
            else {
              const b = backwardOf.get(from);
              const k = b ? b.paths.findIndex((p) => p.via === to) : -1;
              // A wire into a node the output does not depend on carries no gradient.
              gradient = b && k >= 0 ? numbers.paths[from]![k]! : 0;
            }
            return {
              value: { text: textNumber(value, precision), tex: num(value) },
              gradient: { text: textNumber(gradient, precision), tex: num(gradient) },
            };
          },
        }
      : {}),
    legend: { value: { text: "value, forward", tex: "value, forward" }, gradient: gradWord },
  });
  const diagramNote = numbers
    ? `Each box is a node: its operation (or its expression) and, under it, its name. Above each wire is the value it carries forward; below it, in italics, the gradient that flows back along it, the upstream gradient times the local derivative. A value used by several nodes has a wire to each, and its gradient is the sum of theirs.`
    : `Each box is a node: its operation (or its expression) and, under it, its name; each wire carries a value forward and a gradient back.`;

  // ---- forward ---------------------------------------------------------------------------
  const forwardEqs = d.forward.map((n) => eq(tex(n.name), stages(n.expr, numbers?.values[n.name])));
  const forward: Section = {
    title: "Forward pass",
    blocks: splitEquations(forwardEqs).map((part) => ({
      text: part.first ? (numbers ? "Every node in order, from the values of its inputs:" : "Every node in order:") : "",
      equations: part.eqs,
    })),
  };

  // ---- backward --------------------------------------------------------------------------
  let circled = 0;
  const circleOf = new Map<string, number>(); // `${name}>${via}` → its number
  const backward: Section[] = [];
  for (const n of [...d.forward].reverse()) {
    if (!backwardOf.has(n.name)) continue;
    const blocks: Block[] = [];
    const isOutput = n.name === f;
    const sentences: string[] = [`$${tex(n.name)} = ${exprTex(n.expr)}$.${n.gate ? ` ${capital(n.gate)}.` : ""}`];
    if (isOutput) sentences.push(`It is the output: its gradient is $${names.gradInline(f)} = 1$.`);
    else if (numbers) sentences.push(`Its gradient, found above, is $${names.gradInline(n.name)} = ${num(numbers.gradients[n.name]!)}$.`);
    else sentences.push(`Its gradient $${names.gradInline(n.name)}$ was found above.`);
    for (const op of opsOf(n.expr)) {
      const note = EXPRESSION_OPS[op]?.note;
      if (note && !sentences.includes(note)) sentences.push(note);
    }
    const fanned = n.locals.filter((l) => backwardOf.get(l.input)!.paths.length > 1).map((l) => l.input);
    sentences.push(n.locals.length === 1 ? "Its local derivative:" : "Its local derivatives, one for each input:");
    blocks.push({
      text: sentences.join(" "),
      equations: n.locals.map((l) => eq(names.local(n.name, l.input), stages(l.expr, numbers?.locals[n.name]![l.input]))),
    });
    if (isOutput && names.notation === "partial" && fanned.length > 0) {
      blocks.push({
        text: `Here ${list(fanned.map((a) => `$\\partial ${tex(n.name)}/\\partial ${tex(a)}$`))} ${fanned.length === 1 ? "is the local derivative" : "are the local derivatives"} of the node alone; ${list(fanned.map((a) => `$${tex(a)}$`))} ${fanned.length === 1 ? "reaches" : "reach"} $${tex(f)}$ along other paths too, added up below.`,
        equations: [],
      });
    }
    const gradEqs: Equation[] = [];
    for (const l of n.locals) {
      const b = backwardOf.get(l.input)!;
      const k = b.paths.findIndex((p) => p.via === n.name);
      const value = numbers?.paths[l.input]![k];
      if (b.paths.length === 1) {
        const st = [[chain(n.name, l.input)], chunks(b.terms[k]!, false)];
        if (numbers) st.splice(1, 1, [product(n.name, l.input)], [num(value!)]);
        gradEqs.push(eq(names.grad(l.input), dedupe(st)));
      } else if (numbers) {
        const c = ++circled;
        circleOf.set(`${l.input}>${n.name}`, c);
        gradEqs.push(eq(`\\circnum{${c}}\\quad ${chain(n.name, l.input)}`, dedupe([[product(n.name, l.input)], [num(value!)]])));
      }
    }
    if (gradEqs.length > 0) {
      const upstream = `$${names.gradInline(n.name)}$`;
      const text =
        fanned.length === 0
          ? `Each input gets the upstream gradient ${upstream} times its local derivative:`
          : `Each input gets the upstream gradient ${upstream} times its local derivative. ${capital(list(fanned.map((a) => `$${tex(a)}$`)))} ${fanned.length === 1 ? "feeds" : "feed"} more than one node: the share along this path is numbered, to be added to the others:`;
      blocks.push({ text, equations: gradEqs });
    } else if (fanned.length > 0) {
      blocks.push({
        text: `${capital(list(fanned.map((a) => `$${tex(a)}$`)))} ${fanned.length === 1 ? "feeds" : "feed"} more than one node: its gradient is the sum over its paths, once all are known.`,
        equations: [],
      });
    }
    // A name whose last path (its first reader) is this node: its gradient is complete, the sum of its paths.
    for (const a of fanned) {
      const b = backwardOf.get(a)!;
      if (b.paths[0]!.via !== n.name) continue;
      const readers = b.paths.map((p) => `$${tex(p.via)}$`);
      const st: string[][] = [b.paths.map((p, i) => `${i === 0 ? "" : "+ "}${chain(p.via, a)}`)];
      if (!numbers) st.push(chunks(b.expr, false));
      if (numbers) {
        // the numbered shares, then their values: each kept whole on its line, unless there are
        // so many paths that one line would run off the page (then they wrap like the symbols)
        const circles = b.paths.map((p, i) => `${i === 0 ? "" : "+ "}\\circnum{${circleOf.get(`${a}>${p.via}`)!}}`);
        const values = numbers.paths[a]!.map((v, i) => (i === 0 ? num(v) : `+ ${factor(v)}`));
        const whole = b.paths.length <= WHOLE_SUM;
        st.push(whole ? [circles.join(" ")] : circles);
        st.push(whole ? [values.join(" ")] : values);
        st.push([num(numbers.gradients[a]!)]);
      }
      blocks.push({
        text: `$${tex(a)}$ feeds ${count(b.paths.length)} nodes, ${list(readers)}: its gradient is the sum of its paths.`,
        equations: [eq(names.grad(a), dedupe(st))],
      });
    }
    backward.push({ title: `Node $${tex(n.name)}$`, blocks });
  }
  const unreached = [...spec.inputs.map((i) => i.name), ...d.forward.map((n) => n.name)].filter((x) => !backwardOf.has(x));
  const gradOut = names.notation === "adjoint" ? `$${names.grad(f)} = 1$` : `$\\partial ${tex(f)}/\\partial ${tex(f)} = 1$`;
  let backwardIntro = `The backward pass starts at the output, ${gradOut}, and visits the nodes in reverse order. At each node the chain rule multiplies the gradient that arrives (upstream) by the node's local derivative with respect to each of its inputs, and passes the product on; a name used by several nodes adds up what arrives along each.`;
  if (unreached.length > 0) {
    backwardIntro += ` The output does not depend on ${list(unreached.map((x) => `$${tex(x)}$`))}: ${unreached.length === 1 ? "its gradient is" : "their gradients are"} 0.`;
  }

  // ---- the parameters' step ----------------------------------------------------------------
  const update: Section[] = [];
  if (d.steps.length > 0) {
    const theta = names.notation === "adjoint" ? "\\bar{\\theta}" : `\\partial ${tex(f)}/\\partial \\theta`;
    update.push({
      title: "Gradient step",
      blocks: [
        {
          text: `Each parameter takes one step against its gradient, $\\theta \\leftarrow \\theta - \\eta\\, ${theta}$ with $\\eta = ${texNumber(spec.learning_rate!, Math.max(precision, 6))}$, all from the values before the step:`,
          equations: d.steps.map((s) => eq(`${tex(s.name)}^{\\mathrm{new}}`, stages(s.expr, numbers?.after[s.name]))),
        },
      ],
    });
  }

  // ---- the table ---------------------------------------------------------------------------
  const table: GraphRow[] = numbers
    ? [...spec.inputs.map((i) => i.name), ...d.forward.map((n) => n.name)].map((x) => ({
        symbol: tex(x),
        value: num(numbers.values[x]!),
        gradient: num(numbers.gradients[x]!),
        after: numbers.after[x] === undefined ? "" : num(numbers.after[x]),
      }))
    : [];

  return {
    name,
    title: spec.title ?? name,
    hasNumbers: numbers !== undefined,
    facts: [...facts, `Notation: ${names.description}.`],
    diagramNote,
    diagram,
    notation: { name: names.notation, description: names.description },
    forward,
    backwardIntro,
    backward,
    update,
    table,
    hasAfter: spec.params.length > 0 && numbers !== undefined,
    gradientHead: names.notation === "adjoint" ? "$\\bar{\\cdot}$" : `$\\partial ${tex(f)}/\\partial\\cdot$`,
  };
}

/**
 * What a node's box says: the gate's sign when the node is one operation on names (+, ×, σ), or
 * its expression when it is more (w₀·x₀ + w₁·x₁ + w₂, 1/den); a long expression is cut to its
 * outermost operation (the whole is in the forward pass).
 */
function boxLabel(n: GraphForward, names: GraphNames, exprTex: (e: MathNode) => string, known: ReadonlySet<string>): Text {
  const root = unparen(n.expr) as unknown as N;
  const op =
    root.type === "OperatorNode" || root.type === "FunctionNode"
      ? EXPRESSION_OPS[typeof root.fn === "string" ? root.fn : root.fn!.name]
      : undefined;
  const onNames = root.args?.every((a) => (unparen(a as unknown as MathNode) as unknown as N).type === "SymbolNode") ?? false;
  if (op && onNames) return { text: op.symbol.text, tex: op.symbol.tex };
  const text = plainText(n.expr.toString({ implicit: "show" }), names, known);
  if (text.length > 28 && op) return { text: `${op.symbol.text} …`, tex: `${op.symbol.tex}\\,\\dots` };
  return { text, tex: exprTex(n.expr) };
}

/** mathjs' text of an expression as the diagram writes it: w0 * x0 → w₀·x₀, sigmoid(…) → σ(…). */
function plainText(text: string, names: GraphNames, known: ReadonlySet<string>): string {
  const fns = new Set<string>(EXPRESSION_FUNCTIONS);
  const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return text
    .replaceAll(" * ", "·")
    .replace(/ \^ ([0-9]+)(?![0-9.])/g, (_m, d: string) => d.replace(/[0-9]/g, (c) => SUP[Number(c)]!))
    .replaceAll(" ^ ", "^")
    .replace(/[A-Za-z][A-Za-z0-9_]*/g, (w) => {
      if (known.has(w)) return names.text(w);
      const symbol = fns.has(w) ? EXPRESSION_OPS[w]!.symbol.text : w;
      return symbol.includes("·") ? w : symbol;
    });
}
