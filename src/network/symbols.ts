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
} as const;

export type SymbolKind =
  "x" | "z" | "a" | "t" | "w" | "b" | "bl" | "delta" | "dLda" | "dLdx" | "grad" | "updated" | "L" | "L_after" | "eta";

export interface ParsedSymbol {
  kind: SymbolKind;
  /** Node numbers (or the layer number for `bl`). */
  indices: number[];
  /** For grad/updated: the parameter symbol inside. */
  inner?: ParsedSymbol;
}

const GRAD = "dL_d";
const UPDATED = "new_";
const INDEXED = new Set<string>(["x", "z", "a", "t", "w", "b", "bl", "delta", "dLda", "dLdx"]);

export function parseSymbol(id: string): ParsedSymbol | undefined {
  if (id === "L") return { kind: "L", indices: [] };
  if (id === "L_after") return { kind: "L_after", indices: [] };
  if (id === "eta") return { kind: "eta", indices: [] };
  const param = parameterOf(id);
  if (param !== undefined) {
    const inner = parseSymbol(param);
    return inner ? { kind: id.startsWith(GRAD) ? "grad" : "updated", indices: inner.indices, inner } : undefined;
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
  if (id === "L" || id === "L_after" || id === "eta") return id;
  if (id.startsWith(GRAD)) return "grad";
  if (id.startsWith(UPDATED)) return "updated";
  const kind = id.slice(0, id.indexOf("_"));
  return INDEXED.has(kind) ? (kind as SymbolKind) : undefined;
}

/** The parameter a gradient or an updated value is of: "w_3_5" for "dL_dw_3_5" and "new_w_3_5". */
export function parameterOf(id: string): string | undefined {
  if (id.startsWith(GRAD)) return id.slice(GRAD.length);
  if (id.startsWith(UPDATED)) return id.slice(UPDATED.length);
  return undefined;
}

/** The node a one-node id names: 3 for z_3, a_3, delta_3, dLda_3, dLdx_3, b_3, x_3, t_3. */
export function nodeOf(id: string): number {
  return Number(id.slice(id.lastIndexOf("_") + 1));
}
