/** One number the writer wrote down, resolved to the quantity it names. */
export interface Claim {
  key: string;
  /** The name (or path) as written in the answers file. */
  writtenAs: string;
  /** The number as written, e.g. "0.80". */
  text: string;
  value: number;
  decimals: number;
  line?: number;
}
