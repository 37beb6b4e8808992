/**
 * The Markdown pass: parse the notes with remark + remark-math and typeset every formula
 * with KaTeX in strict mode. Returns located problems instead of throwing, so a test can
 * report them all. A test helper: the renderer does not need it, so remark and KaTeX are
 * development dependencies only.
 */
export interface MathProblem {
  line: number;
  column: number;
  formula: string;
  message: string;
}

/** One formula of a Markdown text, as remark-math reads it: `$…$` inline, `$$…$$` display. */
export interface MarkdownFormula {
  tex: string;
  display: boolean;
  line: number;
  column: number;
}

/** Every formula of a Markdown text, in order. */
export async function markdownFormulas(markdown: string): Promise<MarkdownFormula[]> {
  const [{ unified }, { default: remarkParse }, { default: remarkMath }, { visit }] = await Promise.all([
    import("unified"),
    import("remark-parse"),
    import("remark-math"),
    import("unist-util-visit"),
  ]);
  const tree = unified().use(remarkParse).use(remarkMath).parse(markdown);
  unified().use(remarkMath).runSync(tree);
  const formulas: MarkdownFormula[] = [];
  visit(tree, ["inlineMath", "math"], (node) => {
    const n = node as unknown as { type: string; value: string; position?: { start: { line: number; column: number } } };
    formulas.push({ tex: n.value, display: n.type === "math", line: n.position?.start.line ?? 0, column: n.position?.start.column ?? 0 });
    return undefined;
  });
  return formulas;
}

export async function checkMarkdownMath(markdown: string): Promise<{ problems: MathProblem[]; formulas: number }> {
  const [formulas, { default: katex }] = await Promise.all([markdownFormulas(markdown), import("katex")]);
  const problems: MathProblem[] = [];
  for (const f of formulas) {
    try {
      katex.renderToString(f.tex, { throwOnError: true, strict: "error", displayMode: f.display });
    } catch (err) {
      problems.push({ line: f.line, column: f.column, formula: f.tex, message: (err as Error).message });
    }
  }
  return { problems, formulas: formulas.length };
}
