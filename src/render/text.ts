import type { FormatName, RenderInput, RenderedFile } from "./formats.js";

/** Placeholder until the LaTeX/Markdown renderer lands (issue 3). */
export async function renderText(_input: RenderInput, formats: readonly FormatName[]): Promise<RenderedFile[]> {
  throw new Error(`internal error: formats ${formats.join(", ")} are not implemented yet`);
}
