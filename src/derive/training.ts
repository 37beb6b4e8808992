import type { Network, Parameter, StateQuantity } from "../network/index.js";
import { sym } from "../network/index.js";
import type { TrainingRules } from "../spec/index.js";
import { S, add, div, fn, math, mul, num, paren, sub } from "./math.js";
import type { MathNode } from "./math.js";
import type { Step } from "./types.js";

const pow = (a: MathNode, b: MathNode): MathNode => new math.OperatorNode("^", "pow", [a, b]);
const hp = (name: Parameters<typeof sym.hyper>[0]): MathNode => S(sym.hyper(name));

/** Where the step of a parameter sits: its neuron, unless it is a shared bias. */
function placeOf(p: Parameter): { node?: number } {
  return p.kind === "weight" ? { node: p.to.node } : p.shared ? {} : { node: p.neurons[0]!.node };
}

/**
 * The steps of one update after the gradients (CONTRACT §5, PyTorch's rules): the loss with its
 * L2 term, each weight's gradient with λw, the optimizer's state, Adam's bias correction, and
 * the step itself, each over every trained parameter in network order.
 */
export function trainingSteps(net: Network, trained: Parameter[], rules: TrainingRules): Step[] {
  const steps: Step[] = [];
  const l2 = rules.l2 > 0;
  const weights = trained.filter((p) => p.kind === "weight");
  if (l2) {
    // L_reg = L + (λ/2)(w₁² + w₂² + …) over every weight, trained or not (all weights train).
    const squares = net.parameters.filter((p) => p.kind === "weight").map((p) => pow(S(p.id), num(2)));
    steps.push({
      kind: "regularised-loss",
      defines: sym.lossReg,
      layer: net.layers.length - 1,
      perSample: false,
      expr: add(S(sym.loss), mul(div(hp("lambda"), num(2)), paren(add(...squares)))),
      dependsOn: [sym.loss],
    });
    for (const p of weights) {
      steps.push({
        kind: "l2-gradient",
        defines: sym.g(p.id),
        param: p.id,
        layer: p.layer,
        perSample: false,
        expr: add(S(sym.grad(p.id)), mul(hp("lambda"), S(p.id))),
        dependsOn: [sym.grad(p.id)],
        ...placeOf(p),
      });
    }
  }
  /** The gradient the optimizer takes. */
  const g = (p: Parameter): MathNode => S(l2 && p.kind === "weight" ? sym.g(p.id) : sym.grad(p.id));
  const gId = (p: Parameter): string => (l2 && p.kind === "weight" ? sym.g(p.id) : sym.grad(p.id));
  const optimizer = rules.optimizer;

  const state = (quantity: StateQuantity, expr: (p: Parameter) => MathNode): void => {
    for (const p of trained) {
      steps.push({
        kind: "state-update",
        quantity,
        defines: sym.newState(quantity, p.id),
        param: p.id,
        layer: p.layer,
        perSample: false,
        expr: expr(p),
        dependsOn: [gId(p)],
        ...placeOf(p),
      });
    }
  };
  if (optimizer === "momentum" || optimizer === "nesterov") {
    // v ← μ v + g
    state("v", (p) => add(mul(hp("mu"), S(sym.state("v", p.id))), g(p)));
  } else if (optimizer === "rmsprop") {
    // s ← ρ s + (1 − ρ) g²
    state("s", (p) => add(mul(hp("rho"), S(sym.state("s", p.id))), mul(paren(sub(num(1), hp("rho"))), pow(g(p), num(2)))));
  } else if (optimizer === "adam" || optimizer === "adamw") {
    // m ← β₁ m + (1 − β₁) g ; s ← β₂ s + (1 − β₂) g²
    state("m", (p) => add(mul(hp("beta1"), S(sym.state("m", p.id))), mul(paren(sub(num(1), hp("beta1"))), g(p))));
    state("s", (p) => add(mul(hp("beta2"), S(sym.state("s", p.id))), mul(paren(sub(num(1), hp("beta2"))), pow(g(p), num(2)))));
    // m̂ = m / (1 − β₁ᵗ) ; ŝ = s / (1 − β₂ᵗ)
    for (const [q, beta] of [
      ["m", "beta1"],
      ["s", "beta2"],
    ] as const) {
      for (const p of trained) {
        steps.push({
          kind: "bias-correction",
          quantity: q,
          defines: sym.hat(q, p.id),
          param: p.id,
          layer: p.layer,
          perSample: false,
          expr: div(S(sym.newState(q, p.id)), paren(sub(num(1), pow(hp(beta), hp("t"))))),
          dependsOn: [sym.newState(q, p.id)],
          ...placeOf(p),
        });
      }
    }
  }

  // The step, all from the parameters before the update. Frozen biases have none.
  for (const p of trained) {
    const theta = S(p.id);
    let expr: MathNode;
    let dependsOn: string[];
    switch (optimizer) {
      case "sgd":
        expr = sub(theta, mul(S(sym.eta), g(p)));
        dependsOn = [gId(p)];
        break;
      case "momentum":
        expr = sub(theta, mul(S(sym.eta), S(sym.newState("v", p.id))));
        dependsOn = [sym.newState("v", p.id)];
        break;
      case "nesterov":
        expr = sub(theta, mul(S(sym.eta), paren(add(g(p), mul(hp("mu"), S(sym.newState("v", p.id)))))));
        dependsOn = [gId(p), sym.newState("v", p.id)];
        break;
      case "rmsprop":
        expr = sub(theta, div(mul(S(sym.eta), g(p)), paren(add(fn("sqrt", S(sym.newState("s", p.id))), hp("epsilon")))));
        dependsOn = [gId(p), sym.newState("s", p.id)];
        break;
      case "adam":
      case "adamw": {
        const adamStep = div(mul(S(sym.eta), S(sym.hat("m", p.id))), paren(add(fn("sqrt", S(sym.hat("s", p.id))), hp("epsilon"))));
        // adamw: w ← w − η λ_wd w first (weights only), then the adam step
        const decay = optimizer === "adamw" && p.kind === "weight" ? [mul(S(sym.eta), hp("wd"), theta)] : [];
        expr = [...decay, adamStep].reduce((acc, term) => sub(acc, term), theta);
        dependsOn = [sym.hat("m", p.id), sym.hat("s", p.id)];
        break;
      }
    }
    steps.push({
      kind: "update",
      defines: sym.updated(p.id),
      param: p.id,
      layer: p.layer,
      perSample: false,
      expr,
      dependsOn,
      ...placeOf(p),
    });
  }
  return steps;
}
