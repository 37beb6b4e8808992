import { readFileSync } from "node:fs";
const { markdownHtml, liveMarkdownHtml } = await import("/work/wt-web15/dist/render/html.js");
const md = readFileSync("out/004-sigmoid-softmax.md", "utf8");
const a = markdownHtml(md).html, b = liveMarkdownHtml(md).html;
console.log(a.length, b.length, a === b);
let i = 0; while (a[i] === b[i]) i++; console.log(a.slice(i - 100, i + 100)); console.log("----"); console.log(b.slice(i - 100, i + 100));
for (let k = 0; k < 3; k++) { const t = performance.now(); liveMarkdownHtml(md.replaceAll("0.", "0." + k)); const u = performance.now(); liveMarkdownHtml(md.replaceAll("0.", "0." + k)); console.log("live new", (u - t).toFixed(0), "cached", (performance.now() - u).toFixed(0)); }
