import { kindOf } from "../network/index.js";
import type { Binding, Getter, Graph, Quantity } from "./graph.js";
import { baseOfSymbol, compute } from "./graph.js";
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
  out.push({
    mistake: "sign-update",
    text: "the update has the wrong sign (θ + η·∂Loss/∂θ instead of θ − η·∂Loss/∂θ)",
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

const fmt = (x: number): string => String(Number(x.toPrecision(12)));
