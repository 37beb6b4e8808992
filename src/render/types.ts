import type { Derivation } from "../derive/index.js";
import type { Presentation } from "../notation/index.js";
import type { DiagramView } from "./diagram.js";

export { FORMATS } from "../spec/index.js";
export type { FormatName } from "../spec/index.js";
import type { FormatName } from "../spec/index.js";

/** Where and how the files are made (nothing here changes what they say). */
export interface RenderTarget {
  /** The spec file name without extension: every output file is named after it. */
  name: string;
  /** A directory with the user's own copies of templates/. */
  templates?: string;
  /** The diagram to draw, made by the caller (a problem set's solution draws its sheet's). */
  diagram?: DiagramView;
  /** Markdown: the note shows this SVG file (relative to the note) and no `-network.svg` is made. */
  diagramFile?: string;
}

/** Everything one rendering reads: the derivation, how to show it, and where it goes. */
export interface RenderInput extends RenderTarget {
  derivation: Derivation;
  presentation: Presentation;
}

export interface RenderedFile {
  name: string;
  content: string | Uint8Array;
  /**
   * The same file for every document that asks for it (the HTML pages' `assets/`): whoever writes
   * several documents into one folder writes it once.
   */
  shared?: true;
}
