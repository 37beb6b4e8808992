import type { GraphDerivation } from "../derive/index.js";
import { graphKey, stringifyGraphKey } from "../derive/index.js";
import type { PresentationChoices } from "../notation/index.js";
import { SpecError } from "../spec/index.js";
import type { FormatName, RenderedFile, RenderTarget } from "./types.js";

/**
 * A graph's files (CONTRACT §6). The answer key comes from the derivation's numbers; the text
 * formats walk the graph's view.
 */
export async function renderGraph(
  d: GraphDerivation,
  formats: readonly FormatName[],
  target: RenderTarget,
  _choices: PresentationChoices,
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  const text = formats.filter((f) => f !== "json");
  if (text.length > 0) {
    throw new SpecError([
      {
        file: d.spec.file,
        path: "graph",
        message: `graph specs are written as the answer key only so far (--format json), not as ${text.join(", ")}`,
      },
    ]);
  }
  if (formats.includes("json")) {
    if (!d.numbers) {
      const missing = d.spec.inputs.filter((i) => i.value === undefined).map((i) => i.name);
      throw new SpecError([
        {
          file: d.spec.file,
          path: "graph.inputs",
          message: `the answer key needs every input's value; ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} none`,
        },
      ]);
    }
    files.push({ name: `${target.name}.json`, content: stringifyGraphKey(graphKey(d)) });
  }
  return files;
}
