import type { DerivedUpdate, MathNode } from "../../derive/index.js";
import { math } from "../../derive/index.js";
import type { Parameter } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import { texNumber } from "../numbers.js";
import { add, mul, S } from "./algebra.js";
import type { ViewContext } from "./context.js";
import { dedupe, splitEquations } from "./equations.js";
import type { Block, Lookup, Section } from "./types.js";

/** The batch gradients (several samples) and the update of every trained parameter. */
export function updateSection(ctx: ViewContext, scope: Record<string, number> | undefined, u: DerivedUpdate | undefined): Section {
  const n = ctx.n;
  const blocks: Block[] = [];
  const batched = u !== undefined && u.sampleScopes.length > 1;
  if (batched) {
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
      eqs.push(ctx.eq(n.tex(g), dedupe([wrapSum(parts), wrapSum(nums), [ctx.num(scope![g]!)]])));
    }
    blocks.push({
      text: `The gradient of the update is the ${ctx.net.spec.reduction} of the samples' gradients:`,
      equations: eqs,
    });
  }
  // Online: the update's own values first, then its one sample's (δ and inputs for the error form).
  const sample = u && u.sampleScopes.length === 1 ? u.sampleScopes[0]! : undefined;
  const look: Lookup | undefined =
    scope && u ? ctx.lookup(sample ? { get: (id) => scope[id] ?? sample[id] } : { get: (id) => scope[id] }) : undefined;
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

/** Error convention: w ← w + η δ_j a_i, b ← b + η δ_j (a shared bias: + η Σ_j δ_j). */
export function errorUpdate(ctx: ViewContext, p: Parameter): MathNode {
  if (p.kind === "weight") {
    return add(S(p.id), mul(S(sym.eta), S(sym.delta(p.to.node)), S(ctx.outSym(p.from))));
  }
  const deltas = p.neurons.map((nr) => S(sym.delta(nr.node)));
  return add(S(p.id), mul(S(sym.eta), deltas.length === 1 ? deltas[0]! : new math.ParenthesisNode(add(...deltas))));
}

/** Prose about frozen biases (train_biases: false). */
export function frozenText(ctx: ViewContext): string {
  const biases = ctx.net.parameters.filter((p) => p.kind === "bias");
  const list = biases.length <= 12 ? biases.map((p) => `$${ctx.n.tex(p.id)}$`).join(", ") : "all biases";
  return `The biases are fixed (the spec says train\\_biases: false): ${list} keep their values and get no update.`;
}
