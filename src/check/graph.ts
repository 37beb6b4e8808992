import type { Derivation, MathNode, Step } from "../derive/index.js";
import { symbolsOf } from "../derive/index.js";
import { S, instantiate, mul, neg, num, paren, sub } from "../derive/math.js";
import type { Network, Neuron, Parameter } from "../network/index.js";
import { outputLayer, parseSymbol, sym } from "../network/index.js";
import { evaluateSample } from "../numeric/index.js";
import { fullKey, pair, pairUnderscore } from "./names.js";
import type { Binding, Quantity } from "./quantity.js";
import { baseOfSymbol } from "./quantity.js";

export type { Binding, Getter, Quantity, QuantityKind } from "./quantity.js";
export { baseOfSymbol, compute } from "./quantity.js";

export interface Graph {
  network: Network;
  /** In derivation order. */
  quantities: Quantity[];
  byKey: Map<string, Quantity>;
  nUpdates: number;
  /** Number of samples of each update. */
  samplesPerUpdate: number[];
  /** True when the spec has weights and samples (otherwise every value is NaN: names only). */
  hasNumbers: boolean;
}

/** The samples each update uses (indices into spec.samples). */
export function updatePlan(derivation: Derivation): number[][] {
  if (derivation.updates.length > 0) return derivation.updates.map((u) => u.sampleIndices);
  return [[0]];
}

/** Builds every claimable quantity of every update, in derivation order. */
export function buildGraph(derivation: Derivation): Graph {
  const net = derivation.network;
  const spec = net.spec;
  const plan = updatePlan(derivation);
  const hasNumbers = derivation.updates.length > 0;
  const nodeCount = net.nodeCount;
  const L = net.layers.length - 1;
  const outL = outputLayer(net);
  const quantities: Quantity[] = [];
  const byKey = new Map<string, Quantity>();
  let order = 0;
  const baseCache = new Map<string, string>();
  const base = (id: string): string => {
    let b = baseCache.get(id);
    if (b === undefined) baseCache.set(id, (b = baseOfSymbol(id, nodeCount)));
    return b;
  };
  const trained = (p: Parameter) => p.kind === "weight" || spec.train_biases;

  const add = (q: Omit<Quantity, "key" | "name" | "order" | "deps" | "aliases" | "altPaths" | "bindings"> &
    Partial<Pick<Quantity, "aliases" | "altPaths" | "bindings">>): Quantity => {
    const key = fullKey(q.base, q.update, q.sample);
    if (byKey.has(key)) throw new Error(`internal error: quantity ${key} defined twice`);
    const bindings = q.bindings ?? {};
    const deps: string[] = [];
    for (const id in bindings) {
      const b = bindings[id]!;
      if ("key" in b) deps.push(b.key);
    }
    if (q.reduce) deps.push(...q.reduce.keys);
    // Every field named, in one order: 600,000 of these for a long run share one shape.
    const full: Quantity = {
      key, base: q.base, name: key, aliases: q.aliases ?? [], path: q.path, altPaths: q.altPaths ?? [],
      kind: q.kind, given: q.given, layer: q.layer, node: q.node, id: q.id, update: q.update, sample: q.sample,
      order: order++, description: q.description, expr: q.expr, bindings, reduce: q.reduce, custom: q.custom,
      constant: q.constant, deps,
    };
    quantities.push(full);
    byKey.set(key, full);
    return full;
  };

  // ── where a symbol's value comes from, in a given update (and sample) ──
  const paramKey = (u: number, p: Parameter): string =>
    u === 0 || !trained(p) ? fullKey(base(p.id), 0, undefined) : fullKey(`${base(p.id)}'`, u - 1, undefined);
  const paramById = new Map(net.parameters.map((p) => [p.id, p]));
  const gradKey = (u: number, s: number | undefined, gradId: string): string =>
    s === undefined || plan[u]!.length === 1 ? fullKey(base(gradId), u, undefined) : fullKey(base(gradId), u, s);
  const parsed = new Map<string, NonNullable<ReturnType<typeof parseSymbol>>>();
  const resolve = (id: string, u: number, s: number | undefined): Binding => {
    let p = parsed.get(id);
    if (!p) {
      p = parseSymbol(id);
      if (!p) throw new Error(`internal error: unknown symbol ${id}`);
      parsed.set(id, p);
    }
    switch (p.kind) {
      case "eta": return { key: "eta" };
      case "w": case "b": case "bl": return { key: paramKey(u, paramById.get(id)!) };
      case "grad": return { key: gradKey(u, s, id) };
      case "updated": return { key: fullKey(base(id), u, undefined) };
      case "L": return { key: s !== undefined && plan[u]!.length > 1 ? fullKey("Loss", u, s) : fullKey("Loss", u, undefined) };
      case "L_after": return { key: fullKey("Loss'", u, undefined) };
      default: return { key: fullKey(base(id), u, s) };
    }
  };
  // The symbols of each step's expression, found once: every update binds the same ones.
  const symbolsCache = new Map<MathNode, string[]>();
  const bind = (expr: MathNode, u: number, s: number | undefined): Record<string, Binding> => {
    let ids = symbolsCache.get(expr);
    if (!ids) symbolsCache.set(expr, (ids = symbolsOf(expr)));
    const out: Record<string, Binding> = {};
    for (const id of ids) out[id] = resolve(id, u, s);
    return out;
  };

  const nan = Number.NaN;
  const paramValue = (p: Parameter): number => {
    if (p.kind === "weight") return spec.weights?.[p.layer - 1]?.[p.row]?.[p.col] ?? nan;
    const b = spec.biases[p.layer - 1];
    return typeof b === "number" ? b : (b?.[p.row] ?? nan);
  };
  const paramPath = (p: Parameter, field: string): string =>
    p.kind === "weight" ? `${field}[${p.layer - 1}][${p.row}][${p.col}]`
    : p.shared ? `${field}[${p.layer - 1}]` : `${field}[${p.layer - 1}][${p.row}]`;
  const paramAlt = (p: Parameter): string[] =>
    p.kind === "weight" && nodeCount <= 9 ? [`W${pairUnderscore(p.from.node, p.to.node)}`] : [];
  const paramWords = (p: Parameter): string =>
    p.kind === "weight" ? `the weight from node ${p.from.node} to node ${p.to.node}`
    : p.shared ? `the shared bias of layer ${p.layer}` : `the bias of node ${p.neurons[0]!.node}`;

  // ── given values ──
  add({
    base: "eta", kind: "eta", given: true, layer: 0, id: sym.eta, path: "learning_rate",
    constant: spec.learning_rate, description: "the learning rate η (given)",
  });
  for (const p of net.parameters) {
    add({
      base: base(p.id), update: 0, kind: p.kind === "weight" ? "weight" : "bias", given: true, layer: p.layer, id: p.id,
      path: paramPath(p, p.kind === "weight" ? "weights" : "biases"), aliases: paramAlt(p),
      // a frozen bias is the same number in every update's answer key
      altPaths: trained(p) || !hasNumbers ? [] : plan.map((_, u) => paramPath(p, `updates[${u}].b`)),
      constant: paramValue(p), description: `${paramWords(p)} (given)`,
    });
  }

  const steps = derivation.steps;
  const out = (n: Neuron): string => (n.layer === 0 ? sym.x(n.node) : sym.a(n.node));
  const deltaStep = new Map<string, Step>();
  for (const st of steps) if (st.perSample && !deltaStep.has(st.defines)) deltaStep.set(st.defines, st);

  plan.forEach((sampleIndices, u) => {
    const N = sampleIndices.length;
    const single = N === 1;
    sampleIndices.forEach((sampleIndex, s) => {
      const sample = spec.samples[sampleIndex];
      const pre = `updates[${u}].samples[${s}]`;
      const nodePath = (field: string, n: Neuron) => `${pre}.${field}[${n.layer - 1}][${n.index}]`;
      const per = { update: u, sample: s };
      for (const n of net.layers[0]!.neurons) {
        add({
          base: `X${n.node}`, ...per, kind: "input", given: true, layer: 0, node: n.node, id: sym.x(n.node),
          path: `${pre}.input[${n.index}]`, constant: sample?.input[n.index] ?? nan, description: `input ${n.node} (given)`,
        });
      }
      for (const k of outL.neurons) {
        add({
          base: `T${k.node}`, ...per, kind: "target", given: true, layer: L, node: k.node, id: sym.t(k.node),
          path: `${pre}.target[${k.index}]`, constant: sample?.target[k.index] ?? nan, description: `target of output ${k.node} (given)`,
        });
      }
      const fromStep = (st: Step) => ({ expr: st.expr, bindings: bind(st.expr, u, s) });
      const exprQ = (expr: MathNode) => ({ expr, bindings: bind(expr, u, s) });
      const derivativeOf = (layerIndex: number, i: Neuron, k: Neuron) => {
        const f = net.layers[layerIndex]!.activation!;
        // ∂a_i/∂z_k: f′ on the diagonal; softmax −a_i a_k off it
        const expr = i.node === k.node
          ? instantiate(f.symbolicDerivative, { z: S(sym.z(i.node)), a: S(sym.a(i.node)) })
          : neg(mul(S(sym.a(i.node)), S(sym.a(k.node))));
        add({
          base: `dY${i.node}dZ${k.node}`, ...per, kind: "activation-derivative", given: false, layer: layerIndex, node: i.node,
          path: `${pre}.da_dz[${layerIndex - 1}][${i.index}][${k.index}]`,
          aliases: i.node === k.node ? [`dYdZ${i.node}`] : [],
          description: i.node === k.node ? `${f.label}′ at node ${i.node}: ∂Y${i.node}/∂Z${i.node}` : `softmax cross term ∂Y${i.node}/∂Z${k.node}`,
          ...exprQ(expr),
        });
      };
      const seen = new Set<string>();
      for (const st of steps) {
        if (!st.perSample || seen.has(st.defines)) continue;
        seen.add(st.defines);
        const node = st.node;
        const n = node === undefined ? undefined : net.layers[st.layer]!.neurons.find((m) => m.node === node);
        switch (st.kind) {
          case "net-input":
            add({ base: `Z${node}`, ...per, kind: "net-input", given: false, layer: st.layer, node, id: st.defines,
              path: nodePath("z", n!), aliases: [`net${node}`], description: `net input of node ${node}`, ...fromStep(st) });
            break;
          case "activation":
            add({ base: `Y${node}`, ...per, kind: "activation", given: false, layer: st.layer, node, id: st.defines,
              path: nodePath("a", n!), description: `activation (output) of node ${node}`, ...fromStep(st) });
            break;
          case "loss": {
            const K = outL.neurons.length;
            for (const k of outL.neurons) {
              const term = instantiate(net.loss.symbolicTerm, { a: S(sym.a(k.node)), t: S(sym.t(k.node)), K: num(K) });
              const f = net.loss.symbolicFactor;
              const expr = f === "1" ? term : f === "-1" ? neg(paren(term)) : mul(instantiate(f, { K: num(K) }), paren(term));
              add({ base: `Loss${k.node}`, ...per, kind: "loss-term", given: false, layer: L, node: k.node,
                path: `${pre}.loss_terms[${k.index}]`, description: `output ${k.node}'s term of the loss`, ...exprQ(expr) });
            }
            add({
              base: "Loss", update: u, ...(single ? {} : { sample: s }), kind: "loss", given: false, layer: L, id: sym.loss,
              path: single ? `updates[${u}].loss` : `${pre}.loss`, altPaths: single ? [`${pre}.loss`] : [],
              description: single ? "the loss" : `the loss of sample ${s + 1}`, ...fromStep(st),
            });
            for (const k of outL.neurons) {
              add({ base: `Err${k.node}`, ...per, kind: "error", given: false, layer: L, node: k.node,
                path: `${pre}.err[${k.index}]`, description: `error of output ${k.node}: T${k.node} − Y${k.node}`,
                ...exprQ(sub(S(sym.t(k.node)), S(sym.a(k.node)))) });
            }
            break;
          }
          case "loss-gradient":
          case "hidden-gradient":
            if (st.kind === "hidden-gradient") {
              for (const k of net.layers[st.layer + 1]!.neurons) {
                add({ base: `dZ${k.node}dY${node}`, ...per, kind: "net-input-by-activation", given: false, layer: st.layer + 1, node: k.node,
                  path: `${pre}.dz_da[${st.layer}][${k.index}][${n!.index}]`,
                  description: `∂Z${k.node}/∂Y${node} (the weight W${pair(node!, k.node, nodeCount)})`,
                  ...exprQ(S(sym.w(node!, k.node))) });
              }
            }
            add({ base: `dLdY${node}`, ...per, kind: "loss-gradient", given: false, layer: st.layer, node, id: st.defines,
              path: nodePath("dL_da", n!), description: `∂Loss/∂Y${node}`, ...fromStep(st) });
            break;
          case "output-delta":
          case "hidden-delta": {
            const layer = net.layers[st.layer]!;
            if (layer.activation!.elementwise) derivativeOf(st.layer, n!, n!);
            else for (const i of layer.neurons) derivativeOf(st.layer, i, n!);
            add({ base: `delta${node}`, ...per, kind: "delta", given: false, layer: st.layer, node, id: st.defines,
              path: nodePath("dL_dz", n!), aliases: [`dLdZ${node}`], description: `δ${node} = ∂Loss/∂Z${node}`,
              ...fromStep(deltaStep.get(st.defines)!) });
            break;
          }
          case "weight-gradient":
          case "bias-gradient": {
            const p = paramById.get(st.param!)!;
            if (p.kind === "weight") {
              add({ base: `dZ${p.to.node}dW${pair(p.from.node, p.to.node, nodeCount)}`, ...per, kind: "net-input-by-weight", given: false,
                layer: p.layer, node: p.to.node, path: `${pre}.dz_dW[${p.layer - 1}][${p.row}][${p.col}]`,
                description: `∂Z${p.to.node}/∂W${pair(p.from.node, p.to.node, nodeCount)} (the input it multiplies)`,
                ...exprQ(S(out(p.from))) });
            }
            const gb = base(st.defines);
            add({
              base: gb, update: u, ...(single ? {} : { sample: s }),
              kind: p.kind === "weight" ? "weight-gradient" : "bias-gradient", given: false, layer: p.layer,
              ...(p.kind === "weight" ? { node: p.to.node } : {}), id: st.defines,
              path: single ? paramPath(p, `updates[${u}].dL_d${p.kind === "weight" ? "W" : "b"}`) : paramPath(p, `${pre}.dL_d${p.kind === "weight" ? "W" : "b"}`),
              altPaths: single ? [paramPath(p, `${pre}.dL_d${p.kind === "weight" ? "W" : "b"}`)] : [],
              aliases: [`dLd${base(p.id)}`, ...paramAlt(p).map((a) => `d${a}`)],
              description: `∂Loss/∂${base(p.id)}${single ? "" : ` for sample ${s + 1}`}`,
              ...fromStep(st),
            });
            break;
          }
          default:
            break;
        }
      }
    });

    // ── the update: batch gradients and loss, new parameters, loss after ──
    if (!single) {
      const scale = spec.reduction === "mean" ? 1 / N : 1;
      for (const p of net.parameters) {
        const gid = sym.grad(p.id);
        add({
          base: base(gid), update: u, kind: p.kind === "weight" ? "weight-gradient" : "bias-gradient", given: false, layer: p.layer,
          id: gid, path: paramPath(p, `updates[${u}].dL_d${p.kind === "weight" ? "W" : "b"}`),
          aliases: [`dLd${base(p.id)}`, ...paramAlt(p).map((a) => `d${a}`)],
          description: `∂Loss/∂${base(p.id)} of the update (${spec.reduction} over ${N} samples)`,
          reduce: { keys: sampleIndices.map((_, s) => fullKey(base(gid), u, s)), scale },
        });
      }
      add({
        base: "Loss", update: u, kind: "loss", given: false, layer: L, id: sym.loss, path: `updates[${u}].loss`,
        description: `the loss of the update (${spec.reduction} over ${N} samples)`,
        reduce: { keys: sampleIndices.map((_, s) => fullKey("Loss", u, s)), scale },
      });
    }
    for (const st of steps) {
      if (st.kind !== "update") continue;
      const p = paramById.get(st.param!)!;
      add({
        base: base(st.defines), update: u, kind: "updated", given: false, layer: p.layer, id: st.defines,
        ...(p.kind === "weight" ? { node: p.to.node } : {}),
        path: paramPath(p, `updates[${u}].${p.kind === "weight" ? "W" : "b"}`),
        aliases: paramAlt(p).map((a) => `${a}'`),
        description: `${paramWords(p)} after update ${u + 1}`,
        expr: st.expr, bindings: bind(st.expr, u, undefined),
      });
    }
    // Loss after: the same samples through the new parameters.
    const after = (p: Parameter) => (trained(p) ? fullKey(`${base(p.id)}'`, u, undefined) : fullKey(base(p.id), 0, undefined));
    const afterKeys = net.parameters.map(after);
    const xKeys = sampleIndices.map((_, s) => net.layers[0]!.neurons.map((n) => fullKey(`X${n.node}`, u, s)));
    const tKeys = sampleIndices.map((_, s) => outL.neurons.map((k) => fullKey(`T${k.node}`, u, s)));
    const q = add({
      base: "Loss'", update: u, kind: "loss-after", given: false, layer: L, id: sym.lossAfter, path: `updates[${u}].loss_after`,
      description: `the loss after update ${u + 1} (same samples, new parameters)`,
      custom: (get) => {
        const W = net.layers.slice(1).map((layer) => layer.neurons.map(() => new Array<number>(net.layers[layer.index - 1]!.neurons.length).fill(0)));
        const b: (number | number[])[] = spec.biases.map((bl) => (typeof bl === "number" ? 0 : bl.map(() => 0)));
        net.parameters.forEach((p, i) => {
          const v = get(afterKeys[i]!);
          if (p.kind === "weight") W[p.layer - 1]![p.row]![p.col] = v;
          else if (p.shared) b[p.layer - 1] = v;
          else (b[p.layer - 1] as number[])[p.row] = v;
        });
        const losses = xKeys.map((xs, s) =>
          evaluateSample(net, { W, b }, { input: xs.map(get), target: tKeys[s]!.map(get) }).loss);
        const sum = losses.reduce((x, y) => x + y, 0);
        return spec.reduction === "mean" ? sum / losses.length : sum;
      },
    });
    q.deps.push(...afterKeys, ...xKeys.flat(), ...tKeys.flat());
  });

  // A given value sits just before its first use, so that "the first wrong step" reads naturally.
  const firstUse = new Map<string, number>();
  for (const q of quantities) for (const d of q.deps) if (!firstUse.has(d)) firstUse.set(d, q.order);
  for (const q of quantities) if (q.given) q.order = (firstUse.get(q.key) ?? q.order) - 0.5 + q.order * 1e-9;
  quantities.sort((a, b) => a.order - b.order);
  quantities.forEach((q, i) => (q.order = i));

  return { network: net, quantities, byKey, nUpdates: plan.length, samplesPerUpdate: plan.map((p) => p.length), hasNumbers };
}
