/**
 * The PDFs' text copies as written: the article, the slides and the problem sheet use T1 fonts
 * (Latin Modern), so a title's `_`, `^`, `~` are those characters in the PDF and not a space or
 * an accent, and every Latin letter of U+00C0–U+017F compiles (OT1 had no ą, Ð, Þ, Ŋ, …).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { problemsCommand } from "../../src/cli/problems.js";
import { SEEDS } from "./fixtures.js";
import { cleanup, compileLatex, hasPdflatex, renderSpec } from "./helpers.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SPECIALS = "50% & $x$ #1 a_b ^ ~";

// Every letter of Latin-1 Supplement and Latin Extended-A (× and ÷ are not letters), in groups of
// ten so that the title can break into lines.
const LETTERS = Array.from({ length: 0x180 - 0xc0 }, (_, i) => String.fromCodePoint(0xc0 + i)).filter((c) => c !== "×" && c !== "÷");
const LETTER_TITLE = Array.from({ length: Math.ceil(LETTERS.length / 10) }, (_, i) => LETTERS.slice(i * 10, i * 10 + 10).join("")).join(
  " ",
);

// Letters T1 has no glyph for, which the PDF builds from pieces that pdftotext cannot put back together:
// a letter with a cedilla or ogonek accent below, a dotless ı or ȷ with an accent, Đ (T1 draws it with
// Ð's glyph), and those escape.ts draws from a letter and a bar or a dot (Ħ ħ Ŧ ŧ Ŀ ŀ), writes ’n (ŉ),
// a small-capital k (ĸ) or s (ſ).
const BUILT = new Set([..."ĢģĶķĻļŅņŖŗĮįŲųĩīĭĵĐĦħŦŧĿŀŉĸſ"]);

/** The PDF's text, NFC: a letter T1 sets as base + accent comes out as the letter and a combining accent. */
function text(pdf: string): string {
  return execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).normalize("NFC");
}

/** pdflatex's text of a document, or the compile's error lines. */
function compiledText(source: string, what: string): string {
  const r = compileLatex(source);
  expect(r.errors, `${what}:\n${r.log.slice(-1500)}`).toEqual([]);
  const t = text(r.pdf);
  cleanup(r.dir);
  return t;
}

/** The problem sheet (LaTeX) of seed 000's spec under another title. */
async function sheet(title: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bpd-sheet-"));
  dirs.push(dir);
  const spec = readFileSync(join(ROOT, "specs/000-relu-hidden.yaml"), "utf8").replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`);
  writeFileSync(join(dir, "sheet.yaml"), spec);
  await problemsCommand({ spec: join(dir, "sheet.yaml"), count: 1, seed: 3, out: join(dir, "out"), format: "tex", jobs: 1 });
  return readFileSync(join(dir, "out", "sheet.problems.tex"), "utf8");
}

/** The article, the slides and the problem sheet of a title. */
async function documents(title: string): Promise<[string, string][]> {
  const files = await renderSpec({ ...SEEDS.seed002!, title }, {}, ["tex", "slides"]);
  return [
    ["article", files["note.tex"]!],
    ["slides", files["note.slides.tex"]!],
    ["problem sheet", await sheet(title)],
  ];
}

describe.skipIf(!hasPdflatex)("the PDFs' text is the title as written (T1 fonts)", () => {
  it("every preamble loads T1 and Latin Modern", async () => {
    for (const [what, source] of await documents("x")) {
      expect(source, what).toContain("\\usepackage[T1]{fontenc}");
      expect(source, what).toContain("\\usepackage{lmodern}");
    }
  });

  it(`a title of TeX's special characters copies as written: ${SPECIALS}`, async () => {
    for (const [what, source] of await documents(SPECIALS)) {
      expect(compiledText(source, what), what).toContain(SPECIALS);
    }
  });

  it("every Latin letter U+00C0–U+017F compiles, and all but those built from pieces come out as written", async () => {
    expect(LETTERS.length).toBe(190);
    for (const [what, source] of await documents(LETTER_TITLE)) {
      const t = compiledText(source, what);
      const missing = LETTERS.filter((c) => !BUILT.has(c) && !t.includes(c));
      expect(missing, `${what}: letters not in the PDF's text`).toEqual([]);
    }
  });
});
