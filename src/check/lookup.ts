import { kindOf } from "../network/index.js";
import type { CheckGraph as Graph } from "./expression-graph.js";
import { isExpressionGraph } from "./expression-graph.js";
import type { Quantity } from "./quantity.js";
import { negatedInErrorConvention } from "./quantity.js";
import type { Loss } from "../ops/index.js";
import { fullKey, splitSuffix, suffix } from "./names.js";

/** Turns a spec's notation symbol id into its plain-ASCII name (src/notation's `ascii`). */
export interface NotationNames {
  /** The notation's name, for messages ("layer"). */
  name: string;
  convention: string;
  ascii(id: string): string;
}

/**
 * A name resolved to a quantity. `negated`: the name means minus the quantity (the error
 * convention's v, m, m̂ and g, written with the sign of δ: see `convention`).
 */
export type Resolution = { ok: true; key: string; negated?: true } | { ok: false; message: string; suggestions: string[] };

/** Every way a quantity can be named, and the lookup from a written name to a quantity. */
export interface NameTable {
  resolve(written: string): Resolution;
  /**
   * The names a user can write (canonical, aliases and notation names, with suffixes), for --list
   * and suggestions; `note` says when a notation name means minus the quantity.
   */
  listed(q: Quantity): { name: string; aliases: string[]; note?: string };
}

interface Entry {
  q: Quantity;
  via: "scheme" | "notation";
  negated?: true;
}

/** Builds the lookup: canonical names, their aliases, the notation's names, and answer-key paths. */
export function buildNameTable(g: Graph, notation?: NotationNames): NameTable {
  // Names and paths are indexed for the first update only (and the quantities outside every
  // update): the others differ only in their update number, so a lookup shifts what it finds.
  // A long run has 10,000 updates; indexing each of its 600,000 quantities would cost more
  // than the check itself.
  const bases = new Map<string, Entry[]>();
  const paths = new Map<string, string>();
  const notationAlias = new Map<string, string>();
  const put = (b: string, e: Entry) => {
    let list = bases.get(b);
    if (!list) bases.set(b, (list = []));
    if (!list.some((x) => x.q === e.q && x.negated === e.negated)) list.push(e);
  };
  /** Notation names that mean minus their quantity (keys of the first update's quantities). */
  const negatedAlias = new Set<string>();
  const templates = g.firstUpdate;
  for (const q of templates) {
    put(q.base, { q, via: "scheme" });
    for (const a of q.aliases) put(a, { q, via: "scheme" });
    paths.set(q.path, q.key);
    for (const p of q.altPaths) paths.set(p, q.key);
  }
  if (notation && !isExpressionGraph(g)) {
    const net = g.network;
    const L = net.layers.length - 1;
    for (const q of templates) {
      const n = notationName(q, notation, net.loss, L);
      if (n === undefined) continue;
      // the error convention's Err_k (−∂L/∂Y_k) is T_k − Y_k when ∂L/∂Y_k = Y_k − T_k: the Err quantity
      let target = q;
      if (q.kind === "loss-gradient" && notation.convention === "error") {
        const err = g.byKey.get(fullKey(`Err${q.node}`, q.update, q.sample));
        if (!err) continue;
        target = err;
      }
      const negated = notation.convention === "error" && target.id !== undefined && negatedInErrorConvention(target.id);
      put(n, { q: target, via: "notation", ...(negated ? { negated: true as const } : {}) });
      notationAlias.set(target.key, n);
      if (negated) negatedAlias.add(target.key);
    }
  }
  /** The quantity of update u that `q` (of the first update) stands for. */
  const inUpdate = (q: Quantity, u: number): Quantity | undefined =>
    q.update === undefined || u === 0 ? q : g.byKey.get(fullKey(q.base, u, q.sample));
  /** A quantity's counterpart in the first update: where its names are indexed. */
  const template = (q: Quantity): string => (q.update === undefined || q.update === 0 ? q.key : fullKey(q.base, 0, q.sample));
  // The canonical names (with the suffix the spec needs) resolve too, whatever the table says.
  const display = (q: Quantity, b: string) =>
    `${b}${q.update === undefined ? "" : suffix(q.update, q.sample, g.nUpdates, g.samplesPerUpdate[q.update]!)}`;

  /** Every name a user can write for the quantities of update u (for suggestions). */
  const allNames = (u: number): string[] => {
    const out = new Set<string>();
    for (const t of templates) {
      const q = inUpdate(t, u) ?? t;
      out.add(q.name);
      for (const a of q.aliases) out.add(display(q, a));
      const n = notationAlias.get(t.key);
      if (n !== undefined) out.add(display(q, n));
    }
    return [...out];
  };
  const fail = (message: string, word: string): Resolution => {
    const at = word.includes("[") ? /^updates\[(\d+)\]/.exec(word)?.[1] : splitSuffix(word).update;
    const u = at === undefined || Number(at) < 0 || Number(at) >= g.nUpdates ? 0 : Number(at);
    // a path's suggestions are paths (`updates[0].W[0][0][0]`, a graph's `gradients.q`)
    const pool =
      word.includes("[") || (word.includes(".") && isExpressionGraph(g))
        ? [...paths.keys()].map((p) => p.replace(/^updates\[0\]/, `updates[${u}]`))
        : allNames(u);
    return { ok: false, message, suggestions: suggestNames(word, pool) };
  };

  const findPath = (p: string): string | undefined => {
    const direct = paths.get(p);
    if (direct !== undefined) return direct;
    const m = /^updates\[(\d+)\]/.exec(p);
    if (!m || m[1] === "0") return undefined;
    const key = paths.get(`updates[0]${p.slice(m[0].length)}`);
    if (key === undefined) return undefined;
    const q = g.byKey.get(key)!;
    // a frozen bias is one given quantity, whichever update's answer key it is read from
    if (q.kind === "weight" || q.kind === "bias") return key;
    return inUpdate(q, Number(m[1]))?.key;
  };

  const resolve = (written: string): Resolution => {
    const w = written.trim();
    const byPath = findPath(w.replace(/\s+/g, ""));
    if (byPath !== undefined) return { ok: true, key: byPath };
    if (w.includes("[")) return fail(`no answer-key path "${w}" in this spec`, w);
    const { base, update, sample } = splitSuffix(w);
    if (update !== undefined && (update < 0 || update >= g.nUpdates)) {
      return fail(
        `"${w}": the spec has ${g.nUpdates} update${g.nUpdates === 1 ? "" : "s"} (@u1${g.nUpdates > 1 ? ` … @u${g.nUpdates}` : ""})`,
        base,
      );
    }
    let entries = bases.get(base);
    // A parameter (or the optimizer's state) before update u ≥ 2 is the one after update u − 1.
    const before = (e: Entry) => e.q.kind === "weight" || e.q.kind === "bias" || e.q.kind === "state-before";
    if (entries && update !== undefined && update > 0 && entries.every(before)) {
      const canonical = entries[0]!.q.base;
      const after = bases.get(`${canonical}'`);
      if (after) {
        // with the sign it was named with: the error convention's v before update 2 is minus vW13'@u1
        const negated = entries[0]!.negated;
        const plain = after.filter((e) => e.via === "scheme" && e.q.base === `${canonical}'`);
        return pick(w, negated ? plain.map((e) => ({ ...e, negated })) : plain, update - 1, sample);
      }
      return pick(w, entries, 0, sample); // a frozen bias never changes
    }
    if (!entries) return fail(`no quantity named "${w}" in this spec`, w);
    return pick(w, entries, update, sample);
  };

  const pick = (w: string, entries: Entry[], update: number | undefined, sample: number | undefined): Resolution => {
    let cands = entries;
    const perUpdate = cands.filter((e) => e.q.update !== undefined);
    if (perUpdate.length > 0) {
      let u = update;
      if (u === undefined) {
        if (g.nUpdates > 1) {
          return {
            ok: false,
            message: `"${w}" is ambiguous: the spec has ${g.nUpdates} updates; write ${w}@u1 … ${w}@u${g.nUpdates}`,
            suggestions: [],
          };
        }
        u = 0;
      }
      const inU = u;
      cands = cands.flatMap((e) => {
        if (e.q.update === undefined) return [];
        const q = inUpdate(e.q, inU);
        return q ? [{ ...e, q }] : [];
      });
      const n = g.samplesPerUpdate[u] ?? 1;
      if (sample !== undefined && sample >= n) {
        return { ok: false, message: `"${w}": update ${u + 1} has ${n} sample${n === 1 ? "" : "s"}`, suggestions: [] };
      }
      const perSample = cands.filter((e) => e.q.sample !== undefined);
      const whole = cands.filter((e) => e.q.sample === undefined);
      if (sample === undefined) {
        if (whole.length > 0) cands = whole;
        else if (n === 1) cands = perSample.filter((e) => e.q.sample === 0);
        else {
          return {
            ok: false,
            message: `"${w}" is ambiguous: update ${u + 1} has ${n} samples; write ${w.replace(/@.*$/, "")}@${g.nUpdates > 1 ? `u${u + 1}` : ""}s1 … s${n}`,
            suggestions: [],
          };
        }
      } else {
        const exact = perSample.filter((e) => e.q.sample === sample);
        cands = exact.length > 0 ? exact : n === 1 ? whole : [];
      }
    } else if (update !== undefined || sample !== undefined) {
      cands = cands.filter((e) => e.q.update === undefined);
    }
    if (cands.length === 0) return fail(`no quantity named "${w}" in this spec`, w);
    const distinct = cands.filter((e, i) => cands.findIndex((x) => x.q === e.q && x.negated === e.negated) === i);
    if (distinct.length > 1) {
      const meanings = distinct
        .map((e) => {
          const q = e.q;
          const who =
            e.via === "notation"
              ? `the ${notation?.name ?? ""} notation's ${w} = ${e.negated ? "−" : ""}${q.name}`
              : `the plain name ${q.name}`;
          return `${who} (${q.description.replace(/ \(given\)$/, "")}, ${q.path})`;
        })
        .join(" or ");
      return { ok: false, message: `"${w}" is ambiguous here: ${meanings}; write the answer-key path instead`, suggestions: [] };
    }
    const one = distinct[0]!;
    return { ok: true, key: one.q.key, ...(one.negated ? { negated: true as const } : {}) };
  };

  return {
    resolve,
    listed: (q) => {
      const aliases = q.aliases.map((a) => display(q, a));
      const t = template(q);
      const n = notationAlias.get(t);
      if (n !== undefined && n !== q.base && !q.aliases.includes(n)) aliases.unshift(display(q, n));
      if (n === undefined || !negatedAlias.has(t)) return { name: q.name, aliases };
      return { name: q.name, aliases, note: `the error convention's ${display(q, n)} is minus ${q.name}` };
    },
  };
}

function notationName(q: Quantity, notation: NotationNames, loss: Loss, outputLayer: number): string | undefined {
  if (q.id === undefined) return undefined;
  if (kindOf(q.id) === "dLda" && notation.convention === "error" && !(q.layer === outputLayer && loss.gradientIsDifference)) {
    return undefined; // −∂L/∂Y has no plain quantity of its own
  }
  try {
    return notation.ascii(q.id);
  } catch {
    return undefined;
  }
}

/** Up to three names close to the written one (edit distance, case ignored). */
export function suggestNames(word: string, pool: readonly string[]): string[] {
  const w = word.toLowerCase();
  const scored = pool
    .map((c) => ({ c, d: distance(w, c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.c.length / 3)))
    .sort((a, b) => a.d - b.d || a.c.length - b.c.length);
  return [...new Set(scored.map((x) => x.c))].slice(0, 3);
}

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
