import type { Derivation, DerivedUpdate, MathNode, Step } from "../derive/index.js";
import { derive, math } from "../derive/index.js";
import type { Network, Neuron, Parameter } from "../network/index.js";
import { sym } from "../network/index.js";
import { makeNotation } from "../notation/index.js";
import type { Notation } from "../notation/index.js";
import type { RenderInput } from "./formats.js";
import type { Equation } from "./layout.js";
import { texNumber, textNumber } from "./numbers.js";
import type { Settings } from "./settings.js";
import { settingsOf } from "./settings.js";
import { toTexChunks } from "./tex.js";
import type { TexContext } from "./tex.js";
import { diagramView } from "./diagram.js";
import type { DiagramView } from "./diagram.js";

/*
 * The view model: plain data the templates walk. Prose strings may hold inline math `$…$`
 * and nothing else special (no `%`, `&`, `#`, `_` outside math), so one string serves
 * Markdown and LaTeX alike. User text (the title) is kept raw: templates escape it.
 */

export interface Block {
  /** Prose before the equations ("" for none). */
  text: string;
  /** Display equations ([] for none). */
  equations: Equation[];
}

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ParamRow {
  symbol: string;
  old: string;
  gradient: string;
  new: string;
}

export interface UpdateView {
  index: number;
  title: string;
  intro: string;
  sections: Section[];
  table: ParamRow[];
  /** The first rows, for the slides (a slide cannot hold 50 000 rows); `tableRest` more in the article. */
  tableHead: ParamRow[];
  tableRest: number;
  /** Prose about frozen biases, or "" when the biases train. */
  frozen: string;
  lossBefore: string;
  lossAfter: string;
}

export interface LossRow {
  index: number;
  epoch: number;
  samples: string;
  before: string;
  after: string;
}

export interface LayerView {
  index: number;
  role: string;
  size: number;
  activation: string;
  /** TeX names of the neurons' activations (x for inputs). */
  neurons: string[];
}

export interface View {
  name: string;
  /** Raw user text: templates escape it (`|latex`, `|md`). */
  title: string;
  settings: Settings;
  notation: { name: string; description: string };
  convention: { name: string; description: string };
  layers: LayerView[];
  loss: { label: string; equation: Equation };
  eta: string;
  hasNumbers: boolean;
  legend: { symbol: string; meaning: string }[];
  /** Matrix notation: the layer equations in vector form. */
  matrixForm: Equation[];
  diagram: DiagramView;
  /** Without numbers: the symbolic derivation. */
  symbolic: Section[];
  updates: UpdateView[];
  lossTable: LossRow[];
  /** Prose summary of the whole run, e.g. "2 updates (online, 2 samples, 1 epoch)". */
  summary: string;
}

type Lookup = (id: string) => number | undefined;

/** Above this many parameters, gradients and updates are written for one parameter per layer (all are in the table). */
export const LARGE_PARAMETERS = 400;
/** Net inputs with more inputs than this are written with the first terms, …, the last ones. */
export const LARGE_FANIN = 24;

/** A numbered chain-rule factor: `\circnum{n}`, which each format turns into a circled number. */
const circled = (n: number): string => `\\circnum{${n}}`;

/** Minus of an expression, written as a teacher would: a − t becomes t − a, −x becomes x. */
function negate(node: MathNode): MathNode {
  const n = node as unknown as { type: string; fn?: string; args?: MathNode[]; content?: MathNode };
  if (n.type === "ParenthesisNode") return new math.ParenthesisNode(negate(n.content!));
  if (n.type === "OperatorNode") {
    if (n.fn === "subtract") return new math.OperatorNode("-", "subtract", [n.args![1]!, n.args![0]!]);
    if (n.fn === "unaryMinus") return n.args![0]!;
    if (n.fn === "multiply") return new math.OperatorNode("*", "multiply", [n.args![0]!, negate(n.args![1]!)]);
    if (n.fn === "divide") return new math.OperatorNode("/", "divide", [negate(n.args![0]!), n.args![1]!]);
  }
  return new math.OperatorNode("-", "unaryMinus", [node]);
}

const unparen = (node: MathNode): MathNode => {
  const n = node as unknown as { type: string; content?: MathNode };
  return n.type === "ParenthesisNode" ? n.content! : node;
};

const S = (id: string): MathNode => new math.SymbolNode(id);
const mul = (...f: MathNode[]): MathNode => f.reduce((a, b) => new math.OperatorNode("*", "multiply", [a, b]));
const add = (...t: MathNode[]): MathNode => t.reduce((a, b) => new math.OperatorNode("+", "add", [a, b]));

export function buildView(input: RenderInput): View {
  const settings = settingsOf(input);
  const net = input.network;
  const spec = net.spec;
  const notation = makeNotation(net, settings.notation, settings.convention, spec.letters);
  const d = derive(net, input.updates);
  return new ViewBuilder(input, net, d, notation, settings).build();
}

class ViewBuilder {
  private readonly err: boolean;
  private readonly byKind = new Map<string, Step[]>();
  private readonly byDefines = new Map<string, Step>();
  private readonly symCtx: TexContext;
  private readonly L: number;
  /** Too many parameters to write every equation: one per layer stands for the rest. */
  private readonly large: boolean;
  private readonly neurons = new Map<number, Neuron>();
  private readonly params = new Map<string, Parameter>();

  constructor(
    private readonly input: RenderInput,
    private readonly net: Network,
    private readonly d: Derivation,
    private readonly n: Notation,
    private readonly s: Settings,
  ) {
    this.err = s.convention === "error";
    for (const step of d.steps) {
      const list = this.byKind.get(step.kind) ?? [];
      list.push(step);
      this.byKind.set(step.kind, list);
      this.byDefines.set(`${step.kind}:${step.defines}`, step);
    }
    this.symCtx = { sym: n.tex, precision: s.precision };
    for (const l of net.layers) for (const nr of l.neurons) this.neurons.set(nr.node, nr);
    for (const p of net.parameters) this.params.set(p.id, p);
    this.L = net.layers.length - 1;
    this.large = net.parameters.length > LARGE_PARAMETERS;
  }

  private steps(kind: Step["kind"]): Step[] {
    return this.byKind.get(kind) ?? [];
  }
  private step(kind: Step["kind"], defines: string): Step | undefined {
    return this.byDefines.get(`${kind}:${defines}`);
  }

  // ---- printing -------------------------------------------------------------------------

  private num(v: number): string {
    return texNumber(v, this.s.precision);
  }
  /** A number as a factor: parenthesised when it shows a minus. */
  private factorNum(v: number): string {
    const t = this.num(v);
    return t.startsWith("-") ? `(${t})` : t;
  }
  private chunks(expr: MathNode, lookup?: Lookup, keep = Infinity): string[] {
    const e = unparen(expr);
    return lookup ? toTexChunks(e, { sym: this.symCtx.sym, precision: this.s.precision, value: lookup }, keep) : toTexChunks(e, this.symCtx, keep);
  }
  /** Symbolic stage, then (with numbers) the substituted stage and the value; repeats dropped. */
  private stages(expr: MathNode, lookup: Lookup | undefined, value: number | undefined, lead: string[][] = [], keep = Infinity): string[][] {
    const out = [...lead, this.chunks(expr, undefined, keep)];
    if (lookup && value !== undefined) {
      out.push(this.chunks(expr, lookup, keep));
      out.push([this.num(value)]);
    }
    return dedupe(out);
  }
  private eq(lhs: string, stages: string[][], note?: string): Equation {
    return note ? { lhs, stages, note } : { lhs, stages };
  }

  /** Values as the convention names them: the error convention's δ and Err are −∂L/∂z, −∂L/∂a. */
  private lookup(scope: Record<string, number> | { get: Lookup } | undefined): Lookup | undefined {
    if (!scope) return undefined;
    const get: Lookup = typeof scope.get === "function" ? (scope.get as Lookup) : (id) => (scope as Record<string, number>)[id];
    if (!this.err) return get;
    return (id) => {
      const v = get(id);
      if (v === undefined) return undefined;
      return id.startsWith("delta_") || id.startsWith("dLda_") ? -v : v;
    };
  }

  private outSym(nr: Neuron): string {
    return nr.layer === 0 ? sym.x(nr.node) : sym.a(nr.node);
  }
  private neuron(node: number): Neuron {
    const nr = this.neurons.get(node);
    if (!nr) throw new Error(`internal error: no node ${node}`);
    return nr;
  }

  // ---- the document -----------------------------------------------------------------------

  build(): View {
    const net = this.net;
    const spec = net.spec;
    const hasNumbers = this.d.updates.length > 0;
    const lossStep = this.steps("loss")[0]!;
    const layers: LayerView[] = net.layers.map((l) => ({
      index: l.index,
      role: l.index === 0 ? "input" : l.index === this.L ? "output" : "hidden",
      size: l.neurons.length,
      activation: l.activation ? l.activation.label : "",
      neurons: l.neurons.map((nr) => this.n.tex(this.outSym(nr))),
    }));
    const updates = this.d.updates.map((u) => this.update(u));
    const perUpdate = spec.mode === "batch" ? spec.samples.length : 1;
    const summary = hasNumbers
      ? `${plural(updates.length, "update")} (${spec.mode}, ${plural(spec.samples.length, "sample")}, ${plural(spec.epochs, "epoch")}${
          perUpdate > 1 ? `, the ${spec.reduction} over the samples` : ""})`
      : "the symbolic derivation only (the spec gives no numbers)";
    return {
      name: this.input.name,
      title: spec.title ?? this.input.name,
      settings: this.s,
      notation: { name: this.s.notation, description: this.n.description },
      convention: { name: this.s.convention, description: this.conventionText() },
      layers,
      loss: { label: net.loss.label, equation: this.eq(this.n.tex("L"), [this.chunks(lossStep.expr)]) },
      eta: texNumber(spec.learning_rate, Math.max(this.s.precision, 6)),
      hasNumbers,
      legend: this.legend(),
      matrixForm: this.s.notation === "matrix" ? this.matrixForm() : [],
      diagram: diagramView(net, this.n, hasNumbers ? spec.weights : undefined, this.s.precision),
      symbolic: hasNumbers ? [] : this.pass(undefined, undefined, 0).concat([this.updateSection(undefined, undefined)]),
      updates,
      lossTable: updates.length > 1
        ? this.d.updates.map((u) => ({
            index: u.index + 1,
            epoch: u.epoch + 1,
            samples: u.sampleIndices.map((i) => i + 1).join(", "),
            before: this.num(u.numeric.loss),
            after: this.num(u.numeric.loss_after),
          }))
        : [],
      summary,
    };
  }

  private conventionText(): string {
    const n = this.n;
    const w = this.exampleWeight();
    const dw = w ? `\\partial ${n.tex("L")}/\\partial ${n.tex(w.id)}` : "\\partial L/\\partial w";
    const wt = w ? n.tex(w.id) : "w";
    if (!this.err) {
      return `gradient convention: every parameter moves against its gradient, $${wt} \\leftarrow ${wt} - \\eta\\, ${dw}$, and a neuron's delta $\\delta$ is the derivative of the loss with respect to its net input`;
    }
    const k = this.net.layers[this.L]!.neurons[0]!;
    const errK = n.tex(sym.dLda(k.node));
    return `error convention (as seeds 000, 001 and 003 write it): the error is $${errK} = -\\partial ${n.tex("L")}/\\partial ${n.tex(sym.a(k.node))}$ (for the half sum of squares, target minus output), a neuron's delta $\\delta$ is minus the derivative of the loss with respect to its net input (the error times $f'$), and every parameter moves by $\\eta$ times the delta it feeds times its input, $${wt} \\leftarrow ${this.errorUpdateTex(w)}$, which is the same step as $${wt} - \\eta\\, ${dw}$`;
  }

  private errorUpdateTex(w: Extract<Parameter, { kind: "weight" }> | undefined): string {
    return w ? toTexChunks(this.errorUpdate(w), this.symCtx).join(" ") : "w + \\eta\\, \\delta\\, a";
  }

  private exampleWeight(): Extract<Parameter, { kind: "weight" }> | undefined {
    return this.net.parameters.find((p): p is Extract<Parameter, { kind: "weight" }> => p.kind === "weight" && p.layer === this.L);
  }

  private legend(): { symbol: string; meaning: string }[] {
    const n = this.n;
    const net = this.net;
    const first = net.layers[1]!.neurons[0]!;
    const inp = net.layers[0]!.neurons[0]!;
    const outN = net.layers[this.L]!.neurons[0]!;
    const w = net.parameters.find((p) => p.kind === "weight")!;
    const b = net.parameters.find((p) => p.kind === "bias")!;
    const rows = [
      { symbol: n.tex(sym.x(inp.node)), meaning: "an input" },
      { symbol: n.tex(sym.z(first.node)), meaning: "the net input of a neuron: its weighted inputs plus its bias" },
      { symbol: n.tex(sym.a(first.node)), meaning: first.layer === this.L ? "the output of a neuron" : "the activation of a neuron, $f$ of its net input" },
      ...(first.layer !== this.L ? [{ symbol: n.tex(sym.a(outN.node)), meaning: "the output of an output neuron" }] : []),
      { symbol: n.tex(sym.t(outN.node)), meaning: "the target of an output neuron" },
      { symbol: n.tex(w.id), meaning: "a weight (see the diagram for which edge it labels)" },
      { symbol: n.tex(b.id), meaning: b.kind === "bias" && b.shared ? "the bias shared by a layer's neurons" : "a bias" },
    ];
    if (this.err) {
      rows.push({ symbol: n.tex(sym.dLda(outN.node)), meaning: `the error of a neuron, $-\\partial ${n.tex("L")}/\\partial ${n.tex(sym.a(outN.node))}$` });
      rows.push({ symbol: n.tex(sym.delta(outN.node)), meaning: `its delta, $-\\partial ${n.tex("L")}/\\partial ${n.tex(sym.z(outN.node))}$` });
    } else {
      rows.push({ symbol: n.tex(sym.delta(outN.node)), meaning: `the delta of a neuron, $\\partial ${n.tex("L")}/\\partial ${n.tex(sym.z(outN.node))}$` });
    }
    rows.push({ symbol: n.tex("L"), meaning: "the loss" }, { symbol: "\\eta", meaning: "the learning rate" });
    return rows;
  }

  private matrixForm(): Equation[] {
    const l = this.n.letters;
    const v = (t: string, sup: string) => `\\mathbf{${t}}^{(${sup})}`;
    const W = (sup: string) => `${l.weight.tex.startsWith("\\") ? l.weight.tex : `\\mathbf{${l.weight.tex}}`}^{(${sup})}`;
    const z = (s: string) => v(l.net.tex, s);
    const a = (s: string) => v(l.activation.tex, s);
    const b = (s: string) => v(l.bias.tex, s);
    const dl = (s: string) => `\\boldsymbol{${l.delta.tex}}^{(${s})}`;
    const Lt = l.loss.tex;
    const rows: Equation[] = [
      this.eq(z("l"), [[`${W("l")}\\, ${a("l-1")} + ${b("l")}`]]),
      this.eq(a("l"), [[`f^{(l)}\\bigl(${z("l")}\\bigr), \\quad ${a("0")} = \\mathbf{${l.input.tex}}`]]),
    ];
    if (this.err) {
      rows.push(
        this.eq(dl("L"), [[`\\mathbf{${l.error.tex}} \\odot f'\\bigl(${z("L")}\\bigr), \\quad \\mathbf{${l.error.tex}} = -\\nabla_{${a("L")}} ${Lt}`]]),
        this.eq(dl("l"), [[`\\bigl(${W("l+1")}\\bigr)^{\\top} ${dl("l+1")} \\odot f'\\bigl(${z("l")}\\bigr)`]]),
        this.eq(W("l"), [[`${W("l")} + \\eta\\, ${dl("l")} \\bigl(${a("l-1")}\\bigr)^{\\top}`]]),
        this.eq(b("l"), [[`${b("l")} + \\eta\\, ${dl("l")}`]]),
      );
      rows[4]!.rel = "\\leftarrow";
      rows[5]!.rel = "\\leftarrow";
    } else {
      rows.push(
        this.eq(dl("L"), [[`\\nabla_{${a("L")}} ${Lt} \\odot f'\\bigl(${z("L")}\\bigr)`]]),
        this.eq(dl("l"), [[`\\bigl(${W("l+1")}\\bigr)^{\\top} ${dl("l+1")} \\odot f'\\bigl(${z("l")}\\bigr)`]]),
        this.eq(`\\frac{\\partial ${Lt}}{\\partial ${W("l")}}`, [[`${dl("l")} \\bigl(${a("l-1")}\\bigr)^{\\top}, \\quad \\frac{\\partial ${Lt}}{\\partial ${b("l")}} = ${dl("l")}`]]),
        { lhs: W("l"), rel: "\\leftarrow", stages: [[`${W("l")} - \\eta\\, \\frac{\\partial ${Lt}}{\\partial ${W("l")}}`]] },
      );
    }
    if (this.net.layers[this.L]!.activation!.name === "softmax") {
      rows.push(this.eq(dl("L"), [[`J_{\\mathrm{softmax}}\\bigl(${a("L")}\\bigr)^{\\top} ${this.err ? `\\mathbf{${l.error.tex}}` : `\\nabla_{${a("L")}} ${Lt}`}`]], "softmax: the full Jacobian"));
    }
    return rows;
  }

  // ---- one update -------------------------------------------------------------------------

  private update(u: DerivedUpdate): UpdateView {
    const spec = this.net.spec;
    const sections: Section[] = [];
    u.sampleScopes.forEach((scope, si) => {
      const label = u.sampleScopes.length > 1 ? u.sampleIndices[si]! + 1 : 0;
      sections.push(...this.pass(scope, u, label));
    });
    sections.push(this.updateSection(u.scope, u));
    const lossAfterSection: Section = {
      title: "Loss after the update",
      blocks: [{
        text: `With the new parameters the same ${u.sampleIndices.length > 1 ? "samples give" : "sample gives"} the loss (computed from the exact new values, not from the rounded ones above):`,
        equations: [this.eq(this.n.tex("L_after"), [[this.num(u.numeric.loss_after)]])],
      }, {
        equations: [],
        text: `The loss went from $${this.num(u.numeric.loss)}$ to $${this.num(u.numeric.loss_after)}$.`,
      }],
    };
    sections.push(lossAfterSection);
    const samples = u.sampleIndices.map((i) => spec.samples[i]!);
    const vec = (xs: number[]) => `(${xs.map((x) => this.num(x)).join(", ")})`;
    const intro = samples.length === 1
      ? `Sample ${u.sampleIndices[0]! + 1}: input $${vec(samples[0]!.input)}$, target $${vec(samples[0]!.target)}$.`
      : `Samples ${u.sampleIndices.map((i) => i + 1).join(", ")} together (batch mode, the ${spec.reduction} of their gradients).`;
    const frozen = spec.train_biases ? "" : this.frozenText();
    const table = this.table(u);
    return {
      index: u.index + 1,
      title: this.d.updates.length > 1
        ? `Update ${u.index + 1}${spec.epochs > 1 ? ` (epoch ${u.epoch + 1})` : ""}`
        : "The update",
      intro,
      sections,
      table,
      tableHead: table.slice(0, 40),
      tableRest: Math.max(table.length - 40, 0),
      frozen,
      lossBefore: this.num(u.numeric.loss),
      lossAfter: this.num(u.numeric.loss_after),
    };
  }

  private frozenText(): string {
    const biases = this.net.parameters.filter((p) => p.kind === "bias");
    const list = biases.length <= 12 ? biases.map((p) => `$${this.n.tex(p.id)}$`).join(", ") : "all biases";
    return `The biases are fixed (the spec says train\\_biases: false): ${list} keep their values and get no update.`;
  }

  private trained(): Parameter[] {
    return this.net.parameters.filter((p) => p.kind === "weight" || p.trainable);
  }

  private table(u: DerivedUpdate): ParamRow[] {
    return this.trained().map((p) => ({
      symbol: this.n.tex(p.id),
      old: this.num(u.scope[p.id]!),
      gradient: this.num(u.scope[sym.grad(p.id)]!),
      new: this.num(u.scope[sym.updated(p.id)]!),
    }));
  }

  /** Forward pass, loss and backward pass of one sample (`label` > 0 names the sample in batch mode). */
  private pass(scope: Record<string, number> | undefined, u: DerivedUpdate | undefined, label: number): Section[] {
    const look = this.lookup(scope);
    const val = (id: string): number | undefined => (look ? look(id) : undefined);
    const suffix = label > 0 ? `, sample ${label}` : "";
    const sections: Section[] = [];

    // Forward pass.
    const forward: Block[] = [];
    for (const layer of this.net.layers.slice(1)) {
      const eqs: Equation[] = [];
      const nets = this.steps("net-input").filter((s) => s.layer === layer.index);
      const acts = this.steps("activation").filter((s) => s.layer === layer.index);
      const keep = layer.index > 0 && this.net.layers[layer.index - 1]!.neurons.length > LARGE_FANIN ? 4 : Infinity;
      for (const s of nets) eqs.push(this.eq(this.n.tex(s.defines), this.stages(s.expr, look, val(s.defines), [], keep)));
      for (const s of acts) eqs.push(this.eq(this.n.tex(s.defines), this.stages(s.expr, look, val(s.defines))));
      const role = layer.index === this.L ? "The output layer" : `Hidden layer ${layer.index}`;
      for (const part of splitEquations(eqs)) {
        forward.push({ text: part.first ? `${role} (${layer.activation!.label}):` : "", equations: part.eqs });
      }
    }
    sections.push({ title: `Forward pass${suffix}`, blocks: forward });

    // Loss.
    const lossStep = this.steps("loss")[0]!;
    const lossLhs = label > 0 ? `${this.n.tex("L")}^{(${label})}` : this.n.tex("L");
    sections.push({
      title: `Loss${suffix}`,
      blocks: [{
        text: `The loss is the ${this.net.loss.label}:`,
        equations: [this.eq(lossLhs, this.stages(lossStep.expr, look, val("L")))],
      }],
    });

    // Backward pass.
    const counter = { n: 0, ids: new Map<string, number>() };
    sections.push({ title: `Backward pass${suffix}`, blocks: this.backward(look, counter) });
    void u;
    return sections;
  }

  private backward(look: Lookup | undefined, counter: { n: number; ids: Map<string, number> }): Block[] {
    const n = this.n;
    const full = this.s.detail === "full";
    const val = (id: string): number | undefined => (look ? look(id) : undefined);
    const blocks: Block[] = [];
    const outLayer = this.net.layers[this.L]!;
    const f = outLayer.activation!;
    const L = n.tex("L");
    const tagOf = (of: string, wrt: string): { tag: string; fresh: boolean } => {
      const key = `${of}|${wrt}`;
      let k = counter.ids.get(key);
      const fresh = k === undefined;
      if (k === undefined) {
        k = ++counter.n;
        counter.ids.set(key, k);
      }
      return { tag: circled(k), fresh };
    };
    const tagged = (tag: string, lhs: string) => (full ? `${tag}\\quad ${lhs}` : lhs);
    // f′ of a neuron as a number (from the activation table: exact, not from rounded values).
    const fprime = (nr: Neuron): number | undefined => {
      if (!look) return undefined;
      const act = this.net.layers[nr.layer]!.activation!;
      return act.derivative(look(sym.z(nr.node))!, look(sym.a(nr.node))!);
    };
    // Numbered factors of an output neuron's delta (elementwise, not simplified): [loss factor, f′ factor].
    const outputFactors = new Map<number, { tags: string[]; values: (number | undefined)[] }>();
    const simplified = this.steps("simplification").length > 0;

    // ---- output layer
    const outEqs: Equation[] = [];
    const lossGrads = this.steps("loss-gradient");
    for (const s of lossGrads) {
      const k = this.neuron(s.node!);
      const lhsPartial = n.partial("L", sym.a(k.node));
      const expr = this.err ? negate(s.expr) : s.expr;
      const lhs = this.err ? n.tex(sym.dLda(k.node)) : lhsPartial;
      const lead = this.err ? [] : [];
      const t = tagOf(sym.loss, sym.a(k.node));
      const eq = this.eq(tagged(t.tag, lhs), this.stages(expr, look, val(sym.dLda(k.node)), lead));
      if (this.err) eq.stages.unshift([`-${lhsPartial}`]);
      outEqs.push(eq);
    }
    const outBlockText = this.err
      ? `The output layer. The error of each output neuron is minus the derivative of the loss with respect to its output${full ? " (factors numbered as they appear)" : ""}:`
      : `The output layer. The derivative of the loss with respect to each output${full ? " (factors numbered as they appear)" : ""}:`;
    blocks.push({ text: outBlockText, equations: outEqs });

    const deltaEqs: Equation[] = [];
    for (const s of this.steps("output-delta")) {
      const k = this.neuron(s.node!);
      const dz = n.partial("L", sym.z(k.node));
      const lhsDelta = n.tex(sym.delta(k.node));
      if (f.elementwise) {
        const fp = s.chain![1]!;
        const t1 = tagOf(sym.loss, sym.a(k.node)).tag;
        const t2 = tagOf(fp.of, fp.wrt);
        if (full && t2.fresh) {
          deltaEqs.push(this.eq(tagged(t2.tag, n.partial(fp.of, fp.wrt)), this.stages(fp.expr, look, fprime(k))));
        }
        const first = [
          [this.err ? `-${dz}` : dz],
          [`${this.err ? n.tex(sym.dLda(k.node)) : n.partial("L", sym.a(k.node))}\\, ${n.partial(fp.of, fp.wrt)}`],
        ];
        outputFactors.set(k.node, { tags: [t1, t2.tag], values: [val(sym.dLda(k.node)), fprime(k)] });
        if (full) {
          first.push([`${t1}\\, ${t2.tag}`]);
          if (look) first.push([`${this.factorNum(val(sym.dLda(k.node))!)} \\cdot ${this.factorNum(fprime(k)!)}`], [this.num(val(sym.delta(k.node))!)]);
          deltaEqs.push(this.eq(lhsDelta, dedupe(first)));
        } else {
          deltaEqs.push(this.eq(lhsDelta, this.stages(s.expr, look, val(sym.delta(k.node)), first)));
        }
      } else {
        // softmax: every output depends on every net input, so δ_k sums over all outputs i.
        const pathsTex = s.paths!.map((p) => `${this.err ? n.tex(sym.dLda(this.neuron(Number(p[0]!.wrt.slice(2))).node)) : n.partial(p[0]!.of, p[0]!.wrt)}\\, ${n.partial(p[1]!.of, p[1]!.wrt)}`);
        const first = this.err ? [[`-${dz}`], pathsTex.map((t, i) => (i === 0 ? t : `+ ${t}`))]
          : [[dz], pathsTex.map((t, i) => (i === 0 ? t : `+ ${t}`))];
        deltaEqs.push(this.eq(lhsDelta, this.stages(s.expr, look, val(sym.delta(k.node)), first)));
      }
    }
    const softmax = !f.elementwise;
    blocks.push({
      text: softmax
        ? `The output activation is softmax: each output depends on every net input of the layer, so each delta sums over all outputs, the cross terms included (${softmaxCrossExample(n, outLayer.neurons)}):`
        : `Each output neuron's delta is ${this.err ? "its error" : "the derivative of the loss with respect to its output"} times the derivative of its activation:`,
      equations: deltaEqs,
    });
    if (simplified) {
      const simp: Equation[] = [];
      for (const s of this.steps("simplification")) {
        const expr = this.err ? negate(s.expr) : s.expr;
        simp.push(this.eq(n.tex(s.defines), this.stages(expr, look, val(s.defines))));
      }
      const why = softmax
        ? "because the targets sum to 1"
        : `because the derivative of the ${f.label} cancels the denominator of the ${this.net.loss.label}`;
      blocks.push({ text: `This simplifies, ${why}, to (the same values):`, equations: simp });
    }

    // ---- output weights and biases (and their chains)
    blocks.push(...this.gradientBlocks(this.L, look, counter, tagOf, tagged, outputFactors, fprime));

    // ---- hidden layers, last first
    for (let l = this.L - 1; l >= 1; l--) {
      const layer = this.net.layers[l]!;
      const eqs: Equation[] = [];
      for (const j of layer.neurons) {
        const hg = this.step("hidden-gradient", sym.dLda(j.node))!;
        const hd = this.step("hidden-delta", sym.delta(j.node))!;
        const fp = hd.chain![1]!;
        if (full) {
          // Number the local factors ∂z_k/∂a_j (= w_jk) and ∂a_j/∂z_j, then write the delta as the sum over paths.
          const pathTerms: string[] = [];
          const pathTags: string[] = [];
          const pathNums: string[] = [];
          for (const path of hd.paths!) {
            const kNode = Number(path[0]!.wrt.slice(2));
            const w = path[1]!;
            const tw = tagOf(w.of, w.wrt);
            if (tw.fresh) eqs.push(this.eq(tagged(tw.tag, n.partial(w.of, w.wrt)), this.stages(w.expr, look, val((w.expr as unknown as { name: string }).name))));
            const of = outputFactors.get(kNode);
            if (of) {
              pathTerms.push(`${this.err ? n.tex(sym.dLda(kNode)) : n.partial("L", sym.a(kNode))}\\, ${n.partial(sym.a(kNode), sym.z(kNode))}\\, ${n.partial(w.of, w.wrt)}`);
              pathTags.push(`${of.tags.join("")}${tw.tag}`);
              if (look) pathNums.push([...of.values, val((w.expr as unknown as { name: string }).name)].map((v) => this.factorNum(v!)).join(" \\cdot "));
            } else {
              pathTerms.push(`${this.err ? n.tex(sym.delta(kNode)) : n.partial("L", sym.z(kNode))}\\, ${n.partial(w.of, w.wrt)}`);
              pathTags.push(`${n.tex(sym.delta(kNode))}\\, ${tw.tag}`);
              if (look) pathNums.push(`${this.factorNum(val(sym.delta(kNode))!)} \\cdot ${this.factorNum(val((w.expr as unknown as { name: string }).name)!)}`);
            }
          }
          const tf = tagOf(fp.of, fp.wrt);
          if (tf.fresh) eqs.push(this.eq(tagged(tf.tag, n.partial(fp.of, fp.wrt)), this.stages(fp.expr, look, fprime(j))));
          const fpPartial = n.partial(fp.of, fp.wrt);
          const sumStage = (terms: string[], tail: string): string[] => {
            if (terms.length === 1) return [`${terms[0]}\\, ${tail}`];
            const c = terms.map((t, i) => (i === 0 ? `\\bigl(${t}` : `+ ${t}`));
            c[c.length - 1] += `\\bigr)\\, ${tail}`;
            return c;
          };
          const lead: string[][] = [[this.err ? `-${n.partial("L", sym.z(j.node))}` : n.partial("L", sym.z(j.node))], sumStage(pathTerms, fpPartial), sumStage(pathTags, tf.tag)];
          const stages = [...lead];
          if (look) {
            const c = pathNums.length === 1 ? [`${pathNums[0]} \\cdot ${this.factorNum(fprime(j)!)}`]
              : pathNums.map((t, i) => (i === 0 ? `\\bigl(${t}` : `+ ${t}`));
            if (pathNums.length > 1) c[c.length - 1] += `\\bigr) \\cdot ${this.factorNum(fprime(j)!)}`;
            stages.push(c, [this.num(val(sym.delta(j.node))!)]);
          }
          eqs.push(this.eq(n.tex(sym.delta(j.node)), dedupe(stages)));
        } else {
          const lhs = this.err ? n.tex(sym.dLda(j.node)) : n.partial("L", sym.a(j.node));
          const lead = this.err ? [[`-${n.partial("L", sym.a(j.node))}`]] : [];
          eqs.push(this.eq(lhs, this.stages(hg.expr, look, val(sym.dLda(j.node)), lead)));
          const dlead = this.err ? [[`-${n.partial("L", sym.z(j.node))}`]] : [[n.partial("L", sym.z(j.node))]];
          eqs.push(this.eq(n.tex(sym.delta(j.node)), this.stages(hd.expr, look, val(sym.delta(j.node)), dlead)));
        }
      }
      const text = full
        ? `Hidden layer ${l}. Each neuron feeds every neuron of the next layer, so the loss reaches it along several paths: its delta sums over them (the factors are numbered as they appear):`
        : `Hidden layer ${l}. Each neuron's ${this.err ? "error is the sum of the next layer's deltas" : "derivative sums over the next layer's deltas"}, weighted by the connecting weights; times $f'$ it gives the delta:`;
      for (const part of splitEquations(eqs)) blocks.push({ text: part.first ? text : "", equations: part.eqs });
      blocks.push(...this.gradientBlocks(l, look, counter, tagOf, tagged, outputFactors, fprime));
    }
    return blocks;
  }

  /** ∂L/∂w and ∂L/∂b of one layer's parameters. */
  private gradientBlocks(
    l: number,
    look: Lookup | undefined,
    _counter: unknown,
    tagOf: (of: string, wrt: string) => { tag: string; fresh: boolean },
    tagged: (tag: string, lhs: string) => string,
    outputFactors: Map<number, { tags: string[]; values: (number | undefined)[] }>,
    fprime: (nr: Neuron) => number | undefined,
  ): Block[] {
    void fprime;
    const n = this.n;
    const full = this.s.detail === "full";
    const val = (id: string): number | undefined => (look ? look(id) : undefined);
    const eqs: Equation[] = [];
    const layerWeights = this.steps("weight-gradient").filter((x) => x.layer === l);
    for (const s of this.large ? layerWeights.slice(0, 1) : layerWeights) {
      const p = this.params.get(s.param!) as Extract<Parameter, { kind: "weight" }>;
      const lhs = n.tex(s.defines);
      const inputId = this.outSym(p.from);
      const gradValue = look ? look(s.defines) : undefined;
      if (full) {
        const last = s.chain![s.chain!.length - 1]!;
        const t = tagOf(last.of, last.wrt);
        if (t.fresh) eqs.push(this.eq(tagged(t.tag, n.partial(last.of, last.wrt)), this.stages(last.expr, look, val(inputId))));
        const partials = s.chain!.map((c) => n.partial(c.of, c.wrt)).join("\\, ");
        const of = outputFactors.get(p.to.node);
        const sign = this.err ? "-" : "";
        const stages: string[][] = [[partials]];
        if (of && s.chain!.length === 3) {
          stages.push([`${sign}${of.tags.join("")}${t.tag}`]);
          if (look) stages.push([`${sign}${[...of.values, val(inputId)].map((v) => this.factorNum(v!)).join(" \\cdot ")}`]);
        } else {
          stages.push([`${sign}${n.tex(sym.delta(p.to.node))}\\, ${t.tag}`]);
          if (look) stages.push([`${sign}${this.factorNum(val(sym.delta(p.to.node))!)} \\cdot ${this.factorNum(val(inputId)!)}`]);
        }
        if (gradValue !== undefined) stages.push([this.num(gradValue)]);
        eqs.push(this.eq(lhs, dedupe(stages)));
      } else {
        const expr = this.err ? negate(s.expr) : s.expr;
        eqs.push(this.eq(lhs, this.stages(expr, look, gradValue)));
      }
    }
    const layerBiases = this.steps("bias-gradient").filter((x) => x.layer === l);
    for (const s of this.large ? layerBiases.slice(0, 1) : layerBiases) {
      const expr = this.err ? negate(s.expr) : s.expr;
      const lead = full && s.chain ? [[s.chain.map((c) => n.partial(c.of, c.wrt)).join("\\, ")]] : [];
      eqs.push(this.eq(n.tex(s.defines), this.stages(expr, look, look ? look(s.defines) : undefined, lead)));
    }
    const role = l === this.L ? "the output layer" : `hidden layer ${l}`;
    const text = full
      ? `The gradients of the weights and biases of ${role}, by the chain rule factor by factor:`
      : `The gradients of the weights and biases of ${role}: the delta of the receiving neuron times the input the weight carries${this.err ? ", with a minus sign" : ""}:`;
    const blocks = splitEquations(eqs).map((part) => ({ text: part.first ? text : "", equations: part.eqs }));
    if (this.large) blocks.push({ text: this.largeNote(layerWeights.length + layerBiases.length - eqs.filter((e) => !e.lhs.includes("circnum")).length, "gradients"), equations: [] });
    return blocks;
  }

  /** The batch gradients (several samples) and the update of every trained parameter. */
  private updateSection(scope: Record<string, number> | undefined, u: DerivedUpdate | undefined): Section {
    const n = this.n;
    const blocks: Block[] = [];
    const batched = u !== undefined && u.sampleScopes.length > 1;
    if (batched) {
      const N = u.sampleScopes.length;
      const eqs: Equation[] = [];
      const labels = u.sampleIndices.map((i) => i + 1);
      const factor = this.net.spec.reduction === "mean" ? `\\frac{1}{${N}}` : "";
      for (const p of this.large ? this.firstOfEachLayer() : this.trained()) {
        const g = sym.grad(p.id);
        const parts = labels.map((lab, i) => `${i === 0 ? "" : "+ "}\\frac{\\partial ${n.tex("L")}^{(${lab})}}{\\partial ${n.tex(p.id)}}`);
        const nums = u.sampleScopes.map((sc, i) => `${i === 0 ? "" : "+ "}${i === 0 ? this.num(sc[g]!) : this.factorNum(sc[g]!)}`);
        const wrapSum = (c: string[]) => {
          if (!factor) return c;
          const out = [...c];
          out[0] = `${factor}\\bigl(${out[0]}`;
          out[out.length - 1] += "\\bigr)";
          return out;
        };
        eqs.push(this.eq(n.tex(g), dedupe([wrapSum(parts), wrapSum(nums), [this.num(scope![g]!)]])));
      }
      blocks.push({
        text: `The gradient of the update is the ${this.net.spec.reduction} of the samples' gradients:`,
        equations: eqs,
      });
    }
    // Online: the update's own values first, then its one sample's (δ and inputs for the error form).
    const sample = u && u.sampleScopes.length === 1 ? u.sampleScopes[0]! : undefined;
    const look: Lookup | undefined = scope && u
      ? this.lookup(sample ? { get: (id) => scope[id] ?? sample[id] } : { get: (id) => scope[id] })
      : undefined;
    const eqs: Equation[] = [];
    for (const p of this.large ? this.firstOfEachLayer() : this.trained()) {
      const s = this.step("update", sym.updated(p.id))!;
      let expr = s.expr;
      if (this.err && !batched) expr = this.errorUpdate(p);
      eqs.push(this.eq(n.tex(s.defines), this.stages(expr, look, look ? scope![s.defines] : undefined)));
    }
    const text = this.err && !batched
      ? `Every parameter moves by $\\eta$ times the delta of the neuron it feeds times its input (the error convention's $+$ is the gradient step $-\\eta\\,\\partial ${n.tex("L")}/\\partial w$), all from the parameters before the update:`
      : `Every parameter takes a step of $\\eta = ${texNumber(this.net.spec.learning_rate, Math.max(this.s.precision, 6))}$ against its gradient, all from the parameters before the update:`;
    const frozen = this.net.spec.train_biases ? [] : [{ text: this.frozenText(), equations: [] }];
    if (this.large) frozen.unshift({ text: this.largeNote(this.trained().length - eqs.length, "new values"), equations: [] });
    const parts = splitEquations(eqs).map((part) => ({ text: part.first ? text : "", equations: part.eqs }));
    return { title: "Gradient step", blocks: [...blocks, ...parts, ...frozen] };
  }

  /** Large networks: the first weight and the first bias of each layer stand for the rest. */
  private firstOfEachLayer(): Parameter[] {
    const seen = new Set<string>();
    return this.trained().filter((p) => {
      const key = `${p.layer}:${p.kind}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private largeNote(rest: number, what: string): string {
    return `The other ${rest} parameters follow the same pattern (the network has ${this.net.parameters.length} parameters, too many to write out one by one); their ${what} are all in the table at the end of the update.`;
  }

  /** Error convention: w ← w + η δ_j a_i, b ← b + η δ_j (a shared bias: + η Σ_j δ_j). */
  private errorUpdate(p: Parameter): MathNode {
    if (p.kind === "weight") {
      return add(S(p.id), mul(S(sym.eta), S(sym.delta(p.to.node)), S(this.outSym(p.from))));
    }
    const deltas = p.neurons.map((nr) => S(sym.delta(nr.node)));
    return add(S(p.id), mul(S(sym.eta), deltas.length === 1 ? deltas[0]! : new math.ParenthesisNode(add(...deltas))));
  }
}

/** Drops a stage equal to the one before it (e.g. a value that needs no substitution). */
/** One cross term of the softmax Jacobian in the notation's own symbols, e.g. ∂ŷ₁/∂a₂₂ = −ŷ₁ ŷ₂. */
function softmaxCrossExample(n: Notation, outputs: readonly Neuron[]): string {
  const [i, k] = outputs;
  if (!i || !k) return "";
  return `$${n.partial(sym.a(i.node), sym.z(k.node))} = -${n.tex(sym.a(i.node))}\\, ${n.tex(sym.a(k.node))}$`;
}

function dedupe(stages: string[][]): string[][] {
  const out: string[][] = [];
  for (const s of stages) {
    const prev = out[out.length - 1];
    if (!prev || prev.length !== s.length || prev.some((c, i) => c !== s[i])) out.push(s);
  }
  return out;
}

/** Long runs of equations split into blocks of at most 24 (one display each). */
function splitEquations(eqs: Equation[]): { first: boolean; eqs: Equation[] }[] {
  const out: { first: boolean; eqs: Equation[] }[] = [];
  for (let i = 0; i < eqs.length; i += 24) out.push({ first: i === 0, eqs: eqs.slice(i, i + 24) });
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export { textNumber };
