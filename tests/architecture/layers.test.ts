import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The folders of src/, lowest layer first (docs/architecture.md). A folder may import only
 * from a lower layer, and only through that folder's index.ts; folders of one layer do not
 * import each other. "." is src/index.ts, the public API, above everything.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["ops"],
  ["spec"],
  ["network"],
  ["numeric", "notation"],
  ["derive"],
  ["render", "check"],
  ["problems"],
  // the command line and the browser workbench: two faces of the same library, neither using the other
  ["cli", "workbench"],
  ["."],
];

/** Imports between folders of one layer that must be allowed, "from -> to" (none today). */
const ALLOWED_SAME_LAYER: readonly string[] = [];

/** A file's relative imports: static, `import type`, `export … from` and dynamic `import("…")`. */
function importsOf(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith("."));
}

/** "render/view/pass.ts" → "render"; "index.ts" → ".". */
const folderOf = (file: string): string => (file.includes("/") ? file.slice(0, file.indexOf("/")) : ".");

/** The import graph of a source tree: file (relative to src/, with "/") → files it imports. */
function graphOf(sources: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = importsOf(text).map((spec) => posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts"));
    graph.set(file, targets);
  }
  return graph;
}

/** Every way the graph breaks the layers, one line each (empty when it keeps them). */
function violations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const layerOf = new Map<string, number>();
  LAYERS.forEach((folders, i) => folders.forEach((f) => layerOf.set(f, i)));
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (!layerOf.has(from)) found.push(`${file}: folder ${from}/ is in no layer (add it to LAYERS)`);
    for (const target of targets) {
      if (!graph.has(target)) {
        found.push(`${file} imports ${target}, which is not a file of src/`);
        continue;
      }
      const to = folderOf(target);
      if (to === from) continue;
      if (target !== `${to}/index.ts`) found.push(`${file} imports ${target}: go through ${to}/index.ts`);
      const [lf, lt] = [layerOf.get(from), layerOf.get(to)];
      if (lf === undefined || lt === undefined) continue;
      if (lt > lf) found.push(`${file} imports ${target}: ${from}/ is below ${to}/`);
      if (lt === lf && !ALLOWED_SAME_LAYER.includes(`${from} -> ${to}`)) {
        found.push(`${file} imports ${target}: ${from}/ and ${to}/ are in one layer`);
      }
    }
  }
  return [...found, ...cycles(graph)];
}

/** Import cycles among files (a depth-first search; each cycle found is reported once). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === "open") found.push(`cycle: ${[...stack.slice(stack.indexOf(next)), next].join(" -> ")}`);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) out.set(relative(root, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(root);
  return out;
}

describe("the layers of src/", () => {
  const sources = readTree(join(dirname(new URL(import.meta.url).pathname), "../../src"));
  const graph = graphOf(sources);

  it("reads every file and its imports", () => {
    expect(sources.size).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
    // dynamic imports are edges too (the lazily loaded commands and text formats)
    expect(graph.get("cli/main.ts")).toContain("cli/derive.ts");
    expect(graph.get("render/formats.ts")).toContain("render/text.ts");
  });

  it("every folder is in the layer table", () => {
    const folders = new Set([...graph.keys()].map(folderOf));
    expect([...folders].filter((f) => !LAYERS.flat().includes(f))).toEqual([]);
  });

  it("imports only downwards, only through index.ts, without cycles", () => {
    expect(violations(graph)).toEqual([]);
  });
});

describe("the layer check itself", () => {
  const tree = (files: Record<string, string>) => violations(graphOf(new Map(Object.entries(files))));
  const base = {
    "ops/index.ts": `export { x } from "./x.js";`,
    "ops/x.ts": `export const x = 1;`,
    "spec/index.ts": `import type { x } from "../ops/index.js";`,
    "spec/y.ts": `export const y = 1;`,
    "derive/index.ts": `export const d = () => import("../spec/index.js");`,
  };

  it("accepts imports down through an index", () => {
    expect(tree(base)).toEqual([]);
  });

  it("finds an import of another folder's file, static, type-only, re-exported or dynamic", () => {
    for (const line of [
      `import { y } from "../spec/y.js";`,
      `import type { y } from "../spec/y.js";`,
      `export { y } from "../spec/y.js";`,
      `const m = await import("../spec/y.js");`,
    ]) {
      expect(tree({ ...base, "derive/z.ts": line })).toEqual([`derive/z.ts imports spec/y.ts: go through spec/index.ts`]);
    }
  });

  it("finds an import from a lower layer to a higher one, and within a layer", () => {
    expect(tree({ ...base, "ops/up.ts": `import type { d } from "../derive/index.js";` })).toEqual([
      "ops/up.ts imports derive/index.ts: ops/ is below derive/",
    ]);
    const sameLayer = tree({ ...base, "numeric/index.ts": `import "../notation/index.js";`, "notation/index.ts": `` });
    expect(sameLayer).toEqual(["numeric/index.ts imports notation/index.ts: numeric/ and notation/ are in one layer"]);
  });

  it("finds a cycle among files, type-only imports included", () => {
    const found = tree({ ...base, "ops/x.ts": `import type { w } from "./w.js";`, "ops/w.ts": `import type { x } from "./x.js";` });
    expect(found).toEqual(["cycle: ops/x.ts -> ops/w.ts -> ops/x.ts"]);
  });

  it("finds a folder missing from the table", () => {
    expect(tree({ ...base, "graph/index.ts": `` })).toEqual(["graph/index.ts: folder graph/ is in no layer (add it to LAYERS)"]);
  });
});
