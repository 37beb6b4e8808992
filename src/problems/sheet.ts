import type { Network } from "../network/index.js";
import { parameterOf, parseSymbol, sym } from "../network/index.js";
import type { StateQuantity } from "../network/index.js";
import { trainingRules } from "../spec/index.js";
import type { TrainingRules } from "../spec/index.js";
import { makeNotation, resolvePresentation } from "../notation/index.js";
import type { Notation } from "../notation/index.js";
import { diagramView, texNumber } from "../render/index.js";
import type { DiagramView } from "../render/index.js";
import { widestWeights } from "./draw.js";
import { layerLines, lossTex, procedure, updateCount } from "./describe.js";
import type { LayerLine } from "./describe.js";
import type { ProblemsConfig, Question, Variant } from "./types.js";

/*
 * The view model of the student sheet (and of the Moodle questions): plain data, prose strings
 * with inline math `$…$` only. It holds the given numbers and the questions, never an answer.
 */

export interface ParamGroup {
  /** "Into hidden layer 1". */
  title: string;
  /** "$W_{13} = -0.7$" each. */
  items: string[];
}

export interface SampleLine {
  title: string;
  inputs: string[];
  targets: string[];
}

export interface QuestionView {
  number: number;
  /** "the value of $W_{13}$ after the update". */
  text: string;
}

export interface SheetVariant {
  id: string;
  index: number;
  /** The network with its given weights on the edges (the renderer's diagram, numbers exact). */
  diagram: DiagramView;
  /** Where the Markdown sheet finds the diagram as SVG. */
  svg: string;
  layers: LayerLine[];
  notation: string;
  loss: string;
  procedure: string;
  parameters: ParamGroup[];
  samples: SampleLine[];
  questions: QuestionView[];
}

export interface SheetView {
  name: string;
  /** Raw user text: templates escape it. */
  title: string;
  precision: number;
  /** "Give every answer to 4 decimal places." */
  instructions: string;
  variants: SheetVariant[];
}

/** Where a variant's diagram is, relative to the Markdown files: the student sheet's, which the solutions show too. */
export const sheetDiagram = (name: string, id: string): string => `${name}.problems/${id}-network.svg`;

const diagrams = new WeakMap<object, DiagramView>();

/**
 * A variant's diagram: its given weights, exactly, with the labels laid out for the widest numbers
 * the set's ranges can draw (so that every variant looks alike). Made once per variant: the sheet
 * and the solution draw the same one.
 */
export function variantDiagram(net: Network, config: ProblemsConfig): DiagramView {
  let d = diagrams.get(net.spec);
  if (!d) diagrams.set(net.spec, (d = diagramView(net, notationOf(net), net.spec.weights, 12, widestWeights(net.spec, config))));
  return d;
}

/** A given number, exactly as it was drawn (or written in the spec). */
const given = (v: number): string => texNumber(v, 12);

export function notationOf(net: Network): Notation {
  const p = resolvePresentation(net.spec);
  return makeNotation(net, p.notation, p.convention, p.letters);
}

/** The sheet's one instruction, for networks and graphs alike. */
export const instructionsFor = (p: number): string =>
  `Give every answer to ${p} decimal place${p === 1 ? "" : "s"}; round only the final answer.`;

export function sheetView(name: string, config: ProblemsConfig, variants: readonly (Variant & { net: Network })[]): SheetView {
  const p = config.precision;
  return {
    name,
    title: config.title,
    precision: p,
    instructions: instructionsFor(p),
    variants: variants.map((v) => variantView(v, v.net, sheetDiagram(name, v.id), variantDiagram(v.net, config))),
  };
}

function variantView(v: Variant, net: Network, svg: string, diagram: DiagramView): SheetVariant {
  const n = notationOf(net);
  const spec = net.spec;
  const last = net.layers.length - 1;
  const parameters: ParamGroup[] = net.layers.slice(1).map((layer) => {
    const items = net.parameters
      .filter((q) => q.layer === layer.index)
      .map((q) => {
        const value =
          q.kind === "weight"
            ? spec.weights![q.layer - 1]![q.row]![q.col]!
            : ((b) => (typeof b === "number" ? b : b[q.row]!))(spec.biases[q.layer - 1]!);
        return `$${n.tex(q.id)} = ${given(value)}$`;
      });
    return { title: layer.index === last ? "Into the output layer" : `Into hidden layer ${layer.index}`, items };
  });
  const inputs = net.layers[0]!.neurons;
  const outputs = net.layers[last]!.neurons;
  const samples: SampleLine[] = spec.samples.map((s, i) => ({
    title: spec.samples.length === 1 ? "The sample" : `Sample ${i + 1}`,
    inputs: inputs.map((nr, j) => `$${n.tex(`x_${nr.node}`)} = ${given(s.input[j]!)}$`),
    targets: outputs.map((nr, j) => `$${n.tex(`t_${nr.node}`)} = ${given(s.target[j]!)}$`),
  }));
  return {
    id: v.id,
    index: v.index,
    diagram,
    svg,
    layers: layerLines(net, n),
    notation: `Notation: ${n.description}.`,
    loss: `$${lossTex(spec.loss, n)}$`,
    procedure: procedure(net, n),
    parameters,
    samples,
    questions: questionTexts(v, net, n).map((text, i) => ({ number: i + 1, text })),
  };
}

/** Each question of a variant in words (the sheet, Moodle and the solutions' answers). */
export function questionTexts(v: Variant, net: Network, n: Notation = notationOf(net)): string[] {
  const spec = net.spec;
  const updates = updateCount(net);
  const sampleCount = spec.mode === "batch" ? spec.samples.length : 1;
  const conventionNote = spec.convention === "error" ? " (error convention: $\\delta = -\\partial L / \\partial z$)" : "";
  return v.questions.map((q) => questionText(q, n, updates, sampleCount, conventionNote, trainingRules(spec)));
}

/** What one question asks, in words. */
export function questionText(
  q: Pick<Question, "symbol" | "sample">,
  n: Notation,
  updates: number,
  sampleCount: number,
  errorNote = "",
  rules: TrainingRules = trainingRules({}),
): string {
  const several = updates > 1;
  const update = several ? "the last update" : "the update";
  // the optimizer's state is asked after a numbered update: "the velocity v after update 2"
  const numbered = several ? `update ${updates}` : "the update";
  const s = parseSymbol(q.symbol);
  const forSample = q.sample !== undefined && sampleCount > 1 ? ` for sample ${q.sample + 1} of ${update}` : several ? ` in ${update}` : "";
  const l2 = rules.l2 > 0;
  // the error convention writes v, m, m̂ and g with the sign of δ
  const stateNote = errorNote === "" ? "" : " (error convention: with the sign of $\\delta$, minus PyTorch's)";
  switch (s?.kind) {
    case "updated":
      return `the value of $${n.tex(parameterOf(q.symbol)!)}$ after ${update}`;
    case "grad":
      return `the gradient $${n.tex(q.symbol)}$ in ${update}${l2 && parameterOf(q.symbol)!.startsWith("w") ? " (without the L2 term)" : ""}`;
    case "g": {
      const w = n.tex(parameterOf(q.symbol)!);
      return `the gradient $${n.tex(q.symbol)} = ${n.tex(sym.grad(parameterOf(q.symbol)!))} + \\lambda ${w}$ (with the L2 term) in ${update}${stateNote}`;
    }
    case "newstate": {
      const name = s.name as StateQuantity;
      return `${stateWords(name, rules)} $${n.tex(sym.state(name, parameterOf(q.symbol)!))}$ after ${numbered}${name === "s" ? "" : stateNote}`;
    }
    case "hat": {
      const name = s.name as "m" | "s";
      const what = name === "m" ? "the bias-corrected first moment" : "the bias-corrected second moment";
      return `${what} $${n.tex(q.symbol)}$ in ${numbered}${name === "s" ? "" : stateNote}`;
    }
    case "L_reg":
      return `the loss with the L2 term $${n.tex("L_reg")}$ before ${update}`;
    case "L":
      return `the loss $${n.tex("L")}$ before ${update}${l2 ? " (without the L2 term)" : ""}`;
    case "L_after":
      return `the loss $${n.tex("L_after")}$ after ${update}, on the same sample${sampleCount > 1 ? "s" : ""}${l2 ? " (with the L2 term)" : ""}`;
    case "z":
      return `the net input $${n.tex(q.symbol)}$${forSample}`;
    case "a":
      return `the activation $${n.tex(q.symbol)}$${forSample}`;
    case "delta":
      return `$${n.tex(q.symbol)}$${errorNote}${forSample}`;
    default:
      return `$${n.tex(q.symbol)}$${errorNote}${forSample}`;
  }
}

/** "the velocity", "the first moment", "the second moment" (rmsprop's s: "the mean square"). */
function stateWords(q: StateQuantity, rules: TrainingRules): string {
  if (q === "v") return "the velocity";
  if (q === "m") return "the first moment";
  return rules.optimizer === "rmsprop" ? "the mean square" : "the second moment";
}
