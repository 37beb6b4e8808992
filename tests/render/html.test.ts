import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive/index.js";
import { buildNetwork } from "../../src/network/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import { woff2Only } from "../../src/render/assets.js";
import { render } from "../../src/render/index.js";
import { parseSpec } from "../../src/spec/index.js";
import { filesUnder, run, tempDir } from "../cli/run.js";

/*
 * --format html without a browser: the files, the shared assets, what the page links to, and the
 * command line's handling of the shared files. tests/web/page.test.ts opens the pages in Chromium.
 */

const seed = (name: string) => parseSpec(readFileSync(`specs/${name}.yaml`, "utf8"), `${name}.yaml`);

describe("render(…, ['html'])", () => {
  it("gives the page and the assets it loads, every asset marked shared", async () => {
    const spec = seed("002-sigmoid-2-2-2");
    const files = await render(derive(buildNetwork(spec)), resolvePresentation(spec), ["html"], { name: "n" });
    const page = files.find((f) => f.name === "n.html");
    expect(page).toBeDefined();
    const assets = files.filter((f) => f.name !== "n.html");
    expect(assets.every((f) => f.shared === true && f.name.startsWith("assets/"))).toBe(true);
    expect(page!.shared).toBeUndefined();
    // everything the page names is one of those files: nothing from elsewhere
    const html = String(page!.content);
    const links = [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.sort()).toEqual(["assets/backprop-derive.css", "assets/katex.min.css"]);
    // XML namespaces name, they do not load; anything else with a scheme would reach out
    expect(html.replace(/\sxmlns(?::\w+)?="[^"]*"/g, "")).not.toMatch(/https?:|\/\/[a-z]|url\(/i);
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
    const css = String(assets.find((f) => f.name === "assets/katex.min.css")!.content);
    for (const [, url] of css.matchAll(/url\(([^)]*)\)/g)) expect(assets.map((f) => f.name)).toContain(`assets/${url}`);
  });

  it("the page says what the Markdown note says: every formula of the .md is typeset in it", async () => {
    const spec = seed("000-relu-hidden");
    const files = await render(derive(buildNetwork(spec)), resolvePresentation(spec), ["md", "html"], { name: "n" });
    const md = String(files.find((f) => f.name === "n.md")!.content);
    const html = String(files.find((f) => f.name === "n.html")!.content);
    const formulas = [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$|\$([^$\n]+)\$/g)].map((m) => (m[1] ?? m[2]!).trim());
    const typeset = [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) =>
      m[1]!
        .replace(/&#x26;|&amp;/g, "&")
        .replace(/&#x3C;|&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .trim(),
    );
    expect(formulas.length).toBeGreaterThan(50);
    expect(typeset).toEqual(formulas);
    expect(html).not.toContain("katex-error");
  });
});

describe("KaTeX's stylesheet, woff2 fonts only", () => {
  const css = readFileSync("node_modules/katex/dist/katex.min.css", "utf8");

  it("keeps each font's woff2 and drops the woff and ttf", () => {
    const out = woff2Only(css);
    const urls = [...out.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBe(20);
    expect(urls.every((u) => /^fonts\/KaTeX_[\w-]+\.woff2$/.test(u))).toBe(true);
    expect(out.length).toBeLessThan(css.length);
  });

  it("refuses a stylesheet that lists its fonts otherwise, rather than ship one with fonts missing", () => {
    expect(() =>
      woff2Only(css.replace('format("woff2"),url(fonts/KaTeX_AMS-Regular.woff)', 'format("woff2"), url(fonts/KaTeX_AMS-Regular.woff)')),
    ).toThrow(/does not list its fonts as expected/);
    expect(() => woff2Only("body{}")).toThrow(/does not list its fonts/);
  });
});

describe("derive --format html (built CLI)", () => {
  it("several specs share one assets/ folder, written once", () => {
    const out = tempDir("html-cli");
    const r = run("derive", "specs/000-relu-hidden.yaml", "specs/002-sigmoid-2-2-2.yaml", "--format", "html,md", "--out", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const wrote = r.out.split("\n").filter(Boolean);
    expect(wrote.filter((l) => l.endsWith("assets/katex.min.css"))).toHaveLength(1);
    expect(new Set(wrote).size).toBe(wrote.length);
    const files = filesUnder(out);
    expect(files.filter((f) => !f.startsWith("assets/"))).toEqual([
      "000-relu-hidden-network.svg",
      "000-relu-hidden.html",
      "000-relu-hidden.md",
      "002-sigmoid-2-2-2-network.svg",
      "002-sigmoid-2-2-2.html",
      "002-sigmoid-2-2-2.md",
    ]);
    // a second run into the same folder replaces the assets as it replaces every file
    const again = run("derive", "specs/000-relu-hidden.yaml", "--format", "html", "--out", out);
    expect(again.code).toBe(0);
    expect(filesUnder(out)).toEqual(files);
  });

  it("is all or nothing: a bad spec beside a good one writes no page and no asset", () => {
    const out = join(tempDir("html-bad"), "o");
    const r = run("derive", "specs/000-relu-hidden.yaml", "tests/fixtures/bad/unknown-key.yaml", "--format", "html", "--out", out);
    expect(r.code).toBe(2);
    expect(filesUnder(out)).toEqual([]);
  });

  it("is not a default format; --format all includes it", () => {
    const plain = tempDir("html-default");
    expect(run("derive", "specs/003-relu-chain.yaml", "--out", plain).code).toBe(0);
    expect(filesUnder(plain).filter((f) => f.endsWith(".html") || f.startsWith("assets/"))).toEqual([]);
    const all = tempDir("html-all");
    expect(run("derive", "specs/003-relu-chain.yaml", "--format", "all", "--out", all).code).toBe(0);
    expect(filesUnder(all)).toContain("003-relu-chain.html");
    expect(filesUnder(all)).toContain("assets/katex.min.css");
  });
});

describe("a graph spec's page (CONTRACT §6 and §9)", () => {
  it("every formula typeset with its MathML, the circuit inline with its title, the same shared assets", async () => {
    const { deriveGraph } = await import("../../src/derive/index.js");
    const { renderGraph } = await import("../../src/render/index.js");
    const { parseAnySpec } = await import("../../src/spec/index.js");
    for (const name of ["010-circuit-add-multiply", "012-circuit-staged-sigmoid"]) {
      const spec = parseAnySpec(readFileSync(`specs/${name}.yaml`, "utf8"), `${name}.yaml`) as never;
      const files = await renderGraph(deriveGraph(spec), ["html"], { name: "g" });
      const page = String(files.find((f) => f.name === "g.html")!.content);
      expect(page).not.toContain("katex-error");
      expect(page).toContain("<math");
      expect(page).toMatch(/<svg[^>]*>[\s\S]*<title/);
      expect(page).not.toMatch(/\$\$/);
      expect(files.filter((f) => f.shared).map((f) => f.name)).toContain("assets/katex.min.css");
    }
  });
});
