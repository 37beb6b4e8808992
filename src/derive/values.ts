import type { Network } from "../network/index.js";
import { sym } from "../network/index.js";
import type { Params, SampleResult, UpdateResult } from "../numeric/index.js";

/** η and the parameters: symbol id → value. */
function paramScope(net: Network, p: Params, prefix: (id: string) => string = (id) => id): Record<string, number> {
  const scope: Record<string, number> = {};
  for (const q of net.parameters) {
    if (q.kind === "weight") scope[prefix(q.id)] = p.W[q.layer - 1]![q.row]![q.col]!;
    else {
      const b = p.b[q.layer - 1]!;
      scope[prefix(q.id)] = typeof b === "number" ? b : b[q.row]!;
    }
  }
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

/** The update's own numbers: parameters before and after, reduced gradients, losses. */
export function updateScope(net: Network, u: UpdateResult): Record<string, number> {
  const scope: Record<string, number> = {
    [sym.eta]: net.spec.learning_rate,
    ...paramScope(net, u.before),
    ...gradientScope(net, u.dL_dW, u.dL_db),
    ...paramScope(net, { W: u.W, b: u.b }, sym.updated),
    [sym.loss]: u.loss,
    [sym.lossAfter]: u.loss_after,
  };
  if (!net.spec.train_biases) {
    for (const p of net.parameters) if (p.kind === "bias") delete scope[sym.updated(p.id)];
  }
  return scope;
}
