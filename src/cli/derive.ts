import { basename, extname } from "node:path";
import { buildNetwork } from "../network/index.js";
import { derive } from "../derive/index.js";
import { resolvePresentation } from "../notation/index.js";
import type { PresentationChoices } from "../notation/index.js";
import { NumericError } from "../numeric/index.js";
import { render } from "../render/formats.js";
import type { FormatName } from "../render/formats.js";
import { SpecError, loadSpec } from "../spec/index.js";
import type { Diagnostic } from "../spec/index.js";
import type { NetworkSpec } from "../spec/types.js";
import { UserError } from "./errors.js";
import { writeAll } from "./write.js";

export interface DeriveArgs {
  specs: string[];
  formats: FormatName[];
  out: string;
  /** The presentation flags; each wins over the spec's own field. */
  choices: PresentationChoices;
  templates?: string;
}

/** Output name of a spec file: its name without extension. */
export const specName = (file: string): string => basename(file, extname(file));

/**
 * Loads every spec first; if any is invalid, reports all problems and writes nothing.
 * Then computes and renders everything in memory, and only then writes, atomically.
 */
export async function deriveCommand(args: DeriveArgs): Promise<string[]> {
  const loaded: { file: string; spec: NetworkSpec }[] = [];
  const problems: Diagnostic[] = [];
  const names = new Map<string, string>();
  for (const file of args.specs) {
    const prior = names.get(specName(file));
    if (prior !== undefined) {
      problems.push({ file, path: "", message: `has the same output name as ${prior}; rename one of them` });
    }
    names.set(specName(file), file);
    try {
      loaded.push({ file, spec: await loadSpec(file) });
    } catch (err) {
      if (err instanceof SpecError) problems.push(...err.diagnostics);
      else throw err;
    }
  }
  if (problems.length > 0) throw new SpecError(problems);

  const files = [];
  for (const { file, spec } of loaded) {
    const presentation = resolvePresentation(spec, args.choices);
    let derivation;
    try {
      derivation = derive(buildNetwork(spec));
    } catch (err) {
      if (err instanceof NumericError) throw new UserError(`${file}: ${err.message}`);
      throw err;
    }
    const target = { name: specName(file), ...(args.templates === undefined ? {} : { templates: args.templates }) };
    files.push(...(await render(derivation, presentation, args.formats, target)));
  }
  return writeAll(args.out, files);
}
