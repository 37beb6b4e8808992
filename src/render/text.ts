import type { FormatName, RenderInput, RenderedFile } from "./types.js";
import { sharedEnvironment } from "./env.js";
import { buildView } from "./view.js";
import { markdownTex } from "./markdown-tex.js";

/**
 * Template and output file of each text format (the SVG goes with the Markdown). The HTML page
 * (`page`) is the Markdown note made HTML (html.ts), with the shared assets it loads.
 */
const OUTPUTS: Record<Exclude<FormatName, "json">, { template: string; suffix: string; diagram?: true; page?: true }[]> = {
  md: [
    { template: "markdown/note.md.njk", suffix: ".md" },
    // not made when the caller names a diagram file of its own (options.diagramFile)
    { template: "markdown/network.svg.njk", suffix: "-network.svg", diagram: true },
  ],
  tex: [{ template: "latex/article.tex.njk", suffix: ".tex" }],
  fragment: [{ template: "latex/fragment.tex.njk", suffix: ".fragment.tex" }],
  slides: [{ template: "latex/slides.tex.njk", suffix: ".slides.tex" }],
  html: [{ template: "html/page.html.njk", suffix: ".html", page: true }],
};

/** Renders the Markdown and LaTeX formats: one view model, one template per file. */
export async function renderText(input: RenderInput, formats: readonly FormatName[]): Promise<RenderedFile[]> {
  const view = buildView(input);
  const env = sharedEnvironment(input.templates);
  const files: RenderedFile[] = [];
  const svg = input.diagramFile ?? `${input.name}-network.svg`;
  for (const format of formats) {
    if (format === "json") continue;
    for (const o of OUTPUTS[format]) {
      if (o.diagram && input.diagramFile) continue;
      if (o.page) {
        const { htmlFiles } = await import("./html.js");
        files.push(...(await htmlFiles(env, view, input.name, o.template)));
        continue;
      }
      const name = `${input.name}${o.suffix}`;
      let content = env.render(o.template, { ...view, files: { svg } });
      // Markdown has no macros: what the LaTeX templates define is spelt out for KaTeX and MathJax.
      if (format === "md") content = markdownTex(content);
      files.push({ name, content: content.endsWith("\n") ? content : `${content}\n` });
    }
  }
  return files;
}
