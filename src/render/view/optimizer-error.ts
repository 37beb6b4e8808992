import type { MathNode, StepOf } from "../../derive/index.js";
import { math, paren, sub } from "../../derive/index.js";
import type { Parameter } from "../../network/index.js";
import { sym } from "../../network/index.js";
import { add, mul, S } from "./algebra.js";
import type { ViewContext } from "./context.js";

/*
 * The training rules in the error convention. Its deltas are −∂L/∂z, and its velocity v and first
 * moment m are minus the gradient convention's (ViewContext.lookup), so that every step adds:
 *
 *   v ← μ v + D,  m ← β₁ m + (1 − β₁) D,  s ← ρ s + (1 − ρ) D²,  θ ← θ + η v  (θ + η m̂/(√ŝ + ε), …)
 *
 * where D is minus the gradient the optimizer takes. One sample (online): D = δ_j a_i for a
 * weight and δ_j for a bias (a shared bias: Σ_j δ_j), as the error convention's gradient step
 * writes it. A batch: the update's gradient is the samples' mean, not one delta times one input;
 * and with l2 a weight's gradient g has its own line (−g = δ_j a_i − λ w_ij) that the state
 * would otherwise repeat in full: then D = −g, written with the gradient itself (v ← μ v − g).
 */

/** D of one parameter: its factors (δ_j a_i, δ_j, Σ_j δ_j), or −g (the gradient g itself). */
type Descent = { factors: MathNode[] } | { minus: MathNode };

const pow2 = (a: MathNode): MathNode => new math.OperatorNode("^", "pow", [a, new math.ConstantNode(2)]);
const hp = (h: Parameters<typeof sym.hyper>[0]): MathNode => S(sym.hyper(h));

export function descent(ctx: ViewContext, p: Parameter, batched: boolean): Descent {
  const l2 = ctx.d.rules.l2 > 0 && p.kind === "weight";
  if (batched || l2) return { minus: S(l2 ? sym.g(p.id) : sym.grad(p.id)) };
  if (p.kind === "weight") {
    const factors = [S(sym.delta(p.to.node)), S(ctx.outSym(p.from))];
    return { factors };
  }
  const deltas = p.neurons.map((nr) => S(sym.delta(nr.node)));
  return { factors: [deltas.length === 1 ? deltas[0]! : paren(add(...deltas))] };
}

/** x + c·D, or x − c·g (c: the coefficients, none for v ← μ v + D). */
function plus(x: MathNode, c: MathNode[], d: Descent): MathNode {
  if ("minus" in d) return sub(x, c.length > 0 ? mul(...c, d.minus) : d.minus);
  return add(x, mul(...c, ...d.factors));
}

/** D² of one sample's factors: δ_j², (δ_j a_i)². */
function squared(d: { factors: MathNode[] }): MathNode {
  return pow2(d.factors.length === 1 ? d.factors[0]! : paren(mul(...d.factors)));
}

/** A state update in the error convention's signs. */
export function errorStateUpdate(ctx: ViewContext, step: StepOf<"state-update">, p: Parameter, batched: boolean): MathNode {
  const d = descent(ctx, p, batched);
  const before = S(sym.state(step.quantity, p.id));
  switch (step.quantity) {
    case "v":
      // v ← μ v + D
      return plus(mul(hp("mu"), before), [], d);
    case "m":
      // m ← β₁ m + (1 − β₁) D
      return plus(mul(hp("beta1"), before), [paren(sub(new math.ConstantNode(1), hp("beta1")))], d);
    case "s": {
      // s ← ρ s + (1 − ρ) D²  (Adam: β₂ for ρ); a batch keeps the gradient's own form
      if ("minus" in d) return step.expr;
      const decay = hp(ctx.d.rules.optimizer === "rmsprop" ? "rho" : "beta2");
      return add(mul(decay, before), mul(paren(sub(new math.ConstantNode(1), decay)), squared(d)));
    }
  }
}

/** The step θ ← … in the error convention's signs. */
export function errorStep(ctx: ViewContext, step: StepOf<"update">, p: Parameter, batched: boolean): MathNode {
  const d = descent(ctx, p, batched);
  const theta = S(p.id);
  const eta = S(sym.eta);
  const adam = (): MathNode =>
    new math.OperatorNode("/", "divide", [mul(eta, S(sym.hat("m", p.id))), paren(add(sqrt(S(sym.hat("s", p.id))), hp("epsilon")))]);
  switch (ctx.d.rules.optimizer) {
    case "sgd":
      // θ ← θ + η D
      return plus(theta, [eta], d);
    case "momentum":
      // θ ← θ + η v
      return add(theta, mul(eta, S(sym.newState("v", p.id))));
    case "nesterov": {
      // θ ← θ + η (D + μ v); a batch: θ + η (μ v − g)
      const v = mul(hp("mu"), S(sym.newState("v", p.id)));
      return add(theta, mul(eta, paren("minus" in d ? sub(v, d.minus) : add(mul(...d.factors), v))));
    }
    case "rmsprop":
      // θ ← θ + η D / (√s + ε); a batch keeps θ − η g / (√s + ε)
      if ("minus" in d) return step.expr;
      return add(
        theta,
        new math.OperatorNode("/", "divide", [mul(eta, ...d.factors), paren(add(sqrt(S(sym.newState("s", p.id))), hp("epsilon")))]),
      );
    case "adam":
      // θ ← θ + η m̂ / (√ŝ + ε)
      return add(theta, adam());
    case "adamw":
      // w ← w − η λ_wd w + η m̂ / (√ŝ + ε): the decay shrinks the weight whatever the convention
      return add(p.kind === "weight" ? sub(theta, mul(eta, hp("wd"), theta)) : theta, adam());
  }
}

const sqrt = (a: MathNode): MathNode => new math.FunctionNode(new math.SymbolNode("sqrt"), [a]);

/** −g of a weight with l2, as one sample's error convention writes it: δ_j a_i − λ w_ij. */
export function minusL2Gradient(ctx: ViewContext, p: Extract<Parameter, { kind: "weight" }>): MathNode {
  return sub(mul(S(sym.delta(p.to.node)), S(ctx.outSym(p.from))), mul(hp("lambda"), S(p.id)));
}
