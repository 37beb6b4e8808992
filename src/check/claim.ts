/** One number the writer wrote down, resolved to the quantity it names. */
export interface Claim {
  key: string;
  /** The name (or path) as written in the answers file. */
  writtenAs: string;
  /** The number as written, e.g. "0.80". */
  text: string;
  /** The quantity's value the writer claims (minus the number written when `negated`). */
  value: number;
  /** The name written means minus the quantity (the error convention's v, m, m̂, g). */
  negated?: true;
  decimals: number;
  line?: number;
}
