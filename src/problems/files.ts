import type nunjucks from "nunjucks";
import { environment, xmlEscape } from "../render/index.js";
import type { RenderedFile } from "../render/index.js";
import type { GeneratedVariant } from "./generate.js";
import { keyJson } from "./key.js";
import { plainNumber, proseHtml } from "./moodle.js";
import { notationOf, sheetView } from "./sheet.js";
import type { SheetView } from "./sheet.js";
import { assemble, renderParts, utf8, withNewline } from "./assemble.js";
import { startSolutions } from "./solutions.js";
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
  /** Called as the variants' solutions are rendered (the slow part). */
  onProgress?: (done: number, total: number) => void;
  /** Threads to render the solutions with (default: one per core but one, up to 8; 1 = this thread only). */
  jobs?: number;
}

/** Every output file of a problem set, in memory (the caller writes them atomically). */
export async function problemFiles(set: ProblemSet, formats: readonly ProblemFormat[], opts: FileOptions = {}): Promise<RenderedFile[]> {
  const wants = (f: ProblemFormat) => formats.includes(f);
  // The worked solutions are most of the work: worker threads start on them at once.
  const solving =
    wants("md") || wants("tex")
      ? startSolutions(
          { name: set.name, config: set.config, md: wants("md"), tex: wants("tex"), templates: opts.templates },
          set.variants,
          { jobs: opts.jobs, onProgress: opts.onProgress },
        )
      : undefined;
  try {
    const env = environment(opts.templates);
    env.addFilter("html", proseHtml);
    const sheet = sheetView(set.name, set.config, set.variants);
    // what every part of a document sees besides its variant `v`
    const context = { name: sheet.name, title: sheet.title, precision: sheet.precision, instructions: sheet.instructions };
    const doc = (frame: string, part: string, items: Iterable<object>) =>
      assemble(env, frame, renderParts(env, part, context, items), context);
    const sheetFiles: RenderedFile[] = [];
    if (wants("md")) {
      sheetFiles.push({
        name: `${set.name}.problems.md`,
        content: doc("problems/sheet.md.njk", "problems/sheet-variant.md.njk", sheet.variants),
      });
      for (const v of sheet.variants) {
        sheetFiles.push({
          name: v.svg,
          content: utf8(
            withNewline(env.render("markdown/network.svg.njk", { title: `${sheet.title}, variant ${v.id}`, diagram: v.diagram })),
          ),
        });
      }
    }
    if (wants("tex"))
      sheetFiles.push({
        name: `${set.name}.problems.tex`,
        content: doc("problems/sheet.tex.njk", "problems/sheet-variant.tex.njk", sheet.variants),
      });
    const rest: RenderedFile[] = [];
    if (wants("json")) rest.push({ name: `${set.name}.key.json`, content: keyJson(set.seed, set.variants) });
    if (wants("moodle"))
      rest.push({
        name: `${set.name}.moodle.xml`,
        content: doc("problems/moodle.xml.njk", "problems/moodle-variant.xml.njk", moodleVariants(set, sheet, env)),
      });
    const solutions: RenderedFile[] = [];
    if (solving) {
      const parts = await solving.finish();
      if (wants("md")) solutions.push({ name: `${set.name}.solutions.md`, content: assemble(env, "problems/solutions.md.njk", parts.md) });
      if (wants("tex"))
        solutions.push({ name: `${set.name}.solutions.tex`, content: assemble(env, "problems/solutions.tex.njk", parts.tex) });
    }
    return [...sheetFiles, ...solutions, ...rest];
  } finally {
    solving?.stop();
  }
}

/**
 * Each variant of the sheet plus its questions' answers (Moodle only: the student sheet never
 * gets them) and its statement as XML-escaped HTML, made once and repeated in each question.
 * One at a time, as the Moodle file is rendered.
 */
function* moodleVariants(set: ProblemSet, sheet: SheetView, env: nunjucks.Environment) {
  for (const [i, v] of sheet.variants.entries()) {
    const n = notationOf(set.variants[i]!.net);
    yield {
      ...v,
      intro: xmlEscape(withNewline(env.render("problems/moodle-intro.html.njk", { v }))),
      answers: set.variants[i]!.questions.map((q) => ({ name: n.ascii(q.symbol), shown: q.shown, tolerance: plainNumber(q.tolerance) })),
    };
  }
}
