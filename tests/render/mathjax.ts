/**
 * Typesets TeX as MathJax 3 does in the viewers most people read Markdown in (GitHub, Jupyter,
 * Obsidian, Pandoc): the TeX input with its base and ams packages only, no text macros. One
 * MathJax document, made on first use, converts every formula to MathML.
 */
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { STATE } from "mathjax-full/js/core/MathItem.js";
import type { MmlNode } from "mathjax-full/js/core/MmlTree/MmlNode.js";
import { SerializedMmlVisitor } from "mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import "mathjax-full/js/input/tex/ams/AmsConfiguration.js";
import "mathjax-full/js/input/tex/base/BaseConfiguration.js";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { markdownFormulas } from "../helpers/markdown.js";

let convert: ((tex: string, display: boolean) => string) | undefined;

/** The MathML MathJax makes of a formula (an error shows as an `merror` element, as in a browser). */
export function mathjaxMathML(tex: string, display: boolean): string {
  if (!convert) {
    RegisterHTMLHandler(liteAdaptor());
    const doc = mathjax.document("", { InputJax: new TeX({ packages: ["base", "ams"] }) });
    const visitor = new SerializedMmlVisitor();
    convert = (t, d) => visitor.visitTree(doc.convert(t, { display: d, end: STATE.CONVERT }) as MmlNode);
  }
  return convert(tex, display);
}

/** What a reader would see wrong: an error box, or a command printed as text (`\text{\foo}`). */
export function mathjaxProblem(mathml: string): string | undefined {
  const error = /<merror[^>]*>[\s\S]*?<mtext[^>]*>([^<]*)<\/mtext>/.exec(mathml);
  if (error) return `error: ${error[1]}`;
  for (const m of mathml.matchAll(/<mtext[^>]*>([^<]*)<\/mtext>/g)) {
    if (m[1]!.includes("\\")) return `text shown literally: ${m[1]}`;
  }
  return undefined;
}

// The notes repeat many formulas (across conventions, samples and variants): each is typeset once.
const seen = new Map<string, string | undefined>();

/** Every formula of a Markdown text that MathJax cannot show, with its line. */
export async function checkMathJax(markdown: string): Promise<{ problems: string[]; formulas: number }> {
  const formulas = await markdownFormulas(markdown);
  const problems: string[] = [];
  for (const f of formulas) {
    const key = `${f.display ? "$$" : "$"}${f.tex}`;
    if (!seen.has(key)) seen.set(key, mathjaxProblem(mathjaxMathML(f.tex, f.display)));
    const problem = seen.get(key);
    if (problem) problems.push(`line ${f.line}: ${problem} in ${f.tex.length > 120 ? `${f.tex.slice(0, 120)}…` : f.tex}`);
  }
  return { problems, formulas: formulas.length };
}
