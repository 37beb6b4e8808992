import type { Equation } from "../layout.js";
import type { ViewContext } from "./context.js";
import { inputGradientVector } from "./input-gradient.js";
import { hasTrainingRules, trainingRows, trainingRowsNote } from "./matrix-rules.js";

/** Matrix notation: the forward and backward equations of a layer in vector form. */
export function matrixForm(ctx: ViewContext): Equation[] {
  const l = ctx.n.letters;
  const v = (t: string, sup: string) => `\\mathbf{${t}}^{(${sup})}`;
  const W = (sup: string) => `${l.weight.tex.startsWith("\\") ? l.weight.tex : `\\mathbf{${l.weight.tex}}`}^{(${sup})}`;
  const z = (s: string) => v(l.net.tex, s);
  const a = (s: string) => v(l.activation.tex, s);
  const b = (s: string) => v(l.bias.tex, s);
  const dl = (s: string) => `\\boldsymbol{${l.delta.tex}}^{(${s})}`;
  const Lt = l.loss.tex;
  // another optimizer or an L2 term: the training rules' vector forms replace the gradient step
  const rules = hasTrainingRules(ctx);
  const rows: Equation[] = [
    ctx.eq(z("l"), [[`${W("l")}\\, ${a("l-1")} + ${b("l")}`]]),
    ctx.eq(a("l"), [[`f^{(l)}\\bigl(${z("l")}\\bigr), \\quad ${a("0")} = \\mathbf{${l.input.tex}}`]]),
  ];
  if (ctx.err) {
    rows.push(
      ctx.eq(dl("L"), [
        [`\\mathbf{${l.error.tex}} \\odot f'\\bigl(${z("L")}\\bigr), \\quad \\mathbf{${l.error.tex}} = -\\nabla_{${a("L")}} ${Lt}`],
      ]),
      ctx.eq(dl("l"), [[`\\bigl(${W("l+1")}\\bigr)^{\\top} ${dl("l+1")} \\odot f'\\bigl(${z("l")}\\bigr)`]]),
    );
    if (rules) rows.push(...trainingRows(ctx));
    else {
      rows.push(
        { lhs: W("l"), rel: "\\leftarrow", stages: [[`${W("l")} + \\eta\\, ${dl("l")} \\bigl(${a("l-1")}\\bigr)^{\\top}`]] },
        { lhs: b("l"), rel: "\\leftarrow", stages: [[`${b("l")} + \\eta\\, ${dl("l")}`]] },
      );
    }
  } else {
    rows.push(
      ctx.eq(dl("L"), [[`\\nabla_{${a("L")}} ${Lt} \\odot f'\\bigl(${z("L")}\\bigr)`]]),
      ctx.eq(dl("l"), [[`\\bigl(${W("l+1")}\\bigr)^{\\top} ${dl("l+1")} \\odot f'\\bigl(${z("l")}\\bigr)`]]),
      ctx.eq(`\\frac{\\partial ${Lt}}{\\partial ${W("l")}}`, [
        [`${dl("l")} \\bigl(${a("l-1")}\\bigr)^{\\top}, \\quad \\frac{\\partial ${Lt}}{\\partial ${b("l")}} = ${dl("l")}`],
      ]),
    );
    if (rules) rows.push(...trainingRows(ctx));
    else rows.push({ lhs: W("l"), rel: "\\leftarrow", stages: [[`${W("l")} - \\eta\\, \\frac{\\partial ${Lt}}{\\partial ${W("l")}}`]] });
  }
  if (ctx.s.inputGradients) rows.push(inputGradientVector(ctx));
  if (ctx.net.layers[ctx.L]!.activation!.distribution) {
    rows.push(
      ctx.eq(
        dl("L"),
        [[`J_{\\mathrm{softmax}}\\bigl(${a("L")}\\bigr)^{\\top} ${ctx.err ? `\\mathbf{${l.error.tex}}` : `\\nabla_{${a("L")}} ${Lt}`}`]],
        "softmax: the full Jacobian",
      ),
    );
  }
  return rows;
}

/** Prose after the vector forms: how the biases follow the training rules ("" for plain gradient descent). */
export function matrixNote(ctx: ViewContext): string {
  return hasTrainingRules(ctx) ? trainingRowsNote(ctx) : "";
}
