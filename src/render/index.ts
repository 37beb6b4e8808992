/**
 * Rendering a derivation: Markdown, LaTeX, HTML and the JSON answer key, and the pieces problem
 * sets reuse (templates, escaping, numbers, the network diagram). The text formats and mathjs
 * load only when asked for (formats.ts); nothing here imports them.
 */
export { render, FORMATS } from "./formats.js";
export { GRAPH_DEFAULTS, renderGraph } from "./graph.js";
export type { GraphChoices } from "./graph.js";
export type { FormatName, RenderInput, RenderTarget, RenderedFile } from "./formats.js";
export { environment, sharedEnvironment } from "./env.js";
export { liveNoteHtml } from "./live.js";
export type { HtmlFragment } from "./live.js";
export { xmlEscape } from "./escape.js";
export { texNumber } from "./numbers.js";
export { diagramView } from "./diagram.js";
export type { DiagramView } from "./diagram.js";
