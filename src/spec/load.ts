import { SpecError } from "./diagnostic.js";
import { formatOf, parseAnySpec, parseSpec, unsupportedType } from "./parse.js";
import type { GraphSpec } from "./graph.js";
import { readInput } from "./read.js";
import type { WorkKind } from "./limits.js";
import type { SpecUse } from "./support.js";
import type { NetworkSpec } from "./types.js";

/**
 * The text of one spec file (`-`: standard input), checked to have a spec's extension first.
 * `name` is the name messages use and whose extension gives the format (for `-`, `--name`).
 */
export async function readSpecText(file: string, name = file): Promise<string> {
  if (formatOf(name) === undefined) throw new SpecError([unsupportedType(name)]);
  return readInput(file, name, "spec");
}

/**
 * Reads and validates one spec file; every failure, including an unreadable file, is a SpecError.
 * `work`: whether the derivation will be written out step by step or only computed (limits);
 * `use`: what the caller will do with it (the training rules it refuses, src/spec/support.ts).
 */
export async function loadSpec(file: string, name = file, work: WorkKind = "written", use: SpecUse = "key"): Promise<NetworkSpec> {
  return parseSpec(await readSpecText(file, name), name, work, use);
}

/** Reads and validates a spec that may be a layered network or a computational graph (CONTRACT §6). */
export async function loadAnySpec(
  file: string,
  name = file,
  work: WorkKind = "written",
  use: SpecUse = "key",
): Promise<NetworkSpec | GraphSpec> {
  return parseAnySpec(await readSpecText(file, name), name, work, use);
}
