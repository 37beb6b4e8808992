import { mkdirSync, writeFileSync } from "node:fs";
import { it } from "vitest";
import { checkMarkdownMath } from "../../src/render/markdown.js";
import { SEEDS } from "./fixtures.js";
import { renderSpec } from "./helpers.js";

it.runIf(process.env.DEV_RENDER)("dev render", async () => {
  const opts = JSON.parse(process.env.DEV_OPTS ?? "{}");
  for (const which of process.env.DEV_RENDER!.split(",")) {
    const t0 = Date.now();
    const files = await renderSpec(SEEDS[which]!, opts, ["md", "tex", "fragment", "slides"], which);
    console.log(which, "ms", Date.now() - t0);
    mkdirSync("/tmp/out", { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(`/tmp/out/${name}`, content);
    const { problems } = await checkMarkdownMath(files[`${which}.md`]!);
    for (const p of problems.slice(0, 5)) console.log(p.line, p.message.slice(0, 200));
  }
});

it.runIf(process.env.DEV_BENCH)("bench 784-64-10", async () => {
  const sizes = [784, 64, 10];
  let seed = 1;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
  const spec = {
    learning_rate: 0.1, loss: "cross-entropy", reduction: "mean", mode: "online", epochs: 1, train_biases: true,
    layers: [{ size: 784, activation: "identity" }, { size: 64, activation: "relu" }, { size: 10, activation: "softmax" }],
    weights: sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: sizes[l]! }, rnd))),
    biases: [Array(64).fill(0), Array(10).fill(0)],
    samples: [{ input: Array.from({ length: 784 }, () => Math.abs(rnd())), target: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0] }],
  } as const;
  const t0 = Date.now();
  const files = await renderSpec(JSON.parse(JSON.stringify(spec)), JSON.parse(process.env.DEV_OPTS ?? "{}"), ["md", "tex", "fragment", "slides"], "big");
  console.log("bench ms", Date.now() - t0, Object.entries(files).map(([k, v]) => `${k}:${(v.length / 1e6).toFixed(1)}MB`).join(" "));
});
