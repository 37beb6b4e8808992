// Runs the CLI in this process and reports wall time and peak memory on stderr (for bench/run.mjs).
const t0 = performance.now();
process.on("exit", (code) => {
  const ms = performance.now() - t0;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(`BENCH ${JSON.stringify({ ms, rssMiB, code })}\n`);
});
process.argv = [process.argv[0], new URL("../dist/bundle/main.js", import.meta.url).pathname, ...process.argv.slice(2)];
await import("../dist/bundle/main.js");
