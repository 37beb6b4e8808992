import type { Element, ElementContent, Root, RootContent } from "hast";
import type nunjucks from "nunjucks";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import { markdownTex } from "./markdown-tex.js";
import type { RenderedFile } from "./types.js";
import type { View } from "./view.js";

/*
 * The HTML page (CONTRACT §9): the Markdown note, made HTML by remark and rehype with every
 * formula typeset by KaTeX in advance (its MathML kept for screen readers), the diagram inline.
 * This module, unified's and KaTeX's are loaded only when html is asked for (text.ts).
 */

/** The folder beside the pages that holds what they load: KaTeX's stylesheet and fonts, and ours. */
export const ASSETS = "assets";
/** Where the note's template is told the diagram is; the image there is replaced by the SVG itself. */
const INLINE_DIAGRAM = "diagram-inline.svg";

export interface HtmlFragment {
  html: string;
  /** What KaTeX could not typeset, located in the Markdown ("" when all went well). */
  problems: string[];
}

interface InlineData {
  inline?: Record<string, string>;
}

/**
 * Replaces each image whose source is a key of the file's `inline` data by that markup (an SVG
 * the templates made, its user text escaped by |xml), wrapped in a figure where it stood alone
 * in its paragraph. The Markdown's own raw HTML never gets here: remark-rehype drops it.
 */
function inlineImages() {
  return (tree: Root, file: VFile): void => {
    const inline = (file.data as InlineData).inline ?? {};
    const visit = (parent: Root | Element): void => {
      parent.children.forEach((child: RootContent, i: number) => {
        if (child.type !== "element") return;
        const src = child.tagName === "img" ? child.properties.src : undefined;
        if (typeof src === "string" && Object.hasOwn(inline, src)) {
          parent.children[i] = { type: "raw", value: inline[src]! } as ElementContent;
          return;
        }
        visit(child);
        // a paragraph that holds nothing but the diagram is a figure
        const only = child.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
        if (child.tagName === "p" && only.length === 1 && only[0]!.type === "raw") {
          child.tagName = "figure";
          child.properties = { className: ["diagram"] };
        }
      });
    };
    visit(tree);
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(inlineImages)
  .use(rehypeKatex, { output: "htmlAndMathml" })
  // raw nodes are only the inlined images (above): remark-rehype has dropped any raw HTML
  .use(rehypeStringify, { allowDangerousHtml: true });

/** Markdown with `$…$` and `$$…$$` math → HTML, every formula typeset; `inline`: image source → markup put in its place. */
export function markdownHtml(markdown: string, inline: Record<string, string> = {}): HtmlFragment {
  const file = processor.processSync({ value: markdown, data: { inline } });
  const problems = file.messages.map(
    (m) => `line ${m.line ?? "?"}, column ${m.column ?? "?"}: ${m.reason}${m.cause ? ` (${String(m.cause)})` : ""}`,
  );
  return { html: String(file), problems };
}

/**
 * The note as HTML: the Markdown note's template and the diagram's, made HTML, the formulas
 * typeset. A formula KaTeX cannot typeset is a bug of ours (the Markdown tests typeset every
 * formula in strict mode): it is thrown, not shipped red.
 */
export function noteHtml(env: nunjucks.Environment, view: View): string {
  const markdown = markdownTex(env.render("markdown/note.md.njk", { ...view, files: { svg: INLINE_DIAGRAM } }));
  const svg = env.render("markdown/network.svg.njk", view);
  const body = markdownHtml(markdown, { [INLINE_DIAGRAM]: svg });
  if (body.problems.length > 0) throw new Error(`internal error: KaTeX could not typeset the note:\n  ${body.problems.join("\n  ")}`);
  return body.html;
}

/** Our stylesheet (templates/html/style.css.njk, so a user's templates may restyle the pages). */
export const stylesheet = (env: nunjucks.Environment): string => env.render("html/style.css.njk", {});

/**
 * One spec's page, `NAME.html` (`template` around the note), and the shared `assets/` it loads (KaTeX's stylesheet and fonts,
 * and ours), relative to the page: nothing it loads comes from elsewhere.
 */
export async function htmlFiles(env: nunjucks.Environment, view: View, name: string, template: string): Promise<RenderedFile[]> {
  const page = env.render(template, { ...view, body: noteHtml(env, view), assets: ASSETS });
  const { katexAssets } = await import("./assets.js");
  return [
    { name: `${name}.html`, content: page },
    { name: `${ASSETS}/backprop-derive.css`, content: stylesheet(env), shared: true },
    ...(await katexAssets(ASSETS)),
  ];
}
