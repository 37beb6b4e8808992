import type { HtmlFragment } from "./html.js";

export type { HtmlFragment } from "./html.js";

/**
 * A Markdown note (with `$…$` math) as HTML, every formula typeset by KaTeX, for a page that
 * shows it again after every edit (the browser workbench); `inline`: image source → the markup
 * put in its place (the diagram's SVG). unified and KaTeX are loaded on first use.
 */
export async function liveNoteHtml(markdown: string, inline: Record<string, string> = {}): Promise<HtmlFragment> {
  const { liveMarkdownHtml } = await import("./html.js");
  return liveMarkdownHtml(markdown, inline);
}
