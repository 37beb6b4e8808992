import type { Notation } from "./types.js";

interface HandlerNode {
  type?: string;
  isSymbolNode?: boolean;
  name?: string;
}

/**
 * A mathjs `toTex({handler})` handler (STACK-NOTES §3c): SymbolNode ids become the notation's
 * TeX (`w_3_5` → `W_{35}`); function names and everything else keep mathjs' default.
 * The renderer prints our own node shapes with render/tex.ts (faster); this handler serves
 * any other tree, e.g. `node.toTex({ handler: texHandler(notation) })`.
 */
export function texHandler(notation: Notation): (node: HandlerNode) => string | undefined {
  return (node) => {
    if (!node.isSymbolNode || node.name === undefined) return undefined;
    const id = node.name;
    if (id === "L" || id === "L_after" || id === "eta" || notation.parts(id.replace(/^(dL_d|new_)/, ""))) {
      try {
        return notation.tex(id);
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
}
