import { nodeOf, sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { dedupe, splitEquations } from "./equations.js";
import type { Factors } from "./factors.js";
import type { Block } from "./types.js";

/*
 * One hidden layer of the backward pass: δ_j = (Σ_k δ_k w_jk) · f′(z_j), written in full as the
 * sum over the paths from the loss to the neuron, or as ∂L/∂a_j then δ_j.
 */
export function hiddenDeltaBlocks(ctx: ViewContext, l: number, fx: Factors): Block[] {
  const { look, val, full, tagOf, tagged, fprime, outputFactors } = fx;
  const n = ctx.n;
  const blocks: Block[] = [];
  const layer = ctx.net.layers[l]!;
  const eqs: Equation[] = [];
  for (const j of layer.neurons) {
    const hg = ctx.step("hidden-gradient", sym.dLda(j.node))!;
    const hd = ctx.step("hidden-delta", sym.delta(j.node))!;
    const fp = hd.chain[1]!;
    if (full) {
      // Number the local factors ∂z_k/∂a_j (= w_jk) and ∂a_j/∂z_j, then write the delta as the sum over paths.
      const pathTerms: string[] = [];
      const pathTags: string[] = [];
      const pathNums: string[] = [];
      for (const path of hd.paths) {
        const kNode = nodeOf(path[0]!.wrt);
        const w = path[1]!;
        const tw = tagOf(w.of, w.wrt);
        if (tw.fresh)
          eqs.push(
            ctx.eq(tagged(tw.tag, n.partial(w.of, w.wrt)), ctx.stages(w.expr, look, val((w.expr as unknown as { name: string }).name))),
          );
        const of = outputFactors.get(kNode);
        if (of) {
          pathTerms.push(
            `${ctx.err ? n.tex(sym.dLda(kNode)) : n.partial("L", sym.a(kNode))}\\, ${n.partial(sym.a(kNode), sym.z(kNode))}\\, ${n.partial(w.of, w.wrt)}`,
          );
          pathTags.push(`${of.tags.join("")}${tw.tag}`);
          if (look)
            pathNums.push([...of.values, val((w.expr as unknown as { name: string }).name)].map((v) => ctx.factorNum(v!)).join(" \\cdot "));
        } else {
          pathTerms.push(`${ctx.err ? n.tex(sym.delta(kNode)) : n.partial("L", sym.z(kNode))}\\, ${n.partial(w.of, w.wrt)}`);
          pathTags.push(`${n.tex(sym.delta(kNode))}\\, ${tw.tag}`);
          if (look)
            pathNums.push(
              `${ctx.factorNum(val(sym.delta(kNode))!)} \\cdot ${ctx.factorNum(val((w.expr as unknown as { name: string }).name)!)}`,
            );
        }
      }
      const tf = tagOf(fp.of, fp.wrt);
      if (tf.fresh) eqs.push(ctx.eq(tagged(tf.tag, n.partial(fp.of, fp.wrt)), ctx.stages(fp.expr, look, fprime(j))));
      const fpPartial = n.partial(fp.of, fp.wrt);
      const sumStage = (terms: string[], tail: string): string[] => {
        if (terms.length === 1) return [`${terms[0]}\\, ${tail}`];
        const c = terms.map((t, i) => (i === 0 ? `\\bigl(${t}` : `+ ${t}`));
        c[c.length - 1] += `\\bigr)\\, ${tail}`;
        return c;
      };
      const lead: string[][] = [
        [ctx.err ? `-${n.partial("L", sym.z(j.node))}` : n.partial("L", sym.z(j.node))],
        sumStage(pathTerms, fpPartial),
        sumStage(pathTags, tf.tag),
      ];
      const stages = [...lead];
      if (look) {
        const c =
          pathNums.length === 1
            ? [`${pathNums[0]} \\cdot ${ctx.factorNum(fprime(j)!)}`]
            : pathNums.map((t, i) => (i === 0 ? `\\bigl(${t}` : `+ ${t}`));
        if (pathNums.length > 1) c[c.length - 1] += `\\bigr) \\cdot ${ctx.factorNum(fprime(j)!)}`;
        stages.push(c, [ctx.num(val(sym.delta(j.node))!)]);
      }
      eqs.push(ctx.eq(n.tex(sym.delta(j.node)), dedupe(stages)));
    } else {
      const lhs = ctx.err ? n.tex(sym.dLda(j.node)) : n.partial("L", sym.a(j.node));
      const lead = ctx.err ? [[`-${n.partial("L", sym.a(j.node))}`]] : [];
      eqs.push(ctx.eq(lhs, ctx.stages(hg.expr, look, val(sym.dLda(j.node)), lead)));
      const dlead = ctx.err ? [[`-${n.partial("L", sym.z(j.node))}`]] : [[n.partial("L", sym.z(j.node))]];
      eqs.push(ctx.eq(n.tex(sym.delta(j.node)), ctx.stages(hd.expr, look, val(sym.delta(j.node)), dlead)));
    }
  }
  const text = full
    ? `Hidden layer ${l}. Each neuron feeds every neuron of the next layer, so the loss reaches it along several paths: its delta sums over them (the factors are numbered as they appear):`
    : `Hidden layer ${l}. Each neuron's ${ctx.err ? "error is the sum of the next layer's deltas" : "derivative sums over the next layer's deltas"}, weighted by the connecting weights; times $f'$ it gives the delta:`;
  for (const part of splitEquations(eqs)) blocks.push({ text: part.first ? text : "", equations: part.eqs });
  return blocks;
}
