/**
 * Where the mathematics of a note is: Markdown's `$…$` and `$$…$$` (remark-math), LaTeX's inline
 * and display math and its equation environments (unified-latex), and, in either, the lines of
 * plain text left over, which an OCR'd note often uses for formulas (`Y3 = Relu(0.5x(-2.5)) = 0.57`).
 * Each row carries the file offset of its first character, so that every finding is located in
 * the note as written. The parsers are loaded on demand: `check` on an answers file never needs them.
 */

export type NoteKind = "markdown" | "latex";

/** One row of mathematics: a formula, one row of an aligned block, or one plain-text line. */
export interface Row {
  text: string;
  /** File offset of text[0]. */
  offset: number;
  /** Plain text outside math: read only when every word in it reads as mathematics. */
  plain: boolean;
}

/** The note's kind from its file name: `.tex` and `.latex` are LaTeX, anything else Markdown-like. */
export function noteKindOf(file: string): NoteKind {
  return /\.(tex|latex)$/i.test(file) ? "latex" : "markdown";
}

interface Span {
  start: number;
  end: number;
}

/** The math rows of a note, in file order. */
export async function noteRows(source: string, kind: NoteKind): Promise<Row[]> {
  const { math, skip } = kind === "latex" ? await latexSpans(source) : await markdownSpans(source);
  const rows: Row[] = [];
  for (const m of math) rows.push(...splitRows(source, m));
  rows.push(...plainRows(source, [...math, ...skip]));
  return rows.sort((a, b) => a.offset - b.offset);
}

/** The spans of math content (without delimiters), and spans to ignore (code). */
async function markdownSpans(source: string): Promise<{ math: Span[]; skip: Span[] }> {
  const [{ unified }, { default: remarkParse }, { default: remarkMath }, { visit }] = await Promise.all([
    import("unified"),
    import("remark-parse"),
    import("remark-math"),
    import("unist-util-visit"),
  ]);
  const tree = unified().use(remarkParse).use(remarkMath).parse(source);
  const math: Span[] = [];
  const skip: Span[] = [];
  visit(tree, (node) => {
    const n = node as unknown as { type: string; value?: string; position?: { start: { offset?: number }; end: { offset?: number } } };
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (s === undefined || e === undefined) return undefined;
    if (n.type === "inlineMath" || n.type === "math") {
      const value = n.value ?? "";
      const at = value === "" ? -1 : source.indexOf(value, s);
      // The whole span (delimiters too) is taken out of the plain text; the value is read.
      skip.push({ start: s, end: e });
      if (at >= 0 && at + value.length <= e) math.push({ start: at, end: at + value.length });
    } else if (n.type === "code" || n.type === "inlineCode" || n.type === "html") {
      skip.push({ start: s, end: e });
    }
    return undefined;
  });
  return { math, skip };
}

interface LatexNode {
  type: string;
  content?: LatexNode[] | string;
  env?: unknown;
  position?: { start: { offset: number }; end: { offset: number } };
}

/** Environments whose body is read as mathematics. */
const MATH_ENVS = /^(equation|align|alignat|gather|multline|flalign|eqnarray|math|displaymath)\*?$/;

async function latexSpans(source: string): Promise<{ math: Span[]; skip: Span[] }> {
  const { parse } = await import("@unified-latex/unified-latex-util-parse");
  const root = parse(source) as unknown as LatexNode;
  const math: Span[] = [];
  const skip: Span[] = [];
  const envName = (n: LatexNode): string => {
    const e = n.env as unknown;
    if (typeof e === "string") return e;
    if (e && typeof e === "object" && "content" in e) return String((e as { content: unknown }).content);
    return "";
  };
  const walk = (n: LatexNode) => {
    const p = n.position;
    const isMath =
      n.type === "inlinemath" || n.type === "displaymath" || (n.type === "mathenv" && MATH_ENVS.test(envName(n))) || n.type === "mathenv";
    if (isMath && p && Array.isArray(n.content)) {
      skip.push({ start: p.start.offset, end: p.end.offset });
      const inner = n.content.filter((c) => c.position !== undefined);
      // The last node's end leaves out a macro's arguments (x_5 ends before the 5): the math ends at its closing delimiter.
      const close =
        n.type === "mathenv"
          ? source.lastIndexOf("\\end{", p.end.offset)
          : source.startsWith("$$", p.end.offset - 2) ||
              source.startsWith("\\]", p.end.offset - 2) ||
              source.startsWith("\\)", p.end.offset - 2)
            ? p.end.offset - 2
            : p.end.offset - 1;
      if (inner.length > 0) math.push({ start: inner[0]!.position!.start.offset, end: Math.max(inner[0]!.position!.start.offset, close) });
      return;
    }
    if (n.type === "comment" || n.type === "verbatim" || (n.type === "environment" && /^(verbatim|lstlisting|comment)$/.test(envName(n)))) {
      if (p) skip.push({ start: p.start.offset, end: p.end.offset });
      return;
    }
    if (Array.isArray(n.content)) for (const c of n.content) walk(c);
    const args = (n as { args?: { content?: LatexNode[] }[] }).args;
    if (args) for (const a of args) for (const c of a.content ?? []) walk(c);
  };
  walk(root);
  // The preamble and the commands between paragraphs are not prose to read as formulas.
  const begin = source.indexOf("\\begin{document}");
  if (begin > 0) skip.push({ start: 0, end: begin + "\\begin{document}".length });
  return { math, skip };
}

/** A math span split into rows at `\\` (aligned environments), each without its `&`. */
function splitRows(source: string, m: Span): Row[] {
  const rows: Row[] = [];
  let start = m.start;
  let depth = 0;
  // the rows of a matrix or a vector (\begin{bmatrix} 0.3 \\ 0.7 \end{bmatrix}) stay in their equation
  let inMatrix = 0;
  for (let i = m.start; i < m.end; i++) {
    const ch = source[i];
    if (ch === "\\" && /^\\begin\s*\{[a-zA-Z]*matrix\*?\}/.test(source.slice(i, i + 24))) inMatrix++;
    else if (ch === "\\" && /^\\end\s*\{[a-zA-Z]*matrix\*?\}/.test(source.slice(i, i + 24))) inMatrix = Math.max(0, inMatrix - 1);
    if (ch === "{") depth++;
    else if (ch === "}") depth = Math.max(0, depth - 1);
    else if (ch === "\\" && source[i + 1] === "\\" && depth <= 1 && inMatrix === 0) {
      rows.push({ text: source.slice(start, i), offset: start, plain: false });
      start = i + 2;
      i++;
    } else if (ch === "\\") i++;
  }
  rows.push({ text: source.slice(start, m.end), offset: start, plain: false });
  return rows.filter((r) => r.text.trim() !== "");
}

/** The text outside every span, line by line (non-blank pieces only). */
function plainRows(source: string, spans: Span[]): Row[] {
  const mask = source.split("");
  for (const s of spans) for (let i = s.start; i < s.end && i < mask.length; i++) if (mask[i] !== "\n") mask[i] = "\u0000";
  const rows: Row[] = [];
  let lineStart = 0;
  const text = mask.join("");
  for (const line of text.split("\n")) {
    // each run between masked parts is its own row
    let i = 0;
    while (i < line.length) {
      while (i < line.length && line[i] === "\u0000") i++;
      let j = i;
      while (j < line.length && line[j] !== "\u0000") j++;
      const piece = line.slice(i, j);
      if (piece.trim() !== "") rows.push({ text: piece, offset: lineStart + i, plain: true });
      i = j;
    }
    lineStart += line.length + 1;
  }
  return rows;
}

/** Line and column (1-based) of a file offset. */
export function locator(source: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
