import type { Row } from "./note-segments.js";

/**
 * Vectors and matrices written whole, as the matrix notation invites: `\mathbf{a}^{(1)} =
 * \begin{bmatrix} 0.572 \\ 0.098 \end{bmatrix}`, `\boldsymbol\delta^{(2)} = (0.1, -0.2)^T`,
 * `W^{(1),\mathrm{new}} = \begin{pmatrix} … & … \\ … & … \end{pmatrix}`. Each element becomes an
 * equation of its own, `a^{(1)}_{2} = 0.098`, placed where the element is written, so that
 * every element is a claim found on its own line. A symbolic equation between vectors
 * (`δ⁽¹⁾ = (W⁽²⁾)ᵀ δ⁽²⁾ ⊙ f′(z⁽¹⁾)`) is not compared element by element: it is reported as such.
 */

/** A vector or matrix name with no index: its TeX letter, its layer, and whether it is the value after the update. */
interface VectorName {
  letter: string;
  layer?: string;
  isNew: boolean;
}

const LETTERS = new Set(["a", "z", "x", "b", "W", "w", "y", "e", "h", "delta", "g", "v", "m", "s"]);

/** The left-hand side as a whole vector: `\mathbf{a}^{(1)}`, `\pmb{\delta}^{(2)}`, `W^{(1)}`, `\boldsymbol\delta^{(2),\mathrm{new}}`. */
function vectorName(written: string): VectorName | undefined {
  // (an aligned row's "&" before its "=")
  const text = written.replace(/&/g, " ");
  const m =
    /^\s*(?:\\(?:mathbf|boldsymbol|pmb|bm|vec)\s*\{?\s*\\?([A-Za-z]+)\s*\}?|\\?([A-Za-z]+))\s*(?:\^\s*\{\s*\((\d+)\)\s*(,\s*\\(?:mathrm|text)\s*\{\s*new\s*\})?\s*\})?\s*$/.exec(
      text,
    );
  if (!m) return undefined;
  const letter = m[1] ?? m[2]!;
  if (!LETTERS.has(letter)) return undefined;
  // a plain one-letter name with no layer (x, y) is a vector only when written bold
  if (m[3] === undefined && m[1] === undefined && letter !== "x") return undefined;
  return { letter, ...(m[3] !== undefined ? { layer: m[3] } : {}), isNew: m[4] !== undefined };
}

/** The TeX of one element: `a^{(1)}_{2}`, `W^{(1),\mathrm{new}}_{12}`, `\delta^{(2)}_{1}`. */
function elementName(v: VectorName, sub: number[]): string {
  const letter = v.letter.length > 1 ? `\\${v.letter}` : v.letter;
  const sup = v.layer !== undefined ? `^{(${v.layer})${v.isNew ? ",\\mathrm{new}" : ""}}` : v.isNew ? "^{\\mathrm{new}}" : "";
  const joined = sub.some((i) => i >= 10) ? sub.join(",") : sub.join("");
  return `${letter}${sup}_{${joined}}`;
}

interface Cell {
  text: string;
  at: number;
}

/** The top-level parts of a row split at "=" (braces and matrices kept whole), with their offsets in the row. */
function partsOf(text: string): { text: string; at: number }[] {
  const parts: { text: string; at: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      const env = /^\\(begin|end)\s*\{[a-zA-Z]*matrix\*?\}/.exec(text.slice(i));
      if (env) {
        depth += env[1] === "begin" ? 1 : -1;
        i += env[0].length - 1;
      } else i++;
    } else if (ch === "{" || ch === "(") depth++;
    else if (ch === "}" || ch === ")") depth--;
    else if (ch === "=" && depth === 0) {
      parts.push({ text: text.slice(start, i), at: start });
      start = i + 1;
    }
  }
  parts.push({ text: text.slice(start), at: start });
  return parts;
}

const TRANSPOSE = /^\s*\^\s*(\{\s*)?(T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\})(\s*\})?\s*$/;

/** The elements of a literal, row by row (`cells[i][j]`), when the part is one. */
function literal(part: string): Cell[][] | undefined {
  const mat =
    /^\s*(?:\\left\s*[([]\s*)?\\begin\s*\{([a-zA-Z]*)matrix\*?\}([\s\S]*?)\\end\s*\{\1matrix\*?\}(?:\s*\\right\s*[)\]])?([\s\S]*)$/.exec(
      part,
    );
  if (mat) {
    const bodyAt = part.indexOf(mat[2]!, part.indexOf("matrix"));
    const rest = mat[3]!;
    if (rest.trim() !== "" && !TRANSPOSE.test(rest)) return undefined;
    const cells: Cell[][] = [];
    let rowAt = bodyAt;
    for (const rowText of mat[2]!.split("\\\\")) {
      const row: Cell[] = [];
      let cellAt = rowAt;
      for (const cellText of rowText.split("&")) {
        const lead = cellText.length - cellText.trimStart().length;
        if (cellText.trim() !== "") row.push({ text: cellText.trim(), at: cellAt + lead });
        cellAt += cellText.length + 1;
      }
      if (row.length > 0) cells.push(row);
      rowAt += rowText.length + 2;
    }
    return rest.trim() !== "" ? transpose(cells) : cells;
  }
  // (0.3, 0.7)^T, [0.3, 0.7]^\top, \left(0.3, 0.7\right)^T: a column vector written as a row
  const tuple = /^(\s*(?:\\left\s*)?[([]\s*)([^()[\]]*?)(\s*(?:\\right\s*)?[)\]])([\s\S]*)$/.exec(part);
  if (tuple && tuple[2]!.includes(",") && (tuple[4]!.trim() === "" || TRANSPOSE.test(tuple[4]!))) {
    const cells: Cell[][] = [];
    let at = tuple[1]!.length;
    for (const t of tuple[2]!.split(",")) {
      const lead = t.length - t.trimStart().length;
      if (t.trim() === "") return undefined;
      cells.push([{ text: t.trim(), at: at + lead }]);
      at += t.length + 1;
    }
    return cells;
  }
  return undefined;
}

function transpose(cells: Cell[][]): Cell[][] {
  const out: Cell[][] = [];
  cells.forEach((row, i) => row.forEach((c, j) => ((out[j] ??= [])[i] = c)));
  return out;
}

/** True when a part is an expression in whole vectors or matrices (a transpose, ⊙, or a bold name). */
function isVectorExpression(part: string): boolean {
  return /\\odot|\^\s*\{?\s*(T|\\top)\b|\\(mathbf|boldsymbol|pmb|bm)\b|\\circ\b|\\otimes/.test(part);
}

/**
 * The note's rows with every vector or matrix equation written out element by element, and the
 * symbolic vector equations that are not compared (their file offsets).
 */
export function vectorRows(rows: Row[]): { rows: Row[]; notCompared: { at: number; text: string }[] } {
  const out: Row[] = [];
  const notCompared: { at: number; text: string }[] = [];
  for (const row of rows) {
    // the environments around the equation (aligned, equation) are blanked, keeping every offset
    const bare = row.text.replace(/\\(begin|end)\s*\{(?![a-zA-Z]*matrix)[a-zA-Z]+\*?\}/g, (m) => " ".repeat(m.length));
    const parts = row.plain ? [] : partsOf(bare);
    const name = parts.length >= 2 ? vectorName(parts[0]!.text) : undefined;
    if (!name) {
      out.push(row);
      continue;
    }
    const written: Row[] = [];
    let symbolic = false;
    for (const part of parts.slice(1)) {
      const cells = literal(part.text);
      if (!cells) {
        if (isVectorExpression(part.text) || /\\(mathbf|boldsymbol|pmb)/.test(parts[0]!.text)) symbolic = true;
        continue;
      }
      // a weight matrix keeps its two indices even with one column
      const vector = cells.every((r) => r.length === 1) && name.letter.toLowerCase() !== "w";
      cells.forEach((r, i) =>
        r.forEach((c, j) => {
          if (!c) return;
          const prefix = `${elementName(name, vector ? [i + 1] : [i + 1, j + 1])} = `;
          const at = row.offset + part.at + c.at;
          if (at - prefix.length < 0) return;
          written.push({ text: prefix + c.text, offset: at - prefix.length, plain: false });
        }),
      );
    }
    if (written.length > 0) out.push(...written);
    else {
      out.push(row);
      // a vector equation whose layer is a number (the renderer's general form has (l) and is not one)
      if (symbolic && name.layer !== undefined) notCompared.push({ at: row.offset + parts[1]!.at, text: row.text });
    }
  }
  return { rows: out, notCompared };
}
