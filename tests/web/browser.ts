import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";

/*
 * The browser tests' one harness: Debian's Chromium (.ci/run installs it; never a downloaded
 * build) driven by playwright-core, one launch per test file. Every page is opened from disk
 * with every request that is not file:// refused and recorded, so a test can assert that a page
 * reached for nothing outside its folder; console errors, uncaught errors, dialogs and failed
 * loads are recorded too.
 */

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--headless=new"] });
}

/** What a page did that a test may want to see (and usually wants empty). */
export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Requests that were not file:// (each refused). */
  outside: string[];
  /** file:// requests that failed (a missing font, stylesheet or script). */
  failed: string[];
  /** Console messages of type error, uncaught exceptions, alert/confirm/prompt dialogs. */
  errors: string[];
}

/** A new page (own context: downloads allowed) at `file`, watched from the first request on. */
export async function openFile(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const w: Watched = { page, context, outside: [], failed: [], errors: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    w.outside.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("requestfailed", (r) => {
    if (r.url().startsWith("file:")) w.failed.push(`${r.url()}: ${r.failure()?.errorText ?? "?"}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") w.errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => w.errors.push(`uncaught: ${e.message}`));
  page.on("dialog", (d) => {
    w.errors.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState("load");
  // the fonts KaTeX's stylesheet names load when used: let them finish before anything is judged
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return w;
}

/** A folder for screenshots, printed so that a person can look at them. */
export function screenshotDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bpd-${prefix}-`));
  return dir;
}

/**
 * A number as the rendered TeX writes it (`0.1385`, `-0.0226`, `1.5 \times 10^{-5}`), and half a
 * unit of its last written digit: the rounding the page may have done.
 */
export function texNumber(tex: string): { value: number; halfUnit: number } {
  const m = /^\s*(-?)(\d+)(?:\.(\d+))?(?:\s*\\times\s*10\^\{(-?\d+)\})?\s*$/.exec(tex.replace(/−/g, "-"));
  if (!m) throw new Error(`not a number as the page writes one: ${JSON.stringify(tex)}`);
  const [, sign, whole, frac = "", exp = "0"] = m;
  const scale = 10 ** Number(exp);
  return { value: Number(`${sign}${whole}.${frac || "0"}`) * scale, halfUnit: 0.5 * 10 ** -frac.length * scale };
}
