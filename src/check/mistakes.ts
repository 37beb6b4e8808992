import { kindOf, parameterOf, parseSymbol, sym } from "../network/index.js";
import { trainingRules } from "../spec/index.js";
import type { Binding, Getter, Graph, Quantity } from "./graph.js";
import { baseOfSymbol, compute } from "./graph.js";
import { negatedInErrorConvention } from "./quantity.js";
import { fullKey } from "./names.js";

/**
 * The known mistakes a wrong value is tested against. Each is a change to the computation
 * (at the step where the mistake is made); the checker recomputes the claimed quantity with
 * the change, from the writer's own earlier values, and compares within the written precision.
 */
export const MISTAKES = [
  "eta-missing",
  "eta-tenth",
  "eta-tenfold",
  "sign-update",
  "missing-f-prime",
  "f-for-f-prime",
  "softmax-cross-term",
  "early-update",
  "reduction",
  "missing-half",
  "missing-factor-2",
  "sign-delta",
  "sign-err",
  "sign-loss-gradient",
  // the training rules (CONTRACT §5)
  "adam-no-bias-correction",
  "adam-t-from-zero",
  "momentum-eta-twice",
  "l2-on-biases",
  "l2-missing",
  "adamw-coupled",
  "sign-state",
  // computational graphs (CONTRACT §6): expression-mistakes.ts
  "fanout-not-summed",
  "multiply-not-swapped",
  "sign-subtract",
  "upstream-missing",
] as const;
export type MistakeId = (typeof MISTAKES)[number];

/** One concrete form of a mistake (e.g. "missing f′ in layer 1"). */
export interface MistakeVariant {
  mistake: MistakeId;
  /** What the writer did, in one phrase. */
  text: string;
  /** True for the quantities whose computation the mistake changes. */
  affects(q: Quantity): boolean;
  /** The quantity's value under the mistake. */
  value(q: Quantity, get: Getter): number;
}

/** Every mistake that can happen in this network, in the order they are tried. */
export function mistakeVariants(g: Graph): MistakeVariant[] {
  const net = g.network;
  const eta = net.spec.learning_rate;
  const L = net.layers.length - 1;
  const out: MistakeVariant[] = [];
  const at = (q: Quantity, base: string) => fullKey(base, q.update, q.sample);
  const withEta = (v: number) => (q: Quantity, get: Getter) => compute(q, get, (s) => (s === "eta" ? { value: v } : undefined));
  const isUpdate = (q: Quantity) => q.kind === "updated";

  if (eta !== 1) out.push({ mistake: "eta-missing", text: "η left out of the update (as if η = 1)", affects: isUpdate, value: withEta(1) });
  out.push({
    mistake: "eta-tenth",
    text: `η / 10 used in the update (${fmt(eta / 10)} instead of ${fmt(eta)})`,
    affects: isUpdate,
    value: withEta(eta / 10),
  });
  if (eta * 10 !== 1) {
    out.push({
      mistake: "eta-tenfold",
      text: `η × 10 used in the update (${fmt(eta * 10)} instead of ${fmt(eta)})`,
      affects: isUpdate,
      value: withEta(eta * 10),
    });
  }
  // θ ← θ + η·∂L/∂θ
  const sgd = trainingRules(net.spec).optimizer === "sgd";
  out.push({
    mistake: "sign-update",
    text: sgd
      ? "the update has the wrong sign (θ + η·∂Loss/∂θ instead of θ − η·∂Loss/∂θ)"
      : "the update has the wrong sign (θ + η·… instead of θ − η·…)",
    affects: isUpdate,
    value: (q, get) => compute(q, get, (s) => (s === "eta" ? { value: -get("eta") } : undefined)),
  });

  for (const layer of net.layers.slice(1)) {
    const f = layer.activation!;
    const l = layer.index;
    const where = l === L ? "the output layer" : `hidden layer ${l}`;
    const isDelta = (q: Quantity) => q.kind === "delta" && q.layer === l;
    if (f.mistakes.includes("missing-f-prime")) {
      // δ_j = ∂L/∂Y_j, the f′ factor dropped
      out.push({
        mistake: "missing-f-prime",
        text: `the factor ${f.label}′(z) is missing from δ in ${where} (δ = ∂Loss/∂Y)`,
        affects: isDelta,
        value: (q, get) => get(at(q, `dLdY${q.node}`)),
      });
    }
    if (f.mistakes.includes("f-for-f-prime")) {
      const name = f.symbol;
      // f(z) in place of f′(z): δ_j = ∂L/∂Y_j · Y_j
      out.push({
        mistake: "f-for-f-prime",
        text: `${name}(z) used for ${name}′(z) in ${where}`,
        affects: (q) => isDelta(q) || (q.kind === "activation-derivative" && q.layer === l),
        value: (q, get) => {
          const y = get(at(q, `Y${q.node}`));
          return q.kind === "delta" ? get(at(q, `dLdY${q.node}`)) * y : y;
        },
      });
    }
    if (f.mistakes.includes("softmax-cross-term")) {
      // softmax: δ_k = ∂L/∂Y_k · Y_k(1 − Y_k), the cross terms −Y_i Y_k dropped
      out.push({
        mistake: "softmax-cross-term",
        text: "the softmax cross terms are left out (δk = ∂Loss/∂Yk · Yk(1 − Yk) only)",
        affects: isDelta,
        value: (q, get) => {
          const y = get(at(q, `Y${q.node}`));
          return get(at(q, `dLdY${q.node}`)) * y * (1 - y);
        },
      });
    }
  }
  if (L >= 2) {
    // ∂L/∂Y_j = Σ_k W′_jk δ_k, with the weights after the update
    out.push({
      mistake: "early-update",
      text: "updated weights used too early: the hidden ∂Loss/∂Y takes Σ W′·δ instead of the weights before the update",
      affects: (q) => q.kind === "loss-gradient" && q.layer < L,
      value: (q, get) =>
        compute(q, get, (s): Binding | undefined =>
          kindOf(s) === "w" ? { key: fullKey(`${baseOfSymbol(s, net.nodeCount)}'`, q.update, undefined) } : undefined,
        ),
    });
  }
  if (g.samplesPerUpdate.some((n) => n > 1)) {
    const mean = net.spec.reduction === "mean";
    out.push({
      mistake: "reduction",
      text: mean ? "summed over the samples instead of the mean" : "averaged over the samples instead of the sum",
      affects: (q) => q.reduce !== undefined,
      value: (q, get) => {
        const n = q.reduce!.keys.length;
        const s = q.reduce!.keys.reduce((acc, k) => acc + get(k), 0);
        return mean ? s : s / n;
      },
    });
  }
  const isLossSide = (q: Quantity) =>
    q.kind === "loss-term" || q.kind === "loss-after" || (q.kind === "loss" && !q.reduce) || (q.kind === "loss-gradient" && q.layer === L);
  out.push({
    mistake: "missing-half",
    text: "a missing ½ (or an extra factor 2) in the loss or its derivative",
    affects: isLossSide,
    value: (q, get) => 2 * compute(q, get),
  });
  out.push({
    mistake: "missing-factor-2",
    text: "a missing factor 2 (or an extra ½) in the loss or its derivative",
    affects: isLossSide,
    value: (q, get) => 0.5 * compute(q, get),
  });

  // Before the signs of δ, Err and ∂Loss/∂Y: a state of the wrong sign is first the state's own
  // (at update 1, v = g: flipping δ at the output gives the same number).
  out.push(...trainingMistakes(g));
  for (const layer of net.layers.slice(1)) {
    const l = layer.index;
    out.push({
      mistake: "sign-delta",
      text: `the sign of δ is flipped${l === L ? "" : ` in hidden layer ${l}`} (Err·f′ = −∂Loss/∂Z is the error convention's δ; delta names ∂Loss/∂Z)`,
      affects: (q) => q.kind === "delta" && q.layer === l,
      value: (q, get) => -compute(q, get),
    });
  }
  out.push({
    mistake: "sign-err",
    text: "the sign of Err is flipped (Y − T instead of T − Y)",
    affects: (q) => q.kind === "error",
    value: (q, get) => -compute(q, get),
  });
  out.push({
    mistake: "sign-loss-gradient",
    text: "the sign of ∂Loss/∂Y is flipped at the output (T − Y instead of Y − T)",
    affects: (q) => q.kind === "loss-gradient" && q.layer === L,
    value: (q, get) => -compute(q, get),
  });
  return out;
}

/**
 * The classic slips of the training rules (CONTRACT §5), each made where it happens: in the
 * bias correction, the state update, the gradient the optimizer takes, or the step.
 */
function trainingMistakes(g: Graph): MistakeVariant[] {
  const net = g.network;
  const rules = trainingRules(net.spec);
  const out: MistakeVariant[] = [];
  const base = (id: string) => baseOfSymbol(id, net.nodeCount);
  const adam = rules.optimizer === "adam" || rules.optimizer === "adamw";
  /** The symbol of q's expression that is of this kind, and the key it is bound to. */
  const bound = (q: Quantity, test: (symbol: string) => boolean): { symbol: string; key: string } | undefined => {
    for (const [symbol, b] of Object.entries(q.bindings)) if ("key" in b && test(symbol)) return { symbol, key: b.key };
    return undefined;
  };
  /** The gradient the optimizer takes in q's formula: g_p (with λp) or ∂L/∂p. */
  const isGradient = (s: string) => kindOf(s) === "grad" || kindOf(s) === "g";
  const paramKind = (q: Quantity) => (q.id === undefined ? undefined : kindOf(parameterOf(q.id) ?? ""));
  const isBias = (q: Quantity) => paramKind(q) === "b" || paramKind(q) === "bl";
  /** A parameter's key before update u (its value after update u − 1). */
  const before = (param: string, u: number) => fullKey(u === 0 ? base(param) : `${base(param)}'`, u === 0 ? 0 : u - 1, undefined);
  const stateOf = (q: Quantity, name: string) => q.kind === "state" && q.id !== undefined && parseSymbol(q.id)?.name === name;
  /** q with its gradient replaced: the state update (or step) as the slip computes it. */
  const withGradient = (q: Quantity, get: Getter, gradient: (g: number, param: string) => number): number => {
    const b = bound(q, isGradient);
    if (!b) return compute(q, get);
    return compute(q, get, (s) => (s === b.symbol ? { value: gradient(get(b.key), parameterOf(b.symbol)!) } : undefined));
  };

  if (adam) {
    // m̂ = m, ŝ = s
    out.push({
      mistake: "adam-no-bias-correction",
      text: "Adam without its bias correction (m̂ = m and ŝ = s instead of m / (1 − β₁ᵗ) and s / (1 − β₂ᵗ))",
      affects: (q) => q.kind === "bias-corrected",
      value: (q, get) => get(bound(q, (s) => kindOf(s) === "newstate")!.key),
    });
    // m̂ = m / (1 − β₁ᵗ⁻¹): at update 1 that divides by 0, so the slip shows from update 2 on
    out.push({
      mistake: "adam-t-from-zero",
      text: "Adam's bias correction with t counted from 0 (1 − βᵗ⁻¹ at update t: t = 1 at update 2)",
      affects: (q) => q.kind === "bias-corrected" && (q.update ?? 0) >= 1,
      value: (q, get) => compute(q, get, (s) => (s === sym.hyper("t") ? { value: q.update! } : undefined)),
    });
  }
  if (rules.optimizer === "momentum") {
    // v ← μ v − η g, then θ ← θ − η v
    out.push({
      mistake: "momentum-eta-twice",
      text: "momentum written v ← μ·v − η·g but applied as θ ← θ − η·v (η taken twice, and the step turned round)",
      affects: (q) => stateOf(q, "v"),
      value: (q, get) => withGradient(q, get, (gv) => -get("eta") * gv),
    });
  }
  if (rules.l2 > 0) {
    const lambda = base(sym.hyper("lambda"));
    // g = ∂L/∂w, and L_reg = L: λ = 0
    out.push({
      mistake: "l2-missing",
      text: "the L2 term left out (the gradient without λ·w, or the loss without (λ/2)·Σ w²)",
      affects: (q) => q.kind === "l2-gradient" || q.kind === "regularised-loss",
      value: (q, get) => compute(q, get, (s) => (s === sym.hyper("lambda") ? { value: 0 } : undefined)),
    });
    if (net.spec.train_biases) {
      const biases = net.parameters.filter((p) => p.kind === "bias");
      const squares = (get: Getter, key: (p: (typeof biases)[number]) => string) => biases.reduce((acc, p) => acc + get(key(p)) ** 2, 0);
      // g_b = ∂L/∂b + λ b, and (λ/2)·Σ b² in the loss
      out.push({
        mistake: "l2-on-biases",
        text: "the L2 term applied to the biases too (∂Loss/∂b + λ·b, and (λ/2)·Σ b² in the loss)",
        affects: (q) =>
          ((q.kind === "state" || q.kind === "updated") && isBias(q)) || q.kind === "regularised-loss" || q.kind === "loss-after",
        value: (q, get) => {
          const u = q.update ?? 0;
          if (q.kind === "regularised-loss") return compute(q, get) + (get(lambda) / 2) * squares(get, (p) => before(p.id, u));
          if (q.kind === "loss-after")
            return compute(q, get) + (get(lambda) / 2) * squares(get, (p) => fullKey(`${base(p.id)}'`, u, undefined));
          return withGradient(q, get, (gv, param) => gv + get(lambda) * get(before(param, u)));
        },
      });
    }
  }
  if (rules.optimizer === "adamw" && rules.weight_decay !== 0) {
    const wd = base(sym.hyper("wd"));
    // m, s from g + λ_wd·w (as L2), and no decay of the weight
    out.push({
      mistake: "adamw-coupled",
      text: "AdamW's decay coupled to the gradient (g + λ_wd·w into m and s, as L2) instead of decaying the weight (w − η·λ_wd·w)",
      affects: (q) => (q.kind === "state" || q.kind === "updated") && paramKind(q) === "w",
      value: (q, get) =>
        q.kind === "updated"
          ? compute(q, get, (s) => (s === sym.hyper("wd") ? { value: 0 } : undefined))
          : withGradient(q, get, (gv, param) => gv + get(wd) * get(before(param, q.update ?? 0))),
    });
  }
  if (rules.optimizer !== "sgd" && rules.optimizer !== "rmsprop") {
    // v, m, m̂ kept with the error convention's sign: minus PyTorch's, read back as such
    const flipped = (id: string) => negatedInErrorConvention(id);
    const reads = (q: Quantity) => Object.keys(q.bindings).some(flipped);
    out.push({
      mistake: "sign-state",
      text:
        "the sign of v, m or m̂ flipped (the plain names, as vW13', and the answer key are PyTorch's, v ← μ·v + g; " +
        "the error convention's notation names are their negatives)",
      affects: (q) => (q.id !== undefined && flipped(q.id)) || reads(q),
      value: (q, get) => {
        const v = compute(q, get, (s) =>
          flipped(s) && "key" in q.bindings[s]! ? { value: -get((q.bindings[s] as { key: string }).key) } : undefined,
        );
        return q.id !== undefined && flipped(q.id) ? -v : v;
      },
    });
  }
  return out;
}

const fmt = (x: number): string => String(Number(x.toPrecision(12)));
