import type { DerivedUpdate, MathNode } from "../../derive/index.js";
import type { Parameter } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { errorStateUpdate, errorStep } from "./optimizer-error.js";
import { errorSignText, ruleText, stateQuantities, stateText, STEP_TITLES } from "./optimizer-prose.js";
import { optimizerStages } from "./optimizer-stages.js";
import type { Block, Lookup, Section } from "./types.js";
import { frozenText } from "./frozen.js";

/**
 * At most this many equations in one display, whole parameters only: Adam's fractions are tall,
 * and a display must fit a page where equations do not break across pages (the fragment's).
 */
const DISPLAY_ROWS = 12;

/*
 * The optimizer's step of every trained parameter: its state update(s), Adam's bias correction,
 * then the step, symbolic, substituted, value. The equations are grouped per parameter, not per
 * quantity: each line's value goes into the next line at once (v into θ; m and s into m̂ and ŝ,
 * those into θ), so one parameter reads top to bottom as a worked example does, and a display of
 * parameter after parameter shows the same pattern again with other numbers. Per quantity, the m
 * that m̂ uses would stand a whole column of equations above it.
 */
export function optimizerSection(ctx: ViewContext, look: Lookup | undefined, u: DerivedUpdate | undefined, batched: boolean): Section {
  const params = ctx.large ? ctx.firstOfEachLayer() : ctx.trained();
  const groups: Equation[][] = [];
  for (const p of params) groups.push(parameterGroup(ctx, p, look, batched));

  const blocks: Block[] = [];
  let display: Equation[] = [];
  const flush = (): void => {
    if (display.length > 0) blocks.push({ text: "", equations: display });
    display = [];
  };
  for (const g of groups) {
    if (display.length + g.length > DISPLAY_ROWS) flush();
    // a little space between parameters when each takes several lines
    if (g.length > 1 && display.length > 0) g[0]!.gap = true;
    display.push(...g);
  }
  flush();

  const opt = ctx.d.rules.optimizer;
  const sentences =
    opt === "sgd"
      ? [sgdText(ctx, batched)]
      : [ruleText(ctx), stateText(ctx, u), errorSignText(ctx), "For each parameter, all from the values before the update"];
  const intro = `${sentences.filter((s) => s !== "").join(". ")}:`;
  if (blocks.length > 0) blocks[0]!.text = intro;
  else blocks.push({ text: intro, equations: [] });
  if (ctx.large) blocks.push({ text: ctx.largeNote(ctx.trained().length - params.length, "new values and states"), equations: [] });
  if (!ctx.net.spec.train_biases) {
    const keep = stateQuantities(ctx).length > 0 ? ` Their state stays zero.` : "";
    blocks.push({ text: `${frozenText(ctx)}${keep}`, equations: [] });
  }
  return { title: STEP_TITLES[opt], blocks };
}

/** One parameter: state update(s), bias correction(s), step. */
function parameterGroup(ctx: ViewContext, p: Parameter, look: Lookup | undefined, batched: boolean): Equation[] {
  const n = ctx.n;
  const eqs: Equation[] = [];
  const value = (id: string): number | undefined => (look ? look(id) : undefined);
  const push = (defines: string, expr: MathNode): void => {
    eqs.push(ctx.eq(n.tex(defines), optimizerStages(ctx, expr, look, value(defines))));
  };
  for (const q of stateQuantities(ctx)) {
    const step = ctx.step("state-update", sym.newState(q, p.id))!;
    push(step.defines, ctx.err ? errorStateUpdate(ctx, step, p, batched) : step.expr);
  }
  for (const q of ["m", "s"] as const) {
    const step = ctx.step("bias-correction", sym.hat(q, p.id));
    if (step) push(step.defines, step.expr);
  }
  const step = ctx.step("update", sym.updated(p.id))!;
  push(step.defines, ctx.err ? errorStep(ctx, step, p, batched) : step.expr);
  return eqs;
}

/** Plain gradient descent with an L2 term: a weight's step takes g, its gradient with λw. */
function sgdText(ctx: ViewContext, batched: boolean): string {
  const base = `${ruleText(ctx)}: a weight's gradient $g$ with its L2 term`;
  const bias =
    ctx.err && !batched
      ? "a bias moves by $\\eta$ times the delta of its neuron (the error convention's $+$)"
      : `a bias's is $\\partial ${ctx.n.tex("L")}/\\partial b$`;
  return `${base}, ${bias}; all from the parameters before the update`;
}
