import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedEnvironment } from "../../src/render/env.js";
import { ROOT } from "../problems/setup.js";
import { SEEDS } from "./fixtures.js";
import { renderSpec } from "./helpers.js";

/** Template features that set variables: loops (loop.*), nested loops, set, set in loops, macros, caller. */
const FRAME_TEMPLATE = [
  "<% for r in rows %><< loop.index >>/<< loop.index0 >>/<< loop.revindex >>/<< loop.first >>/<< loop.last >>/<< loop.length >>:",
  "<% for c in r %><< c >><< ',' if not loop.last >><% endfor %>;<% endfor %>",
  "<% set a = 1 %><% for x in [1, 2] %><% set a = a + x %>[<< a >>]<% endfor %><< a >>",
  "<% macro m(p, q=3) %><% set inner = p * q %><< inner >><% for z in [p] %>{<< loop.index >><< z >>}<% endfor %><% endmacro %>",
  "<< m(2) >><< m(1, q=5) >><% set b %>captured<% endset %><< b >>",
  "<% for k, v in {x: 1, y: 2} %><< k >>=<< v >><< loop.index >><% endfor %>",
].join("\n");
const FRAME_CONTEXT = { rows: [[1, 2], [3], [4, 5, 6]] };

describe("templates", () => {
  it("renders loops, set and macros exactly as stock nunjucks (the faster Frame.set in env.ts)", () => {
    const ours = sharedEnvironment().renderString(FRAME_TEMPLATE, FRAME_CONTEXT);
    // stock nunjucks, in a process that never loads env.ts
    const script = `const n = require("nunjucks");
      const env = new n.Environment(null, { autoescape: false, trimBlocks: true, lstripBlocks: true, throwOnUndefined: true, tags: { blockStart: "<%", blockEnd: "%>", variableStart: "<<", variableEnd: ">>" } });
      process.stdout.write(env.renderString(${JSON.stringify(FRAME_TEMPLATE)}, ${JSON.stringify(FRAME_CONTEXT)}));`;
    const stock = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(stock.status, stock.stderr).toBe(0);
    expect(ours).toBe(stock.stdout);
    expect(ours).toContain("1/0/3/true/false/3:\n1,2;2/1/2/false/false/3:");
  });

  it("--templates DIR overrides a template and keeps the package's others", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bpd-tpl-"));
    try {
      mkdirSync(join(dir, "markdown"));
      writeFileSync(
        join(dir, "markdown", "note.md.njk"),
        "# << title | md >>\n<% for u in updates %>Loss << u.lossBefore >> -> << u.lossAfter >>\n<% endfor %>",
      );
      const files = await renderSpec(SEEDS.seed003!, { templates: dir }, ["md", "tex"]);
      expect(files["note.md"]).toBe("# Parameter update with ReLU\nLoss 0.2048 -> 0.0481\n");
      expect(files["note.tex"]).toContain("\\documentclass");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a template that names an unknown variable fails loudly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bpd-tpl-"));
    try {
      mkdirSync(join(dir, "markdown"));
      writeFileSync(join(dir, "markdown", "note.md.njk"), "<< nosuchvariable >>");
      await expect(renderSpec(SEEDS.seed003!, { templates: dir }, ["md"])).rejects.toThrow(/undefined|null/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the SVG beside the Markdown and links it; every edge is labelled", async () => {
    const files = await renderSpec(SEEDS.seed000!, {}, ["md"], "n000");
    expect(Object.keys(files).sort()).toEqual(["n000-network.svg", "n000.md"]);
    expect(files["n000.md"]).toContain("](n000-network.svg)");
    const svg = files["n000-network.svg"]!;
    expect(svg.trimStart().startsWith("<svg")).toBe(true);
    for (const label of [
      "W₁₃ = −2.5",
      "W₂₃ = 0.6",
      "W₁₄ = −1.5",
      "W₂₄ = 0.4",
      "W₃₅ = −0.1",
      "W₄₅ = 1.5",
      "W₃₆ = 2.4",
      "W₄₆ = −5.2",
      "W₃₇ = −2.2",
      "W₄₇ = 3.7",
    ]) {
      expect(svg).toContain(label);
    }
    const tex = (await renderSpec(SEEDS.seed000!, {}, ["tex"]))["note.tex"]!;
    expect(tex.match(/\\path \(n\d+\.center\) -- node/g)?.length).toBe(10);
  });

  it("the content comes in order and says which convention it uses", async () => {
    for (const convention of ["gradient", "error"] as const) {
      const md = (await renderSpec(SEEDS.seed000!, { convention }, ["md"]))["note.md"]!;
      const order = [
        "## The network",
        "### Forward pass",
        "### Loss",
        "### Backward pass",
        "### Gradient step",
        "### Loss after the update",
        "### Parameters before and after",
      ];
      const at = order.map((h) => md.indexOf(h));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(md).toContain(`Convention: ${convention} convention`);
      expect(md).toContain("\\eta");
    }
  });

  it("several updates end with a table of the loss across updates; frozen biases are said to be fixed", async () => {
    const spec = {
      ...SEEDS.seed000!,
      epochs: 2,
      train_biases: false,
      samples: [...SEEDS.seed000!.samples, { input: [0.1, 0.9], target: [1, 0, 0] }],
    };
    const md = (await renderSpec(spec, {}, ["md"]))["note.md"]!;
    expect(md).toContain("## Update 4 (epoch 2)");
    expect(md).toContain("## The loss across the updates");
    expect(md).toContain("The biases are fixed");
    expect(md).not.toContain("b^{\\mathrm{new}}");
  });

  it("softmax deltas keep their cross terms", async () => {
    const md = (await renderSpec(SEEDS.seed004!, { detail: "deltas" }, ["md"]))["note.md"]!;
    expect(md).toContain("\\frac{\\partial \\hat{y}_{2}}{\\partial a_{21}}");
    expect(md).toContain("-\\hat{y}_{2}\\, \\hat{y}_{1}");
  });

  it("a spec without numbers gives the symbolic parts only", async () => {
    const md = (await renderSpec(SEEDS.symbolic!, {}, ["md"]))["note.md"]!;
    expect(md).toContain("## The derivation");
    expect(md).not.toContain("## The update");
    expect(md).not.toContain("Parameters before and after");
    expect(md).not.toMatch(/= -?\d+(\.\d+)?\s*(\\\\)?$/m);
  });

  it("renders a 784-64-10 network in linear time", async () => {
    const sizes = [784, 64, 10];
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
    const spec = {
      learning_rate: 0.1,
      loss: "cross-entropy" as const,
      reduction: "mean" as const,
      mode: "online" as const,
      epochs: 1,
      train_biases: true,
      layers: [
        { size: 784, activation: "identity" as const },
        { size: 64, activation: "relu" as const },
        { size: 10, activation: "softmax" as const },
      ],
      weights: sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: sizes[l]! }, rnd))),
      biases: [Array(64).fill(0), Array(10).fill(0)],
      samples: [{ input: Array.from({ length: 784 }, () => Math.abs(rnd())), target: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0] }],
    };
    const t0 = performance.now();
    const files = await renderSpec(spec);
    const ms = performance.now() - t0;
    // Every parameter is in the table (plus the legend's rows).
    expect(files["note.md"]!.split("\n").filter((l) => l.startsWith("| $")).length).toBeGreaterThanOrEqual(784 * 64 + 64 + 64 * 10 + 10);
    expect(ms).toBeLessThan(30_000);
  });
});
