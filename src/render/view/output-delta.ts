import type { Neuron } from "../../network/index.js";
import { nodeOf, sym } from "../../network/index.js";
import type { Notation } from "../../notation/index.js";
import type { Equation } from "../layout.js";
import { negate } from "./algebra.js";
import type { ViewContext } from "./context.js";
import { dedupe } from "./equations.js";
import type { Factors } from "./factors.js";
import type { Block } from "./types.js";

/*
 * The output layer of the backward pass: ∂L/∂a_k (or the error −∂L/∂a_k) of each output, then
 * δ_k = ∂L/∂a_k · f′(z_k) (softmax: δ_k = Σ_i ∂L/∂a_i · ∂a_i/∂z_k), then the simplified form.
 */
export function outputDeltaBlocks(ctx: ViewContext, fx: Factors): Block[] {
  const { look, val, full, tagOf, tagged, fprime, outputFactors } = fx;
  const n = ctx.n;
  const blocks: Block[] = [];
  const outLayer = ctx.net.layers[ctx.L]!;
  const f = outLayer.activation!;
  const simplified = ctx.steps("simplification").length > 0;

  // ---- output layer
  const outEqs: Equation[] = [];
  const lossGrads = ctx.steps("loss-gradient");
  for (const s of lossGrads) {
    const k = ctx.neuron(s.node);
    const lhsPartial = n.partial("L", sym.a(k.node));
    const expr = ctx.err ? negate(s.expr) : s.expr;
    const lhs = ctx.err ? n.tex(sym.dLda(k.node)) : lhsPartial;
    const lead: string[][] = [];
    const t = tagOf(sym.loss, sym.a(k.node));
    const eq = ctx.eq(tagged(t.tag, lhs), ctx.stages(expr, look, val(sym.dLda(k.node)), lead));
    if (ctx.err) eq.stages.unshift([`-${lhsPartial}`]);
    outEqs.push(eq);
  }
  const outBlockText = ctx.err
    ? `The output layer. The error of each output neuron is minus the derivative of the loss with respect to its output${full ? " (factors numbered as they appear)" : ""}:`
    : `The output layer. The derivative of the loss with respect to each output${full ? " (factors numbered as they appear)" : ""}:`;
  blocks.push({ text: outBlockText, equations: outEqs });

  const deltaEqs: Equation[] = [];
  for (const s of ctx.steps("output-delta")) {
    const k = ctx.neuron(s.node);
    const dz = n.partial("L", sym.z(k.node));
    const lhsDelta = n.tex(sym.delta(k.node));
    if ("chain" in s) {
      const fp = s.chain[1]!;
      const t1 = tagOf(sym.loss, sym.a(k.node)).tag;
      const t2 = tagOf(fp.of, fp.wrt);
      if (full && t2.fresh) {
        deltaEqs.push(ctx.eq(tagged(t2.tag, n.partial(fp.of, fp.wrt)), ctx.stages(fp.expr, look, fprime(k))));
      }
      const first = [
        [ctx.err ? `-${dz}` : dz],
        [`${ctx.err ? n.tex(sym.dLda(k.node)) : n.partial("L", sym.a(k.node))}\\, ${n.partial(fp.of, fp.wrt)}`],
      ];
      outputFactors.set(k.node, { tags: [t1, t2.tag], values: [val(sym.dLda(k.node)), fprime(k)] });
      if (full) {
        first.push([`${t1}\\, ${t2.tag}`]);
        if (look)
          first.push([`${ctx.factorNum(val(sym.dLda(k.node))!)} \\cdot ${ctx.factorNum(fprime(k)!)}`], [ctx.num(val(sym.delta(k.node))!)]);
        deltaEqs.push(ctx.eq(lhsDelta, dedupe(first)));
      } else {
        deltaEqs.push(ctx.eq(lhsDelta, ctx.stages(s.expr, look, val(sym.delta(k.node)), first)));
      }
    } else {
      // softmax: every output depends on every net input, so δ_k sums over all outputs i.
      const pathsTex = s.paths.map(
        (p) =>
          `${ctx.err ? n.tex(sym.dLda(ctx.neuron(nodeOf(p[0]!.wrt)).node)) : n.partial(p[0]!.of, p[0]!.wrt)}\\, ${n.partial(p[1]!.of, p[1]!.wrt)}`,
      );
      const first = ctx.err
        ? [[`-${dz}`], pathsTex.map((t, i) => (i === 0 ? t : `+ ${t}`))]
        : [[dz], pathsTex.map((t, i) => (i === 0 ? t : `+ ${t}`))];
      deltaEqs.push(ctx.eq(lhsDelta, ctx.stages(s.expr, look, val(sym.delta(k.node)), first)));
    }
  }
  const softmax = !f.elementwise;
  blocks.push({
    text: softmax
      ? `The output activation is softmax: each output depends on every net input of the layer, so each delta sums over all outputs, the cross terms included (${softmaxCrossExample(n, outLayer.neurons)}):`
      : `Each output neuron's delta is ${ctx.err ? "its error" : "the derivative of the loss with respect to its output"} times the derivative of its activation:`,
    equations: deltaEqs,
  });
  if (simplified) {
    const simp: Equation[] = [];
    for (const s of ctx.steps("simplification")) {
      const expr = ctx.err ? negate(s.expr) : s.expr;
      simp.push(ctx.eq(n.tex(s.defines), ctx.stages(expr, look, val(s.defines))));
    }
    const why = softmax
      ? "because the targets sum to 1"
      : `because the derivative of the ${f.label} cancels the denominator of the ${ctx.net.loss.label}`;
    blocks.push({ text: `This simplifies, ${why}, to (the same values):`, equations: simp });
  }
  return blocks;
}

/** One cross term of the softmax Jacobian in the notation's own symbols, e.g. ∂ŷ₁/∂a₂₂ = −ŷ₁ ŷ₂. */
function softmaxCrossExample(n: Notation, outputs: readonly Neuron[]): string {
  const [i, k] = outputs;
  if (!i || !k) return "";
  return `$${n.partial(sym.a(i.node), sym.z(k.node))} = -${n.tex(sym.a(i.node))}\\, ${n.tex(sym.a(k.node))}$`;
}
