/*
 * Moodle XML helpers: prose with `$…$` math becomes HTML with `\(…\)` (Moodle's MathJax and
 * TeX filters read it); numbers are written plainly (never 5e-7) so any Moodle parses them.
 */

const html = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Prose with inline `$…$` math → HTML with `\(…\)` math. */
export function proseHtml(prose: string): string {
  return prose
    .split("$")
    .map((part, i) => (i % 2 === 1 ? `\\(${html(part)}\\)` : html(part)))
    .join("");
}

/** A number in plain decimal notation, without exponent. */
export function plainNumber(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}
