import type { Element, ElementContent, Root, RootContent } from "hast";
import katex from "katex";
import type nunjucks from "nunjucks";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { toHtml } from "hast-util-to-html";
import { unified } from "unified";
import type { Processor } from "unified";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
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
/** The Markdown note and its diagram a page is made of: a network's, or a graph's and its circuit. */
export const NOTE_TEMPLATES = { markdown: "markdown/note.md.njk", svg: "markdown/network.svg.njk" };
export const GRAPH_TEMPLATES = { markdown: "markdown/graph.md.njk", svg: "markdown/circuit.svg.njk" };

export interface HtmlFragment {
  html: string;
  /**
   * The same HTML cut at the top level, block by block (a heading, a paragraph, a formula, a
   * table): a page that shows it again after an edit replaces only the blocks that changed.
   */
  blocks: string[];
  /** What KaTeX could not typeset, located in the Markdown ([] when all went well). */
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

/** KaTeX's settings for every formula: its HTML for the eye and its MathML for screen readers. */
const KATEX: katex.KatexOptions = { output: "htmlAndMathml" };

/**
 * GitHub's tables, and nothing else of GitHub's Markdown: the notes need its tables, and its
 * autolinks would turn a URL in a title into a link (remark-gfm has no way to leave them out).
 */
function remarkTables(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const markdown = () => unified().use(remarkParse).use(remarkTables).use(remarkMath).use(remarkRehype).use(inlineImages);

// Raw nodes are only the inlined images (above) and, live, the typeset formulas: remark-rehype has dropped any raw HTML.
const pageProcessor = markdown().use(rehypeKatex, KATEX).use(rehypeStringify, { allowDangerousHtml: true });
const liveProcessor = markdown().use(cachedKatex).use(blocksOut);

/** Markdown with `$…$` and `$$…$$` math → HTML, every formula typeset; `inline`: image source → markup put in its place. */
export function markdownHtml(text: string, inline: Record<string, string> = {}): Omit<HtmlFragment, "blocks"> {
  return fragment(pageProcessor.processSync({ value: text, data: { inline } }));
}

/**
 * The same for a page that is rendered again on every edit (the workbench): rehype-katex
 * typesets each formula and then parses KaTeX's HTML back into a tree, which takes most of a
 * second for a note; here each formula's HTML goes in as it is, and a formula typeset before
 * is not typeset again. The same KaTeX with the same settings: the same HTML and MathML.
 */
export function liveMarkdownHtml(text: string, inline: Record<string, string> = {}): HtmlFragment {
  const file = liveProcessor.processSync({ value: text, data: { inline } });
  const blocks = file.result as string[];
  return { ...fragment(file, blocks.join("\n")), blocks };
}

declare module "unified" {
  interface CompileResultMap {
    /** blocksOut's result. */
    HtmlBlocks: string[];
  }
}

/** rehype-stringify's output (raw nodes allowed, see above), one string per top-level node. */
function blocksOut(this: Processor): void {
  this.compiler = (tree) =>
    (tree as Root).children
      .filter((c) => !(c.type === "text" && c.value.trim() === ""))
      .map((c) => toHtml(c, { allowDangerousHtml: true }));
}

const fragment = (file: VFile, html = String(file)): Omit<HtmlFragment, "blocks"> => ({
  html,
  problems: file.messages.map(
    (m) => `line ${m.line ?? "?"}, column ${m.column ?? "?"}: ${m.reason}${m.cause ? ` (${String(m.cause)})` : ""}`,
  ),
});

const typeset = new Map<string, string>();
/** Formulas kept typeset; past this many the cache starts again (a long session of edits). */
const TYPESET_KEPT = 20_000;

/**
 * rehype-katex's transform for the live page, with a cache: remark-math's elements (class
 * math-inline or math-display) become KaTeX's HTML; a formula KaTeX refuses is reported on the
 * file and shown as rehype-katex shows it (red, the error in its title).
 */
function cachedKatex() {
  return (tree: Root, file: VFile): void => {
    const visit = (parent: Root | Element): void => {
      parent.children.forEach((child: RootContent, i: number) => {
        if (child.type !== "element") return;
        // remark-math writes display math as <pre><code class="language-math math-display">: the formula takes the <pre>'s place
        const inner = child.tagName === "pre" && child.children.length === 1 ? child.children[0]! : child;
        const math = inner.type === "element" ? inner : child;
        const classes = Array.isArray(math.properties.className) ? math.properties.className : [];
        const display = classes.includes("math-display");
        if (!display && !classes.includes("math-inline")) return visit(child);
        const tex = math.children.map((c) => (c.type === "text" ? c.value : "")).join("");
        const key = `${display ? "D" : "I"}${tex}`;
        let html = typeset.get(key);
        if (html === undefined) {
          try {
            html = katex.renderToString(tex, { ...KATEX, displayMode: display, throwOnError: true });
          } catch (err) {
            file.message("Could not render math with KaTeX", {
              place: child.position ?? null,
              cause: err as Error,
              source: "backprop-derive",
            });
            parent.children[i] = {
              type: "element",
              tagName: "span",
              properties: { className: ["katex-error"], title: String(err) },
              children: [{ type: "text", value: tex }],
            };
            return;
          }
          if (typeset.size >= TYPESET_KEPT) typeset.clear();
          typeset.set(key, html);
        }
        parent.children[i] = { type: "raw", value: html } as ElementContent;
      });
    };
    visit(tree);
  };
}

/**
 * The note as HTML: the Markdown note's template and the diagram's, made HTML, the formulas
 * typeset. A formula KaTeX cannot typeset is a bug of ours (the Markdown tests typeset every
 * formula in strict mode): it is thrown, not shipped red.
 */
export function noteHtml(env: nunjucks.Environment, view: object, templates = NOTE_TEMPLATES): string {
  const markdown = markdownTex(env.render(templates.markdown, { ...view, files: { svg: INLINE_DIAGRAM } }));
  const svg = env.render(templates.svg, view);
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
export async function htmlFiles(
  env: nunjucks.Environment,
  view: { title: string },
  name: string,
  template: string,
  templates = NOTE_TEMPLATES,
): Promise<RenderedFile[]> {
  // the template's opening comment leaves a line break before the doctype
  const page = env.render(template, { ...view, body: noteHtml(env, view, templates), assets: ASSETS }).trimStart();
  const { katexAssets } = await import("./assets.js");
  return [
    { name: `${name}.html`, content: page },
    { name: `${ASSETS}/backprop-derive.css`, content: stylesheet(env), shared: true },
    ...(await katexAssets(ASSETS)),
  ];
}
