import type { DerivedUpdate } from "../../derive/index.js";
import { sym } from "../../network/index.js";
import type { ViewContext } from "./context.js";
import type { LossRow, ParamRow } from "./types.js";

/** One update's trained parameters: old value, gradient, new value. */
export function paramTable(ctx: ViewContext, u: DerivedUpdate): ParamRow[] {
  return ctx.trained().map((p) => ({
    symbol: ctx.n.tex(p.id),
    old: ctx.num(u.scope[p.id]!),
    gradient: ctx.num(u.scope[sym.grad(p.id)]!),
    new: ctx.num(u.scope[sym.updated(p.id)]!),
  }));
}

/** The loss before and after every update of the run. */
export function lossTable(ctx: ViewContext): LossRow[] {
  return ctx.d.updates.map((u) => ({
    index: u.index + 1,
    epoch: u.epoch + 1,
    samples: u.sampleIndices.map((i) => i + 1).join(", "),
    before: ctx.num(u.numeric.loss),
    after: ctx.num(u.numeric.loss_after),
  }));
}
