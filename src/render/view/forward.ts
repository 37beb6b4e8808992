import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { splitEquations } from "./equations.js";
import { LARGE_FANIN } from "./limits.js";
import type { Block, Lookup, Section } from "./types.js";

/** The forward pass, layer by layer: net inputs, then activations. */
export function forwardSection(ctx: ViewContext, look: Lookup | undefined, suffix: string): Section {
  const val = (id: string): number | undefined => (look ? look(id) : undefined);
  const forward: Block[] = [];
  for (const layer of ctx.net.layers.slice(1)) {
    const eqs: Equation[] = [];
    const nets = ctx.steps("net-input").filter((s) => s.layer === layer.index);
    const acts = ctx.steps("activation").filter((s) => s.layer === layer.index);
    const keep = layer.index > 0 && ctx.net.layers[layer.index - 1]!.neurons.length > LARGE_FANIN ? 4 : Infinity;
    for (const s of nets) eqs.push(ctx.eq(ctx.n.tex(s.defines), ctx.stages(s.expr, look, val(s.defines), [], keep)));
    for (const s of acts) eqs.push(ctx.eq(ctx.n.tex(s.defines), ctx.stages(s.expr, look, val(s.defines))));
    const role = layer.index === ctx.L ? "The output layer" : `Hidden layer ${layer.index}`;
    for (const part of splitEquations(eqs)) {
      forward.push({ text: part.first ? `${role} (${layer.activation!.label}):` : "", equations: part.eqs });
    }
  }
  return { title: `Forward pass${suffix}`, blocks: forward };
}
