import { backward } from "./backward.js";
import type { ViewContext } from "./context.js";
import { forwardSection } from "./forward.js";
import { lossSection } from "./loss.js";
import type { Section } from "./types.js";

/** Forward pass, loss and backward pass of one sample (`label` > 0 names the sample in batch mode). */
export function pass(ctx: ViewContext, scope: Record<string, number> | undefined, label: number): Section[] {
  const look = ctx.lookup(scope);
  const suffix = label > 0 ? `, sample ${label}` : "";
  const sections: Section[] = [];
  sections.push(forwardSection(ctx, look, suffix));
  sections.push(lossSection(ctx, look, label, suffix));
  // The chain-rule factors are numbered afresh for each sample.
  const counter = { n: 0, ids: new Map<string, number>() };
  sections.push({ title: `Backward pass${suffix}`, blocks: backward(ctx, look, counter) });
  return sections;
}
