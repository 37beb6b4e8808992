import type { Network } from "../network/index.js";
import { HYPER_FIELDS, HYPERS, sym } from "../network/index.js";
import type { StateQuantity } from "../network/index.js";
import { trainingRules } from "../spec/index.js";
import { l2Term } from "../numeric/index.js";
import type { Params, SampleResult, UpdateResult } from "../numeric/index.js";

/** One parameter's entry in parameter-shaped numbers. */
function valueOf(p: Params, q: Network["parameters"][number]): number {
  if (q.kind === "weight") return p.W[q.layer - 1]![q.row]![q.col]!;
  const b = p.b[q.layer - 1]!;
  return typeof b === "number" ? b : b[q.row]!;
}

/** η and the parameters: symbol id → value. */
function paramScope(net: Network, p: Params, prefix: (id: string) => string = (id) => id): Record<string, number> {
  const scope: Record<string, number> = {};
  for (const q of net.parameters) scope[prefix(q.id)] = valueOf(p, q);
  return scope;
}

function gradientScope(net: Network, dW: number[][][], db: (number[] | number)[]): Record<string, number> {
  return paramScope(net, { W: dW, b: db }, sym.grad);
}

/** Every number of one sample's pass, keyed by the symbol id of the step that defines it. */
export function sampleScope(net: Network, before: Params, s: SampleResult): Record<string, number> {
  const scope: Record<string, number> = { [sym.eta]: net.spec.learning_rate, ...paramScope(net, before) };
  net.layers[0]!.neurons.forEach((n, i) => {
    scope[sym.x(n.node)] = s.input[i]!;
    // ∂L/∂x_i from the numeric pass: the answer key's dL_dx.
    scope[sym.dLdx(n.node)] = s.dL_dx[i]!;
  });
  const L = net.layers.length - 1;
  for (const layer of net.layers.slice(1)) {
    const l = layer.index - 1;
    layer.neurons.forEach((n, j) => {
      scope[sym.z(n.node)] = s.z[l]![j]!;
      scope[sym.a(n.node)] = s.a[l]![j]!;
      scope[sym.delta(n.node)] = s.dL_dz[l]![j]!;
      if (layer.index === L) {
        scope[sym.t(n.node)] = s.target[j]!;
        scope[sym.dLda(n.node)] = s.dL_da[j]!;
      } else {
        // ∂L/∂a_j = Σ_k w_jk δ_k
        const next = net.layers[layer.index + 1]!;
        let acc = 0;
        next.neurons.forEach((k, kk) => (acc += before.W[layer.index]![kk]![j]! * s.dL_dz[layer.index]![kk]!));
        scope[sym.dLda(n.node)] = acc;
      }
    });
  }
  scope[sym.loss] = s.loss;
  return Object.assign(scope, gradientScope(net, s.dL_dW, s.dL_db));
}

/**
 * The update's own numbers: parameters before and after, reduced gradients, losses, and what
 * the training rules add (the settings and t, the l2 term, the state before and after, m̂, ŝ).
 * `prior` is the state after the previous update (none before the first: all zero).
 */
export function updateScope(net: Network, u: UpdateResult, prior: UpdateResult["state"] | undefined): Record<string, number> {
  const rules = trainingRules(net.spec);
  const l2 = rules.l2 > 0 ? l2Term(rules.l2, u.before.W) : 0;
  const scope: Record<string, number> = {
    [sym.eta]: net.spec.learning_rate,
    ...paramScope(net, u.before),
    ...gradientScope(net, u.dL_dW_loss, u.dL_db),
    ...paramScope(net, { W: u.W, b: u.b }, sym.updated),
    // the loss the samples give; with l2, L_reg adds (λ/2)Σw² (the answer key's loss)
    [sym.loss]: rules.l2 > 0 ? u.loss - l2 : u.loss,
    [sym.lossAfter]: u.loss_after,
  };
  for (const h of HYPERS) scope[sym.hyper(h)] = h === "t" ? u.t : rules[HYPER_FIELDS[h]];
  if (rules.l2 > 0) {
    scope[sym.lossReg] = u.loss;
    Object.assign(scope, paramScope(net, { W: u.dL_dW, b: u.dL_db }, sym.g));
    for (const p of net.parameters) if (p.kind === "bias") delete scope[sym.g(p.id)];
  }
  for (const [q, after] of Object.entries(u.state) as [StateQuantity, Params][]) {
    const before = prior?.[q];
    for (const p of net.parameters) scope[sym.state(q, p.id)] = before ? valueOf(before, p) : 0;
    Object.assign(
      scope,
      paramScope(net, after, (id) => sym.newState(q, id)),
    );
    if (rules.optimizer === "adam" || rules.optimizer === "adamw") {
      // m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ), as numeric/optimizers.ts computes them
      const beta = q === "m" ? rules.beta1 : rules.beta2;
      for (const p of net.parameters) scope[sym.hat(q as "m" | "s", p.id)] = valueOf(after, p) / (1 - beta ** u.t);
    }
  }
  if (!net.spec.train_biases) {
    for (const p of net.parameters) if (p.kind === "bias") delete scope[sym.updated(p.id)];
  }
  return scope;
}
