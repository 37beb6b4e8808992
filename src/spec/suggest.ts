import { ACTIVATION_TABLE, LOSS_TABLE } from "../ops/index.js";

/** Edit distance with transpositions (optimal string alignment): "lenaring" is one step from "learning". */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Case, `_`, `-` and spaces do not count: Cross_Entropy, crossentropy and cross-entropy are one name. */
const normalise = (s: string): string => s.toLowerCase().replace(/[\s_-]/g, "");

/** Names people reach for that are too far from ours for edit distance to find. */
const SYNONYMS: Record<string, string> = {
  lr: "learning_rate",
  eta: "learning_rate",
  learningrate: "learning_rate",
  rate: "learning_rate",
  bias: "biases",
  weight: "weights",
  sample: "samples",
  data: "samples",
  layer: "layers",
  inputs: "input",
  targets: "target",
  x: "input",
  y: "target",
  t: "target",
  // and the activations' and losses' own aliases, from their records
  ...Object.fromEntries(
    [...Object.values(ACTIVATION_TABLE), ...Object.values(LOSS_TABLE)].flatMap((op) => (op.aliases ?? []).map((a) => [a, op.name])),
  ),
};

/** The closest candidate to a mistyped name, or undefined when nothing is plausibly meant. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  const w = normalise(word);
  const exact = candidates.find((c) => normalise(c) === w);
  if (exact !== undefined) return exact;
  const synonym = SYNONYMS[w];
  if (synonym !== undefined && candidates.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(w, normalise(c));
    // Allow about one slip per three letters, so "sigmod" → "sigmoid" but not "mode" → "loss".
    const allowed = Math.max(1, Math.floor(normalise(c).length / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "relu"?` or "" */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const s = suggest(word, candidates);
  return s === undefined ? "" : `; did you mean "${s}"?`;
}
