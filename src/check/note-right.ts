import type { Network } from "../network/index.js";
import { sym } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { trainingRules } from "../spec/index.js";
import type { Quantity } from "./graph.js";

/**
 * The right side of a quantity as a note in the error convention writes it (Err = target − output,
 * δ = −∂L/∂z, w ← w + η δ x), for a correction message in the note's own convention. Only the
 * quantities whose form changes are written here: a parameter's update under plain gradient
 * descent and a parameter's gradient; δ and a hidden neuron's error read the same in both
 * conventions (both of their sides change sign), so the derivation's own step serves for them.
 */
export function errorConventionRight(q: Quantity, net: Network, notation: Notation | undefined): string | undefined {
  if (!q.id) return undefined;
  const rules = trainingRules(net.spec);
  const plain = rules.optimizer === "sgd" && !rules.l2 && !rules.weight_decay;
  const name = (id: string): string => {
    if (!notation) return id;
    try {
      return notation.text(id);
    } catch {
      return id;
    }
  };
  const inputs = new Set(net.layers[0]!.neurons.map((n) => n.node));
  const source = (i: number) => name(inputs.has(i) ? sym.x(i) : sym.a(i));
  const m = /^(new_|dL_d)(?:w_(\d+)_(\d+)|b_(\d+))$/.exec(q.id);
  if (!m) return undefined;
  const [, what, from, to, biasNode] = m;
  const param = biasNode !== undefined ? sym.b(Number(biasNode)) : sym.w(Number(from), Number(to));
  const delta = name(sym.delta(Number(biasNode ?? to)));
  const step = biasNode !== undefined ? delta : `${delta}·${source(Number(from))}`;
  if (what === "dL_d") return `-${step}`;
  return plain ? `${name(param)} + ${name(sym.eta)}·${step}` : undefined;
}
