/**
 * How OCR misreads handwritten names, as a teacher reading the scan would undo it. These
 * readings are tried only when a name as written reads as nothing in the network (its letter or
 * its number of indices is not one the network's names use), so a name that does read is never
 * changed, and a name with the right shape that names nothing (W38, Err8) stays unknown.
 */

/** One reading of a name: a letter (or word) and its subscript. */
export interface NameReading {
  base: string;
  sub: string;
}

/**
 * The letters a handwritten letter is misread as, by the letter OCR gives (lower-cased): δ read
 * as S (note 001's `b_6 = b_6 + S_6`), w as u (note 004's `∂L/∂u_{131}`) or as b when the name has
 * a weight's number of indices (note 004's `da_{21}/db_{212}`), x as λ (note 002's `λ_1 ω_1`).
 */
const LETTERS: Record<string, string[]> = {
  s: ["delta"],
  u: ["w"],
  b: ["w"],
  lambda: ["x"],
};

/** Readings of a name OCR may have garbled, best first; none when it has no known misreading. */
export function ocrReadings(base: string, sub: string): NameReading[] {
  const out: NameReading[] = [];
  const digits = sub.replace(/[^0-9_]/g, "").replace(/^_+|_+$/g, "");
  for (const letter of LETTERS[base.toLowerCase()] ?? []) out.push({ base: letter, sub });
  // E_{err}, E_{nn_2}: the error Err (Err₂), the subscript's letters being the rest of the word.
  if (base === "E" && /^[a-z]/i.test(sub)) out.push({ base: "Err", sub: digits });
  // O_b, a_b: the target Ob (the handwritten O read as a, its b as a subscript).
  if ((base === "O" || base === "a") && /^b/i.test(sub)) out.push({ base: "Ob", sub: sub.slice(1).replace(/^_/, "") });
  return out;
}

/**
 * Function names OCR garbles, by the shorthand they stand for (note 003's `Rew(…)` for ReLU, whose
 * shorthand note-parse.ts reads as R).
 */
export const OCR_FUNCTIONS: Record<string, string> = { rew: "R" };
