import { sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { dedupe, splitEquations } from "./equations.js";
import type { Factors } from "./factors.js";
import { LARGE_FANIN } from "./limits.js";
import type { Block } from "./types.js";

/*
 * The gradients with respect to the input (presentation `inputGradients`), written as a hidden
 * neuron's ∂L/∂a_j is: ∂L/∂x_i = Σ_k w_ik δ_k over the neurons of layer 1 that x_i feeds, symbolic,
 * substituted, value. An input has no error of its own, so the error convention writes
 * −∂L/∂x_i = Σ_k w_ik δ_k with its own deltas (−∂L/∂z_k), and the value with that sign.
 */
export function inputGradientBlocks(ctx: ViewContext, fx: Factors): Block[] {
  const { look, val, full } = fx;
  const n = ctx.n;
  const eqs: Equation[] = [];
  const first = ctx.net.layers[1]!;
  if (ctx.s.notation === "matrix") eqs.push(inputGradientVector(ctx));
  const inputs = ctx.net.layers[0]!.neurons;
  const written = ctx.large ? inputs.slice(0, 1) : inputs;
  // a wide layer 1: the sums are written as the net inputs are, first terms, …, last ones
  const wide = first.neurons.length > LARGE_FANIN;
  const keep = wide ? 4 : Infinity;
  for (const i of written) {
    const step = ctx.step("input-gradient", sym.dLdx(i.node))!;
    const minus = ctx.err ? "-" : "";
    const lead: string[][] = [];
    if (full && !wide) {
      // the chain rule over the paths x_i → z_k → L, before the weights stand for ∂z_k/∂x_i
      const terms = first.neurons.map(
        (k) => `${ctx.err ? n.tex(sym.delta(k.node)) : n.partial("L", sym.z(k.node))}\\, ${n.partial(sym.z(k.node), sym.x(i.node))}`,
      );
      lead.push(terms.map((t, idx) => (idx === 0 ? t : `+ ${t}`)));
    }
    const v = val(sym.dLdx(i.node));
    const value = v === undefined ? undefined : ctx.err ? -v : v;
    eqs.push(ctx.eq(`${minus}${n.tex(sym.dLdx(i.node))}`, dedupe(ctx.stages(step.expr, look, value, lead, keep))));
  }
  const text = `Gradients with respect to the input. Each input feeds every neuron of layer 1, so ${
    ctx.err
      ? "minus the derivative of the loss with respect to it sums that layer's deltas"
      : "the derivative of the loss with respect to it sums that layer's deltas"
  }, weighted by the connecting weights (the inputs are not trained: these say how the loss responds to each input):`;
  const blocks: Block[] = [];
  for (const part of splitEquations(eqs)) blocks.push({ text: part.first ? text : "", equations: part.eqs });
  if (ctx.large && inputs.length > 1) {
    blocks.push({
      text: `The other ${inputs.length - 1} inputs follow the same pattern (the network is too large to write them out one by one).`,
      equations: [],
    });
  }
  return blocks;
}

/** Matrix notation: ∂L/∂x = (W⁽¹⁾)ᵀ δ⁽¹⁾ (the error convention: −∂L/∂x). */
export function inputGradientVector(ctx: ViewContext): Equation {
  const l = ctx.n.letters;
  const W = l.weight.tex.startsWith("\\") ? l.weight.tex : `\\mathbf{${l.weight.tex}}`;
  const lhs = `${ctx.err ? "-" : ""}\\frac{\\partial ${l.loss.tex}}{\\partial \\mathbf{${l.input.tex}}}`;
  return ctx.eq(lhs, [[`\\bigl(${W}^{(1)}\\bigr)^{\\top} \\boldsymbol{${l.delta.tex}}^{(1)}`]]);
}
