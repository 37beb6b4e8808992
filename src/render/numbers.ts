/**
 * Number display. Every number shown is the exact (double) value rounded once for display;
 * nothing displayed is ever computed from displayed numbers.
 *
 *   - `precision` decimals, trailing zeros dropped (0.2500 → 0.25), never −0;
 *   - below 1, at least three significant digits (0.000438 stays 0.000438 at precision 4);
 *   - values below 10^(−precision) (but not 0), and values of 10⁶ or more, as m × 10ⁿ
 *     with `precision` significant digits in m;
 *   - TeX uses a real minus and `\times 10^{n}`; text uses − and ×10ⁿ.
 */
export interface NumberFormat {
  precision: number;
}

const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";

interface Parts {
  negative: boolean;
  mantissa: string;
  exponent?: number;
}

/** `2.500` → `2.5`, `3.000` → `3` (no regular expressions: it runs for every number shown). */
function trimZeros(s: string): string {
  if (s.indexOf(".") === -1) return s;
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (end > 0 && s.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function numberParts(v: number, precision: number): Parts {
  if (!Number.isFinite(v)) return { negative: false, mantissa: String(v) };
  if (v === 0) return { negative: false, mantissa: "0" };
  const abs = Math.abs(v);
  // Small values keep three significant digits (0.000438, not 0.0004).
  const decimals = abs < 1 ? Math.max(precision, 2 - Math.floor(Math.log10(abs))) : precision;
  const tiny = abs < 10 ** -precision;
  if (!tiny && abs < 1e6) {
    const fixed = trimZeros(abs.toFixed(Math.min(decimals, 100)));
    if (fixed !== "0") return { negative: v < 0, mantissa: fixed };
  }
  const [m, e] = abs.toExponential(Math.max(precision - 1, 1)).split("e");
  let exponent = Number(e);
  let mantissa = trimZeros(m!);
  if (mantissa === "10") {
    mantissa = "1";
    exponent += 1;
  }
  return { negative: v < 0, mantissa, exponent };
}

// The same values are shown many times (in every substituted form, the tables, the diagram):
// their TeX is remembered, per precision, up to a bound.
const TEX_CACHE_LIMIT = 1 << 16;
const texCache: Map<number, string>[] = [];

/** TeX for a number, e.g. `-0.25`, `1.5 \times 10^{-7}`. */
export function texNumber(v: number, precision: number): string {
  let cache = texCache[precision];
  if (cache === undefined) cache = texCache[precision] = new Map();
  let t = cache.get(v);
  if (t === undefined) {
    const p = numberParts(v, precision);
    const body = p.exponent === undefined ? p.mantissa : `${p.mantissa} \\times 10^{${p.exponent}}`;
    t = p.negative ? `-${body}` : body;
    if (cache.size >= TEX_CACHE_LIMIT) cache.clear();
    cache.set(v, t);
  }
  return t;
}

/** Unicode text for a number, e.g. `−0.25`, `1.5×10⁻⁷`. */
export function textNumber(v: number, precision: number): string {
  const p = numberParts(v, precision);
  const exp =
    p.exponent === undefined
      ? ""
      : `×10${String(p.exponent)
          .replace("-", "⁻")
          .replace(/[0-9]/g, (d) => SUP[Number(d)]!)}`;
  return `${p.negative ? "−" : ""}${p.mantissa}${exp}`;
}

/** True when the number is displayed with a leading minus (so it needs parentheses in a product). */
export function showsNegative(v: number, precision: number): boolean {
  return texNumber(v, precision).charCodeAt(0) === 45; /* - */
}
