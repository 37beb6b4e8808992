import type { RenderedFile } from "./types.js";

/*
 * assets.ts for the browser workbench, put in its place when the workbench is bundled
 * (scripts/bundle-web.mjs): the browser cannot read KaTeX's files, and needs none: the workbench
 * ships them beside its own page. An HTML page rendered in the browser names the assets only.
 */

export async function katexAssets(_folder: string): Promise<RenderedFile[]> {
  return [];
}
