import type { ViewContext } from "./context.js";

/** Prose about frozen biases (train_biases: false). */
export function frozenText(ctx: ViewContext): string {
  const biases = ctx.net.parameters.filter((p) => p.kind === "bias");
  const list = biases.length <= 12 ? biases.map((p) => `$${ctx.n.tex(p.id)}$`).join(", ") : "all biases";
  return `The biases are fixed (the spec says train\\_biases: false): ${list} keep their values and get no update.`;
}
