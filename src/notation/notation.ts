import type { HyperName, Network, ParsedSymbol } from "../network/index.js";
import { kindOf, nodeOf, parameterOf, parseSymbol, sym } from "../network/index.js";
import type { ConventionName, NotationName } from "../spec/index.js";
import { resolveLetters } from "./letters.js";
import type { IndexKind, Numbering, Place } from "./schemes.js";
import { SCHEMES } from "./schemes.js";
import type { Letter, Notation, SymbolParts } from "./types.js";

interface OptimizerSymbol {
  tex(inner: (id: string) => string): string;
  ascii(inner: (id: string) => string): string;
  text(inner: (id: string) => string): string;
}
const fixed = (tex: string, ascii: string, text: string): OptimizerSymbol => ({ tex: () => tex, ascii: () => ascii, text: () => text });
/** The training settings as formulas write them (PyTorch's documentation names them so). */
const HYPER_SYMBOLS: Record<HyperName, OptimizerSymbol> = {
  mu: fixed("\\mu", "mu", "μ"),
  rho: fixed("\\rho", "rho", "ρ"),
  beta1: fixed("\\beta_{1}", "beta1", "β₁"),
  beta2: fixed("\\beta_{2}", "beta2", "β₂"),
  epsilon: fixed("\\varepsilon", "epsilon", "ε"),
  lambda: fixed("\\lambda", "lambda", "λ"),
  wd: fixed("\\lambda_{\\mathrm{wd}}", "lambda_wd", "λ_wd"),
  t: fixed("t", "t", "t"),
};

const SUB_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
const SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const toSub = (s: string): string => s.replace(/[0-9]/g, (d) => SUB_DIGITS[Number(d)]!);
const toSup = (s: string): string => s.replace(/[0-9]/g, (d) => SUP_DIGITS[Number(d)]!);

/**
 * Indices joined as written: `35`, or `10,12` when an index has two or more digits. `wide` (the
 * network has numbers of two digits anywhere) separates every symbol's indices, so that
 * W_{1,7} and W_{10,12} are read alike in one document.
 */
export function joinIndices(sub: readonly number[], wide = false): string {
  return wide || sub.some((i) => i >= 10) ? sub.join(",") : sub.join("");
}

function numbering(net: Network): Numbering {
  const places = new Map<number, Place>();
  for (const layer of net.layers) for (const n of layer.neurons) places.set(n.node, { layer: n.layer, index: n.index });
  const weights = new Map<string, number>();
  const biases = new Map<string, number>();
  for (const p of net.parameters) {
    if (p.kind === "weight") weights.set(p.id, weights.size + 1);
    else biases.set(p.id, biases.size + 1);
  }
  const lookup = (m: Map<string, number>, id: string): number => {
    const v = m.get(id);
    if (v === undefined) throw new Error(`internal error: the network has no parameter ${id}`);
    return v;
  };
  return {
    net,
    place: (node) => {
      const p = places.get(node);
      if (!p) throw new Error(`internal error: the network has no node ${node}`);
      return p;
    },
    weightNumber: (id) => lookup(weights, id),
    biasNumber: (id) => lookup(biases, id),
    hasParameter: (id) => weights.has(id) || biases.has(id),
    inputCount: net.layers[0]!.neurons.length,
    outputLayer: net.layers.length - 1,
  };
}

/** True when the parsed symbol names something this network has. */
function exists(net: Network, n: Numbering, s: ParsedSymbol): boolean {
  const has = (node: number) => Number.isInteger(node) && node >= 1 && node <= net.nodeCount;
  const layerOf = (node: number) => n.place(node).layer;
  switch (s.kind) {
    case "x":
    case "dLdx":
      return has(s.indices[0]!) && layerOf(s.indices[0]!) === 0;
    case "t":
      return has(s.indices[0]!) && layerOf(s.indices[0]!) === n.outputLayer;
    case "z":
    case "a":
    case "delta":
    case "dLda":
      return has(s.indices[0]!) && layerOf(s.indices[0]!) > 0;
    case "w":
    case "b":
    case "bl":
      return n.hasParameter(`${s.kind}_${s.indices.join("_")}`);
    default:
      return true;
  }
}

// Notations depend on the network's structure only (its layers and parameters, never its
// numbers): variants of a problem set share one network structure, and so one notation.
const made = new WeakMap<Network["parameters"], Map<string, { layers: Network["layers"]; nodeCount: number; notation: Notation }>>();

/**
 * The notation for one network: `name` picks the scheme, `letters` overrides its letters,
 * `convention` decides whether −∂L/∂a is written as an error (Err) or as a derivative.
 * Made once per network structure, notation, convention and letters.
 */
export function makeNotation(
  net: Network,
  name: NotationName,
  convention: ConventionName,
  overrides?: Readonly<Record<string, string>>,
): Notation {
  let byKey = made.get(net.parameters);
  if (!byKey) {
    byKey = new Map();
    made.set(net.parameters, byKey);
  }
  const key = `${name}|${convention}|${overrides ? JSON.stringify(overrides) : ""}`;
  const hit = byKey.get(key);
  if (hit && hit.layers === net.layers && hit.nodeCount === net.nodeCount) return hit.notation;
  const notation = buildNotation(net, name, convention, overrides);
  byKey.set(key, { layers: net.layers, nodeCount: net.nodeCount, notation });
  return notation;
}

function buildNotation(
  net: Network,
  name: NotationName,
  convention: ConventionName,
  overrides?: Readonly<Record<string, string>>,
): Notation {
  const scheme = SCHEMES[name];
  const base = resolveLetters(
    {
      ...scheme.letters,
      hidden: scheme.letters.hidden ?? scheme.letters.activation,
      output: scheme.letters.output ?? scheme.letters.activation,
    },
    overrides,
  );
  // An override of `activation` alone renames hidden and output activations too.
  if (overrides?.activation !== undefined) {
    if (overrides.hidden === undefined) base.hidden = base.activation;
    if (overrides.output === undefined) base.output = base.activation;
  }
  const letters = base;
  const num = numbering(net);
  const maxSize = Math.max(...net.layers.map((l) => l.neurons.length));
  const wide = name === "node" ? net.nodeCount >= 10 : name === "layer" ? Math.max(maxSize, net.layers.length) >= 10 : maxSize >= 10;
  const cache = new Map<string, SymbolParts | null>();

  const partsOf = (id: string): SymbolParts | undefined => {
    const hit = cache.get(id);
    if (hit !== undefined) return hit ?? undefined;
    const s = parseSymbol(id);
    let result: SymbolParts | undefined;
    if (s && !s.inner && s.kind !== "L" && s.kind !== "L_after" && s.kind !== "eta" && s.kind !== "dLdx" && exists(net, num, s)) {
      let kind: IndexKind;
      let l: Letter;
      switch (s.kind) {
        case "x":
          kind = "x";
          l = letters.input;
          break;
        case "z":
          kind = "z";
          l = letters.net;
          break;
        case "a":
          kind = "a";
          l = num.place(s.indices[0]!).layer === num.outputLayer ? letters.output : letters.hidden;
          break;
        case "t":
          kind = "t";
          l = letters.target;
          break;
        case "w":
          kind = "w";
          l = letters.weight;
          break;
        case "b":
          kind = "b";
          l = letters.bias;
          break;
        case "bl":
          kind = "bl";
          l = letters.bias;
          break;
        case "delta":
          kind = "delta";
          l = letters.delta;
          break;
        case "dLda":
          kind = "err";
          l = letters.error;
          break;
        default:
          kind = "x";
          l = letters.input;
      }
      result = { letter: l, ...scheme.indices(kind, s.indices, num) };
    }
    cache.set(id, result ?? null);
    return result;
  };
  const must = (id: string): SymbolParts => {
    const p = partsOf(id);
    if (!p) throw new Error(`internal error: symbol ${id} names nothing in this network`);
    return p;
  };
  const texParts = (p: SymbolParts, extraSup?: string): string => {
    const sups = [...(p.sup !== undefined ? [`(${p.sup})`] : []), ...(extraSup ? [extraSup] : [])];
    const sub = p.sub.length > 0 ? `_{${joinIndices(p.sub, wide)}}` : "";
    return `${p.letter.tex}${sups.length ? `^{${sups.join(",")}}` : ""}${sub}`;
  };
  const asciiParts = (p: SymbolParts): string => `${p.letter.ascii}${p.sup !== undefined ? `(${p.sup})` : ""}${joinIndices(p.sub, wide)}`;
  const textParts = (p: SymbolParts): string =>
    `${p.letter.text}${p.sup !== undefined ? toSup(`(${p.sup})`).replace("(", "⁽").replace(")", "⁾") : ""}${toSub(joinIndices(p.sub, wide))}`;

  /** ∂L/∂a_j, written as a partial derivative (the error convention names it Err_j instead). */
  const isPartialOfA = (id: string) => convention !== "error" && kindOf(id) === "dLda";
  const L = letters.loss;
  /**
   * ∂L/∂x_i is written as a partial derivative in both conventions (an input has no error of
   * its own: the error convention writes −∂L/∂x_i, see render/view/input-gradient.ts).
   */
  const inputOf = (id: string): string => {
    const x = sym.x(nodeOf(id));
    must(x);
    return x;
  };

  const texCache = new Map<string, string>();
  const tex = (id: string): string => {
    let t = texCache.get(id);
    if (t === undefined) {
      t = texOf(id);
      texCache.set(id, t);
    }
    return t;
  };
  const texOf = (id: string): string => {
    if (id === "L") return L.tex;
    if (id === "L_after") return `${L.tex}^{\\mathrm{new}}`;
    if (id === "L_reg") return `${L.tex}_{\\mathrm{reg}}`;
    if (id === "eta") return "\\eta";
    const kind = kindOf(id);
    const opt = optimizerSymbol(id);
    if (opt) return opt.tex(tex);
    if (kind === "grad") return partial("L", parameterOf(id)!);
    if (kind === "updated") return texParts(must(parameterOf(id)!), "\\mathrm{new}");
    if (isPartialOfA(id)) return partial("L", sym.a(nodeOf(id)));
    if (kind === "dLdx") return partial("L", inputOf(id));
    return texParts(must(id));
  };
  /** The optimizer's quantities name their parameter: v_{w_{35}}, \hat{m}_{w_{35}}, g_{w_{35}}. */
  const optimizerSymbol = (id: string): OptimizerSymbol | undefined => {
    const s = parseSymbol(id);
    if (!s) return undefined;
    if (s.kind === "hyper") return HYPER_SYMBOLS[s.name as HyperName];
    if (s.kind !== "state" && s.kind !== "newstate" && s.kind !== "hat" && s.kind !== "g") return undefined;
    const param = parameterOf(id)!;
    must(param);
    const letter = s.name ?? "g";
    const hat = s.kind === "hat";
    const isNew = s.kind === "newstate";
    return {
      tex: (t) => `${hat ? `\\hat{${letter}}` : letter}${isNew ? "^{\\mathrm{new}}" : ""}_{${t(param)}}`,
      ascii: (a) => `${letter}${hat ? "hat" : ""}_${a(param)}${isNew ? "_new" : ""}`,
      text: (x) => `${letter}${hat ? "\u0302" : ""}_${x(param)}${isNew ? " (new)" : ""}`,
    };
  };
  const partial = (of: string, wrt: string): string => `\\frac{\\partial ${tex(of)}}{\\partial ${tex(wrt)}}`;
  const ascii = (id: string): string => {
    if (id === "L") return L.ascii;
    if (id === "L_after") return `${L.ascii}_new`;
    if (id === "L_reg") return `${L.ascii}_reg`;
    if (id === "eta") return "eta";
    const kind = kindOf(id);
    const opt = optimizerSymbol(id);
    if (opt) return opt.ascii(ascii);
    if (kind === "grad") return `d${L.ascii}/d${ascii(parameterOf(id)!)}`;
    if (kind === "updated") return `${ascii(parameterOf(id)!)}_new`;
    if (isPartialOfA(id)) return `d${L.ascii}/d${ascii(sym.a(nodeOf(id)))}`;
    if (kind === "dLdx") return `d${L.ascii}/d${ascii(inputOf(id))}`;
    return asciiParts(must(id));
  };
  const text = (id: string): string => {
    if (id === "L") return L.text;
    if (id === "L_after") return `${L.text} (new)`;
    if (id === "L_reg") return `${L.text}_reg`;
    if (id === "eta") return "η";
    const kind = kindOf(id);
    const opt = optimizerSymbol(id);
    if (opt) return opt.text(text);
    if (kind === "grad") return `∂${L.text}/∂${text(parameterOf(id)!)}`;
    if (kind === "updated") return `${text(parameterOf(id)!)} (new)`;
    if (isPartialOfA(id)) return `∂${L.text}/∂${text(sym.a(nodeOf(id)))}`;
    if (kind === "dLdx") return `∂${L.text}/∂${text(inputOf(id))}`;
    return textParts(must(id));
  };
  return {
    name,
    convention,
    description: scheme.description,
    letters,
    tex,
    ascii,
    text,
    partial,
    parts: partsOf,
  };
}
