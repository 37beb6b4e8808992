import type { MathNode } from "../../derive/index.js";
import type { ViewContext } from "./context.js";
import { dedupe } from "./equations.js";
import type { Lookup } from "./types.js";

/**
 * The stages of a training-rule equation (L2 term, state, bias correction, step): symbolic,
 * substituted, value with `detail: full`; `detail: deltas` shortens them as it shortens the chain
 * rule, to the symbolic form and the value (the numbers going in are the lines above it).
 */
export function optimizerStages(ctx: ViewContext, expr: MathNode, look: Lookup | undefined, value: number | undefined): string[][] {
  if (ctx.s.detail === "full") return ctx.stages(expr, look, value);
  const out = [ctx.chunks(expr)];
  if (look && value !== undefined) out.push([ctx.num(value)]);
  return dedupe(out);
}
