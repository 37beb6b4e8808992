import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parseXml } from "../problems/xml.js";
import { filesUnder, run, tempDir } from "./run.js";

/*
 * A spec's file name is user text: it names the output files and, in Markdown, the diagram's
 * link. Hostile names must give exactly the intended image link (its target decoding to the
 * SVG's real file name) and no HTML; control characters in a title or a name must leave every
 * XML file well-formed and the Markdown and LaTeX free of them.
 */

const SPEC = "specs/000-relu-hidden.yaml";
const HOSTILE = ["x) <img src=x onerror=alert(1)> [a](javascript:alert(2)) (", "with space", "new\nline", "<b>&amp;\"'`*_ ]] ) ü ñ % %41"];

interface MdNodes {
  html: number;
  links: number;
  images: string[];
}

/** The Markdown as a reader sees it (CommonMark + math): HTML nodes, links, image targets. */
function markdownNodes(md: string): MdNodes {
  const tree = unified().use(remarkParse).use(remarkMath).parse(md);
  const found: MdNodes = { html: 0, links: 0, images: [] };
  visit(tree, (node) => {
    const n = node as { type: string; url?: string };
    if (n.type === "html") found.html++;
    if (n.type === "link" || n.type === "linkReference" || n.type === "definition") found.links++;
    if (n.type === "image" || n.type === "imageReference") found.images.push(n.url ?? "(reference)");
    return undefined;
  });
  return found;
}

/** XML 1.0's Char production: anything else makes the document not XML at all. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const expectXml = (text: string): void => {
  expect(text).not.toMatch(NOT_XML_CHAR);
  expect(() => parseXml(text.replace(/^<\?xml[^>]*\?>\s*/, ""))).not.toThrow();
};
// What the Markdown and LaTeX must not hold either (they replaced C0 controls already).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/;

describe("spec file names in the output (built CLI)", () => {
  it.each(HOSTILE)("derive: %j gives one image link to the real SVG and no HTML", (name) => {
    const dir = tempDir("names");
    const spec = join(dir, `${name}.yaml`);
    copyFileSync(SPEC, spec);
    const out = join(dir, "out");
    const r = run("derive", spec, "--out", out, "--format", "md");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(filesUnder(out)).toEqual([`${name}-network.svg`, `${name}.md`].sort());
    const md = markdownNodes(readFileSync(join(out, `${name}.md`), "utf8"));
    expect(md.html).toBe(0);
    expect(md.links).toBe(0);
    expect(md.images).toHaveLength(1);
    expect(decodeURIComponent(md.images[0]!)).toBe(`${name}-network.svg`);
    expect(existsSync(join(out, decodeURIComponent(md.images[0]!)))).toBe(true);
  });

  it("problems: the sheet and the solutions link every variant's SVG by its real name, and no HTML", () => {
    const name = HOSTILE[0]!;
    const dir = tempDir("names");
    const spec = join(dir, `${name}.yaml`);
    copyFileSync(SPEC, spec);
    const out = join(dir, "out");
    const r = run("problems", spec, "--out", out, "--count", "2", "--format", "md,moodle", "--jobs", "1");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    for (const file of [`${name}.problems.md`, `${name}.solutions.md`]) {
      const md = markdownNodes(readFileSync(join(out, file), "utf8"));
      expect(md.html, file).toBe(0);
      expect(md.links, file).toBe(0);
      expect(md.images, file).toHaveLength(2);
      for (const url of md.images) {
        expect(decodeURIComponent(url)).toMatch(
          new RegExp(`^${name.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}\\.problems/1-\\d+-\\d+-network\\.svg$`),
        );
        expect(existsSync(join(out, decodeURIComponent(url))), url).toBe(true);
      }
    }
    const quiz = readFileSync(join(out, `${name}.moodle.xml`), "utf8");
    expectXml(quiz);
    expect(quiz).toContain("x) &lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("control characters in a title or a file name (built CLI)", () => {
  // every C0 control, DEL and the two noncharacters XML excludes
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\u007f\ufffe\uffff";

  it("derive: the SVG parses as XML; the Markdown and LaTeX hold none of them", () => {
    const dir = tempDir("controls");
    const text = readFileSync(SPEC, "utf8").replace(/^title: .*$/m, `title: ${JSON.stringify(`A${controls}Z`)}`);
    writeFileSync(join(dir, "t.yaml"), text);
    const out = join(dir, "out");
    const r = run("derive", join(dir, "t.yaml"), "--out", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const files = filesUnder(out);
    expect(files).toContain("t-network.svg");
    const svg = readFileSync(join(out, "t-network.svg"), "utf8");
    expectXml(svg);
    expect(svg).toMatch(/<title id="diagram-title">A +Z: network diagram<\/title>/);
    for (const f of files.filter((f) => /\.(md|tex)$/.test(f))) {
      expect(readFileSync(join(out, f), "utf8"), f).not.toMatch(CONTROL);
    }
  });

  it("problems: a spec file named with control characters gives well-formed SVGs and Moodle XML", () => {
    const dir = tempDir("controls");
    // a file name may hold every byte but NUL and "/"
    const name = `q${controls.slice(1)}`;
    const spec = join(dir, `${name}.yaml`);
    writeFileSync(
      spec,
      readFileSync(SPEC, "utf8")
        .replace(/^title: .*\n/m, "")
        .concat(`problems:\n  title: ${JSON.stringify(`P${controls}Q`)}\n`),
    );
    const out = join(dir, "out");
    const r = run("problems", spec, "--out", out, "--count", "2", "--jobs", "1");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const files = filesUnder(out);
    expect(files.filter((f) => f.endsWith(".svg"))).toHaveLength(2);
    for (const f of files) {
      const text = readFileSync(join(out, f), "utf8");
      if (/\.(svg|xml)$/.test(f)) expectXml(text);
      else if (/\.(md|tex)$/.test(f)) expect(text, f).not.toMatch(CONTROL);
    }
    const quiz = readFileSync(join(out, `${name}.moodle.xml`), "utf8");
    expect(parseXml(quiz.replace(/^<\?xml[^>]*\?>\s*/, "")).name).toBe("quiz");
  });
});
