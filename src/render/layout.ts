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
  /** A little space above the equation: it starts a new group (one parameter's optimizer step). */
  gap?: boolean;
}

const ZERO_WIDTH = new Set([
  "left",
  "right",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "mathrm",
  "operatorname",
  "text",
  "textcircled",
  "scriptsize",
  "mathbf",
  "boldsymbol",
  "hat",
  "quad",
  ",",
  ";",
  "!",
  "circnum",
]);

/**
 * Rough printed width of a TeX formula, in characters: letters and digits count one, commands
 * one (layout commands none), binary operators two, and a formula with fractions three
 * quarters (a fraction is about as wide as its wider half). One pass, no regular expressions:
 * it runs for every chunk of a 50 000-weight network.
 */
export function texWidth(tex: string): number {
  let chars = 0;
  let ops = 0;
  let fracs = 0;
  const n = tex.length;
  for (let i = 0; i < n; i++) {
    const c = tex.charCodeAt(i);
    if (c === 92 /* \ */) {
      let j = i + 1;
      while (j < n && isLetter(tex.charCodeAt(j))) j++;
      const name = j === i + 1 ? (tex[i + 1] ?? "") : tex.slice(i + 1, j);
      i = j === i + 1 ? i + 1 : j - 1;
      if (name === "frac") fracs++;
      else if (name === "cdot" || name === "leftarrow") ops++;
      else if (!ZERO_WIDTH.has(name)) chars++;
      continue;
    }
    // { } _ ^ & and spaces take no room
    if (c === 123 || c === 125 || c === 95 || c === 94 || c === 38 || c === 32 || c === 10) continue;
    if (c === 43 || c === 61 || c === 60 || c === 62) ops++;
    else if (c === 45 && tex.charCodeAt(i + 1) === 32) ops++;
    chars++;
  }
  return (fracs > 0 ? chars * 0.75 : chars) + ops;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The rows of one equation (no trailing `\\`). */
export function equationRows(eq: Equation, width: number): string[] {
  const rel = eq.rel ?? "=";
  const widths = widthsOf(eq);
  const lhsW = widths.lhs;
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
      const cw = widths.stages[si]![ci]! + (ci === 0 && si > 0 ? 2 : 0);
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

// Widths are measured once per equation, whatever the number of formats laid out; they are
// kept on the equation itself (a WeakMap of 100 000 entries costs more in garbage collection).
function widthsOf(eq: Equation): { lhs: number; stages: number[][] } {
  const cached = (eq as Equation & { widths?: { lhs: number; stages: number[][] } }).widths;
  if (cached) return cached;
  const w = { lhs: texWidth(eq.lhs), stages: eq.stages.map((st) => st.map(texWidth)) };
  Object.defineProperty(eq, "widths", { value: w, enumerable: false });
  return w;
}

// The article and the fragment lay out the same equations at the same width: do it once. The
// rows are kept on the list itself (a WeakMap holding every list of every document rendered
// costs more in garbage collection than the layout it saves).
const LAID_OUT = Symbol("laidOut");
type Laid = readonly Equation[] & { [LAID_OUT]?: { width: number; rows: string }[] };

/** The body of an aligned environment for several equations. */
export function alignRows(equations: readonly Equation[], width: number): string {
  const list = equations as Laid;
  let done = list[LAID_OUT];
  if (done) {
    for (const d of done) if (d.width === width) return d.rows;
  } else if (Object.isExtensible(list)) {
    done = [];
    Object.defineProperty(list, LAID_OUT, { value: done, enumerable: false });
  }
  // one join: a string grown row by row leaves a chain of pieces for the collector
  const parts: string[] = [];
  for (let i = 0; i < equations.length; i++) {
    const rows = equationRows(equations[i]!, width);
    for (let r = 0; r < rows.length; r++) {
      // a new group opens a little space above it (amsmath, KaTeX and MathJax alike)
      if (parts.length > 0) parts.push(r === 0 && equations[i]!.gap ? " \\\\[1.5ex]\n" : " \\\\\n");
      parts.push(rows[r]!);
    }
  }
  const out = parts.join("");
  done?.push({ width, rows: out });
  return out;
}
