import type { DerivedUpdate, MathNode } from "../../derive/index.js";
import { math } from "../../derive/index.js";
import type { Parameter } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import { texNumber } from "../numbers.js";
import { add, mul, S } from "./algebra.js";
import type { ViewContext } from "./context.js";
import { dedupe, splitEquations } from "./equations.js";
import { frozenText } from "./frozen.js";
import { optimizerSection } from "./optimizer-steps.js";
import { regularisationSection } from "./regularisation.js";
import type { Block, Lookup, Section } from "./types.js";

/**
 * The sections of an update after the backward pass. Plain gradient descent: the batch gradients
 * (several samples) and every trained parameter's step, in one section. Other training rules
 * (CONTRACT §5): the batch gradients, the L2 term (l2 > 0), then the optimizer's step.
 */
export function updateSections(ctx: ViewContext, scope: Record<string, number> | undefined, u: DerivedUpdate | undefined): Section[] {
  const rules = ctx.d.rules;
  if (rules.optimizer === "sgd" && rules.l2 === 0) return [updateSection(ctx, scope, u)];
  const batched = u !== undefined && u.sampleScopes.length > 1;
  const sections: Section[] = [];
  if (batched) sections.push({ title: "Gradient of the update", blocks: batchGradientBlocks(ctx, scope!, u) });
  const look = updateLookup(ctx, scope, u);
  if (rules.l2 > 0) sections.push(regularisationSection(ctx, look, batched));
  sections.push(optimizerSection(ctx, look, u, batched));
  return sections;
}

/** The update's own values first, then (online) its one sample's: δ and inputs for the error form. */
function updateLookup(ctx: ViewContext, scope: Record<string, number> | undefined, u: DerivedUpdate | undefined): Lookup | undefined {
  const sample = u && u.sampleScopes.length === 1 ? u.sampleScopes[0]! : undefined;
  return scope && u ? ctx.lookup(sample ? { get: (id) => scope[id] ?? sample[id] } : { get: (id) => scope[id] }) : undefined;
}

/** The batch gradients and the update of every trained parameter (plain gradient descent). */
function updateSection(ctx: ViewContext, scope: Record<string, number> | undefined, u: DerivedUpdate | undefined): Section {
  const n = ctx.n;
  const blocks: Block[] = [];
  const batched = u !== undefined && u.sampleScopes.length > 1;
  if (batched) blocks.push(...batchGradientBlocks(ctx, scope!, u));
  // Online: the update's own values first, then its one sample's (δ and inputs for the error form).
  const look = updateLookup(ctx, scope, u);
  const eqs: Equation[] = [];
  for (const p of ctx.large ? ctx.firstOfEachLayer() : ctx.trained()) {
    const s = ctx.step("update", sym.updated(p.id))!;
    let expr = s.expr;
    if (ctx.err && !batched) expr = errorUpdate(ctx, p);
    eqs.push(ctx.eq(n.tex(s.defines), ctx.stages(expr, look, look ? scope![s.defines] : undefined)));
  }
  const text =
    ctx.err && !batched
      ? `Every parameter moves by $\\eta$ times the delta of the neuron it feeds times its input (the error convention's $+$ is the gradient step $-\\eta\\,\\partial ${n.tex("L")}/\\partial w$), all from the parameters before the update:`
      : `Every parameter takes a step of $\\eta = ${texNumber(ctx.net.spec.learning_rate, Math.max(ctx.s.precision, 6))}$ against its gradient, all from the parameters before the update:`;
  const frozen = ctx.net.spec.train_biases ? [] : [{ text: frozenText(ctx), equations: [] }];
  if (ctx.large) frozen.unshift({ text: ctx.largeNote(ctx.trained().length - eqs.length, "new values"), equations: [] });
  const parts = splitEquations(eqs).map((part) => ({ text: part.first ? text : "", equations: part.eqs }));
  return { title: "Gradient step", blocks: [...blocks, ...parts, ...frozen] };
}

/** Batch mode: each parameter's gradient, the mean (or sum) of the samples' gradients. */
function batchGradientBlocks(ctx: ViewContext, scope: Record<string, number>, u: DerivedUpdate): Block[] {
  const n = ctx.n;
  const N = u.sampleScopes.length;
  const eqs: Equation[] = [];
  const labels = u.sampleIndices.map((i) => i + 1);
  const factor = ctx.net.spec.reduction === "mean" ? `\\frac{1}{${N}}` : "";
  for (const p of ctx.large ? ctx.firstOfEachLayer() : ctx.trained()) {
    const g = sym.grad(p.id);
    const parts = labels.map((lab, i) => `${i === 0 ? "" : "+ "}\\frac{\\partial ${n.tex("L")}^{(${lab})}}{\\partial ${n.tex(p.id)}}`);
    const nums = u.sampleScopes.map((sc, i) => `${i === 0 ? "" : "+ "}${i === 0 ? ctx.num(sc[g]!) : ctx.factorNum(sc[g]!)}`);
    const wrapSum = (c: string[]) => {
      if (!factor) return c;
      const out = [...c];
      out[0] = `${factor}\\bigl(${out[0]}`;
      out[out.length - 1] += "\\bigr)";
      return out;
    };
    eqs.push(ctx.eq(n.tex(g), dedupe([wrapSum(parts), wrapSum(nums), [ctx.num(scope[g]!)]])));
  }
  return [{ text: `The gradient of the update is the ${ctx.net.spec.reduction} of the samples' gradients:`, equations: eqs }];
}

/** Error convention: w ← w + η δ_j a_i, b ← b + η δ_j (a shared bias: + η Σ_j δ_j). */
export function errorUpdate(ctx: ViewContext, p: Parameter): MathNode {
  if (p.kind === "weight") {
    return add(S(p.id), mul(S(sym.eta), S(sym.delta(p.to.node)), S(ctx.outSym(p.from))));
  }
  const deltas = p.neurons.map((nr) => S(sym.delta(nr.node)));
  return add(S(p.id), mul(S(sym.eta), deltas.length === 1 ? deltas[0]! : new math.ParenthesisNode(add(...deltas))));
}
