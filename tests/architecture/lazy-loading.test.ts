import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * mathjs and nunjucks cost most of a cold start (STACK-NOTES §3e): `--help` and the answer key
 * (`derive --format json`) must load neither. The built CLI runs under a module hook that lists
 * every bundle file it loads; none may hold mathjs (typed-function) or nunjucks.
 */
const dir = mkdtempSync(join(tmpdir(), "bpd-lazy-"));
const hook = join(dir, "hook.mjs");
writeFileSync(
  hook,
  `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("/dist/bundle/")) process.stderr.write("LOADED " + r.url + "\\n"); return r; }\n`,
);
const register = join(dir, "register.mjs");
writeFileSync(register, `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hook).href)});\n`);

function loaded(...args: string[]): string[] {
  const r = spawnSync(process.execPath, ["--import", register, "dist/bundle/main.js", ...args], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return [
    ...new Set(
      r.stderr
        .split("\n")
        .filter((l) => l.startsWith("LOADED "))
        .map((l) => new URL(l.slice(7)).pathname),
    ),
  ];
}

const heavy = (file: string): boolean => /typed-function|nunjucks/.test(readFileSync(file, "utf8"));

describe("the cold paths load neither mathjs nor nunjucks (built CLI)", () => {
  it("--help", () => {
    const files = loaded("--help");
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter(heavy)).toEqual([]);
  });

  it("derive --format json", () => {
    const files = loaded("derive", "specs/000-relu-hidden.yaml", "--format", "json", "--out", join(dir, "out"));
    expect(files.filter(heavy)).toEqual([]);
  });

  it("and derive --format md does load them (the check can fail)", () => {
    const files = loaded("derive", "specs/000-relu-hidden.yaml", "--format", "md", "--out", join(dir, "out"));
    expect(files.filter(heavy).length).toBeGreaterThan(0);
  });
});

/** The HTML page's packages: KaTeX, and unified's Markdown parser (micromark). */
const htmlPackages = (file: string): boolean => /KaTeX parse error|micromark/.test(readFileSync(file, "utf8"));

describe("the HTML page's packages load only for --format html (built CLI)", () => {
  it("derive --format md,tex,json loads neither KaTeX nor unified", () => {
    const files = loaded("derive", "specs/000-relu-hidden.yaml", "--format", "md,tex,json", "--out", join(dir, "out"));
    expect(files.filter(htmlPackages)).toEqual([]);
  });

  it("derive --format html does (the check can fail)", () => {
    const files = loaded("derive", "specs/000-relu-hidden.yaml", "--format", "html", "--out", join(dir, "out-html"));
    expect(files.filter(htmlPackages).length).toBeGreaterThan(0);
  });
});
