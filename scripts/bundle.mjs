// Bundles the CLI into dist/bundle/ so that a cold start reads a few files instead of hundreds
// (STACK-NOTES §3e: module loading dominates start-up). Code behind a dynamic import() — the
// renderer and mathjs — lands in separate chunks that only the commands needing them load.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/bundle", { recursive: true, force: true });

await build({
  // The problem sets' worker threads start from their own entry (beside the chunks, which find it there).
  entryPoints: { main: "src/cli/main.ts", "solutions-worker": "src/problems/solutions-worker.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "linked",
  // CommonJS dependencies (nunjucks, …) call require(); give each chunk one.
  banner: { js: "import{createRequire as __bpdRequire}from'node:module';const require=__bpdRequire(import.meta.url);" },
  // nunjucks' optional file watcher is never used.
  external: ["chokidar", "fsevents"],
  logLevel: "warning",
});
