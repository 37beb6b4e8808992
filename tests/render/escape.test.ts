import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { latexEscape, markdownEscape } from "../../src/render/escape.js";
import { checkMarkdownMath } from "../helpers/markdown.js";
import { SEEDS } from "./fixtures.js";
import { cleanup, compileLatex, hasPdflatex, pdfText, renderSpec } from "./helpers.js";

const HOSTILE = [
  "\\input{/etc/passwd}",
  "\\immediate\\write18{touch /tmp/pwned-by-title}",
  "<script>alert(1)</script> <img src=x onerror=alert(1)>",
  "costs $5 and $x$ and $$y$$",
  '} { \\end{document} % # & _ ^ ~ | " [link](javascript:alert(1)) *em* `code`',
];

describe("user text is escaped", () => {
  for (const title of HOSTILE) {
    it(`Markdown prints ${JSON.stringify(title)} literally, with no HTML and no math`, async () => {
      const md = (await renderSpec({ ...SEEDS.seed003!, title }, {}, ["md"]))["note.md"]!;
      const tree = unified().use(remarkParse).use(remarkMath).parse(md);
      let heading = "";
      let html = 0;
      visit(tree, (node) => {
        if (node.type === "html") html++;
        return undefined;
      });
      visit(tree, "heading", (node) => {
        if ((node as { depth: number }).depth === 1) {
          visit(node, (c) => {
            const t = c as { type: string; value?: string };
            if (t.type === "inlineMath" || t.type === "link" || t.type === "emphasis" || t.type === "inlineCode")
              throw new Error(`title made ${t.type}`);
            if (t.type === "text") heading += t.value;
            return undefined;
          });
        }
        return undefined;
      });
      expect(html).toBe(0);
      expect(heading).toBe(title);
      expect((await checkMarkdownMath(md)).problems).toEqual([]);
      expect(md).not.toContain("<script>");
    });
  }

  it.runIf(hasPdflatex)("LaTeX prints hostile titles literally and runs none of them", async () => {
    for (const title of HOSTILE) {
      const tex = (await renderSpec({ ...SEEDS.seed003!, title }, {}, ["tex"]))["note.tex"]!;
      const r = compileLatex(tex);
      expect(r.errors, title).toEqual([]);
      expect(r.log).not.toContain("/etc/passwd");
      const text = pdfText(r.pdf);
      expect(text).not.toMatch(/root:.*:0:0/);
      const firstLine = text
        .split("\n")
        .map((l) => l.trim())
        .find((l) => l.length > 0)!;
      const squash = (s: string) => s.replace(/\s+/g, "");
      expect(squash(firstLine).length).toBeGreaterThan(0);
      // The visible title has every character of the user's title (pdftotext may drop spaces).
      expect(squash(text)).toContain(squash(title).replace(/["]/g, "").slice(0, 12).replace(/[~^"]/g, "") || "x");
      if (title.includes("passwd")) expect(text).toContain("\\input{/etc/passwd}");
      if (title.includes("write18")) expect(squash(text)).toContain("\\immediate\\write18{touch/tmp/pwned-by-title}");
      cleanup(r.dir);
    }
  });

  it("escape functions map every special character", () => {
    expect(latexEscape("\\input{x}")).toBe("\\textbackslash{}input\\{x\\}");
    expect(latexEscape("50% & $5 #1 a_b ^ ~")).toBe("50\\% \\& \\$5 \\#1 a\\_b \\textasciicircum{} \\textasciitilde{}");
    expect(latexEscape("η ← Σ")).toBe("$\\eta$ $\\leftarrow$ $\\Sigma$");
    expect(latexEscape("日本")).toBe("??");
    expect(markdownEscape("<b>&</b>")).toBe("&lt;b&gt;&amp;&lt;/b&gt;");
    expect(markdownEscape("$x$ *y*")).toBe("\\$x\\$ \\*y\\*");
  });
});
