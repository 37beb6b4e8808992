import type { Parameter } from "../../network/index.js";
import { sym } from "../../network/index.js";
import type { Equation } from "../layout.js";
import { negate } from "./algebra.js";
import type { ViewContext } from "./context.js";
import { dedupe, splitEquations } from "./equations.js";
import type { Factors } from "./factors.js";
import type { Block } from "./types.js";

/** ∂L/∂w and ∂L/∂b of one layer's parameters. */
// ∂L/∂w_ij = δ_j a_i, ∂L/∂b_j = δ_j (a shared bias: Σ_j δ_j); the error convention writes −δ.
export function gradientBlocks(ctx: ViewContext, l: number, fx: Factors): Block[] {
  const { look, val, full, tagOf, tagged, outputFactors } = fx;
  const n = ctx.n;
  const eqs: Equation[] = [];
  const layerWeights = ctx.steps("weight-gradient").filter((x) => x.layer === l);
  for (const s of ctx.large ? layerWeights.slice(0, 1) : layerWeights) {
    const p = ctx.params.get(s.param) as Extract<Parameter, { kind: "weight" }>;
    const lhs = n.tex(s.defines);
    const inputId = ctx.outSym(p.from);
    const gradValue = look ? look(s.defines) : undefined;
    if (full) {
      const last = s.chain[s.chain.length - 1]!;
      const t = tagOf(last.of, last.wrt);
      if (t.fresh) eqs.push(ctx.eq(tagged(t.tag, n.partial(last.of, last.wrt)), ctx.stages(last.expr, look, val(inputId))));
      const partials = s.chain.map((c) => n.partial(c.of, c.wrt)).join("\\, ");
      const of = outputFactors.get(p.to.node);
      const sign = ctx.err ? "-" : "";
      const stages: string[][] = [[partials]];
      if (of && s.chain.length === 3) {
        stages.push([`${sign}${of.tags.join("")}${t.tag}`]);
        if (look) stages.push([`${sign}${[...of.values, val(inputId)].map((v) => ctx.factorNum(v!)).join(" \\cdot ")}`]);
      } else {
        stages.push([`${sign}${n.tex(sym.delta(p.to.node))}\\, ${t.tag}`]);
        if (look) stages.push([`${sign}${ctx.factorNum(val(sym.delta(p.to.node))!)} \\cdot ${ctx.factorNum(val(inputId)!)}`]);
      }
      if (gradValue !== undefined) stages.push([ctx.num(gradValue)]);
      eqs.push(ctx.eq(lhs, dedupe(stages)));
    } else {
      const expr = ctx.err ? negate(s.expr) : s.expr;
      eqs.push(ctx.eq(lhs, ctx.stages(expr, look, gradValue)));
    }
  }
  const layerBiases = ctx.steps("bias-gradient").filter((x) => x.layer === l);
  for (const s of ctx.large ? layerBiases.slice(0, 1) : layerBiases) {
    const expr = ctx.err ? negate(s.expr) : s.expr;
    const lead = full && s.chain ? [[s.chain.map((c) => n.partial(c.of, c.wrt)).join("\\, ")]] : [];
    eqs.push(ctx.eq(n.tex(s.defines), ctx.stages(expr, look, look ? look(s.defines) : undefined, lead)));
  }
  const role = l === ctx.L ? "the output layer" : `hidden layer ${l}`;
  const text = full
    ? `The gradients of the weights and biases of ${role}, by the chain rule factor by factor:`
    : `The gradients of the weights and biases of ${role}: the delta of the receiving neuron times the input the weight carries${ctx.err ? ", with a minus sign" : ""}:`;
  const blocks = splitEquations(eqs).map((part) => ({ text: part.first ? text : "", equations: part.eqs }));
  if (ctx.large)
    blocks.push({
      text: ctx.largeNote(layerWeights.length + layerBiases.length - eqs.filter((e) => !e.lhs.includes("circnum")).length, "gradients"),
      equations: [],
    });
  return blocks;
}
