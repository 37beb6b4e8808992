import type { MathNode, Step } from "../derive/index.js";
import { S, instantiate, mul, neg, num, paren, sub } from "../derive/index.js";
import type { Neuron, Parameter } from "../network/index.js";
import { outputLayer, sym } from "../network/index.js";
import { evaluateSample } from "../numeric/index.js";
import type { GraphContext, QuantityDraft } from "./graph-context.js";
import { fullKey, pair } from "./names.js";
import type { Quantity } from "./quantity.js";

/**
 * The quantities of one update, in derivation order: each sample's forward pass, loss and
 * backward pass, then (for a batch) the reduced gradients and loss, the new parameters and the
 * loss after the update. Every update has the same ones; only the update number differs.
 */
export function updateBuilder(ctx: GraphContext): (add: (q: QuantityDraft) => Quantity, u: number) => void {
  const { net, plan, base, trained, paramById, bind, paramPath, paramAlt, paramWords, stateWords } = ctx;
  const l2 = ctx.rules.l2 > 0;
  const LAMBDA = base(sym.hyper("lambda"));
  const spec = net.spec;
  const nodeCount = net.nodeCount;
  const L = net.layers.length - 1;
  const outL = outputLayer(net);
  const nan = Number.NaN;
  const steps = ctx.derivation.steps;
  const out = (n: Neuron): string => (n.layer === 0 ? sym.x(n.node) : sym.a(n.node));
  const deltaStep = new Map<string, Step>();
  for (const st of steps) if (st.perSample && !deltaStep.has(st.defines)) deltaStep.set(st.defines, st);

  return (add, u) => {
    const sampleIndices = plan[u]!;
    const N = sampleIndices.length;
    const single = N === 1;
    sampleIndices.forEach((sampleIndex, s) => {
      const sample = spec.samples[sampleIndex];
      const pre = `updates[${u}].samples[${s}]`;
      const nodePath = (field: string, n: Neuron) => `${pre}.${field}[${n.layer - 1}][${n.index}]`;
      const per = { update: u, sample: s };
      for (const n of net.layers[0]!.neurons) {
        add({
          base: `X${n.node}`,
          ...per,
          kind: "input",
          given: true,
          layer: 0,
          node: n.node,
          id: sym.x(n.node),
          path: `${pre}.input[${n.index}]`,
          constant: sample?.input[n.index] ?? nan,
          description: `input ${n.node} (given)`,
        });
      }
      for (const k of outL.neurons) {
        add({
          base: `T${k.node}`,
          ...per,
          kind: "target",
          given: true,
          layer: L,
          node: k.node,
          id: sym.t(k.node),
          path: `${pre}.target[${k.index}]`,
          constant: sample?.target[k.index] ?? nan,
          description: `target of output ${k.node} (given)`,
        });
      }
      const fromStep = (st: Step) => ({ expr: st.expr, bindings: bind(st.expr, u, s) });
      const exprQ = (expr: MathNode) => ({ expr, bindings: bind(expr, u, s) });
      const derivativeOf = (layerIndex: number, i: Neuron, k: Neuron) => {
        const f = net.layers[layerIndex]!.activation!;
        // ∂a_i/∂z_k: f′ on the diagonal; softmax −a_i a_k off it
        const expr =
          i.node === k.node
            ? instantiate(f.symbolicDerivative, { z: S(sym.z(i.node)), a: S(sym.a(i.node)) })
            : neg(mul(S(sym.a(i.node)), S(sym.a(k.node))));
        add({
          base: `dY${i.node}dZ${k.node}`,
          ...per,
          kind: "activation-derivative",
          given: false,
          layer: layerIndex,
          node: i.node,
          path: `${pre}.da_dz[${layerIndex - 1}][${i.index}][${k.index}]`,
          aliases: i.node === k.node ? [`dYdZ${i.node}`] : [],
          description:
            i.node === k.node ? `${f.label}′ at node ${i.node}: ∂Y${i.node}/∂Z${i.node}` : `softmax cross term ∂Y${i.node}/∂Z${k.node}`,
          ...exprQ(expr),
        });
      };
      const seen = new Set<string>();
      for (const st of steps) {
        if (!st.perSample || seen.has(st.defines)) continue;
        seen.add(st.defines);
        const node = "node" in st ? st.node : undefined;
        const n = node === undefined ? undefined : net.layers[st.layer]!.neurons.find((m) => m.node === node);
        switch (st.kind) {
          case "net-input":
            add({
              base: `Z${node}`,
              ...per,
              kind: "net-input",
              given: false,
              layer: st.layer,
              node,
              id: st.defines,
              path: nodePath("z", n!),
              aliases: [`net${node}`],
              description: `net input of node ${node}`,
              ...fromStep(st),
            });
            break;
          case "activation":
            add({
              base: `Y${node}`,
              ...per,
              kind: "activation",
              given: false,
              layer: st.layer,
              node,
              id: st.defines,
              path: nodePath("a", n!),
              description: `activation (output) of node ${node}`,
              ...fromStep(st),
            });
            break;
          case "loss": {
            const K = outL.neurons.length;
            for (const k of outL.neurons) {
              const term = instantiate(net.loss.symbolicTerm, { a: S(sym.a(k.node)), t: S(sym.t(k.node)), K: num(K) });
              const f = net.loss.symbolicFactor;
              const expr = f === "1" ? term : f === "-1" ? neg(paren(term)) : mul(instantiate(f, { K: num(K) }), paren(term));
              add({
                base: `Loss${k.node}`,
                ...per,
                kind: "loss-term",
                given: false,
                layer: L,
                node: k.node,
                path: `${pre}.loss_terms[${k.index}]`,
                description: `output ${k.node}'s term of the loss`,
                ...exprQ(expr),
              });
            }
            // with l2 the answer key's updates[u].loss is the regularised loss (LossReg); a sample's own loss never has the term
            add({
              base: "Loss",
              update: u,
              ...(single ? {} : { sample: s }),
              kind: "loss",
              given: false,
              layer: L,
              id: sym.loss,
              path: single && !l2 ? `updates[${u}].loss` : `${pre}.loss`,
              altPaths: single && !l2 ? [`${pre}.loss`] : [],
              description: single ? "the loss" : `the loss of sample ${s + 1}`,
              ...fromStep(st),
            });
            for (const k of outL.neurons) {
              add({
                base: `Err${k.node}`,
                ...per,
                kind: "error",
                given: false,
                layer: L,
                node: k.node,
                path: `${pre}.err[${k.index}]`,
                description: `error of output ${k.node}: T${k.node} − Y${k.node}`,
                ...exprQ(sub(S(sym.t(k.node)), S(sym.a(k.node)))),
              });
            }
            break;
          }
          case "loss-gradient":
          case "hidden-gradient":
            if (st.kind === "hidden-gradient") {
              for (const k of net.layers[st.layer + 1]!.neurons) {
                add({
                  base: `dZ${k.node}dY${node}`,
                  ...per,
                  kind: "net-input-by-activation",
                  given: false,
                  layer: st.layer + 1,
                  node: k.node,
                  path: `${pre}.dz_da[${st.layer}][${k.index}][${n!.index}]`,
                  description: `∂Z${k.node}/∂Y${node} (the weight W${pair(node!, k.node, nodeCount)})`,
                  ...exprQ(S(sym.w(node!, k.node))),
                });
              }
            }
            add({
              base: `dLdY${node}`,
              ...per,
              kind: "loss-gradient",
              given: false,
              layer: st.layer,
              node,
              id: st.defines,
              path: nodePath("dL_da", n!),
              description: `∂Loss/∂Y${node}`,
              ...fromStep(st),
            });
            break;
          case "output-delta":
          case "hidden-delta": {
            const layer = net.layers[st.layer]!;
            if (layer.activation!.elementwise) derivativeOf(st.layer, n!, n!);
            else for (const i of layer.neurons) derivativeOf(st.layer, i, n!);
            add({
              base: `delta${node}`,
              ...per,
              kind: "delta",
              given: false,
              layer: st.layer,
              node,
              id: st.defines,
              path: nodePath("dL_dz", n!),
              aliases: [`dLdZ${node}`],
              description: `δ${node} = ∂Loss/∂Z${node}`,
              ...fromStep(deltaStep.get(st.defines)!),
            });
            break;
          }
          case "input-gradient": {
            const i = net.layers[0]!.neurons.find((m) => m.node === node)!;
            add({
              base: `dLdX${node}`,
              ...per,
              kind: "input-gradient",
              given: false,
              layer: 0,
              node,
              id: st.defines,
              path: `${pre}.dL_dx[${i.index}]`,
              description: `∂Loss/∂X${node}, the gradient with respect to input ${node}`,
              ...fromStep(st),
            });
            break;
          }
          case "weight-gradient":
          case "bias-gradient": {
            const p = paramById.get(st.param)!;
            if (p.kind === "weight") {
              add({
                base: `dZ${p.to.node}dW${pair(p.from.node, p.to.node, nodeCount)}`,
                ...per,
                kind: "net-input-by-weight",
                given: false,
                layer: p.layer,
                node: p.to.node,
                path: `${pre}.dz_dW[${p.layer - 1}][${p.row}][${p.col}]`,
                description: `∂Z${p.to.node}/∂W${pair(p.from.node, p.to.node, nodeCount)} (the input it multiplies)`,
                ...exprQ(S(out(p.from))),
              });
            }
            const gb = base(st.defines);
            add({
              base: gb,
              update: u,
              ...(single ? {} : { sample: s }),
              kind: p.kind === "weight" ? "weight-gradient" : "bias-gradient",
              given: false,
              layer: p.layer,
              ...(p.kind === "weight" ? { node: p.to.node } : {}),
              id: st.defines,
              // with l2 the answer key's updates[u].dL_dW is the regularised gradient (gW13)
              path:
                single && !(l2 && p.kind === "weight")
                  ? paramPath(p, `updates[${u}].dL_d${p.kind === "weight" ? "W" : "b"}`)
                  : paramPath(p, `${pre}.dL_d${p.kind === "weight" ? "W" : "b"}`),
              altPaths: single && !(l2 && p.kind === "weight") ? [paramPath(p, `${pre}.dL_d${p.kind === "weight" ? "W" : "b"}`)] : [],
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

    // ── the update: batch gradients and loss, the training rules' quantities, new parameters, loss after ──
    if (!single) {
      const scale = spec.reduction === "mean" ? 1 / N : 1;
      for (const p of net.parameters) {
        const gid = sym.grad(p.id);
        // with l2 the answer key's dL_dW is the regularised gradient (gW13); the loss's own is an extension
        const field = p.kind === "weight" ? (l2 ? "dL_dW_without_l2" : "dL_dW") : "dL_db";
        add({
          base: base(gid),
          update: u,
          kind: p.kind === "weight" ? "weight-gradient" : "bias-gradient",
          given: false,
          layer: p.layer,
          id: gid,
          path: paramPath(p, `updates[${u}].${field}`),
          aliases: [`dLd${base(p.id)}`, ...paramAlt(p).map((a) => `d${a}`)],
          description: `∂Loss/∂${base(p.id)} of the update (${spec.reduction} over ${N} samples)`,
          reduce: { keys: sampleIndices.map((_, s) => fullKey(base(gid), u, s)), scale },
        });
      }
      add({
        base: "Loss",
        update: u,
        kind: "loss",
        given: false,
        layer: L,
        id: sym.loss,
        path: `updates[${u}].${l2 ? "loss_without_l2" : "loss"}`,
        description: `the loss of the update (${spec.reduction} over ${N} samples${l2 ? ", without the L2 term" : ""})`,
        reduce: { keys: sampleIndices.map((_, s) => fullKey("Loss", u, s)), scale },
      });
    }
    const fromUpdateStep = (st: Step) => ({ expr: st.expr, bindings: bind(st.expr, u, undefined) });
    const place = (p: Parameter) => (p.kind === "weight" ? { node: p.to.node } : {});
    const shape = (p: Parameter) => (p.kind === "weight" ? "W" : "b");
    for (const st of steps) {
      if (st.perSample) continue;
      switch (st.kind) {
        case "regularised-loss": {
          // Loss + (λ/2)·Σ W², summed in a loop: a large network's expression is one chain of
          // 50,000 additions, deeper than mathjs may walk when it compiles it.
          const bindings = bind(st.expr, u, undefined);
          const weights = net.parameters.filter((p) => p.kind === "weight").map((p) => p.id);
          add({
            base: base(st.defines),
            update: u,
            kind: "regularised-loss",
            given: false,
            layer: L,
            id: st.defines,
            path: `updates[${u}].loss`,
            description: "the loss with the L2 term: Loss + (λ/2)·Σ W² (the loss the update descends)",
            bindings,
            custom: (get, rebind) => {
              const val = (id: string) => {
                const b = rebind?.(id) ?? bindings[id]!;
                return "key" in b ? get(b.key) : b.value;
              };
              let squares = 0;
              for (const w of weights) squares += val(w) ** 2;
              return val(sym.loss) + (val(sym.hyper("lambda")) / 2) * squares;
            },
          });
          break;
        }
        case "l2-gradient": {
          const p = paramById.get(st.param)!;
          add({
            base: base(st.defines),
            update: u,
            kind: "l2-gradient",
            given: false,
            layer: p.layer,
            ...place(p),
            id: st.defines,
            path: paramPath(p, `updates[${u}].dL_dW`),
            aliases: paramAlt(p).map((a) => `g${a}`),
            description: `the gradient of ${base(p.id)} with the L2 term: ∂Loss/∂${base(p.id)} + λ·${base(p.id)}`,
            ...fromUpdateStep(st),
          });
          break;
        }
        case "state-update": {
          const p = paramById.get(st.param)!;
          add({
            base: base(st.defines),
            update: u,
            kind: "state",
            given: false,
            layer: p.layer,
            ...place(p),
            id: st.defines,
            path: paramPath(p, `updates[${u}].state.${st.quantity}_${shape(p)}`),
            aliases: paramAlt(p).map((a) => `${st.quantity}${a}'`),
            description: `${stateWords(st.quantity)} of ${paramWords(p)} after update ${u + 1}`,
            ...fromUpdateStep(st),
          });
          break;
        }
        case "bias-correction": {
          const p = paramById.get(st.param)!;
          add({
            base: base(st.defines),
            update: u,
            kind: "bias-corrected",
            given: false,
            layer: p.layer,
            ...place(p),
            id: st.defines,
            path: paramPath(p, `updates[${u}].${st.quantity}hat_${shape(p)}`),
            aliases: paramAlt(p).map((a) => `${st.quantity}hat${a}`),
            description: `${st.quantity === "m" ? "m̂" : "ŝ"} of ${base(p.id)} in update ${u + 1}: ${st.quantity} / (1 − ${st.quantity === "m" ? "β₁" : "β₂"}ᵗ)`,
            ...fromUpdateStep(st),
          });
          break;
        }
        case "update": {
          const p = paramById.get(st.param)!;
          add({
            base: base(st.defines),
            update: u,
            kind: "updated",
            given: false,
            layer: p.layer,
            id: st.defines,
            ...place(p),
            path: paramPath(p, `updates[${u}].${shape(p)}`),
            aliases: paramAlt(p).map((a) => `${a}'`),
            description: `${paramWords(p)} after update ${u + 1}`,
            ...fromUpdateStep(st),
          });
          break;
        }
        default:
          break;
      }
    }
    // The step each parameter took (the answer key's step_W, step_b): after − before.
    for (const p of net.parameters) {
      const words = `the change of ${paramWords(p)} in update ${u + 1}`;
      const common = {
        base: `step${base(p.id)}`,
        update: u,
        kind: "step" as const,
        layer: p.layer,
        ...place(p),
        path: paramPath(p, `updates[${u}].step_${shape(p)}`),
        aliases: paramAlt(p).map((a) => `step${a}`),
      };
      if (trained(p)) {
        const expr = sub(S(sym.updated(p.id)), S(p.id));
        add({ ...common, given: false, description: `${words}: ${base(p.id)}' − ${base(p.id)}`, expr, bindings: bind(expr, u, undefined) });
      } else add({ ...common, given: true, constant: 0, description: `${words} (the bias is frozen: 0)` });
    }
    // A frozen bias keeps zero state (the answer key writes it).
    if (!spec.train_biases) {
      for (const q of ctx.stateQuantities) {
        for (const p of net.parameters) {
          if (trained(p)) continue;
          add({
            base: base(sym.newState(q, p.id)),
            update: u,
            kind: "state",
            given: true,
            layer: p.layer,
            id: sym.newState(q, p.id),
            path: paramPath(p, `updates[${u}].state.${q}_b`),
            aliases: [],
            constant: 0,
            description: `${stateWords(q)} of ${paramWords(p)} after update ${u + 1} (the bias is frozen: 0)`,
          });
        }
      }
    }
    // Loss after: the same samples through the new parameters.
    const after = (p: Parameter) => (trained(p) ? fullKey(`${base(p.id)}'`, u, undefined) : fullKey(base(p.id), 0, undefined));
    const afterKeys = net.parameters.map(after);
    const xKeys = sampleIndices.map((_, s) => net.layers[0]!.neurons.map((n) => fullKey(`X${n.node}`, u, s)));
    const tKeys = sampleIndices.map((_, s) => outL.neurons.map((k) => fullKey(`T${k.node}`, u, s)));
    const q = add({
      base: "Loss'",
      update: u,
      kind: "loss-after",
      given: false,
      layer: L,
      id: sym.lossAfter,
      path: `updates[${u}].loss_after`,
      description: `the loss after update ${u + 1} (same samples, new parameters${l2 ? ", with the L2 term" : ""})`,
      custom: (get) => {
        const W = net.layers
          .slice(1)
          .map((layer) => layer.neurons.map(() => new Array<number>(net.layers[layer.index - 1]!.neurons.length).fill(0)));
        const b: (number | number[])[] = spec.biases.map((bl) => (typeof bl === "number" ? 0 : bl.map(() => 0)));
        net.parameters.forEach((p, i) => {
          const v = get(afterKeys[i]!);
          if (p.kind === "weight") W[p.layer - 1]![p.row]![p.col] = v;
          else if (p.shared) b[p.layer - 1] = v;
          else (b[p.layer - 1] as number[])[p.row] = v;
        });
        const losses = xKeys.map((xs, s) => evaluateSample(net, { W, b }, { input: xs.map(get), target: tKeys[s]!.map(get) }).loss);
        const sum = losses.reduce((x, y) => x + y, 0);
        const loss = spec.reduction === "mean" ? sum / losses.length : sum;
        // (λ/2)·Σ W′² over every weight: the answer key's loss_after has the L2 term
        if (!l2) return loss;
        let squares = 0;
        for (const m of W) for (const row of m) for (const w of row) squares += w * w;
        return loss + (get(LAMBDA) / 2) * squares;
      },
    });
    // one by one: a large network has more parameters than a spread may pass as arguments
    for (const k of [afterKeys, xKeys.flat(), tKeys.flat(), l2 ? [LAMBDA] : []].flat()) q.deps.push(k);
  };
}
