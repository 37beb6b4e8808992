import type { DerivedUpdate } from "../../derive/index.js";
import type { ViewContext } from "./context.js";
import type { Lookup, Section } from "./types.js";

/** The loss of one sample (`label` > 0 names it in batch mode). */
export function lossSection(ctx: ViewContext, look: Lookup | undefined, label: number, suffix: string): Section {
  const lossStep = ctx.steps("loss")[0]!;
  const lossLhs = label > 0 ? `${ctx.n.tex("L")}^{(${label})}` : ctx.n.tex("L");
  return {
    title: `Loss${suffix}`,
    blocks: [
      {
        text: `The loss is the ${ctx.net.loss.label}:`,
        equations: [ctx.eq(lossLhs, ctx.stages(lossStep.expr, look, look ? look("L") : undefined))],
      },
    ],
  };
}

/** The loss of the same samples with the updated parameters. */
export function lossAfterSection(ctx: ViewContext, u: DerivedUpdate): Section {
  return {
    title: "Loss after the update",
    blocks: [
      {
        text: `With the new parameters the same ${u.sampleIndices.length > 1 ? "samples give" : "sample gives"} the loss (computed from the exact new values, not from the rounded ones above):`,
        equations: [ctx.eq(ctx.n.tex("L_after"), [[ctx.num(u.numeric.loss_after)]])],
      },
      {
        equations: [],
        text: `The loss went from $${ctx.num(u.numeric.loss)}$ to $${ctx.num(u.numeric.loss_after)}$.`,
      },
    ],
  };
}
