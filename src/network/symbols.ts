/**
 * Symbol ids: plain strings that name one quantity of the network, independent of notation.
 * Nodes are numbered 1, 2, … through the network, inputs first (as seeds 000/001 number them).
 * notation/ turns these ids into W_{35}, \delta_{5}, w_5, …; nothing else parses them.
 *
 *   x_1        input of node 1            z_3 / a_3   net input / activation of node 3
 *   t_5        target of output node 5    w_3_5       weight from node 3 to node 5
 *   b_3        bias of node 3             bl_2        shared bias of layer 2 (layers counted from 0 = input)
 *   delta_5    ∂L/∂z_5                    dLda_5      ∂L/∂a_5
 *   dLdx_1     ∂L/∂x_1 (input node 1)
 *   dL_dw_3_5  ∂L/∂w_3_5                  dL_db_3 / dL_dbl_2
 *   new_w_3_5  w_3_5 after the update     new_b_3 / new_bl_2
 *   L          the loss                   L_after     the loss after the update      eta  η
 *
 * The training rules (CONTRACT §5) add, per trained parameter p (an id above):
 *   v_p, m_p, s_p          the optimizer's state before the update (velocity, first and second moment)
 *   newv_p, newm_p, news_p the state after the update (the answer key's `state`)
 *   mhat_p, shat_p         Adam's bias-corrected moments
 *   g_p                    the gradient the optimizer takes, the L2 term λw included (only with l2)
 *   L_reg                  the update's loss plus (λ/2)Σw² (only with l2)
 *   hp_mu, hp_rho, hp_beta1, hp_beta2, hp_epsilon, hp_lambda, hp_wd, hp_t
 *                          the settings μ, ρ, β₁, β₂, ε, λ, λ_wd and the update's number t
 */
export const sym = {
  x: (node: number) => `x_${node}`,
  z: (node: number) => `z_${node}`,
  a: (node: number) => `a_${node}`,
  t: (node: number) => `t_${node}`,
  w: (from: number, to: number) => `w_${from}_${to}`,
  b: (node: number) => `b_${node}`,
  sharedBias: (layer: number) => `bl_${layer}`,
  delta: (node: number) => `delta_${node}`,
  dLda: (node: number) => `dLda_${node}`,
  dLdx: (node: number) => `dLdx_${node}`,
  grad: (param: string) => `dL_d${param}`,
  updated: (param: string) => `new_${param}`,
  loss: "L",
  lossAfter: "L_after",
  eta: "eta",
  /** The optimizer's state before the update. */
  state: (q: StateQuantity, param: string) => `${q}_${param}`,
  /** The optimizer's state after the update. */
  newState: (q: StateQuantity, param: string) => `new${q}_${param}`,
  /** Adam's bias-corrected m̂ and ŝ. */
  hat: (q: "m" | "s", param: string) => `${q}hat_${param}`,
  /** The gradient the optimizer takes: ∂L/∂p plus λp (l2). */
  g: (param: string) => `g_${param}`,
  lossReg: "L_reg",
  hyper: (h: HyperName) => `hp_${h}`,
} as const;

/** The optimizer's state quantities: velocity v, first moment m, second moment s. */
export type StateQuantity = "v" | "m" | "s";
/** The training settings a formula names, and the update's number t. */
export const HYPERS = ["mu", "rho", "beta1", "beta2", "epsilon", "lambda", "wd", "t"] as const;
export type HyperName = (typeof HYPERS)[number];
/** The spec field (CONTRACT §5) each setting comes from; t is the update's number. */
export const HYPER_FIELDS = {
  mu: "momentum",
  rho: "rho",
  beta1: "beta1",
  beta2: "beta2",
  epsilon: "epsilon",
  lambda: "l2",
  wd: "weight_decay",
} as const satisfies Record<Exclude<HyperName, "t">, string>;

export type SymbolKind =
  | "x"
  | "z"
  | "a"
  | "t"
  | "w"
  | "b"
  | "bl"
  | "delta"
  | "dLda"
  | "dLdx"
  | "grad"
  | "updated"
  | "L"
  | "L_after"
  | "eta"
  | "state"
  | "newstate"
  | "hat"
  | "g"
  | "L_reg"
  | "hyper";

export interface ParsedSymbol {
  kind: SymbolKind;
  /** Node numbers (or the layer number for `bl`); a parameter's own for the kinds with `inner`. */
  indices: number[];
  /** For grad/updated/state/newstate/hat/g: the parameter symbol inside. */
  inner?: ParsedSymbol;
  /** state/newstate/hat: v, m or s; hyper: the setting's name. */
  name?: string;
}

const GRAD = "dL_d";
const UPDATED = "new_";
const HYPER = "hp_";
const INDEXED = new Set<string>(["x", "z", "a", "t", "w", "b", "bl", "delta", "dLda", "dLdx"]);
/** Prefixes (before the first `_`) of the ids that wrap a parameter id, and their kind. */
const WRAPPERS: Record<string, { kind: SymbolKind; name?: string }> = {
  v: { kind: "state", name: "v" },
  m: { kind: "state", name: "m" },
  s: { kind: "state", name: "s" },
  newv: { kind: "newstate", name: "v" },
  newm: { kind: "newstate", name: "m" },
  news: { kind: "newstate", name: "s" },
  mhat: { kind: "hat", name: "m" },
  shat: { kind: "hat", name: "s" },
  g: { kind: "g" },
};
const isParameterId = (s: ParsedSymbol | undefined): s is ParsedSymbol =>
  s !== undefined && (s.kind === "w" || s.kind === "b" || s.kind === "bl");

export function parseSymbol(id: string): ParsedSymbol | undefined {
  if (id === "L") return { kind: "L", indices: [] };
  if (id === "L_after") return { kind: "L_after", indices: [] };
  if (id === "L_reg") return { kind: "L_reg", indices: [] };
  if (id === "eta") return { kind: "eta", indices: [] };
  if (id.startsWith(HYPER)) {
    const name = id.slice(HYPER.length);
    return (HYPERS as readonly string[]).includes(name) ? { kind: "hyper", indices: [], name } : undefined;
  }
  const param = parameterOf(id);
  if (param !== undefined) {
    const inner = parseSymbol(param);
    if (!isParameterId(inner)) return undefined;
    const wrapper = WRAPPERS[id.slice(0, id.indexOf("_"))];
    const kind: SymbolKind = id.startsWith(GRAD) ? "grad" : id.startsWith(UPDATED) ? "updated" : wrapper!.kind;
    return {
      kind,
      indices: inner.indices,
      inner,
      ...(wrapper?.name !== undefined && !id.startsWith(UPDATED) ? { name: wrapper.name } : {}),
    };
  }
  const m = /^(x|z|a|t|w|b|bl|delta|dLda|dLdx)((?:_\d+)+)$/.exec(id);
  if (!m) return undefined;
  const indices = m[2]!.slice(1).split("_").map(Number);
  const kind = m[1] as SymbolKind;
  const arity = kind === "w" ? 2 : 1;
  return indices.length === arity ? { kind, indices } : undefined;
}

/**
 * The kind of an id, from its prefix alone (cheap enough for every lookup; parseSymbol checks
 * the indices too).
 */
export function kindOf(id: string): SymbolKind | undefined {
  if (id === "L" || id === "L_after" || id === "L_reg" || id === "eta") return id;
  if (id.startsWith(GRAD)) return "grad";
  if (id.startsWith(UPDATED)) return "updated";
  if (id.startsWith(HYPER)) return "hyper";
  const kind = id.slice(0, id.indexOf("_"));
  if (INDEXED.has(kind)) return kind as SymbolKind;
  return WRAPPERS[kind]?.kind;
}

/**
 * The parameter a gradient, an updated value or an optimizer quantity is of: "w_3_5" for
 * "dL_dw_3_5", "new_w_3_5", "v_w_3_5", "newm_w_3_5", "shat_w_3_5" and "g_w_3_5".
 */
export function parameterOf(id: string): string | undefined {
  if (id.startsWith(GRAD)) return id.slice(GRAD.length);
  if (id.startsWith(UPDATED)) return id.slice(UPDATED.length);
  const cut = id.indexOf("_");
  if (cut > 0 && Object.prototype.hasOwnProperty.call(WRAPPERS, id.slice(0, cut))) return id.slice(cut + 1);
  return undefined;
}

/** The node a one-node id names: 3 for z_3, a_3, delta_3, dLda_3, dLdx_3, b_3, x_3, t_3. */
export function nodeOf(id: string): number {
  return Number(id.slice(id.lastIndexOf("_") + 1));
}
