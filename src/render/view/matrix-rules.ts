import { sym } from "../../network/index.js";
import type { HyperName } from "../../network/index.js";
import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { stateQuantities } from "./optimizer-prose.js";

/** True when the update is not plain gradient descent (another optimizer, or an L2 term). */
export function hasTrainingRules(ctx: ViewContext): boolean {
  return ctx.d.rules.optimizer !== "sgd" || ctx.d.rules.l2 > 0;
}

/*
 * Matrix notation: the training rules (CONTRACT §5) for a whole weight matrix, elementwise, e.g.
 * v_W ← μ v_W + ∂L/∂W, W ← W − η v_W. The state matrices are named after the parameters, as
 * their entries are (v_{W^{(l)}} holds v_{W^{(l)}_{ji}}). The gradient convention writes G, the
 * gradient the optimizer takes (with l2: g_W = ∂L/∂W + λW). The error convention writes
 * D = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ, minus that gradient, with v and m carrying D's sign (v ← μ v + D,
 * W ← W + η v); with l2 it names −g_W = D − λW and writes the rules with g (v ← μ v − g), as the
 * elementwise equations do.
 */
export function trainingRows(ctx: ViewContext): Equation[] {
  const l = ctx.n.letters;
  const h = (name: HyperName): string => ctx.n.tex(sym.hyper(name));
  const W = `${l.weight.tex.startsWith("\\") ? l.weight.tex : `\\mathbf{${l.weight.tex}}`}^{(l)}`;
  const state = (q: string): string => `\\mathbf{${q}}_{${W}}`;
  const hat = (q: string): string => `\\hat{\\mathbf{${q}}}_{${W}}`;
  const Lt = l.loss.tex;
  const l2 = ctx.d.rules.l2 > 0;
  const rows: Equation[] = [];
  const set = (lhs: string, rhs: string): void => void rows.push({ lhs, rel: "\\leftarrow", stages: [[rhs]] });
  const eq = (lhs: string, rhs: string): void => void rows.push({ lhs, stages: [[rhs]] });

  const grad = `\\frac{\\partial ${Lt}}{\\partial ${W}}`;
  const g = `\\mathbf{g}_{${W}}`;
  const D = `\\boldsymbol{${l.delta.tex}}^{(l)} \\bigl(\\mathbf{${l.activation.tex}}^{(l-1)}\\bigr)^{\\top}`;
  if (l2 && ctx.err) eq(`-${g}`, `${D} - ${h("lambda")}\\, ${W}`);
  else if (l2) eq(g, `${grad} + ${h("lambda")}\\, ${W}`);
  // the term the state gathers (G, g or D), with the sign it is gathered with
  const term = l2 ? g : ctx.err ? D : grad;
  const gather = ctx.err && l2 ? "-" : "+";
  // the way a parameter moves along its state (v, m̂) and along its gradient term
  const alongState = ctx.err ? "+" : "-";
  const alongTerm = ctx.err && !l2 ? "+" : "-";
  const one = (b: HyperName): string => `(1 - ${h(b)})`;
  const opt = ctx.d.rules.optimizer;
  if (opt === "momentum" || opt === "nesterov") set(state("v"), `${h("mu")}\\, ${state("v")} ${gather} ${term}`);
  if (opt === "adam" || opt === "adamw") set(state("m"), `${h("beta1")}\\, ${state("m")} ${gather} ${one("beta1")}\\, ${term}`);
  if (stateQuantities(ctx).includes("s")) {
    const decay = opt === "rmsprop" ? "rho" : "beta2";
    set(state("s"), `${h(decay)}\\, ${state("s")} + ${one(decay)}\\, ${term} \\odot ${term}`);
  }
  if (opt === "adam" || opt === "adamw") {
    eq(hat("m"), `\\frac{${state("m")}}{1 - ${h("beta1")}^{t}}, \\quad ${hat("s")} = \\frac{${state("s")}}{1 - ${h("beta2")}^{t}}`);
  }
  const adamStep = `${alongState} \\frac{\\eta\\, ${hat("m")}}{\\sqrt{${hat("s")}} + ${h("epsilon")}}`;
  switch (opt) {
    case "sgd":
      set(W, `${W} ${alongTerm} \\eta\\, ${term}`);
      break;
    case "momentum":
      set(W, `${W} ${alongState} \\eta\\, ${state("v")}`);
      break;
    case "nesterov":
      set(
        W,
        ctx.err
          ? `${W} + \\eta\\, \\bigl(${h("mu")}\\, ${state("v")} ${gather} ${term}\\bigr)`
          : `${W} - \\eta\\, \\bigl(${term} + ${h("mu")}\\, ${state("v")}\\bigr)`,
      );
      break;
    case "rmsprop":
      set(W, `${W} ${alongTerm} \\frac{\\eta\\, ${term}}{\\sqrt{${state("s")}} + ${h("epsilon")}}`);
      break;
    case "adam":
      set(W, `${W} ${adamStep}`);
      break;
    case "adamw":
      set(W, `${W} - \\eta\\, ${h("wd")}\\, ${W} ${adamStep}`);
      break;
  }
  return rows;
}

/** The prose after the vector forms of the training rules. */
export function trainingRowsNote(ctx: ViewContext): string {
  const b = `$\\mathbf{${ctx.n.letters.bias.tex}}^{(l)}$`;
  const elementwise = stateQuantities(ctx).includes("s")
    ? "The square root, the square ($\\odot$) and the division act element by element. "
    : "";
  const own = stateQuantities(ctx).length > 0 ? " with their own state" : "";
  const decay = ctx.d.rules.optimizer === "adamw" ? " and without the decay" : "";
  const lambda = ctx.d.rules.l2 > 0 ? ` and without $${ctx.n.tex(sym.hyper("lambda"))}$` : "";
  return `${elementwise}The biases ${b} follow the same rule${own}${lambda}${decay}.`;
}
