import type { Layer, Network, Neuron } from "../network/index.js";
import { biasOf, kindOf, nodeOf, outputLayer, sym } from "../network/index.js";
import { backwardPaths } from "./chain.js";
import type { ChainNode, ChainPath } from "./chain.js";
import type { ChainFactor, Step } from "./types.js";
import type { TrainingRules } from "../spec/index.js";
import { trainingSteps } from "./training.js";
import { S, add, div, fn, instantiate, mul, neg, num, paren, sub } from "./math.js";
import type { MathNode } from "./math.js";

/** The symbol a neuron's activation has: x_i for inputs, a_j otherwise. */
const out = (n: Neuron): string => (n.layer === 0 ? sym.x(n.node) : sym.a(n.node));

/** Builds the symbolic steps of one sample's pass and of one update, in teaching order. */
export function buildSteps(net: Network, opts: { batched: boolean; simplify: boolean; rules: TrainingRules }): Step[] {
  const steps: Step[] = [];
  const L = net.layers.length - 1;
  const outL = outputLayer(net);

  // Forward pass: z_j = Σ_i w_ij a_i + b_j, then a_j = f(z_j).
  for (const layer of net.layers.slice(1)) {
    const prev = net.layers[layer.index - 1]!;
    for (const n of layer.neurons) {
      const terms = prev.neurons.map((i) => mul(S(sym.w(i.node, n.node)), S(out(i))));
      terms.push(S(biasOf(net, n)));
      steps.push({
        kind: "net-input",
        defines: sym.z(n.node),
        expr: add(...terms),
        layer: layer.index,
        node: n.node,
        dependsOn: layer.index === 1 ? [] : prev.neurons.map((i) => sym.a(i.node)),
        perSample: true,
      });
    }
    for (const n of layer.neurons) {
      steps.push({
        kind: "activation",
        defines: sym.a(n.node),
        expr: activationExpr(layer, n),
        layer: layer.index,
        node: n.node,
        dependsOn: layer.activation!.elementwise ? [sym.z(n.node)] : layer.neurons.map((m) => sym.z(m.node)),
        perSample: true,
      });
    }
  }

  // Loss: factor · Σ_k term(a_k, t_k).
  const K = outL.neurons.length;
  const bindOut = (k: Neuron): Record<string, MathNode> => ({ a: S(sym.a(k.node)), t: S(sym.t(k.node)), K: num(K) });
  const lossTerms = outL.neurons.map((k) => instantiate(net.loss.symbolicTerm, bindOut(k)));
  const factor = net.loss.symbolicFactor;
  const lossSum = K > 1 || factor !== "1" ? paren(add(...lossTerms)) : lossTerms[0]!;
  const lossExpr = factor === "1" ? add(...lossTerms) : factor === "-1" ? neg(lossSum) : mul(instantiate(factor, { K: num(K) }), lossSum);
  steps.push({
    kind: "loss",
    defines: sym.loss,
    layer: L,
    perSample: true,
    expr: lossExpr,
    dependsOn: outL.neurons.map((k) => sym.a(k.node)),
  });

  // The backward pass is the chain-rule walk over the network's computation (chain.ts): each
  // gradient below sums the paths the walk found, written in the order a teacher writes them.
  const paths = backwardPaths(networkComputation(net), sym.loss);
  const pathsOf = (id: string): ChainPath[] => paths.get(id) ?? [];
  /** The gradient a node hands back: δ_k at a net input, ∂L/∂a_k at an activation. */
  const upstream = (id: string): string => (kindOf(id) === "z" ? sym.delta(nodeOf(id)) : sym.dLda(nodeOf(id)));

  // Output deltas.
  const f = outL.activation!;
  for (const k of outL.neurons) {
    steps.push({
      kind: "loss-gradient",
      defines: sym.dLda(k.node),
      layer: L,
      node: k.node,
      perSample: true,
      expr: pathsOf(sym.a(k.node))[0]!.local,
      dependsOn: [sym.a(k.node)],
    });
  }
  for (const k of outL.neurons) {
    const into = pathsOf(sym.z(k.node));
    if (f.elementwise) {
      // δ_k = ∂L/∂a_k · f′(z_k)
      const fp = into[0]!.local;
      steps.push({
        kind: "output-delta",
        defines: sym.delta(k.node),
        layer: L,
        node: k.node,
        perSample: true,
        expr: mul(S(sym.dLda(k.node)), fp),
        chain: [
          { of: sym.loss, wrt: sym.a(k.node), expr: S(sym.dLda(k.node)) },
          { of: sym.a(k.node), wrt: sym.z(k.node), expr: fp },
        ],
        dependsOn: [sym.dLda(k.node), sym.a(k.node), sym.z(k.node)],
      });
    } else {
      // softmax: δ_k = Σ_i ∂L/∂a_i · ∂a_i/∂z_k, one path through every output: the cross terms stay.
      const chains: ChainFactor[][] = into.map((p) => [
        { of: sym.loss, wrt: p.via, expr: S(upstream(p.via)) },
        { of: p.via, wrt: sym.z(k.node), expr: p.local },
      ]);
      steps.push({
        kind: "output-delta",
        defines: sym.delta(k.node),
        layer: L,
        node: k.node,
        perSample: true,
        expr: add(...chains.map((c) => mul(c[0]!.expr, paren(c[1]!.expr)))),
        paths: chains,
        dependsOn: outL.neurons.flatMap((i) => [sym.dLda(i.node), sym.a(i.node)]),
      });
    }
    const simpl = net.loss.simplifiesWith[f.name];
    if (simpl && opts.simplify) {
      steps.push({
        kind: "simplification",
        defines: sym.delta(k.node),
        layer: L,
        node: k.node,
        perSample: true,
        expr: sub(S(sym.a(k.node)), S(sym.t(k.node))),
        dependsOn: [sym.a(k.node)],
        ...(simpl.condition ? { condition: simpl.condition } : {}),
      });
    }
  }

  /** Σ over the paths of an id: the local derivative times the delta of the net input that reads it (w_jk δ_k). */
  const sumOverReaders = (id: string): MathNode => add(...pathsOf(id).map((p) => mul(p.local, S(upstream(p.via)))));

  // Hidden deltas, from the last hidden layer down: δ_j = f′(z_j) · Σ_k w_jk δ_k.
  for (let l = L - 1; l >= 1; l--) {
    const layer = net.layers[l]!;
    const next = net.layers[l + 1]!;
    for (const j of layer.neurons) {
      steps.push({
        kind: "hidden-gradient",
        defines: sym.dLda(j.node),
        layer: l,
        node: j.node,
        perSample: true,
        expr: sumOverReaders(sym.a(j.node)),
        dependsOn: next.neurons.map((k) => sym.delta(k.node)),
      });
    }
    for (const j of layer.neurons) {
      const fp = pathsOf(sym.z(j.node))[0]!.local;
      steps.push({
        kind: "hidden-delta",
        defines: sym.delta(j.node),
        layer: l,
        node: j.node,
        perSample: true,
        expr: mul(S(sym.dLda(j.node)), fp),
        paths: pathsOf(sym.a(j.node)).map((p) => [
          { of: sym.loss, wrt: p.via, expr: S(upstream(p.via)) },
          { of: p.via, wrt: sym.a(j.node), expr: p.local },
          { of: sym.a(j.node), wrt: sym.z(j.node), expr: fp },
        ]),
        chain: [
          { of: sym.loss, wrt: sym.a(j.node), expr: S(sym.dLda(j.node)) },
          { of: sym.a(j.node), wrt: sym.z(j.node), expr: fp },
        ],
        dependsOn: [sym.dLda(j.node), sym.z(j.node), sym.a(j.node)],
      });
    }
  }

  // Gradients with respect to the input: ∂L/∂x_i = Σ_k w_ik δ_k over the neurons of layer 1.
  // Always derived (the answer key has them); the renderer writes them when the presentation asks.
  const first = net.layers[1]!;
  for (const i of net.layers[0]!.neurons) {
    steps.push({
      kind: "input-gradient",
      defines: sym.dLdx(i.node),
      layer: 0,
      node: i.node,
      perSample: true,
      expr: sumOverReaders(sym.x(i.node)),
      dependsOn: first.neurons.map((k) => sym.delta(k.node)),
    });
  }

  // Gradients: ∂L/∂w_ij = δ_j · a_i ; ∂L/∂b_j = δ_j ; a shared bias sums its layer's deltas.
  for (const p of net.parameters) {
    if (p.kind === "weight") {
      const j = p.to;
      const local = pathsOf(p.id)[0]!.local;
      const elementwiseOut = p.layer === L && f.elementwise && !(net.loss.simplifiesWith[f.name] && opts.simplify);
      const chain: ChainFactor[] = elementwiseOut
        ? [
            { of: sym.loss, wrt: sym.a(j.node), expr: S(sym.dLda(j.node)) },
            { of: sym.a(j.node), wrt: sym.z(j.node), expr: pathsOf(sym.z(j.node))[0]!.local },
            { of: sym.z(j.node), wrt: p.id, expr: local },
          ]
        : [
            { of: sym.loss, wrt: sym.z(j.node), expr: S(sym.delta(j.node)) },
            { of: sym.z(j.node), wrt: p.id, expr: local },
          ];
      steps.push({
        kind: "weight-gradient",
        defines: sym.grad(p.id),
        param: p.id,
        layer: p.layer,
        node: j.node,
        perSample: true,
        expr: mul(S(sym.delta(j.node)), local),
        chain,
        dependsOn: [sym.delta(j.node), ...(p.from.layer === 0 ? [] : [sym.a(p.from.node)])],
      });
    } else {
      // ∂z_j/∂b = 1 on every path: the gradient is the sum of the deltas of the neurons the bias feeds.
      const readers = pathsOf(p.id);
      const deltas = readers.map((r) => S(upstream(r.via)));
      steps.push({
        kind: "bias-gradient",
        defines: sym.grad(p.id),
        param: p.id,
        layer: p.layer,
        perSample: true,
        ...(p.shared ? {} : { node: p.neurons[0]!.node }),
        expr: add(...deltas),
        chain: p.shared
          ? undefined
          : [
              { of: sym.loss, wrt: readers[0]!.via, expr: deltas[0]! },
              { of: readers[0]!.via, wrt: p.id, expr: readers[0]!.local },
            ],
        dependsOn: p.neurons.map((n) => sym.delta(n.node)),
      });
    }
  }

  const trained = net.parameters.filter((p) => p.kind === "weight" || p.trainable);
  if (opts.batched) {
    // ∂L/∂θ = (1/N) Σ_s ∂L⁽ˢ⁾/∂θ (mean) or Σ_s ∂L⁽ˢ⁾/∂θ (sum): the renderer lists the samples' values.
    for (const p of trained) {
      steps.push({
        kind: "batch-gradient",
        defines: sym.grad(p.id),
        param: p.id,
        layer: p.layer,
        perSample: false,
        expr: S(sym.grad(p.id)),
        dependsOn: [sym.grad(p.id)],
      });
    }
  }
  // one by one: Adam on 50,000 parameters gives 250,000 steps, too many arguments for one push
  for (const step of trainingSteps(net, trained, opts.rules)) steps.push(step);
  steps.push({
    kind: "loss-after",
    defines: sym.lossAfter,
    layer: L,
    perSample: false,
    expr: S(sym.loss),
    dependsOn: trained.map((p) => sym.updated(p.id)),
  });
  return steps;
}

/**
 * The network's computation for one sample, as the chain-rule walk reads it: z_j from the
 * activations before it, its weights and its bias; a_j from z_j (softmax: from every z of its
 * layer); the loss from the outputs. Each local derivative is the teacher's form, from the
 * records: w_ij, a_i, 1; f′ from the activation record; ∂L/∂a_k from the loss record.
 */
export function networkComputation(net: Network): ChainNode[] {
  const nodes: ChainNode[] = [];
  const outL = outputLayer(net);
  for (const layer of net.layers.slice(1)) {
    const prev = net.layers[layer.index - 1]!;
    for (const n of layer.neurons) {
      const locals = new Map<string, MathNode>();
      for (const i of prev.neurons) {
        locals.set(out(i), S(sym.w(i.node, n.node)));
        locals.set(sym.w(i.node, n.node), S(out(i)));
      }
      locals.set(biasOf(net, n), num(1));
      nodes.push(localNode(sym.z(n.node), locals));
    }
    const f = layer.activation!;
    for (const n of layer.neurons) {
      const locals = new Map<string, MathNode>();
      if (f.elementwise) locals.set(sym.z(n.node), derivativeExpr(layer, n));
      else for (const m of layer.neurons) locals.set(sym.z(m.node), softmaxJacobianEntry(n, m));
      nodes.push(localNode(sym.a(n.node), locals));
    }
  }
  const K = outL.neurons.length;
  const locals = new Map<string, MathNode>();
  for (const k of outL.neurons) {
    locals.set(sym.a(k.node), instantiate(net.loss.symbolicGradient, { a: S(sym.a(k.node)), t: S(sym.t(k.node)), K: num(K) }));
  }
  nodes.push(localNode(sym.loss, locals));
  return nodes;
}

function localNode(id: string, locals: Map<string, MathNode>): ChainNode {
  return {
    id,
    inputs: [...locals.keys()],
    local: (input) => {
      const d = locals.get(input);
      if (!d) throw new Error(`internal error: ${id} does not read ${input}`);
      return d;
    },
  };
}

function activationExpr(layer: Layer, n: Neuron): MathNode {
  const f = layer.activation!;
  if (f.elementwise) return instantiate(f.symbolicValue, { z: S(sym.z(n.node)) });
  // softmax_j = e^(z_j) / Σ_k e^(z_k)
  return div(fn("exp", S(sym.z(n.node))), paren(add(...layer.neurons.map((m) => fn("exp", S(sym.z(m.node)))))));
}

/** f′ as a teacher writes it, from the activation's record: over a (σ(1−σ)) or over z (ReLU′). */
function derivativeExpr(layer: Layer, n: Neuron): MathNode {
  return instantiate(layer.activation!.symbolicDerivative, { z: S(sym.z(n.node)), a: S(sym.a(n.node)) });
}

/** ∂a_i/∂z_k of softmax: a_i(1 − a_i) on the diagonal, −a_i a_k off it. */
function softmaxJacobianEntry(i: Neuron, k: Neuron): MathNode {
  return i.node === k.node ? mul(S(sym.a(i.node)), paren(sub(num(1), S(sym.a(i.node))))) : neg(mul(S(sym.a(i.node)), S(sym.a(k.node))));
}
