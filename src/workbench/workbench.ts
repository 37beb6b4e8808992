import { checkClaims, formatList, nothingToCheck, prepare, readAnswers, resolveClaims } from "../check/index.js";
import type { Checkable, CheckReport } from "../check/index.js";
import { derive, deriveGraph } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import { MAX_PRECISION, PresentationError, resolvePresentation } from "../notation/index.js";
import type { PresentationChoices } from "../notation/index.js";
import { NumericError } from "../numeric/index.js";
import { liveNoteHtml, render, renderGraph } from "../render/index.js";
import type { RenderedFile } from "../render/index.js";
import { GRAPH_NOTATIONS, isGraphSpec, parseAnySpec, SpecError } from "../spec/index.js";
import type { Diagnostic, GraphNotation, GraphSpec } from "../spec/index.js";

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

/**
 * The files `derive` would write for the spec (the diagram beside the Markdown included). A graph
 * whose leaves have no values has no answer key: its `json` is "".
 */
export interface DerivedFiles {
  md: string;
  svg: string;
  tex: string;
  json: string;
}

/** The page's switches: a layered network's presentation, or a graph's notation (partial, adjoint). */
export interface WorkbenchChoices extends PresentationChoices {
  graphNotation?: GraphNotation;
}

export type Derived =
  | {
      ok: true;
      /** What the spec is: the diagram is a network's (`NAME-network.svg`) or a graph's circuit (`NAME-circuit.svg`). */
      kind: "network" | "graph";
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
export async function deriveText(text: string, name: string, choices: WorkbenchChoices = {}): Promise<Derived> {
  if (fileName(name) !== name) throw new Error(`internal error: ${JSON.stringify(name)} is not a file name (fileName)`);
  try {
    const spec = parseAnySpec(text, specFile(name), "written", "derivation");
    if (isGraphSpec(spec)) return await deriveGraphText(spec, name, choices);
    if (choices.graphNotation !== undefined) throw new PresentationError(notationMismatch(choices.graphNotation, "graph"));
    const presentation = resolvePresentation(spec, choices);
    const derivation = derive(buildNetwork(spec));
    const rendered = await render(derivation, presentation, ["md", "tex", "json"], { name });
    const file = contentOf(rendered);
    const files = { md: file(`${name}.md`), svg: file(`${name}-network.svg`), tex: file(`${name}.tex`), json: file(`${name}.json`) };
    return { kind: "network", ...(await noteHtml(files, `${name}-network.svg`)) };
  } catch (err) {
    return { ok: false, problems: asProblems(err) };
  }
}

/** A rendered file's text, by name (an internal error when the renderer did not write it). */
const contentOf =
  (rendered: RenderedFile[]) =>
  (n: string): string => {
    const f = rendered.find((r) => r.name === n);
    if (f === undefined || typeof f.content !== "string") throw new Error(`internal error: ${n} was not rendered`);
    return f.content;
  };

/** The note as HTML, its diagram inline: what the page shows. */
async function noteHtml(files: DerivedFiles, svgName: string): Promise<{ ok: true; files: DerivedFiles; html: string; blocks: string[] }> {
  const html = await liveNoteHtml(files.md, { [svgName]: files.svg });
  if (html.problems.length > 0) throw new Error(`internal error: KaTeX could not typeset the note:\n  ${html.problems.join("\n  ")}`);
  return { ok: true, files, html: html.html, blocks: html.blocks };
}

/** "the notation node is for layered networks; …": a switch that does not fit the spec. */
const notationMismatch = (notation: string, of: "graph" | "network"): string =>
  of === "graph"
    ? `the notation ${notation} is for computational-graph specs (partial, adjoint); a layered network's are node, sequential, layer and matrix`
    : `the notation ${notation} is for layered networks (node, sequential, layer, matrix); a graph spec's are ${GRAPH_NOTATIONS.join(" and ")}`;

/**
 * A computational-graph spec (CONTRACT §6) as `derive GRAPH --format md,tex,json` writes it (the
 * circuit beside the Markdown; the key only when every leaf has a value), with the page's notation
 * (partial or adjoint) and decimals. Convention and detail are a layered network's: a graph has none.
 */
async function deriveGraphText(spec: GraphSpec, name: string, choices: WorkbenchChoices): Promise<Derived> {
  if (choices.notation !== undefined) throw new PresentationError(notationMismatch(choices.notation, "network"));
  if (
    choices.precision !== undefined &&
    (!Number.isInteger(choices.precision) || choices.precision < 0 || choices.precision > MAX_PRECISION)
  ) {
    throw new PresentationError(`precision must be a whole number from 0 to ${MAX_PRECISION} (got ${choices.precision})`);
  }
  const derivation = deriveGraph(spec);
  const rendered = await renderGraph(
    derivation,
    derivation.numbers ? ["md", "tex", "json"] : ["md", "tex"],
    { name },
    {
      ...(choices.graphNotation !== undefined && { notation: choices.graphNotation }),
      ...(choices.precision !== undefined && { precision: choices.precision }),
    },
  );
  const file = contentOf(rendered);
  const files = {
    md: file(`${name}.md`),
    svg: file(`${name}-circuit.svg`),
    tex: file(`${name}.tex`),
    json: derivation.numbers ? file(`${name}.json`) : "",
  };
  return { kind: "graph", ...(await noteHtml(files, `${name}-circuit.svg`)) };
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
    const spec = parseAnySpec(text, specFile(name), "computed", "check");
    const nothing = nothingToCheck(spec, specFile(name));
    if (nothing) throw new SpecError([nothing]);
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
