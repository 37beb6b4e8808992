import type { Network } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { makeNotation } from "../notation/index.js";
import type { Graph } from "./graph.js";
import { ocrReadings } from "./note-ocr.js";
import type { Meaning, Resolver } from "./note-symbols.js";
import type { Token } from "./note-tokens.js";

/**
 * The ways a note may number the network when it does not use the spec's notation. A teacher
 * reads note 003's `w_{11}`, `Y_2`, `b_1` through the note's own numbering (neurons counted from 1
 * without the inputs, w_{ij} from i to j, and a lone index w_1, w_2 counting the weights in order
 * as the sequential notation does).
 * When fewer of a note's names fail in its own numbering than in the spec's notation, each group is
 * read in the numbering under which the fewest of its names fail (the note's own numbering first,
 * then the spec's); otherwise only the spec's notation is used, so a
 * note in the spec's notation keeps its unknown names (W38, Err8) unknown.
 */
export interface Readings {
  /** The resolver for one group of tokens. */
  pick(tokens: Token[]): Resolver;
}

const PER_NEURON = /^(y|a|z|h|b|err|error|delta|ob|net|e|t)$/i;

export function makeReadings(
  graph: Graph,
  net: Network,
  spec: Resolver,
  notation: Notation | undefined,
  letters: Readonly<Record<string, string>> | undefined,
  allTokens: Token[],
): Readings {
  // the sequential notation's weights (w₁, w₂, … in order), by their nodes
  const sequential = new Map<string, string>();
  if (notation) {
    try {
      const seq = makeNotation(net, "sequential", notation.convention, letters);
      for (const q of graph.firstUpdate) {
        const m = q.kind === "weight" && q.id ? /^w_(\d+)_(\d+)$/.exec(q.id) : null;
        if (m) sequential.set(seq.ascii(q.id!).toLowerCase(), `${m[1]}_${m[2]}`);
      }
    } catch {
      // a network the sequential notation cannot name
    }
  }
  const alternatives: Resolver[] = [neuronNumbering(net, spec, sequential)];
  // the note numbers the network its own way when its names fail less often read that way
  if (!alternatives.some((r) => failures(r, allTokens) < failures(spec, allTokens))) return { pick: () => spec };
  const readings = [...alternatives, spec];
  return {
    pick(tokens) {
      let best = spec;
      let fewest = Infinity;
      for (const r of readings) {
        const n = failures(r, tokens);
        if (n < fewest) {
          fewest = n;
          best = r;
        }
      }
      return best;
    },
  };
}

function meaningOfToken(r: Resolver, t: Token): Meaning | undefined {
  if (t.t === "id") return r.id(t);
  if (t.t === "deriv") return r.deriv(t);
  return undefined;
}

/** Names of a group that name nothing, or that have indices and read as nothing, under a reading. */
function failures(r: Resolver, tokens: Token[]): number {
  let n = 0;
  for (const t of tokens) {
    const m = meaningOfToken(r, t);
    if (!m) continue;
    if (m.r === "unknown") n++;
    else if (m.r === "generic" && t.t === "id" && /\d/.test(t.sub)) n++;
    else if (m.r === "generic" && t.t === "deriv") n++;
  }
  return n;
}

/**
 * The note's own numbering: neurons counted from 1 without the inputs (Y₁ is the first neuron
 * after the inputs), inputs by their own index (x₁), w_{ij} from neuron (or input) i to neuron j.
 * Read by renaming into the node numbering and asking the spec's resolver.
 */
function neuronNumbering(net: Network, spec: Resolver, sequential: Map<string, string>): Resolver {
  const nIn = net.layers[0]!.neurons.length;
  const firstLayer = new Set((net.layers[1]?.neurons ?? []).map((n) => n.node));
  const renumber = (tok: Extract<Token, { t: "id" }>): Extract<Token, { t: "id" }> => {
    const digits = tok.sub.replace(/_/g, "");
    if (!/^\d+$/.test(digits)) return tok;
    // w₁, w₂: numbered in order, as the sequential notation numbers them
    const seq = /^w$/i.test(tok.base) && digits.length === 1 ? sequential.get(`w${digits}`) : undefined;
    if (seq) return { ...tok, sub: seq };
    if (/^w$/i.test(tok.base) && digits.length === 2) {
      const to = Number(digits[1]) + nIn;
      const from = firstLayer.has(to) ? Number(digits[0]) : Number(digits[0]) + nIn;
      return { ...tok, sub: `${from}_${to}` };
    }
    if (PER_NEURON.test(tok.base)) return { ...tok, sub: String(Number(digits) + nIn) };
    return tok;
  };
  const id = (tok: Extract<Token, { t: "id" }>): Meaning => {
    // OCR first (E_{nn_2} is Err₂ in the note's numbering), then the renaming
    for (const t of [tok, ...ocrReadings(tok.base, tok.sub).map((o) => ({ ...tok, ...o }))]) {
      const m = spec.id(renumber(t));
      if (m.r === "key" || m.r === "prod") return m;
    }
    return spec.id(renumber(tok));
  };
  const mapTokens = (ts: Token[]) => ts.map((t) => (t.t === "id" ? renumber(t) : t));
  return {
    id,
    deriv: (tok) => spec.deriv({ ...tok, of: mapTokens(tok.of), wrt: mapTokens(tok.wrt) }),
    plain: spec.plain,
    textOf: spec.textOf,
  };
}
