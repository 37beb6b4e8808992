import type { Derivation } from "../derive/index.js";
import type { Presentation } from "../notation/index.js";
import { answerKey, stringifyAnswerKey } from "../numeric/index.js";
import type { FormatName, RenderedFile, RenderTarget } from "./types.js";

export { FORMATS } from "./types.js";
export type { FormatName, RenderInput, RenderTarget, RenderedFile } from "./types.js";

/**
 * Renders a derivation in the requested formats. It never derives again: every number and
 * step comes from `derivation`, every choice of symbols and digits from `presentation`. The
 * text formats (and mathjs) are loaded only when asked for.
 */
export async function render(
  derivation: Derivation,
  presentation: Presentation,
  formats: readonly FormatName[],
  target: RenderTarget,
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  const text = formats.filter((f) => f !== "json");
  if (text.length > 0) {
    const { renderText } = await import("./text.js");
    files.push(...(await renderText({ ...target, derivation, presentation }, text)));
  }
  if (formats.includes("json")) {
    files.push({ name: `${target.name}.json`, content: stringifyAnswerKey(answerKey(derivation.updates.map((u) => u.numeric))) });
  }
  return files;
}
