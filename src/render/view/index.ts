import { makeNotation } from "../../notation/index.js";
import { diagramView } from "../diagram.js";
import type { RenderInput } from "../types.js";
import { texNumber } from "../numbers.js";
import { ViewContext } from "./context.js";
import { conventionText } from "./convention.js";
import { legend } from "./legend.js";
import { matrixForm, matrixNote } from "./matrix.js";
import { sym } from "../../network/index.js";
import { trainingSummary } from "./optimizer-prose.js";
import { pass } from "./pass.js";
import { lossTable, stateTable } from "./tables.js";
import type { LayerView, View } from "./types.js";
import { updateView } from "./update-view.js";
import { updateSections } from "./updates.js";

export type { Block, LayerView, LossRow, ParamRow, Section, StateTable, UpdateView, View } from "./types.js";
export { LARGE_FANIN, LARGE_PARAMETERS } from "./limits.js";
export { textNumber } from "../numbers.js";

/** The view model of one spec: plain data the templates walk. */
export function buildView(input: RenderInput): View {
  const settings = input.presentation;
  const d = input.derivation;
  const net = d.network;
  const spec = net.spec;
  const notation = makeNotation(net, settings.notation, settings.convention, settings.letters);
  const ctx = new ViewContext(input, net, d, notation, settings);
  const hasNumbers = d.updates.length > 0;
  const lossStep = ctx.steps("loss")[0]!;
  const layers: LayerView[] = net.layers.map((l) => ({
    index: l.index,
    role: l.index === 0 ? "input" : l.index === ctx.L ? "output" : "hidden",
    size: l.neurons.length,
    activation: l.activation ? l.activation.label : "",
    neurons: l.neurons.map((nr) => ctx.n.tex(ctx.outSym(nr))),
  }));
  const updates = d.updates.map((u) => updateView(ctx, u));
  const perUpdate = spec.mode === "batch" ? spec.samples.length : 1;
  const summary = hasNumbers
    ? `${plural(updates.length, "update")} (${spec.mode}, ${plural(spec.samples.length, "sample")}, ${plural(spec.epochs, "epoch")}${
        perUpdate > 1 ? `, the ${spec.reduction} over the samples` : ""
      })`
    : "the symbolic derivation only (the spec gives no numbers)";
  const trained = trainingSummary(ctx);
  return {
    name: input.name,
    title: spec.title ?? input.name,
    settings,
    notation: { name: settings.notation, description: notation.description },
    convention: { name: settings.convention, description: conventionText(ctx) },
    layers,
    loss: { label: net.loss.label, equation: ctx.eq(notation.tex("L"), [ctx.chunks(lossStep.expr)]) },
    eta: texNumber(spec.learning_rate, Math.max(settings.precision, 6)),
    hasNumbers,
    legend: legend(ctx),
    matrixForm: settings.notation === "matrix" ? matrixForm(ctx) : [],
    diagram: input.diagram ?? diagramView(net, notation, hasNumbers ? spec.weights : undefined, settings.precision),
    symbolic: hasNumbers ? [] : pass(ctx, undefined, 0).concat(updateSections(ctx, undefined, undefined)),
    updates,
    lossTable: updates.length > 1 ? lossTable(ctx) : [],
    lossNote:
      updates.length > 1 && d.rules.l2 > 0
        ? `The loss is the regularised loss $${notation.tex(sym.lossReg)}$, with its $\\frac{${notation.tex(sym.hyper("lambda"))}}{2}$ term.`
        : "",
    stateTable: stateTable(ctx),
    matrixNote: settings.notation === "matrix" ? matrixNote(ctx) : "",
    summary: `${summary}${trained}`,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
