import type { DerivedUpdate } from "../../derive/index.js";
import { sym } from "../../network/index.js";
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

/** The loss of the same samples with the updated parameters (with l2: the regularised loss, as the key's). */
export function lossAfterSection(ctx: ViewContext, u: DerivedUpdate): Section {
  const l2 = ctx.d.rules.l2 > 0;
  const lhs = l2 ? `${ctx.n.tex(sym.lossReg)}^{\\mathrm{new}}` : ctx.n.tex("L_after");
  const what = l2 ? `the regularised loss, its $\\frac{${ctx.n.tex(sym.hyper("lambda"))}}{2}$ term taken over the new weights` : "the loss";
  return {
    title: "Loss after the update",
    blocks: [
      {
        text: `With the new parameters the same ${u.sampleIndices.length > 1 ? "samples give" : "sample gives"} ${what} (computed from the exact new values, not from the rounded ones above):`,
        equations: [ctx.eq(lhs, [[ctx.num(u.numeric.loss_after)]])],
      },
      {
        equations: [],
        text: `The ${l2 ? "regularised " : ""}loss went from $${ctx.num(u.numeric.loss)}$ to $${ctx.num(u.numeric.loss_after)}$.`,
      },
    ],
  };
}
