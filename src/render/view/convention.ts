import type { Parameter } from "../../network/index.js";
import { sym } from "../../network/index.js";
import { toTexChunks } from "../tex.js";
import type { ViewContext } from "./context.js";
import { stateQuantities } from "./optimizer-prose.js";
import { errorUpdate } from "./updates.js";

/** The convention paragraph: which sign the deltas carry and how a parameter moves. */
export function conventionText(ctx: ViewContext): string {
  const n = ctx.n;
  const w = exampleWeight(ctx);
  const dw = w ? `\\partial ${n.tex("L")}/\\partial ${n.tex(w.id)}` : "\\partial L/\\partial w";
  const wt = w ? n.tex(w.id) : "w";
  if (!ctx.err) {
    return `gradient convention: every parameter moves against its gradient, $${wt} \\leftarrow ${wt} - \\eta\\, ${dw}$, and a neuron's delta $\\delta$ is the derivative of the loss with respect to its net input`;
  }
  const k = ctx.net.layers[ctx.L]!.neurons[0]!;
  const errK = n.tex(sym.dLda(k.node));
  return `error convention (as seeds 000, 001 and 003 write it): the error is $${errK} = -\\partial ${n.tex("L")}/\\partial ${n.tex(sym.a(k.node))}$ (for the half sum of squares, target minus output), a neuron's delta $\\delta$ is minus the derivative of the loss with respect to its net input (the error times $f'$), and every parameter moves by $\\eta$ times the delta it feeds times its input, $${wt} \\leftarrow ${errorUpdateTex(ctx, w)}$, which is the same step as $${wt} - \\eta\\, ${dw}$${stateSign(ctx)}`;
}

/** The error convention's sign of the optimizer's v and m, when it keeps either. */
function stateSign(ctx: ViewContext): string {
  const signed = stateQuantities(ctx).filter((q) => q !== "s");
  if (signed.length === 0) return "";
  const what = signed.includes("m") ? "the first moment $m$ (and $\\hat{m}$)" : "the velocity $v$";
  return `; ${what} likewise has the sign of the step, minus the gradient convention's (PyTorch's), so the step adds it`;
}

function errorUpdateTex(ctx: ViewContext, w: Extract<Parameter, { kind: "weight" }> | undefined): string {
  return w ? toTexChunks(errorUpdate(ctx, w), ctx.symCtx).join(" ") : "w + \\eta\\, \\delta\\, a";
}

function exampleWeight(ctx: ViewContext): Extract<Parameter, { kind: "weight" }> | undefined {
  return ctx.net.parameters.find((p): p is Extract<Parameter, { kind: "weight" }> => p.kind === "weight" && p.layer === ctx.L);
}
