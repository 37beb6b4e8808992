import type { MathNode } from "../../derive/index.js";
import { sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { dedupe, splitEquations } from "./equations.js";
import { LARGE_FANIN } from "./limits.js";
import { minusL2Gradient } from "./optimizer-error.js";
import { optimizerStages } from "./optimizer-stages.js";
import { setting } from "./optimizer-prose.js";
import type { Block, Lookup, Section } from "./types.js";

/*
 * L2 regularisation (l2 > 0): the update's loss with its (λ/2)Σw² term, then each weight's
 * gradient with its own term λw, symbolic, substituted, value. The error convention writes minus
 * the gradient, −g = δ_j a_i − λ w_ij, for one sample (a batch keeps g = ∂L/∂w + λw).
 */
export function regularisationSection(ctx: ViewContext, look: Lookup | undefined, batched: boolean): Section {
  const n = ctx.n;
  const blocks: Block[] = [];
  const lossStep = ctx.steps("regularised-loss")[0]!;
  const reduced = batched ? ` ($${n.tex("L")}$ is the ${ctx.net.spec.reduction} of the samples' losses)` : "";
  blocks.push({
    text: `L2 regularisation, with ${setting(ctx, "lambda")}: the loss this update descends adds $\\frac{${n.tex(sym.hyper("lambda"))}}{2}$ times the sum of the squared weights (the biases are not regularised)${reduced}:`,
    equations: [ctx.eq(n.tex(sym.lossReg), regularisedStages(ctx, lossStep.expr, look))],
  });
  const eqs: Equation[] = [];
  const minus = ctx.err && !batched;
  const weights = ctx.trained().filter((p) => p.kind === "weight");
  for (const p of ctx.large ? ctx.firstOfEachLayer().filter((q) => q.kind === "weight") : weights) {
    const step = ctx.step("l2-gradient", sym.g(p.id))!;
    const value = look ? look(step.defines) : undefined;
    if (minus) {
      eqs.push(
        ctx.eq(`-${n.tex(step.defines)}`, optimizerStages(ctx, minusL2Gradient(ctx, p), look, value === undefined ? undefined : -value)),
      );
    } else {
      eqs.push(ctx.eq(n.tex(step.defines), optimizerStages(ctx, step.expr, look, value)));
    }
  }
  const lambda = n.tex(sym.hyper("lambda"));
  const g = `$g = \\partial ${n.tex("L")}/\\partial w + ${lambda} w$`;
  const text = minus
    ? `So the gradient each weight takes gains its own term, ${g}; with the error convention's sign, minus it is the delta times the input minus $${lambda} w$ (a bias's gradient is unchanged):`
    : `So the gradient each weight takes gains its own term, ${g} (a bias's gradient is unchanged):`;
  for (const part of splitEquations(eqs)) blocks.push({ text: part.first ? text : "", equations: part.eqs });
  if (ctx.large) blocks.push({ text: ctx.largeNote(weights.length - eqs.length, "gradients"), equations: [] });
  return { title: "L2 regularisation", blocks };
}

/**
 * L_reg = L + (λ/2)(w₁² + w₂² + …): the squares as chunks a line may break between (a long sum
 * cut to its first terms, …, the last ones, as a wide layer's net inputs are).
 */
function regularisedStages(ctx: ViewContext, expr: MathNode, look: Lookup | undefined): string[][] {
  const parts = lossParts(expr);
  if (!parts) return optimizerStages(ctx, expr, look, look ? look(sym.lossReg) : undefined);
  const keep = parts.squares > LARGE_FANIN ? 4 : Infinity;
  const form = (lookup: Lookup | undefined): string[] => {
    const chunks = [...ctx.chunks(parts.sum, lookup, keep)];
    const half = ctx.chunks(parts.half, lookup)[0]!;
    // ½λ(…) with numbers: a fraction needs no dot before the bracket
    chunks[0] = `+ ${half}\\bigl(${chunks[0]}`;
    chunks[chunks.length - 1] += "\\bigr)";
    return [ctx.chunks(parts.loss, lookup)[0]!, ...chunks];
  };
  const full = ctx.s.detail === "full";
  const stages = [form(undefined)];
  const value = look ? look(sym.lossReg) : undefined;
  if (look && value !== undefined) {
    if (full) stages.push(form(look));
    stages.push([ctx.num(value)]);
  }
  return dedupe(stages);
}

/** The pieces of L + (λ/2)(Σ w²) as derive/training.ts builds it, or undefined for another shape. */
function lossParts(expr: MathNode): { loss: MathNode; half: MathNode; sum: MathNode; squares: number } | undefined {
  type N = { type: string; fn?: string; args?: N[]; content?: N };
  const e = expr as unknown as N;
  if (e.type !== "OperatorNode" || e.fn !== "add") return undefined;
  const [loss, product] = e.args!;
  if (product?.type !== "OperatorNode" || product.fn !== "multiply") return undefined;
  const [half, bracket] = product.args!;
  if (bracket?.type !== "ParenthesisNode") return undefined;
  let squares = 1;
  for (let c = bracket.content!; c.type === "OperatorNode" && c.fn === "add"; c = c.args![0]!) squares++;
  return {
    loss: loss as unknown as MathNode,
    half: half as unknown as MathNode,
    sum: bracket.content as unknown as MathNode,
    squares,
  };
}
