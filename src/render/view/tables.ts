import type { DerivedUpdate } from "../../derive/index.js";
import { sym } from "../../network/index.js";
import type { ViewContext } from "./context.js";
import { stateQuantities } from "./optimizer-prose.js";
import type { LossRow, ParamRow, StateTable } from "./types.js";

/**
 * Above this many updates the table of the state over the updates shows the first three and the
 * last two (a column of …  between): wider, it would not fit the page of a fragment.
 */
const STATE_TABLE_UPDATES = 5;

/**
 * One update's trained parameters: old value, gradient (with l2, the one the optimizer takes:
 * λw included for a weight), the optimizer's state after the update in the convention's sign
 * (none for sgd), new value.
 */
export function paramTable(ctx: ViewContext, u: DerivedUpdate): ParamRow[] {
  const look = ctx.lookup(u.scope)!;
  const qs = stateQuantities(ctx);
  const l2 = ctx.d.rules.l2 > 0;
  return ctx.trained().map((p) => ({
    symbol: ctx.n.tex(p.id),
    old: ctx.num(u.scope[p.id]!),
    gradient: ctx.num(u.scope[l2 && p.kind === "weight" ? sym.g(p.id) : sym.grad(p.id)]!),
    state: qs.map((q) => ctx.num(look(sym.newState(q, p.id))!)),
    new: ctx.num(u.scope[sym.updated(p.id)]!),
  }));
}

/** The column heads of the parameter table between Gradient and After: the state after the update. */
export function stateHeads(ctx: ViewContext): string[] {
  return stateQuantities(ctx).map((q) => `$${q}^{\\mathrm{new}}$`);
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

/**
 * The optimizer's state over the run: one row per state quantity and trained parameter (large
 * networks: the first of each layer), one column per update (the state after it). A long run
 * shows its first and last updates with a … column between.
 */
export function stateTable(ctx: ViewContext): StateTable {
  const qs = stateQuantities(ctx);
  const updates = ctx.d.updates;
  if (qs.length === 0 || updates.length < 2) return { intro: "", columns: [], rows: [] };
  const shown = updates.length > STATE_TABLE_UPDATES ? [...updates.slice(0, 3), undefined, ...updates.slice(-2)] : updates;
  const looks = shown.map((u) => (u ? ctx.lookup(u.scope)! : undefined));
  const params = ctx.large ? ctx.firstOfEachLayer() : ctx.trained();
  const rows = qs.flatMap((q) =>
    params.map((p) => ({
      symbol: ctx.n.tex(sym.state(q, p.id)),
      values: looks.map((look) => (look ? ctx.num(look(sym.newState(q, p.id))!) : "\\dots")),
    })),
  );
  const which = ctx.large ? ", for the first weight and bias of each layer (every parameter's is in its update's table)" : "";
  const cut = shown.length < updates.length ? `; updates 4 to ${updates.length - 2} are in their own tables` : "";
  return {
    intro: `The optimizer's state after each update${which}${cut}:`,
    columns: shown.map((u) => (u ? `Update ${u.index + 1}` : "$\\dots$")),
    rows,
  };
}
