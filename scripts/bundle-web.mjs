// Builds the browser workbench into dist/web/ (CONTRACT §9): index.html, workbench.js and the
// assets/ they load, nothing else. The page works opened from disk, with no server and no network.
//
// workbench.js is src/workbench/main.ts bundled by esbuild with the library it calls: the same
// src/ as the command line, not a copy. Only what cannot run in a browser is put aside, in
// these places and no others (each checked below, after the build):
//   - src/render/env.ts, which reads templates/ from disk, is replaced by env-browser.ts: the same
//     nunjucks settings and filters (render/configure.ts) over the templates compiled here;
//   - src/render/assets.ts, which reads KaTeX's fonts for --format html, by assets-browser.ts (this
//     page ships them in assets/ itself);
//   - nunjucks is its slim browser build (no compiler: the templates are compiled here, so the
//     page evaluates no code at run time and its Content-Security-Policy can forbid it);
//   - `node:` modules (imported by the file readers the browser never calls) resolve to an empty
//     stand-in; the build fails if anything of it, or of the two files above, reaches the bundle.
// Needs the tsc output (dist/render/) for the template settings and KaTeX's files.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";
import nunjucks from "nunjucks";
import { katexAssets } from "../dist/render/assets.js";
import { ENVIRONMENT_OPTIONS } from "../dist/render/configure.js";
import { environment } from "../dist/render/env.js";

const root = resolve(import.meta.dirname, "..");
const out = join(root, "dist", "web");
const require = createRequire(import.meta.url);

const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();

/** Every template of templates/, compiled with the settings the renderer uses: name → its root function. */
function compiledTemplates() {
  const env = new nunjucks.Environment(null, ENVIRONMENT_OPTIONS);
  const dir = join(root, "templates");
  const entries = filesUnder(dir)
    .filter((f) => f.endsWith(".njk"))
    .map((f) => {
      const name = relative(dir, f).split("\\").join("/");
      const code = nunjucks.precompileString(readFileSync(f, "utf8"), { name, env, wrapper: (t) => t[0].template });
      return `${JSON.stringify(name)}: (function () {\n${code}\n})()`;
    });
  return `export const TEMPLATES = {\n${entries.join(",\n")}\n};\n`;
}

/** The seed specs, the editor's examples. */
function seeds() {
  const dir = join(root, "specs");
  const list = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ""), text: readFileSync(join(dir, f), "utf8") }));
  return `export const SEEDS = ${JSON.stringify(list)};\n`;
}

const virtual = {
  "virtual:backprop-derive/templates": compiledTemplates(),
  "virtual:backprop-derive/seeds": seeds(),
};
const swaps = new Map([
  [join(root, "src/render/env.ts"), join(root, "src/render/env-browser.ts")],
  [join(root, "src/render/assets.ts"), join(root, "src/render/assets-browser.ts")],
]);

const browserPlugin = {
  name: "backprop-derive-browser",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const swapped = swaps.get(resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")));
      return swapped ? { path: swapped } : undefined;
    });
    b.onResolve({ filter: /^virtual:backprop-derive\// }, (args) => ({ path: args.path, namespace: "virtual" }));
    b.onLoad({ filter: /.*/, namespace: "virtual" }, (args) => ({ contents: virtual[args.path], loader: "js", resolveDir: root }));
    b.onResolve({ filter: /^nunjucks$/ }, () => ({ path: require.resolve("nunjucks/browser/nunjucks-slim.js") }));
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub", sideEffects: false }));
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

const result = await build({
  entryPoints: [join(root, "src/workbench/main.ts")],
  outfile: join(out, "workbench.js"),
  bundle: true,
  // a classic script: a page opened from disk may not load modules
  format: "iife",
  platform: "browser",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  legalComments: "linked",
  metafile: true,
  plugins: [browserPlugin],
  logLevel: "warning",
});

// Nothing that only runs in Node reached the bundle.
const inputs = Object.entries(result.metafile.outputs[relative(root, join(out, "workbench.js"))].inputs);
const kept = (p) => inputs.some(([path, i]) => i.bytesInOutput > 0 && p(path));
const banned = [
  ["a node: module", (p) => p.startsWith("node-stub:")],
  ["src/render/env.ts", (p) => p === "src/render/env.ts"],
  ["src/render/assets.ts", (p) => p === "src/render/assets.ts"],
  ["nunjucks' compiler", (p) => /nunjucks\/(src|index)/.test(p) || p.endsWith("browser/nunjucks.js")],
];
for (const [what, test] of banned) {
  if (kept(test)) throw new Error(`the workbench bundle holds ${what}: a Node-only module is on the browser's path`);
}

copyFileSync(join(root, "src/workbench/index.html"), join(out, "index.html"));
copyFileSync(join(root, "src/workbench/workbench.css"), join(out, "assets", "workbench.css"));
writeFileSync(join(out, "assets", "backprop-derive.css"), environment().render("html/style.css.njk", {}));
for (const f of await katexAssets("assets")) {
  mkdirSync(dirname(join(out, f.name)), { recursive: true });
  writeFileSync(join(out, f.name), f.content);
}
