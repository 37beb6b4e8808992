import { checkClaims, formatList, prepare, readAnswers, resolveClaims } from "../check/index.js";
import type { Checkable, CheckReport } from "../check/index.js";
import { derive } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import { PresentationError, resolvePresentation } from "../notation/index.js";
import type { PresentationChoices } from "../notation/index.js";
import { NumericError } from "../numeric/index.js";
import { liveNoteHtml, render } from "../render/index.js";
import { hasNumbers, parseSpec, SpecError } from "../spec/index.js";
import type { Diagnostic } from "../spec/index.js";

/*
 * What the workbench does, without the page: the same library calls as `derive` and `check`,
 * on text instead of files. The page (main.ts) shows the results; the tests call these directly
 * too, in Node.
 */

/** A problem to show beside the editor: where (when known) and what. */
export interface Problem {
  line?: number;
  column?: number;
  /** The field's path (`layers[1].activation`), "" for the whole text. */
  path: string;
  message: string;
}

/** The files `derive` would write for the spec (the diagram beside the Markdown included). */
export interface DerivedFiles {
  md: string;
  svg: string;
  tex: string;
  json: string;
}

export type Derived =
  | {
      ok: true;
      files: DerivedFiles;
      /** The note as HTML (the body of `--format html`'s page), formulas typeset, the diagram inline. */
      html: string;
      /** The same, block by block (HtmlFragment.blocks). */
      blocks: string[];
    }
  | { ok: false; problems: Problem[] };

/** A name the outputs can take: the characters a file name and a link keep as they are. */
export const fileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "") || "network";

const problemOf = (d: Diagnostic): Problem => ({
  ...(d.line !== undefined && { line: d.line }),
  ...(d.column !== undefined && { column: d.column }),
  path: d.path,
  message: d.message,
});

/** Bad input (as the command line maps it: exit 2) becomes problems; anything else is a bug and is thrown. */
function asProblems(err: unknown): Problem[] {
  if (err instanceof SpecError) return err.diagnostics.map(problemOf);
  if (err instanceof PresentationError || err instanceof NumericError) return [{ path: "", message: err.message }];
  throw err;
}

/** The spec's text is read as a YAML (or JSON, which YAML reads too) file of this name. */
const specFile = (name: string): string => `${name}.yaml`;

/**
 * The spec derived and rendered as `derive SPEC --format md,tex,json` would (`name`: a fileName),
 * and the note as HTML; or the spec's problems, each with its line.
 */
export async function deriveText(text: string, name: string, choices: PresentationChoices = {}): Promise<Derived> {
  if (fileName(name) !== name) throw new Error(`internal error: ${JSON.stringify(name)} is not a file name (fileName)`);
  try {
    const spec = parseSpec(text, specFile(name), "written", "derivation");
    const presentation = resolvePresentation(spec, choices);
    const derivation = derive(buildNetwork(spec));
    const rendered = await render(derivation, presentation, ["md", "tex", "json"], { name });
    const file = (n: string): string => {
      const f = rendered.find((r) => r.name === n);
      if (f === undefined || typeof f.content !== "string") throw new Error(`internal error: ${n} was not rendered`);
      return f.content;
    };
    const files = { md: file(`${name}.md`), svg: file(`${name}-network.svg`), tex: file(`${name}.tex`), json: file(`${name}.json`) };
    const html = await liveNoteHtml(files.md, { [`${name}-network.svg`]: files.svg });
    if (html.problems.length > 0) throw new Error(`internal error: KaTeX could not typeset the note:\n  ${html.problems.join("\n  ")}`);
    return { ok: true, files, html: html.html, blocks: html.blocks };
  } catch (err) {
    return { ok: false, problems: asProblems(err) };
  }
}

/** One quantity an answers file may name (`check --list`). */
export interface AnswerName {
  name: string;
  aliases: string[];
  path: string;
  given: boolean;
  description: string;
}

export type Checked =
  | { ok: true; report: CheckReport | undefined; names: AnswerName[] }
  | { ok: false; in: "spec" | "answers"; problems: Problem[]; names: AnswerName[] };

/** The last spec prepared for checking: a student types answers against one spec for a while. */
let prepared: { text: string; name: string; c: Checkable } | undefined;

function prepareText(text: string, name: string): Checkable {
  if (prepared?.text !== text || prepared.name !== name) {
    const spec = parseSpec(text, specFile(name), "computed", "check");
    if (!hasNumbers(spec)) {
      throw new SpecError([
        {
          file: specFile(name),
          path: spec.weights === undefined ? "weights" : "samples",
          message: "the spec has no numbers (weights and samples), so there is nothing to check answers against",
        },
      ]);
    }
    prepared = { text, name, c: prepare(spec) };
  }
  return prepared.c;
}

/**
 * `check SPEC ANSWERS` on text: the verdicts, carried errors and the first wrong step, or the
 * problems of the spec or of the answers (located in their own text). No answers: no report,
 * only the names they may use.
 */
export function checkText(specText: string, name: string, answers: string): Checked {
  let c: Checkable;
  try {
    c = prepareText(specText, name);
  } catch (err) {
    return { ok: false, in: "spec", problems: asProblems(err), names: [] };
  }
  const names = JSON.parse(formatList(c.graph, c.names, "json")) as AnswerName[];
  if (answers.trim() === "") return { ok: true, report: undefined, names };
  try {
    const read = readAnswers("answers.yaml", answers);
    if (read.diagnostics.length > 0) return { ok: false, in: "answers", problems: read.diagnostics.map(problemOf), names };
    const resolved = resolveClaims("answers.yaml", c, read.entries);
    if (resolved.diagnostics.length > 0) return { ok: false, in: "answers", problems: resolved.diagnostics.map(problemOf), names };
    return { ok: true, report: checkClaims(c.graph, resolved.claims), names };
  } catch (err) {
    return { ok: false, in: "answers", problems: asProblems(err), names };
  }
}
