import type { ViewContext } from "./context.js";
import type { FactorCounter } from "./factors.js";
import { numberedFactors } from "./factors.js";
import { gradientBlocks } from "./gradients.js";
import { hiddenDeltaBlocks } from "./hidden-delta.js";
import { inputGradientBlocks } from "./input-gradient.js";
import { outputDeltaBlocks } from "./output-delta.js";
import type { Block, Lookup } from "./types.js";

/** The backward pass of one sample: the output layer, its gradients, then each hidden layer, last first (then ∂L/∂x when asked). */
export function backward(ctx: ViewContext, look: Lookup | undefined, counter: FactorCounter): Block[] {
  const fx = numberedFactors(ctx, look, counter);
  const blocks: Block[] = [];
  blocks.push(...outputDeltaBlocks(ctx, fx));
  blocks.push(...gradientBlocks(ctx, ctx.L, fx));
  for (let l = ctx.L - 1; l >= 1; l--) {
    blocks.push(...hiddenDeltaBlocks(ctx, l, fx));
    blocks.push(...gradientBlocks(ctx, l, fx));
  }
  if (ctx.s.inputGradients) blocks.push(...inputGradientBlocks(ctx, fx));
  return blocks;
}
