import type { DiagramView } from "./diagram.js";
import { answerKey, stringifyAnswerKey } from "../numeric/index.js";
import type { Network } from "../network/index.js";
import type { UpdateResult } from "../numeric/index.js";
import { unsupportedRules } from "../spec/support.js";
import type { ConventionName, NotationName } from "../spec/types.js";

export const FORMATS = ["md", "tex", "fragment", "slides", "json"] as const;
export type FormatName = (typeof FORMATS)[number];

/** Presentation choices from the command line; each overrides the spec's own field. */
export interface RenderOptions {
  notation?: NotationName;
  convention?: ConventionName;
  detail?: "full" | "deltas";
  precision?: number;
  /** A directory with the user's own copies of templates/. */
  templates?: string;
  /** The diagram to draw, made by the caller (a problem set's solution draws its sheet's). */
  diagram?: DiagramView;
  /** Markdown: the note shows this SVG file (relative to the note) and no `-network.svg` is made. */
  diagramFile?: string;
}

export interface RenderInput {
  /** The spec file name without extension: every output file is named after it. */
  name: string;
  network: Network;
  updates: UpdateResult[];
  options: RenderOptions;
}

export interface RenderedFile {
  name: string;
  content: string | Uint8Array;
}

/** Renders the requested formats; the text formats (and mathjs) are loaded only when asked for. */
export async function render(input: RenderInput, formats: readonly FormatName[]): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  const text = formats.filter((f) => f !== "json");
  // A derivation of plain gradient descent would be wrong for these rules (the CLI refuses them, located).
  const unwritten = text.length > 0 ? unsupportedRules(input.network.spec, "derivation") : [];
  if (unwritten.length > 0) throw new Error(unwritten.map((p) => `${p.path.join(".")}: ${p.message}`).join("; "));
  if (text.length > 0) {
    const { renderText } = await import("./text.js");
    files.push(...(await renderText(input, text)));
  }
  if (formats.includes("json")) {
    files.push({ name: `${input.name}.json`, content: stringifyAnswerKey(answerKey(input.updates)) });
  }
  return files;
}
