import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { RenderedFile } from "./types.js";

/**
 * KaTeX's stylesheet lists each font three times (woff2, woff, ttf); every browser of the last
 * years takes the first, so only the woff2 files are shipped (300 kB instead of 1.2 MB) and the
 * stylesheet names only them. A KaTeX whose stylesheet is written otherwise is refused here
 * rather than shipped with fonts missing.
 */
export function woff2Only(css: string): string {
  const out = css.replace(
    /(url\(fonts\/[\w-]+\.woff2\) format\("woff2"\)),url\(fonts\/[\w-]+\.woff\) format\("woff"\),url\(fonts\/[\w-]+\.ttf\) format\("truetype"\)/g,
    "$1",
  );
  const urls = [...out.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
  if (urls.length === 0 || urls.some((u) => !/^fonts\/[\w-]+\.woff2$/.test(u))) {
    throw new Error("internal error: KaTeX's stylesheet does not list its fonts as expected (woff2, woff, ttf)");
  }
  return out;
}

let cached: Promise<{ name: string; content: string | Uint8Array }[]> | undefined;

/**
 * KaTeX's stylesheet and the fonts it names, as files in `folder` (read once per process from the
 * katex package this one depends on, the copy rehype-katex typesets with). Shared: several pages
 * written into one output folder use one copy.
 */
export async function katexAssets(folder: string): Promise<RenderedFile[]> {
  cached ??= (async () => {
    const dist = join(dirname(createRequire(import.meta.url).resolve("katex/package.json")), "dist");
    const css = woff2Only(await readFile(join(dist, "katex.min.css"), "utf8"));
    const fonts = [...new Set([...css.matchAll(/url\(fonts\/([\w-]+\.woff2)\)/g)].map((m) => m[1]!))].sort();
    const present = new Set(await readdir(join(dist, "fonts")));
    const missing = fonts.filter((f) => !present.has(f));
    if (missing.length > 0) throw new Error(`internal error: KaTeX's fonts ${missing.join(", ")} are missing in ${dist}`);
    const files = [{ name: "katex.min.css", content: css as string | Uint8Array }];
    for (const f of fonts) files.push({ name: `fonts/${f}`, content: new Uint8Array(await readFile(join(dist, "fonts", f))) });
    return files;
  })();
  return (await cached).map((f) => ({ name: `${folder}/${f.name}`, content: f.content, shared: true }));
}
