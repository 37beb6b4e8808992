/**
 * A number as somebody wrote it down. The digits set the precision that is claimed:
 * `0.80` claims two decimals, `1e-3` three, `-5.19` two, `2` none.
 */
export interface WrittenNumber {
  /** The text as written (after trimming), e.g. "0.80". */
  text: string;
  value: number;
  /** Decimals claimed; negative for `1e3` (claims the thousands). */
  decimals: number;
}

// An optional sign (ASCII or U+2212 minus), digits with an optional point (or `.57`), an exponent.
const NUMBER = /^([+\-\u2212]?)(\d+(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** Parses a written decimal number; undefined for anything else (hex, `.inf`, words). */
export function parseWrittenNumber(raw: string): WrittenNumber | undefined {
  const text = raw.trim();
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? m[4] ?? "";
  const exponent = m[5] === undefined ? 0 : Number(m[5]);
  const value = Number(text.replace("\u2212", "-"));
  if (!Number.isFinite(value)) return undefined;
  return { text, value, decimals: fraction.length - exponent };
}

/** Half a unit in the last written place: how far the written value may be from the truth. */
export const halfUnit = (decimals: number): number => 0.5 * 10 ** -decimals;

/**
 * |written − value| ≤ tolerance, with a hair of slack for binary floating point, so that a
 * value exactly on a .5 boundary (0.125 written as 0.12 or as 0.13) counts as rounded either way.
 */
export function withinTolerance(written: number, value: number, tolerance: number): boolean {
  if (!Number.isFinite(value)) return false;
  const slack = 1e-9 * tolerance + 8 * Number.EPSILON * Math.max(Math.abs(written), Math.abs(value), 1);
  return Math.abs(written - value) <= tolerance + slack;
}

/** The value cut off (towards zero) at the given decimals: −5.19866 → −5.19 at two. */
export function truncateTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  // A tiny nudge away from zero keeps 0.29 (= 0.28999…) from truncating to 0.28.
  const scaled = value * scale;
  return Math.trunc(scaled + Math.sign(scaled) * 1e-9) / scale;
}

/** The value rounded to the given decimals, half away from zero, as text: used in messages. */
export function roundedText(value: number, decimals: number): string {
  if (decimals >= 0 && decimals <= 20) return value.toFixed(decimals).replace(/^-(0\.?0*)$/, "$1");
  return String(value);
}

/** A short human form of a full-precision number (for reports): 6 significant digits unless told. */
export function shortNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const s = Number(value.toPrecision(digits));
  return String(s);
}

/** Significant digits as written: `0.80` 2, `-5.19` 3, `0.00044` 2, `1.0e-3` 2, `2` 1. */
export function significantDigits(text: string): number {
  const digits = text
    .trim()
    .replace(/[eE].*$/, "")
    .replace(/[^0-9]/g, "")
    .replace(/^0+/, "");
  return Math.max(1, digits.length);
}

/**
 * How many significant digits a value is reported with next to a claim: the claim's own plus
 * two (at least 6), so that a wrong claim never reads like the value printed beside it
 * (a claimed 0.291027924 is set against 11 digits, 0.29102777369).
 */
export const digitsFor = (claimed: string): number => Math.min(17, Math.max(6, significantDigits(claimed) + 2));
