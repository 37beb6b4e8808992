import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder, run, tempDir } from "../cli/run.js";
import { launch, openFile, screenshotDir } from "./browser.js";
import type { Watched } from "./browser.js";

/*
 * `derive --format html` (CONTRACT §9), in Chromium: each page opened from disk with every
 * request outside file:// refused. The math is typeset (KaTeX's HTML and its MathML, no raw
 * `$`), the diagram is inline with its title and description, nothing failed to load, nothing
 * was logged as an error, and user text never became HTML.
 */

/** A title that tries every way out of HTML text, an attribute, a style or a title element, and into Markdown. */
const HOSTILE_TITLE =
  `<script>alert(1)</script> "><img src=x onerror=alert(2)> '><svg onload=alert(3)> </style><style>body{display:none}</style> ` +
  "</title><b>bold</b> &amp; & $x$ $$y$$ `tick` [link](https://example.com) <!-- comment --> \\(z\\) *star*";
/** A spec file name (the page's name, and the title when the spec has none) that tries the same. */
const HOSTILE_NAME = `n"><img src=y onerror=alert(4)><script>alert(5)<`;

let browser: Browser;
let out: string;
const shots = screenshotDir("html-pages");

beforeAll(async () => {
  browser = await launch();
  out = tempDir("html");
  const specs = tempDir("html-specs");
  const hostile = readFileSync("specs/002-sigmoid-2-2-2.yaml", "utf8").replace(
    /^title: .*$/m,
    () => `title: ${JSON.stringify(HOSTILE_TITLE)}`,
  );
  writeFileSync(join(specs, "hostile-title.yaml"), hostile);
  writeFileSync(join(specs, `${HOSTILE_NAME}.yaml`), readFileSync("specs/001-identity-output.yaml", "utf8").replace(/^title: .*$/m, ""));
  copyFileSync("specs/004-sigmoid-softmax.yaml", join(specs, "004-sigmoid-softmax.yaml"));
  const r = run(
    "derive",
    "specs/002-sigmoid-2-2-2.yaml",
    join(specs, "004-sigmoid-softmax.yaml"),
    join(specs, "hostile-title.yaml"),
    join(specs, `${HOSTILE_NAME}.yaml`),
    "--format",
    "html",
    "--out",
    out,
  );
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
});

afterAll(async () => {
  await browser?.close();
  process.stdout.write(`html page screenshots: ${shots}\n`);
});

function expectClean(w: Watched): void {
  expect(w.outside, "requests outside the output folder").toEqual([]);
  expect(w.failed, "files that did not load").toEqual([]);
  expect(w.errors, "console errors, uncaught errors, dialogs").toEqual([]);
}

describe("the files of --format html", () => {
  it("one page per spec and one shared assets/ folder: KaTeX's stylesheet, every font it names, ours", () => {
    const files = filesUnder(out);
    expect(files.filter((f) => !f.startsWith("assets/"))).toEqual(
      ["002-sigmoid-2-2-2.html", "004-sigmoid-softmax.html", "hostile-title.html", `${HOSTILE_NAME}.html`].sort(),
    );
    expect(files).toContain("assets/katex.min.css");
    expect(files).toContain("assets/backprop-derive.css");
    const css = readFileSync(join(out, "assets/katex.min.css"), "utf8");
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(15);
    for (const u of urls) expect(existsSync(join(out, "assets", u)), u).toBe(true);
    expect(files.filter((f) => f.startsWith("assets/fonts/"))).toEqual([...new Set(urls)].map((u) => `assets/${u}`).sort());
  });
});

describe("a page in Chromium, opened from disk", () => {
  for (const name of ["002-sigmoid-2-2-2", "004-sigmoid-softmax"]) {
    it(`${name}: typeset, MathML kept, the diagram inline, nothing from outside, no errors`, async () => {
      const w = await openFile(browser, join(out, `${name}.html`));
      const { page } = w;
      const seen = await page.evaluate(() => {
        const main = document.querySelector("main")!;
        const rest = main.cloneNode(true) as HTMLElement;
        rest.querySelectorAll(".katex, svg").forEach((e) => e.remove());
        const svg = main.querySelector("figure.diagram > svg");
        return {
          katex: main.querySelectorAll(".katex").length,
          mathml: main.querySelectorAll(".katex .katex-mathml math annotation[encoding='application/x-tex']").length,
          errors: main.querySelectorAll(".katex-error").length,
          untypeset: rest.textContent!.match(/\$|\\[a-z]+/g) ?? [],
          svgTitle: svg?.querySelector(":scope > title")?.textContent ?? null,
          svgDesc: svg?.querySelector(":scope > desc")?.textContent ?? null,
          labelledBy: svg?.getAttribute("aria-labelledby") ?? null,
          fonts: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family),
          scripts: document.scripts.length,
        };
      });
      expect(seen.katex).toBeGreaterThan(50);
      expect(seen.mathml).toBe(seen.katex);
      expect(seen.errors).toBe(0);
      expect(seen.untypeset).toEqual([]);
      expect(seen.svgTitle).toMatch(/: network diagram$/);
      expect(seen.svgDesc).toMatch(/^A network drawn left to right: .*\. Each edge/);
      expect(seen.labelledBy).toBe("diagram-title diagram-desc");
      expect(seen.fonts).toContain("KaTeX_Main");
      expect(seen.scripts).toBe(0);
      await page.screenshot({ path: join(shots, `${name}.png`) });
      // printed: black on white, equations and tables kept whole
      await page.emulateMedia({ media: "print" });
      const print = await page.evaluate(() => {
        const display = document.querySelector(".katex-display")!;
        const row = document.querySelector("main tr")!;
        return {
          display: getComputedStyle(display).breakInside,
          row: getComputedStyle(row).breakInside,
          background: getComputedStyle(document.body).backgroundColor,
          evenRow: getComputedStyle(document.querySelector("main tbody tr:nth-child(2)")!).backgroundColor,
        };
      });
      expect(print).toEqual({ display: "avoid", row: "avoid", background: "rgba(0, 0, 0, 0)", evenRow: "rgba(0, 0, 0, 0)" });
      await page.pdf({ path: join(shots, `${name}.pdf`), format: "A4" });
      expectClean(w);
      await w.context.close();
    });
  }

  it("user text stays text: a hostile title and a hostile file name never become HTML", async () => {
    for (const [file, title] of [
      ["hostile-title.html", HOSTILE_TITLE],
      [`${HOSTILE_NAME}.html`, HOSTILE_NAME],
    ] as const) {
      const w = await openFile(browser, join(out, file));
      const seen = await w.page.evaluate(() => ({
        title: document.title,
        h1: document.querySelector("h1")?.textContent ?? null,
        svgTitle: document.querySelector("svg > title")?.textContent ?? null,
        scripts: document.querySelectorAll("script").length,
        styles: document.querySelectorAll("style").length,
        injected: document.querySelectorAll("main img, main b, main a, body > svg, main svg svg, title ~ title").length,
        handlers: [...document.querySelectorAll("*")].flatMap((e) =>
          [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name),
        ),
        bodyShown: getComputedStyle(document.body).display,
      }));
      expect(seen.title).toBe(title);
      expect(seen.h1).toBe(title);
      expect(seen.svgTitle).toBe(`${title}: network diagram`);
      expect(seen).toMatchObject({ scripts: 0, styles: 0, injected: 0, handlers: [], bodyShown: "block" });
      if (file === "hostile-title.html") await w.page.screenshot({ path: join(shots, "hostile-title.png") });
      expectClean(w);
      await w.context.close();
    }
  });
});
