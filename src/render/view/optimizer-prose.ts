import type { DerivedUpdate } from "../../derive/index.js";
import type { HyperName, StateQuantity } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { OptimizerName } from "../../spec/index.js";
import { texNumber } from "../numbers.js";
import type { ViewContext } from "./context.js";

/*
 * The prose of the training rules (CONTRACT §5): what each optimizer keeps and how it steps, with
 * the settings' values, where the state starts and which update t is, and the error convention's
 * sign of v and m. Prose strings hold inline `$…$` only (view/types.ts).
 */

/** The section title of each optimizer's step. */
export const STEP_TITLES: Record<OptimizerName, string> = {
  sgd: "Gradient step",
  momentum: "Momentum step",
  nesterov: "Nesterov momentum step",
  rmsprop: "RMSprop step",
  adam: "Adam step",
  adamw: "AdamW step",
};

/** What each state quantity is, in words. */
const STATE_NAMES: Record<StateQuantity, string> = {
  v: "velocity",
  m: "first moment",
  s: "second moment",
};

/** The state quantities the steps update, in the order they are written (v; s; m, s). */
export function stateQuantities(ctx: ViewContext): StateQuantity[] {
  const out: StateQuantity[] = [];
  for (const s of ctx.steps("state-update")) if (!out.includes(s.quantity)) out.push(s.quantity);
  return out;
}

/** A setting as formulas name it, with its value: `$\mu = 0.9$`. */
export function setting(ctx: ViewContext, h: HyperName): string {
  const value: Record<Exclude<HyperName, "t">, number> = {
    mu: ctx.d.rules.momentum,
    rho: ctx.d.rules.rho,
    beta1: ctx.d.rules.beta1,
    beta2: ctx.d.rules.beta2,
    epsilon: ctx.d.rules.epsilon,
    lambda: ctx.d.rules.l2,
    wd: ctx.d.rules.weight_decay,
  };
  if (h === "t") throw new Error("internal error: t is the update's number, not a setting");
  return `$${ctx.n.tex(sym.hyper(h))} = ${texNumber(value[h], Math.max(ctx.s.precision, 6))}$`;
}

/** "a, b and c" */
function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The optimizer's rule in words, with its settings and η. */
export function ruleText(ctx: ViewContext): string {
  const eta = `$\\eta = ${texNumber(ctx.net.spec.learning_rate, Math.max(ctx.s.precision, 6))}$`;
  const h = (name: HyperName): string => ctx.n.tex(sym.hyper(name));
  const with_ = (...names: Exclude<HyperName, "t">[]): string => list([...names.map((x) => setting(ctx, x)), eta]);
  switch (ctx.d.rules.optimizer) {
    case "sgd":
      return `Every parameter then takes a step of ${eta} against the gradient it takes`;
    case "momentum":
      return `Momentum, with ${with_("mu")}: each parameter keeps a velocity $v$ that adds up its gradients, each earlier one weighed down by $${h("mu")}$ once per update, and the parameter moves by $\\eta$ times the new velocity`;
    case "nesterov":
      return `Nesterov momentum, with ${with_("mu")}: each parameter keeps a velocity $v$ as momentum does, but its step looks ahead, $\\eta$ times the gradient plus $${h("mu")}$ times the new velocity`;
    case "rmsprop":
      return `RMSprop, with ${with_("rho", "epsilon")}: each parameter keeps $s$, a running mean of its squared gradients (each update keeps $${h("rho")}$ of the old mean), and its step is $\\eta$ times the gradient divided by $\\sqrt{s} + ${h("epsilon")}$, so a parameter with small gradients moves about as far as one with large gradients`;
    case "adam":
    case "adamw": {
      const adam = `each parameter keeps a running mean $m$ of its gradients (the first moment, decay $${h("beta1")}$) and a running mean $s$ of their squares (the second moment, decay $${h("beta2")}$). Both start at zero, so early on they are too small: dividing by $1 - ${h("beta1")}^{t}$ and $1 - ${h("beta2")}^{t}$ corrects them ($\\hat{m}$, $\\hat{s}$), and the step is $\\eta\\, \\hat{m}/(\\sqrt{\\hat{s}} + ${h("epsilon")})$`;
      if (ctx.d.rules.optimizer === "adam") return `Adam, with ${with_("beta1", "beta2", "epsilon")}: ${adam}`;
      return `AdamW, with ${with_("beta1", "beta2", "epsilon", "wd")}: as Adam, ${adam}; but first every weight decays, shrinking by $\\eta\\, ${h("wd")}$ times itself (decoupled from the gradient; the biases do not decay)`;
    }
  }
}

/** Where the state starts (the first update: zero, t = 1) or comes from (a later one). */
export function stateText(ctx: ViewContext, u: DerivedUpdate | undefined): string {
  const qs = stateQuantities(ctx);
  const what = list(qs.map((q) => `$${q}$`));
  const every = qs.length === 1 ? `every ${STATE_NAMES[qs[0]!]} ${what}` : `every ${what}`;
  if (!u) {
    return qs.length === 0
      ? "The updates are counted $t = 1, 2, \\dots$"
      : `The state starts at zero (${every} is $0$ before the first update), and $t = 1, 2, \\dots$ counts the updates`;
  }
  const t = u.index + 1;
  if (t === 1) {
    return qs.length === 0
      ? "This is the first update, $t = 1$"
      : `This is the first update, $t = 1$, so the state starts at zero: ${every} is $0$ before it`;
  }
  return qs.length === 0
    ? `This is update $t = ${t}$`
    : `This is update $t = ${t}$: ${every} starts where update ${t - 1} left it (its table)`;
}

/** The error convention's sign of v and m, when the optimizer keeps either; "" otherwise. */
export function errorSignText(ctx: ViewContext): string {
  if (!ctx.err) return "";
  const signed = stateQuantities(ctx).filter((q) => q !== "s");
  if (signed.length === 0) return "";
  const names = signed.includes("m") ? "$m$ (and $\\hat{m}$)" : "$v$";
  const s = stateQuantities(ctx).includes("s") ? "; $s$, a mean of squares, is the same in both" : "";
  return `In the error convention ${names} points the way the parameter moves: it is minus the gradient convention's (PyTorch's), gathers the deltas times the inputs, and the step adds it${s}`;
}

/** The training rule for the run's summary, e.g. ", trained with momentum ($\mu = 0.9$)"; "" for sgd. */
export function trainingSummary(ctx: ViewContext): string {
  const r = ctx.d.rules;
  const settings: Record<OptimizerName, Exclude<HyperName, "t">[]> = {
    sgd: [],
    momentum: ["mu"],
    nesterov: ["mu"],
    rmsprop: ["rho", "epsilon"],
    adam: ["beta1", "beta2", "epsilon"],
    adamw: ["beta1", "beta2", "epsilon", "wd"],
  };
  const names: Record<OptimizerName, string> = {
    sgd: "gradient descent",
    momentum: "momentum",
    nesterov: "Nesterov momentum",
    rmsprop: "RMSprop",
    adam: "Adam",
    adamw: "AdamW",
  };
  const parts: string[] = [];
  if (r.optimizer !== "sgd") parts.push(`${names[r.optimizer]} (${settings[r.optimizer].map((h) => setting(ctx, h)).join(", ")})`);
  if (r.l2 > 0) parts.push(`L2 regularisation (${setting(ctx, "lambda")})`);
  return parts.length === 0 ? "" : `, trained with ${parts.join(" and ")}`;
}
