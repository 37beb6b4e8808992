import type { ConventionName, NotationName } from "../spec/index.js";

/** The roles a letter can be given in `spec.letters` (each maps to one kind of quantity). */
export { LETTER_KEYS } from "../spec/index.js";
import type { LETTER_KEYS } from "../spec/index.js";
export type LetterKey = (typeof LETTER_KEYS)[number];

/** A letter in its three spellings: TeX, plain ASCII (for checkers) and Unicode text (SVG, tables). */
export interface Letter {
  tex: string;
  ascii: string;
  text: string;
}

/** Where a symbol sits: its letter and its indices (subscript) and optional superscript (layer). */
export interface SymbolParts {
  letter: Letter;
  sub: number[];
  sup?: number;
}

/**
 * A naming scheme: turns symbol ids (network/symbols.ts) into TeX, ASCII and Unicode names.
 * It is built for one network (sequential numbering depends on the layer sizes) and one
 * convention (the error convention names −∂L/∂a "Err").
 */
export interface Notation {
  name: NotationName;
  convention: ConventionName;
  /** One sentence saying how symbols are named, for the notes. */
  description: string;
  /** TeX for a symbol id: `w_3_5` → `W_{35}`, `dL_dw_3_5` → `\frac{\partial L}{\partial W_{35}}`. */
  tex(id: string): string;
  /** Plain ASCII name: node notation `W35`, `Y3`, `Err5`, `delta5`, `dLoss/dW35`, `W35_new`. */
  ascii(id: string): string;
  /** Unicode text name for diagrams and tables: `W₃₅`, `δ₅`. */
  text(id: string): string;
  /** TeX of ∂of/∂wrt for two symbol ids. */
  partial(of: string, wrt: string): string;
  /** The parts of a plain (not grad/new) symbol id; undefined for ids this network lacks. */
  parts(id: string): SymbolParts | undefined;
  /** The letters in use (after the spec's overrides). */
  letters: Record<LetterKey, Letter>;
}
