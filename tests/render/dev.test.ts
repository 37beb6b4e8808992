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
