import type { DerivedUpdate } from "../../derive/index.js";
import type { ViewContext } from "./context.js";
import { lossAfterSection } from "./loss.js";
import { pass } from "./pass.js";
import { paramTable, stateHeads } from "./tables.js";
import type { Section, UpdateView } from "./types.js";
import { frozenText } from "./frozen.js";
import { updateSections } from "./updates.js";

/** One update: each sample's pass, the gradient step, the loss after, and the parameter table. */
export function updateView(ctx: ViewContext, u: DerivedUpdate): UpdateView {
  const spec = ctx.net.spec;
  const sections: Section[] = [];
  u.sampleScopes.forEach((scope, si) => {
    const label = u.sampleScopes.length > 1 ? u.sampleIndices[si]! + 1 : 0;
    sections.push(...pass(ctx, scope, label));
  });
  sections.push(...updateSections(ctx, u.scope, u));
  sections.push(lossAfterSection(ctx, u));
  const samples = u.sampleIndices.map((i) => spec.samples[i]!);
  const vec = (xs: number[]) => `(${xs.map((x) => ctx.num(x)).join(", ")})`;
  const intro =
    samples.length === 1
      ? `Sample ${u.sampleIndices[0]! + 1}: input $${vec(samples[0]!.input)}$, target $${vec(samples[0]!.target)}$.`
      : `Samples ${u.sampleIndices.map((i) => i + 1).join(", ")} together (batch mode, the ${spec.reduction} of their gradients).`;
  const frozen = spec.train_biases ? "" : frozenText(ctx);
  const table = paramTable(ctx, u);
  return {
    index: u.index + 1,
    title: ctx.d.updates.length > 1 ? `Update ${u.index + 1}${spec.epochs > 1 ? ` (epoch ${u.epoch + 1})` : ""}` : "The update",
    intro,
    sections,
    table,
    gradientHead: ctx.d.rules.l2 > 0 ? "Gradient $g$" : "Gradient",
    stateHeads: stateHeads(ctx),
    tableHead: table.slice(0, 40),
    tableRest: Math.max(table.length - 40, 0),
    frozen,
    lossBefore: ctx.num(u.numeric.loss),
    lossAfter: ctx.num(u.numeric.loss_after),
  };
}
