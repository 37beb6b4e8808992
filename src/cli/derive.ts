import { basename, extname, join } from "node:path";
import { buildNetwork } from "../network/index.js";
import { resolvePresentation } from "../notation/index.js";
import type { PresentationChoices } from "../notation/index.js";
import { answerKey, NumericError, stringifyAnswerKey, train } from "../numeric/index.js";
import type { RenderedFile } from "../render/index.js";
import { SpecError, isGraphSpec, loadAnySpec } from "../spec/index.js";
import type { Diagnostic, FormatName, GraphNotation, GraphSpec, NetworkSpec, WorkKind } from "../spec/index.js";
import { UserError } from "./errors.js";
import { stdinNames } from "./stdin.js";
import { checkOutput, writeAll } from "./write.js";

export interface DeriveArgs {
  specs: string[];
  formats: FormatName[];
  out: string;
  /** The presentation flags; each wins over the spec's own field. */
  choices: PresentationChoices;
  /** --notation partial|adjoint: a graph's notation (the network notations are in `choices`). */
  graphNotation?: GraphNotation;
  templates?: string;
  /** What standard input (a spec given as `-`) is called: its format and its outputs' name. */
  name?: string;
}

/** Output name of a spec file: its name without extension. */
export const specName = (file: string): string => basename(file, extname(file));

/**
 * Loads every spec first; if any is invalid, reports all problems and writes nothing.
 * Then computes and renders everything in memory, refuses two specs that would write the same
 * file, and only then writes, all or nothing.
 */
export async function deriveCommand(args: DeriveArgs): Promise<string[]> {
  const shown = stdinNames(args.specs, args.name, true);
  const loaded: { file: string; spec: NetworkSpec | GraphSpec }[] = [];
  const problems: Diagnostic[] = [];
  const names = new Map<string, string>();
  // Markdown and LaTeX write every step out: they have lower work limits than the answer key.
  const written: WorkKind = args.formats.some((f) => f !== "json") ? "written" : "computed";
  for (const input of args.specs) {
    const file = shown(input);
    const prior = names.get(specName(file));
    if (prior !== undefined) {
      problems.push({ file, path: "", message: `has the same output name as ${prior}; rename one of them` });
    }
    names.set(specName(file), file);
    try {
      // The worked derivation refuses the training rules it cannot write out yet; the key takes them.
      loaded.push({ file, spec: await loadAnySpec(input, file, written, written === "written" ? "derivation" : "key") });
    } catch (err) {
      if (err instanceof SpecError) problems.push(...err.diagnostics);
      else throw err;
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  notationApplies(args, loaded);
  await checkOutput(args.out);

  const files = [];
  const writers = new Map<string, string>();
  // Every graph is derived before anything is written: an expression's problem stops them all.
  const graphs = new Map<string, RenderedFile[]>();
  const graphProblems: Diagnostic[] = [];
  for (const { file, spec } of loaded) {
    if (!isGraphSpec(spec)) continue;
    try {
      graphs.set(file, await deriveGraphFiles(file, spec, args));
    } catch (err) {
      if (err instanceof SpecError) graphProblems.push(...err.diagnostics);
      else throw err;
    }
  }
  if (graphProblems.length > 0) throw new SpecError(graphProblems);
  for (const { file, spec } of loaded) {
    // A file every page shares (the HTML pages' assets/) is written once, for the first spec that brings it.
    const rendered = (isGraphSpec(spec) ? graphs.get(file)! : await deriveAndRender(file, spec, args)).filter(
      (f) => !(f.shared && writers.has(join(args.out, f.name))),
    );
    for (const f of rendered) {
      const path = join(args.out, f.name);
      const prior = writers.get(path);
      if (prior !== undefined) throw new UserError(`${prior} and ${file} would both write ${path}; rename one of them`);
      writers.set(path, file);
    }
    files.push(...rendered);
  }
  return writeAll(args.out, files);
}

/** A graph spec's files (CONTRACT §6): derived once, rendered in every format asked for. */
async function deriveGraphFiles(file: string, spec: GraphSpec, args: DeriveArgs): Promise<RenderedFile[]> {
  const [{ deriveGraph }, { renderGraph }] = await Promise.all([import("../derive/index.js"), import("../render/index.js")]);
  const derivation = deriveGraph(spec);
  const target = { name: specName(file), ...(args.templates === undefined ? {} : { templates: args.templates }) };
  return renderGraph(derivation, args.formats, target, {
    ...(args.graphNotation === undefined ? {} : { notation: args.graphNotation }),
    ...(args.choices.precision === undefined ? {} : { precision: args.choices.precision }),
  });
}

/**
 * --notation names a network notation (node, sequential, layer, matrix) or a graph's (partial,
 * adjoint). It applies to the specs of its kind, so that one command can render a folder holding
 * both; a notation that fits none of the specs given is bad input.
 */
function notationApplies(args: DeriveArgs, loaded: readonly { spec: NetworkSpec | GraphSpec }[]): void {
  const graphs = loaded.some((l) => isGraphSpec(l.spec));
  const networks = loaded.some((l) => !isGraphSpec(l.spec));
  if (args.graphNotation !== undefined && !graphs) {
    throw new UserError(
      `--notation ${args.graphNotation} is a notation for graph specs (partial, adjoint); a layered network's are node, sequential, layer and matrix`,
      2,
    );
  }
  if (args.choices.notation !== undefined && !networks) {
    throw new UserError(
      `--notation ${args.choices.notation} is a notation for layered networks (node, sequential, layer, matrix); a graph spec's are partial and adjoint`,
      2,
    );
  }
}

/**
 * One spec's files. The answer key is the numeric pass's numbers as they are: asked for alone, it
 * needs no derivation, and the derivation's modules (mathjs, the templates) are never loaded
 * (a cold start of `derive --format json` stays close to Node's own). Otherwise the spec is
 * derived once and every format rendered from that one derivation.
 */
async function deriveAndRender(file: string, spec: NetworkSpec, args: DeriveArgs): Promise<RenderedFile[]> {
  const name = specName(file);
  try {
    if (args.formats.every((f) => f === "json")) {
      return [{ name: `${name}.json`, content: stringifyAnswerKey(answerKey(train(buildNetwork(spec)))) }];
    }
    const [{ derive }, { render }] = await Promise.all([import("../derive/index.js"), import("../render/index.js")]);
    const derivation = derive(buildNetwork(spec));
    const target = { name, ...(args.templates === undefined ? {} : { templates: args.templates }) };
    return await render(derivation, resolvePresentation(spec, args.choices), args.formats, target);
  } catch (err) {
    if (err instanceof NumericError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
}
