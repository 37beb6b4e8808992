import type { GraphDerivation } from "../derive/index.js";
import { graphKey, stringifyGraphKey } from "../derive/index.js";
import { DEFAULT_PRESENTATION } from "../notation/index.js";
import { SpecError } from "../spec/index.js";
import type { GraphNotation } from "../spec/index.js";
import type { FormatName, RenderedFile, RenderTarget } from "./types.js";

/** How a graph is shown; each choice wins over the spec's own field. */
export interface GraphChoices {
  notation?: GraphNotation;
  precision?: number;
}

/** The defaults of a graph's presentation (the network's precision, the ∂f/∂x notation). */
export const GRAPH_DEFAULTS = { notation: "partial", precision: DEFAULT_PRESENTATION.precision } as const;

/** Template and output file of each text format, for a graph (the SVG circuit goes with the Markdown). */
const GRAPH_OUTPUTS: Record<Exclude<FormatName, "json">, { template: string; suffix: string }[]> = {
  md: [
    { template: "markdown/graph.md.njk", suffix: ".md" },
    { template: "markdown/circuit.svg.njk", suffix: "-circuit.svg" },
  ],
  tex: [{ template: "latex/graph-article.tex.njk", suffix: ".tex" }],
  fragment: [{ template: "latex/graph-fragment.tex.njk", suffix: ".fragment.tex" }],
  slides: [{ template: "latex/graph-slides.tex.njk", suffix: ".slides.tex" }],
  html: [{ template: "html/page.html.njk", suffix: ".html" }],
};

/**
 * A graph's files (CONTRACT §6). The answer key comes from the derivation's numbers; the text
 * formats walk the graph's view (render/graph/view.ts) with the graph templates. Like render(),
 * it never derives again, and loads the templates only when a text format is asked for.
 */
export async function renderGraph(
  d: GraphDerivation,
  formats: readonly FormatName[],
  target: RenderTarget,
  choices: GraphChoices = {},
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  if (formats.includes("json") && !d.numbers) {
    const missing = d.spec.inputs.filter((i) => i.value === undefined).map((i) => i.name);
    throw new SpecError([
      {
        file: d.spec.file,
        path: "graph.inputs",
        message: `the answer key (json) needs every input's value; ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} none (the symbolic derivation alone: --format md,tex,fragment,slides)`,
      },
    ]);
  }
  const text = formats.filter((f): f is Exclude<FormatName, "json"> => f !== "json");
  if (text.length > 0) {
    const [{ sharedEnvironment }, { markdownTex }, { graphNames }, { graphView }] = await Promise.all([
      import("./env.js"),
      import("./markdown-tex.js"),
      import("./graph/names.js"),
      import("./graph/view.js"),
    ]);
    const notation = choices.notation ?? d.spec.notation ?? GRAPH_DEFAULTS.notation;
    const precision = choices.precision ?? d.spec.precision ?? GRAPH_DEFAULTS.precision;
    const view = graphView(d, graphNames(d.spec, notation), precision, target.name);
    const env = sharedEnvironment(target.templates);
    const svg = `${target.name}-circuit.svg`;
    for (const format of text) {
      if (format === "html") {
        // the page: the Markdown note made HTML with its circuit inline, and the shared assets
        const { GRAPH_TEMPLATES, htmlFiles } = await import("./html.js");
        files.push(...(await htmlFiles(env, view, target.name, GRAPH_OUTPUTS.html[0]!.template, GRAPH_TEMPLATES)));
        continue;
      }
      for (const o of GRAPH_OUTPUTS[format]) {
        let content = env.render(o.template, { ...view, files: { svg } });
        // Markdown has no macros: what the LaTeX templates define is spelt out for KaTeX and MathJax.
        if (o.suffix === ".md") content = markdownTex(content);
        files.push({ name: `${target.name}${o.suffix}`, content: content.endsWith("\n") ? content : `${content}\n` });
      }
    }
  }
  if (formats.includes("json")) files.push({ name: `${target.name}.json`, content: stringifyGraphKey(graphKey(d)) });
  return files;
}
