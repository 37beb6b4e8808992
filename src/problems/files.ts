import type nunjucks from "nunjucks";
import { environment } from "../render/env.js";
import { xmlEscape } from "../render/escape.js";
import { render } from "../render/formats.js";
import type { FormatName, RenderedFile } from "../render/formats.js";
import { widestWeights } from "./draw.js";
import type { GeneratedVariant } from "./generate.js";
import { keyJson } from "./key.js";
import { plainNumber, proseHtml } from "./moodle.js";
import { notationOf, sheetView } from "./sheet.js";
import type { SheetView } from "./sheet.js";
import type { ProblemsConfig } from "./types.js";

/** md: NAME.problems.md + NAME.solutions.md (+ their diagrams), tex: the two .tex, json: NAME.key.json, moodle: NAME.moodle.xml. */
export const PROBLEM_FORMATS = ["md", "tex", "json", "moodle"] as const;
export type ProblemFormat = (typeof PROBLEM_FORMATS)[number];

export interface ProblemSet {
  name: string;
  seed: number;
  config: ProblemsConfig;
  variants: GeneratedVariant[];
}

export interface FileOptions {
  /** A directory with the user's own copies of templates/ (searched first). */
  templates?: string;
  /** Called after each variant's solution is rendered (the slow part). */
  onProgress?: (done: number, total: number) => void;
}

/** Template output as a file: no blank lines before the first (a template's leading comment leaves one), one newline at the end. */
const withNewline = (s: string): string => `${s.replace(/^\s*\n/, "").trimEnd()}\n`;

/** Every output file of a problem set, in memory (the caller writes them atomically). */
export async function problemFiles(set: ProblemSet, formats: readonly ProblemFormat[], opts: FileOptions = {}): Promise<RenderedFile[]> {
  const env = environment(opts.templates);
  env.addFilter("html", proseHtml);
  const sheet = sheetView(set.name, set.config, set.variants);
  const files: RenderedFile[] = [];
  const wants = (f: ProblemFormat) => formats.includes(f);
  if (wants("md")) {
    files.push({ name: `${set.name}.problems.md`, content: withNewline(env.render("problems/sheet.md.njk", sheet)) });
    for (const v of sheet.variants) {
      files.push({ name: v.svg, content: withNewline(env.render("markdown/network.svg.njk", { title: `${sheet.title}, variant ${v.id}`, diagram: v.diagram })) });
    }
  }
  if (wants("tex")) files.push({ name: `${set.name}.problems.tex`, content: withNewline(env.render("problems/sheet.tex.njk", sheet)) });
  if (wants("md") || wants("tex")) files.push(...(await solutionFiles(set, sheet, env, wants("md"), wants("tex"), opts)));
  if (wants("json")) files.push({ name: `${set.name}.key.json`, content: keyJson(set.seed, set.variants) });
  if (wants("moodle")) files.push({ name: `${set.name}.moodle.xml`, content: withNewline(env.render("problems/moodle.xml.njk", moodleView(set, sheet, env))) });
  return files;
}

/**
 * The sheet's view plus each question's answer (Moodle only: the student sheet never gets them)
 * and the variant's statement as XML-escaped HTML, made once and repeated in each question.
 */
function moodleView(set: ProblemSet, sheet: SheetView, env: nunjucks.Environment) {
  return {
    ...sheet,
    variants: sheet.variants.map((v, i) => {
      const n = notationOf(set.variants[i]!.net);
      return {
        ...v,
        intro: xmlEscape(env.render("problems/moodle-intro.html.njk", { v }).replace(/^\s*\n/, "")),
        answers: set.variants[i]!.questions.map((q) => ({ name: n.ascii(q.symbol), shown: q.shown, tolerance: plainNumber(q.tolerance) })),
      };
    }),
  };
}

/**
 * NAME.solutions.md / .tex: each variant rendered by the renderer's own API (`render`, the same
 * templates and passes as `derive`: the Markdown note and the LaTeX fragment), then its answers.
 * The Markdown notes' diagrams land in NAME.solutions/ID-network.svg, where the notes point.
 */
async function solutionFiles(
  set: ProblemSet, sheet: SheetView, env: nunjucks.Environment, md: boolean, tex: boolean, opts: FileOptions,
): Promise<RenderedFile[]> {
  const formats: FormatName[] = [...(md ? ["md" as const] : []), ...(tex ? ["fragment" as const] : [])];
  const mdParts: Uint8Array[] = [];
  const texParts: Uint8Array[] = [];
  const svgs: RenderedFile[] = [];
  for (const [i, v] of set.variants.entries()) {
    const stem = `${set.name}.solutions/${v.id}`;
    const rendered = await render(
      { name: stem, network: v.net, updates: v.updates, options: { precision: set.config.precision, templates: opts.templates, diagramRoom: widestWeights(v.net.spec, set.config) } },
      formats,
    );
    const file = (suffix: string) => String(rendered.find((f) => f.name === `${stem}${suffix}`)!.content);
    const answers = v.questions.map((q, k) => ({ text: sheet.variants[i]!.questions[k]!.text, shown: q.shown }));
    const ctx = { id: v.id, problemTitle: set.config.title, answers };
    if (tex) texParts.push(utf8(withNewline(env.render("problems/solution.tex.njk", { ...ctx, body: file(".fragment.tex") }))));
    if (md) {
      mdParts.push(utf8(withNewline(env.render("problems/solution.md.njk", { ...ctx, body: file(".md") }))));
      svgs.push(...rendered.filter((f) => f.name.endsWith(".svg")).map((f) => ({ name: f.name, content: utf8(String(f.content)) })));
    }
    opts.onProgress?.(i + 1, set.variants.length);
  }
  const files: RenderedFile[] = [];
  if (md) files.push({ name: `${set.name}.solutions.md`, content: assemble(env, "problems/solutions.md.njk", mdParts) }, ...svgs);
  if (tex) files.push({ name: `${set.name}.solutions.tex`, content: assemble(env, "problems/solutions.tex.njk", texParts) });
  return files;
}

/**
 * The rendered parts are kept as UTF-8 bytes: thousands of long strings alive until the end would
 * cost the garbage collector more than the rendering. The frame template is rendered with a
 * marker per part, and the parts are put in the markers' places.
 */
function assemble(env: nunjucks.Environment, template: string, parts: readonly Uint8Array[]): Uint8Array {
  const frame = withNewline(env.render(template, { parts: parts.map((_, i) => `\u0000${i}\u0000`) })).split("\u0000");
  // frame: text, index, text, index, …, text
  return Buffer.concat(frame.map((piece, k) => (k % 2 === 1 ? parts[Number(piece)]! : utf8(piece))));
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, "utf8");
