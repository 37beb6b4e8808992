import type { HyperName } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { ViewContext } from "./context.js";
import { stateQuantities } from "./optimizer-prose.js";

/** What each state quantity is (a legend row is short: it shares a line with its symbol). */
const MEANING = {
  v: "a parameter's velocity",
  m: "a parameter's first moment (mean gradient)",
  s: "a parameter's second moment (mean of $g^{2}$)",
} as const;

/** The settings each optimizer's formulas name, with what they are. */
const SETTINGS: Record<string, [HyperName, string][]> = {
  momentum: [["mu", "the momentum: how much velocity each update keeps"]],
  nesterov: [["mu", "the momentum: how much velocity each update keeps"]],
  rmsprop: [
    ["rho", "how much of $s$ each update keeps"],
    ["epsilon", "a small number that keeps the division finite"],
  ],
  adam: [
    ["beta1", "how much of $m$ each update keeps"],
    ["beta2", "how much of $s$ each update keeps"],
    ["epsilon", "a small number that keeps the division finite"],
    ["t", "the number of the update, $1, 2, \\dots$"],
  ],
};
SETTINGS.adamw = [...SETTINGS.adam!, ["wd", "the weight decay"]];

/**
 * The legend's rows for the training rules (CONTRACT §5): the L2 term's symbols, the optimizer's
 * state (in the error convention's sign where it has one), its bias-corrected moments and its
 * settings. None for plain gradient descent.
 */
export function trainingLegend(ctx: ViewContext, w: string): { symbol: string; meaning: string }[] {
  const n = ctx.n;
  const rows: { symbol: string; meaning: string }[] = [];
  if (ctx.d.rules.l2 > 0) {
    rows.push(
      { symbol: n.tex(sym.lossReg), meaning: `the loss with the L2 term, $${n.tex("L")} + \\frac{\\lambda}{2}\\sum w^{2}$` },
      { symbol: n.tex(sym.g(w)), meaning: `the gradient a weight takes, $\\partial ${n.tex("L")}/\\partial w + \\lambda w$` },
      { symbol: n.tex(sym.hyper("lambda")), meaning: "the L2 regularisation strength" },
    );
  }
  // (the error convention's sign of v and m is said where the convention is described)
  for (const q of stateQuantities(ctx)) {
    rows.push({ symbol: n.tex(sym.state(q, w)), meaning: `${MEANING[q]} before the update` });
    rows.push({ symbol: n.tex(sym.newState(q, w)), meaning: "the same after the update" });
  }
  if (ctx.steps("bias-correction").length > 0) {
    rows.push({ symbol: n.tex(sym.hat("m", w)), meaning: "the first moment, bias-corrected" });
    rows.push({ symbol: n.tex(sym.hat("s", w)), meaning: "the second moment, bias-corrected" });
  }
  for (const [h, meaning] of SETTINGS[ctx.d.rules.optimizer] ?? []) rows.push({ symbol: n.tex(sym.hyper(h)), meaning });
  return rows;
}
