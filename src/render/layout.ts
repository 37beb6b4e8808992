/**
 * Line breaking for display equations. An equation is a left-hand side and one or more
 * right-hand stages (symbolic, substituted, value), each a list of chunks a line may break
 * between. `alignRows` lays them out as `aligned`/`align*` rows: stages and chunks fill a
 * line up to a width budget, a new stage starts a row with `&=`, a broken sum continues
 * with `&\quad +`. Widths are estimated from the TeX (a character is about one unit).
 */
export interface Equation {
  lhs: string;
  /** The relation, `=` unless told. */
  rel?: string;
  stages: string[][];
  /** Text-mode note after the formula (e.g. "(targets sum to 1)"), already TeX-safe. */
  note?: string;
}

const ZERO_WIDTH = /\\(?:left|right|bigl|bigr|Bigl|Bigr|mathrm|operatorname|text|textcircled|scriptsize|mathbf|hat|quad|,|;|!)(?![a-zA-Z])/g;

/** Rough printed width of a TeX formula, in characters. */
export function texWidth(tex: string): number {
  let s = tex.replace(ZERO_WIDTH, "");
  // \frac{a}{b}: about as wide as its wider part; count both halves at 0.6.
  let fracs = 0;
  s = s.replace(/\\frac/g, () => {
    fracs++;
    return "";
  });
  // Binary operators and relations take about two characters with their spacing.
  const ops = (s.match(/[+=<>]|-(?=\s)|\\cdot|\\leftarrow/g) ?? []).length;
  s = s.replace(/\\[a-zA-Z]+/g, "x").replace(/[{}_^\s&]/g, "");
  return (fracs > 0 ? s.length * 0.75 : s.length) + ops;
}

/** The rows of one equation (no trailing `\\`). */
export function equationRows(eq: Equation, width: number): string[] {
  const rel = eq.rel ?? "=";
  const lhsW = texWidth(eq.lhs);
  const budget = Math.max(width - lhsW - 2, 24);
  const rows: string[] = [];
  let line = "";
  let lineW = 0;
  let lead = `${eq.lhs} &${rel} `;
  const flush = (): void => {
    if (line) rows.push(lead + line);
    line = "";
    lineW = 0;
  };
  eq.stages.forEach((stage, si) => {
    stage.forEach((chunk, ci) => {
      const cw = texWidth(chunk) + (ci === 0 && si > 0 ? 2 : 0);
      if (line && lineW + cw > budget) {
        flush();
        lead = ci === 0 ? `&${rel} ` : "&\\quad ";
      } else if (ci === 0 && si > 0 && line) {
        line += ` ${rel} `;
      }
      line += line ? (ci === 0 ? chunk : ` ${chunk}`) : chunk;
      lineW += cw;
    });
  });
  flush();
  if (rows.length === 0) rows.push(`${eq.lhs} &`);
  if (eq.note) rows[rows.length - 1] += ` &&\\text{${eq.note}}`;
  return rows;
}

/** The body of an aligned environment for several equations. */
export function alignRows(equations: readonly Equation[], width: number): string {
  return equations.flatMap((e) => equationRows(e, width)).join(" \\\\\n");
}
