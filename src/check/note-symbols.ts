import type { Notation } from "../notation/index.js";
import { parseSymbol } from "../network/index.js";
import type { Graph, Quantity } from "./graph.js";
import { suggestNames } from "./lookup.js";
import { fullKey } from "./names.js";
import { negatedInErrorConvention } from "./quantity.js";
import { ocrReadings } from "./note-ocr.js";
import { functionOf } from "./note-parse.js";
import type { Token } from "./note-tokens.js";

/**
 * What a written name means. Names are read through the spec's notation first and the plain
 * scheme after it (docs/check.md), tolerantly: case, braces and underscores do not matter
 * (W_{35}, W35, w_{35}), Greek and TeX spellings are read as letters (\omega_5 as w5,
 * \text{Err}_5 as Err5, \hat{y}_1 as yhat1), and a subscript with OCR letters in it (Err_{r6})
 * is read by its digits when that names something.
 */
export type Meaning =
  /** `neg`: the name means minus the quantity (the error convention's Err_j = −∂L/∂a_j). */
  | { r: "key"; key: string; q: Quantity; delta?: true; neg?: true }
  /** A product of quantities (a chain-rule factor such as ∂Y5/∂W35 = f′(Z5)·Y3) and a constant. */
  | { r: "prod"; keys: string[]; c: number; delta?: true }
  | { r: "unknown"; written: string; suggestions: string[] }
  /** A target written without its index (y for y₁). */
  | { r: "bare-target" }
  | { r: "euler" }
  /** A number the note names by a letter: Adam's step count t (the update's number). */
  | { r: "const"; value: number }
  /** Not a name of the network (a prose letter, an index variable): the formula is unreadable. */
  | { r: "generic"; written: string };

export interface Resolver {
  id(tok: Extract<Token, { t: "id" }>): Meaning;
  deriv(tok: Extract<Token, { t: "deriv" }>): Meaning;
  /** The quantity of a plain base name in the first update (`W35'`, `dW35`). */
  plain(base: string): Quantity | undefined;
  /** A written name in the notation's Unicode text, for messages. */
  textOf(q: Quantity): string;
}

const norm = (s: string): string => s.toLowerCase().replace(/[_{}\s\\,]/g, "");

const LOSS_WORDS = new Set(["loss", "l", "j", "e", "etotal", "cost", "c"]);

export function makeResolver(g: Graph, notation: Notation | undefined): Resolver {
  const byName = new Map<string, { q: Quantity; rank: number; neg?: true }[]>();
  const plainBase = new Map<string, Quantity>();
  /** The letters names use, with the number of index digits each takes (W: 2 in W35; a: 2 in a21). */
  const letters = new Map<string, Set<number>>();
  const add = (name: string, q: Quantity, rank: number, neg?: true) => {
    const n = norm(name);
    if (n === "") return;
    let list = byName.get(n);
    if (!list) byName.set(n, (list = []));
    const same = list.findIndex((x) => x.q === q);
    // the notation's reading of a name (rank 0, with its sign) wins over the plain scheme's
    if (same < 0) list.push({ q, rank, ...(neg ? { neg } : {}) });
    else if (rank < list[same]!.rank) list[same] = { q, rank, ...(neg ? { neg } : {}) };
    // (the matrix notation's letters carry their layer: w(2) in w(2)11)
    const m = /^([a-z]+(?:\(\d+\))?)(\d+)$/.exec(n);
    if (m) {
      let set = letters.get(m[1]!);
      if (!set) letters.set(m[1]!, (set = new Set()));
      set.add(m[2]!.length);
    }
  };
  const first = g.firstUpdate;
  const errOf = (q: Quantity) => g.byKey.get(fullKey(`Err${q.node}`, q.update, q.sample));
  for (const q of first) {
    if (q.sample !== undefined && q.sample > 0) continue;
    plainBase.set(q.base, q);
    add(q.base, q, 2);
    for (const a of q.aliases) add(a, q, 2);
    // the error convention names −∂L/∂a (Err₅, e₃): minus the plain ∂L/∂a
    if (notation && notation.convention === "error" && q.id !== undefined && q.id.startsWith("dLda")) {
      try {
        add(notation.ascii(q.id), q, 0, true);
      } catch {
        // a symbol the notation does not name
      }
    }
    if (notation && q.id !== undefined && !/^(dL_d|new_|dLda|dLdx)/.test(q.id)) {
      try {
        // the error convention writes v, m, m̂ and g with the sign of δ: its name means minus the quantity
        // (g is written with the gradient's sign: the renderer's −g is the error convention's)
        const neg = notation.convention === "error" && negatedInErrorConvention(q.id) && q.kind !== "l2-gradient";
        add(notation.ascii(q.id), q, 0, neg ? true : undefined);
      } catch {
        // a symbol the notation does not name
      }
    }
  }
  // The loss of one output and its error, by the output's position (J_1, e_1) and its node (Loss5, Err5).
  const outputs = first.filter((q) => q.kind === "activation" && q.layer === g.network.layers.length - 1 && (q.sample ?? 0) === 0);
  const lossLetter = notation ? norm(notation.letters.loss.ascii) : "loss";
  const byNode = notation === undefined || notation.name === "node";
  outputs.forEach((o, k) => {
    // by position only where the notation numbers outputs from 1 (in the node notation Err1 would be a wrong node)
    if (byNode) k = o.node! - 1;
    const term = plainBase.get(`Loss${o.node}`);
    if (term) {
      add(`${lossLetter}${k + 1}`, term, 1);
      add(`${lossLetter}${o.node}`, term, 1);
    }
    const err = errOf(o);
    if (err) {
      add(`err${o.node}`, err, 1);
      add(`error${o.node}`, err, 1);
    }
  });
  const loss = plainBase.get("Loss");
  const adamLike = g.network.spec.optimizer === "adam" || g.network.spec.optimizer === "adamw";
  const eta = plainBase.get("eta");
  const targetLetters = new Set(["t", "ob", notation ? norm(notation.letters.target.ascii) : "t"]);
  const activationLetter = notation ? norm(notation.letters.activation.ascii) : "y";
  const pool = [
    ...new Set(first.flatMap((q) => [q.base, ...(notation && q.id && !q.id.includes("_d") ? safe(() => notation.ascii(q.id!)) : [])])),
  ];

  const found = (name: string): { q: Quantity; neg?: true } | undefined => {
    const list = byName.get(norm(name));
    if (!list || list.length === 0) return undefined;
    const best = Math.min(...list.map((x) => x.rank));
    const top = list.filter((x) => x.rank === best);
    return top.length === 1 ? top[0]! : undefined;
  };

  const meaningOf = (q: Quantity, prime: boolean): Meaning => {
    if (prime) {
      // y'_3, Y_3': the activation's derivative at node 3
      if (q.kind !== "activation" && q.kind !== "net-input") return { r: "generic", written: q.base };
      const d = plainBase.get(`dY${q.node}dZ${q.node}`);
      return d ? { r: "key", key: d.key, q: d } : { r: "generic", written: q.base };
    }
    return { r: "key", key: q.key, q, ...(q.kind === "delta" ? { delta: true as const } : {}) };
  };

  // A name that reads as nothing may be OCR's misreading of one that does (S₆ for δ₆, u₁₃₁ for w₁₃₁).
  const id = (tok: Extract<Token, { t: "id" }>): Meaning => {
    const m = readId(tok);
    if (m.r !== "generic" || functionOf(tok) !== undefined) return m;
    for (const alt of ocrReadings(tok.base, tok.sub)) {
      const again = readId({ ...tok, base: alt.base, sub: alt.sub });
      if (again.r === "key" || again.r === "prod") return again;
    }
    return m;
  };

  const readId = (tok: Extract<Token, { t: "id" }>): Meaning => {
    const base = tok.base;
    const b = norm(base);
    const written = `${base}${tok.sub}`;
    if (functionOf(tok) !== undefined) return { r: "generic", written };
    if (tok.sub === "") {
      if (b === "eta" && eta) return { r: "key", key: eta.key, q: eta };
      // Adam's bias correction counts the updates: t is 1 in the first (resolverAt gives later ones)
      if (base === "t" && adamLike) return { r: "const", value: 1 };
      // a one-letter loss name only in its own case (l is an index, L the loss)
      const lossName =
        base.length > 1
          ? LOSS_WORDS.has(b) || b === lossLetter
          : base === (notation?.letters.loss.ascii ?? "L") || base === "J" || base === "L";
      if (lossName && tok.isNew) {
        const after = plainBase.get("Loss'");
        if (after) return { r: "key", key: after.key, q: after };
      }
      if (lossName) {
        if (loss && !(b === "e" && lossLetter !== "e")) return { r: "key", key: loss.key, q: loss };
        if (b === "e") return { r: "euler" };
      }
      if ((b === activationLetter || b === "y") && outputs.length === 1 && !targetLetters.has(b)) return meaningOf(outputs[0]!, tok.prime);
      if (targetLetters.has(b)) return outputs.length === 1 ? meaningOf(targetOf(outputs[0]!) ?? outputs[0]!, false) : { r: "bare-target" };
      // Err alone where the network has one output (note 003's perceptron)
      const err = (b === "err" || b === "error") && outputs.length === 1 ? errOf(outputs[0]!) : undefined;
      if (err) return { r: "key", key: err.key, q: err };
      // b, x or δ alone where the network has one bias, input or neuron (note 003's perceptron: ReLU(x_1w_1 + x_2w_2 + b))
      const kind = b === "b" ? "bias" : b === "x" ? "input" : b === "delta" ? "delta" : undefined;
      const only = kind ? first.filter((q) => q.kind === kind && (q.sample ?? 0) === 0) : [];
      if (only.length === 1) return meaningOf(only[0]!, tok.prime);
      // a one-letter name in its own case only (l is an index where L is the loss)
      const hit = found(base);
      if (
        hit &&
        (base.length > 1 ||
          hit.q.base === base ||
          (notation && hit.q.id !== undefined && safe(() => notation.ascii(hit.q.id!))[0] === base))
      ) {
        return meaningOf(hit.q, tok.prime);
      }
      return { r: "generic", written };
    }
    const hit = found(`${base}${tok.sub}`) ?? (/[a-z]/i.test(tok.sub) ? found(`${base}${tok.sub.replace(/[^0-9_]/g, "")}`) : undefined);
    // the loss with the L2 term after the update is the answer key's loss after it
    if (hit && tok.isNew && hit.q.kind === "regularised-loss") {
      const after = plainBase.get("Loss'");
      if (after) return { r: "key", key: after.key, q: after };
    }
    // a parameter after the update, and the optimizer's state too (v^{new}_{w_1} is the velocity after it)
    if (hit && tok.isNew && (hit.q.kind === "weight" || hit.q.kind === "bias" || hit.q.kind === "state-before")) {
      const after = plainBase.get(`${hit.q.base}'`);
      if (after) return { r: "key", key: after.key, q: after, ...(hit.neg ? { neg: true as const } : {}) };
    }
    if (hit) {
      const m = meaningOf(hit.q, tok.prime);
      return hit.neg && m.r === "key" && !tok.prime ? { ...m, neg: true } : m;
    }
    // W38 (two indices, as W35 has) names nothing; a_1 where names are a21 is a vector, not a mistake
    const digits = tok.sub.replace(/_/g, "");
    // (node numbers may have any number of digits: Err13 names node 13)
    // W^{(3)}_{11} names nothing when the network has no layer 3 (W(1), W(2) are letters of its names)
    const layered = /^([a-z]+)\((\d+)\)$/.exec(b);
    const knownLetter = letters.has(b) || (layered !== null && [...letters.keys()].some((l) => l.startsWith(`${layered[1]}(`)));
    if (/^[0-9_]+$/.test(tok.sub) && knownLetter && (byNode || (letters.get(b)?.has(digits.length) ?? true))) {
      return { r: "unknown", written: `${base}${tok.sub.replace(/_/g, "")}`, suggestions: suggestNames(`${base}${tok.sub}`, pool) };
    }
    return { r: "generic", written };
  };

  const targetOf = (o: Quantity) => plainBase.get(`T${o.node}`);

  const single = (tokens: Token[]): Meaning | undefined => {
    const ids = tokens.filter((t) => t.t !== "op" || (t.op !== "(" && t.op !== ")"));
    if (ids.length !== 1 || ids[0]!.t !== "id") return undefined;
    return id(ids[0]!);
  };

  /**
   * The names a name with too few indices may stand for: a_1 where the names are a_{11}, a_{21}
   * (a note that leaves out the layer). Read only inside a derivative, where the other name decides.
   */
  const completions = (tokens: Token[]): Meaning[] => {
    const ids = tokens.filter((t) => t.t !== "op" || (t.op !== "(" && t.op !== ")"));
    const tok = ids.length === 1 && ids[0]!.t === "id" ? ids[0] : undefined;
    if (!tok || tok.prime || !/^\d+$/.test(tok.sub)) return [];
    const b = norm(tok.base);
    const out: Meaning[] = [];
    for (const name of byName.keys()) {
      const m = /^([a-z]+)(\d+)$/.exec(name);
      if (!m || m[1] !== b || m[2]!.length <= tok.sub.length || !m[2]!.endsWith(tok.sub)) continue;
      const hit = found(name);
      if (hit) out.push(meaningOf(hit.q, false));
    }
    return out;
  };

  const deriv = (tok: Extract<Token, { t: "deriv" }>): Meaning => {
    const of = single(tok.of);
    const wrt = single(tok.wrt);
    if (!of || !wrt) return { r: "generic", written: tok.raw };
    if (of.r === "unknown") return of;
    if (wrt.r === "unknown") return wrt;
    if (of.r === "generic" || wrt.r === "generic") {
      // a name with a left-out index: the one reading under which the derivative is not 0 by the network's shape
      const ofs = of.r === "generic" ? completions(tok.of) : [of];
      const wrts = wrt.r === "generic" ? completions(tok.wrt) : [wrt];
      const live = ofs
        .flatMap((o) => wrts.map((w) => derivOf(o, w, tok.raw)))
        .filter((m) => m.r === "key" || (m.r === "prod" && m.c !== 0));
      return live.length === 1 ? live[0]! : { r: "generic", written: tok.raw };
    }
    return derivOf(of, wrt, tok.raw);
  };

  const derivOf = (of: Meaning, wrt: Meaning, raw: string): Meaning => {
    if (of.r !== "key" || wrt.r !== "key") return { r: "generic", written: raw };
    const tok = { raw };
    const a = of.q;
    const x = wrt.q;
    const key = (base: string): Meaning | undefined => {
      const q = plainBase.get(base);
      return q ? { r: "key", key: q.key, q, ...(q.kind === "delta" ? { delta: true as const } : {}) } : undefined;
    };
    const prod = (...bases: string[]): Meaning | undefined => {
      const qs = bases.map((s) => plainBase.get(s));
      if (qs.some((q) => q === undefined)) return undefined;
      return { r: "prod", keys: qs.map((q) => q!.key), c: 1 };
    };
    const zero: Meaning = { r: "prod", keys: [], c: 0 };
    const one: Meaning = { r: "prod", keys: [], c: 1 };
    if (a === x) return one;
    const unreadable: Meaning = { r: "generic", written: tok.raw };
    if (a.kind === "loss") {
      switch (x.kind) {
        case "activation":
          return key(`dLdY${x.node}`) ?? unreadable;
        case "net-input":
          // ∂Loss/∂Z is δ in the gradient's sign, whatever the convention
          return key(`delta${x.node}`) ? { ...(key(`delta${x.node}`) as Extract<Meaning, { r: "key" }>), delta: undefined } : unreadable;
        case "weight":
        case "bias":
          return key(`d${x.base}`) ?? unreadable;
        case "input":
          return key(`dLdX${x.node}`) ?? unreadable;
        default:
          return unreadable;
      }
    }
    const bNode = (q: Quantity) => q.node ?? (q.kind === "bias" && q.id ? parseSymbol(q.id)?.indices[0] : undefined);
    const wOf = (q: Quantity) => (q.kind === "weight" && q.id ? parseSymbol(q.id)?.indices : undefined);
    if (a.kind === "activation" && a.node !== undefined) {
      const j = a.node;
      if (x.kind === "net-input") return key(`dY${j}dZ${x.node}`) ?? (x.node === j ? unreadable : zero);
      const w = wOf(x);
      // a weight or bias of an earlier layer reaches Y_j through the neurons between: not one
      // local derivative, and not 0 (dY₃/dW₁₂ in a chain 1 → 2 → 3)
      if (w) return w[1] === j ? (prod(`dY${j}dZ${j}`, sourceOf(w[0]!)) ?? unreadable) : upstream(w[1]!, j) ? unreadable : zero;
      if (x.kind === "bias") {
        const k = bNode(x);
        return k === j ? (prod(`dY${j}dZ${j}`) ?? unreadable) : k !== undefined && upstream(k, j) ? unreadable : zero;
      }
      if (x.kind === "activation" || x.kind === "input") {
        const wq = weightBase(x.node!, j);
        return wq ? (prod(`dY${j}dZ${j}`, wq) ?? unreadable) : unreadable;
      }
      return unreadable;
    }
    if (a.kind === "net-input" && a.node !== undefined) {
      const j = a.node;
      const w = wOf(x);
      if (w) return w[1] === j ? (prod(sourceOf(w[0]!)) ?? unreadable) : upstream(w[1]!, j) ? unreadable : zero;
      if (x.kind === "bias") {
        const k = bNode(x);
        return k === j ? one : k !== undefined && upstream(k, j) ? unreadable : zero;
      }
      if (x.kind === "activation" || x.kind === "input") {
        const wq = weightBase(x.node!, j);
        return wq ? (prod(wq) ?? unreadable) : unreadable;
      }
    }
    return unreadable;
  };

  /** Node k is in an earlier layer than node j, so that j's value depends on k's parameters. */
  const layerOf = new Map<number, number>();
  for (const layer of g.network.layers) for (const n of layer.neurons) layerOf.set(n.node, layer.index);
  const upstream = (k: number, j: number): boolean => (layerOf.get(k) ?? Infinity) < (layerOf.get(j) ?? -Infinity);

  /** The activation (or input) of a node, as a plain name. */
  const sourceOf = (node: number): string => (plainBase.has(`Y${node}`) ? `Y${node}` : `X${node}`);
  const weightBase = (from: number, to: number): string | undefined => {
    for (const q of first) if (q.kind === "weight" && q.id === `w_${from}_${to}`) return q.base;
    return undefined;
  };

  return {
    id,
    deriv,
    plain: (base) => plainBase.get(base),
    textOf: (q) => {
      if (notation && q.id !== undefined) {
        try {
          return notation.text(q.id);
        } catch {
          return q.base;
        }
      }
      return q.base;
    },
  };
}

function safe(f: () => string): string[] {
  try {
    return [f()];
  } catch {
    return [];
  }
}
