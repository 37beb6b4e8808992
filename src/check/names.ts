/**
 * The plain-ASCII answer-name scheme (docs/check.md). Every quantity of every network has one
 * canonical name built from node numbers (inputs first, as network/symbols.ts numbers them):
 *
 *   X1 T5 Z3 Y3 Err5 Loss5 Loss dLdY3 dY3dZ3 dZ5dY3 dZ5dW35 delta3 dW13 db3 dbl2 W13 b3 bl2 eta
 *   W13' b3' bl2' Loss'
 *
 * and with the training rules (CONTRACT §5): vW13 mW13 sW13 (the optimizer's state before the
 * update), vW13' mW13' sW13' (after it), mhatW13 shatW13, gW13 (with λ·W13), LossReg, stepW13
 * (W13' − W13), and the settings mu rho beta1 beta2 epsilon lambda lambda_wd.
 *
 * Two node numbers are written side by side (W35) while the network has at most 9 nodes and
 * with an underscore (W10_12) otherwise; the underscore form is accepted everywhere.
 * A suffix picks the update and the sample when the spec has several: `Y3@u2`, `Y3@s1`,
 * `Y3@u2s1` (1-based). It may be left out when there is only one.
 */

/** Two node numbers, side by side while every node number is one digit. */
export function pair(i: number, j: number, nodeCount: number): string {
  return nodeCount <= 9 ? `${i}${j}` : `${i}_${j}`;
}

/** The underscore spelling of a pair, always accepted. */
export const pairUnderscore = (i: number, j: number): string => `${i}_${j}`;

export interface Suffix {
  /** 0-based update, when written. */
  update?: number;
  /** 0-based sample position within the update, when written. */
  sample?: number;
}

/** `Y3@u2s1` → { base: "Y3", update: 1, sample: 0 }; `Y3@u2@s1` is read the same way. */
export function splitSuffix(name: string): { base: string } & Suffix {
  const m = /^(.*?)@(?:u(\d+))?@?(?:s(\d+))?$/.exec(name);
  if (!m || (m[2] === undefined && m[3] === undefined) || m[1] === "") return { base: name };
  const out: { base: string } & Suffix = { base: m[1]! };
  if (m[2] !== undefined) out.update = Number(m[2]) - 1;
  if (m[3] !== undefined) out.sample = Number(m[3]) - 1;
  return out;
}

/** The suffix a name needs: `@u2` only when there are several updates, `s1` only for several samples. */
export function suffix(update: number | undefined, sample: number | undefined, nUpdates: number, nSamples: number): string {
  const u = update !== undefined && nUpdates > 1 ? `u${update + 1}` : "";
  const s = sample !== undefined && nSamples > 1 ? `s${sample + 1}` : "";
  return u || s ? `@${u}${s}` : "";
}

/** The full (always unique) key of a quantity: every part written. */
export function fullKey(base: string, update: number | undefined, sample: number | undefined): string {
  if (update === undefined) return base;
  return `${base}@u${update + 1}${sample === undefined ? "" : `s${sample + 1}`}`;
}
