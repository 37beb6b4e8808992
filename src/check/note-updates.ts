import type { Derivation } from "../derive/index.js";
import type { Graph, Quantity } from "./graph.js";
import { updatePlan } from "./graph.js";
import { fullKey } from "./names.js";
import type { Meaning, Resolver } from "./note-symbols.js";

/** Where a part of a note stands: which update (0-based) and which sample of it. */
export interface Place {
  update: number;
  sample: number;
  /**
   * Inside one sample's pass of a batch update (a "…, sample 2" heading, or the network's
   * description before the first update): a loss or a gradient is that sample's own, not the
   * update's reduction over its samples.
   */
  inSample: boolean;
}

/**
 * A line that opens an update, an epoch or a sample: a heading (Markdown's `#`, LaTeX's
 * `\section{…}`, a frame's title) that names one anywhere ("### Forward pass, sample 2"), or a line
 * that starts with the word, bold or not, as the renderer's "Sample 1: input …" and a student's
 * "Epoch 2:" do.
 */
const HEADING = /^[ \t]*(?:#{1,6}[ \t]|\\(?:sub){0,2}section\*?\{|\\paragraph\*?\{|\\frametitle\{|\\begin\{frame\})/;
const LEADING = /^[ \t]*(?:\*\*|\\textbf\{|\\item[ \t]+)?[ \t]*(update|epoch|iteration|sample)[ \t]*#?[ \t]*(\d+)\b/i;
const ANYWHERE = /\b(update|epoch|iteration|sample)[ \t]*#?[ \t]*(\d+)\b/gi;

/** The marks a line holds, most specific last: "Update 2 (epoch 2)" is update 2, "…, sample 2" a sample. */
function marksOf(line: string): { word: string; k: number }[] {
  if (HEADING.test(line)) {
    const found = [...line.matchAll(ANYWHERE)].map((m) => ({ word: m[1]!.toLowerCase(), k: Number(m[2]) - 1 }));
    const rank = (w: string) => (w === "epoch" ? 0 : w === "sample" ? 2 : 1);
    // an update named beside its epoch is the update; a sample is read within it
    return found
      .filter((f) => !(f.word === "epoch" && found.some((g) => g.word === "update" || g.word === "iteration")))
      .sort((a, b) => rank(a.word) - rank(b.word));
  }
  const m = LEADING.exec(line);
  return m ? [{ word: m[1]!.toLowerCase(), k: Number(m[2]) - 1 }] : [];
}

/**
 * The place of every offset of the note: the quantities of update k are read where a heading
 * (or a line) says "Update k", "Epoch k" or "Sample k", and those of update 1 before any such
 * line. Each mark holds until the next one.
 */
export function placesOf(source: string, graph: Graph, derivation: Derivation): (offset: number) => Place {
  const plan = updatePlan(derivation);
  const epochOf = (u: number) => derivation.updates[u]?.epoch ?? 0;
  const marks: { at: number; place: Place }[] = [];
  let here: Place = { update: 0, sample: 0, inSample: true };
  let lineStart = 0;
  for (const line of source.split("\n")) {
    const found = marksOf(line);
    // a heading that names no sample ("### Gradient step") ends a sample's pass
    if (found.length === 0 && HEADING.test(line) && here.inSample && marks.length > 0) {
      here = { ...here, inSample: false };
      marks.push({ at: lineStart, place: here });
    }
    for (const { word, k } of found) {
      let next: Place | undefined;
      if (word === "update" || word === "iteration") {
        if (k >= 0 && k < graph.nUpdates) next = { update: k, sample: 0, inSample: false };
      } else if (word === "epoch") {
        const u = plan.findIndex((_, i) => epochOf(i) === k);
        if (u >= 0) next = { update: u, sample: 0, inSample: false };
      } else {
        // a sample: a position in a batch update, or (online) the update of this epoch that takes it
        const inUpdate = plan[here.update]?.indexOf(k) ?? -1;
        if ((plan[here.update]?.length ?? 0) > 1 && inUpdate >= 0) next = { update: here.update, sample: inUpdate, inSample: true };
        else {
          const epoch = epochOf(here.update);
          const u = plan.findIndex((p, i) => epochOf(i) === epoch && p.length === 1 && p[0] === k);
          if (u >= 0) next = { update: u, sample: 0, inSample: false };
        }
      }
      if (next) {
        here = next;
        marks.push({ at: lineStart, place: next });
      }
    }
    lineStart += line.length + 1;
  }
  return (offset) => {
    let p: Place = { update: 0, sample: 0, inSample: true };
    for (const mk of marks) {
      if (mk.at > offset) break;
      p = mk.place;
    }
    return p;
  };
}

/**
 * The key of a first-update quantity in another update and sample: a parameter (or the
 * optimizer's state) before update k + 1 is its value after update k; η and the settings stay.
 */
export function keyAt(graph: Graph, q: Quantity, place: Place): string | undefined {
  const { update, sample } = place;
  if (q.update === undefined) return q.key;
  const batch = (graph.samplesPerUpdate[update] ?? 1) > 1;
  const s = q.sample === undefined ? undefined : Math.min(sample, (graph.samplesPerUpdate[update] ?? 1) - 1);
  // in a sample's pass, the sample's own loss and gradients (the update's are their reduction)
  if (batch && place.inSample && q.sample === undefined && q.kind !== "updated" && !q.given) {
    const own = fullKey(q.base, update, Math.min(sample, graph.samplesPerUpdate[update]! - 1));
    if (graph.byKey.get(own) !== undefined) return own;
  }
  if (update === 0) return fullKey(q.base, 0, s);
  if (q.kind === "weight" || q.kind === "bias" || q.kind === "state-before") return fullKey(`${q.base}'`, update - 1, undefined);
  return fullKey(q.base, update, s);
}

/**
 * The resolver read at a place of the note: every name means its quantity in that update (the
 * quantity's own description is kept, so that a weight before update 2 is still a weight, not
 * "the weight after update 1", to the code that reads an update `W = W − η…`).
 */
export function resolverAt(base: Resolver, graph: Graph, place: Place): Resolver {
  if (place.update === 0 && place.sample === 0 && (graph.samplesPerUpdate[0] ?? 1) === 1) return base;
  const move = (q: Quantity): Quantity | undefined => {
    const key = keyAt(graph, q, place);
    if (key === undefined || graph.byKey.get(key) === undefined) return undefined;
    return key === q.key ? q : { ...q, key, update: place.update, ...(q.sample === undefined ? {} : { sample: place.sample }) };
  };
  const meaning = (m: Meaning): Meaning => {
    if (m.r === "key") {
      const q = move(m.q);
      return q ? { ...m, key: q.key, q } : { r: "generic", written: m.q.base };
    }
    if (m.r === "prod") {
      const keys: string[] = [];
      for (const k of m.keys) {
        const q = graph.byKey.get(k);
        const moved = q ? move(q) : undefined;
        if (!moved) return { r: "generic", written: k };
        keys.push(moved.key);
      }
      return { ...m, keys };
    }
    return m;
  };
  return {
    id: (tok) => {
      const m = base.id(tok);
      // Adam's t is the update's number
      return m.r === "const" && tok.base === "t" ? { r: "const", value: place.update + 1 } : meaning(m);
    },
    deriv: (tok) => meaning(base.deriv(tok)),
    plain: (name) => {
      const q = base.plain(name);
      return q ? move(q) : undefined;
    },
    textOf: base.textOf,
  };
}
