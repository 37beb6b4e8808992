/**
 * The Markdown pass: parse the notes with remark + remark-math and typeset every formula
 * with KaTeX in strict mode. Returns located problems instead of throwing, so a caller (the
 * tests, a `check` command) can report them all. Loaded lazily: the renderer itself does not
 * need it.
 */
export interface MathProblem {
  line: number;
  column: number;
  formula: string;
  message: string;
}

export async function checkMarkdownMath(markdown: string): Promise<{ problems: MathProblem[]; formulas: number }> {
  const [{ unified }, { default: remarkParse }, { default: remarkMath }, { visit }, { default: katex }] = await Promise.all([
    import("unified"),
    import("remark-parse"),
    import("remark-math"),
    import("unist-util-visit"),
    import("katex"),
  ]);
  const tree = unified().use(remarkParse).use(remarkMath).parse(markdown);
  unified().use(remarkMath).runSync(tree);
  const problems: MathProblem[] = [];
  let formulas = 0;
  visit(tree, ["inlineMath", "math"], (node) => {
    const n = node as unknown as { type: string; value: string; position?: { start: { line: number; column: number } } };
    formulas++;
    try {
      katex.renderToString(n.value, { throwOnError: true, strict: "error", displayMode: n.type === "math" });
    } catch (err) {
      problems.push({
        line: n.position?.start.line ?? 0,
        column: n.position?.start.column ?? 0,
        formula: n.value,
        message: (err as Error).message,
      });
    }
    return undefined;
  });
  return { problems, formulas };
}
