import { UserError } from "./errors.js";
import { parseFormatList } from "./format-list.js";
import { stdinNames } from "./stdin.js";
import { checkOutput, writeAll } from "./write.js";
import {
  generate,
  generateGraph,
  graphProblemFiles,
  loadProblemSource,
  MAX_SEED,
  parseId,
  problemFiles,
  PROBLEM_FORMATS,
  ProblemsError,
} from "../problems/index.js";
import { startProgress } from "./progress.js";

/** The command line of `backprop-derive problems` (src/cli/main.ts only parses it). */
export interface ProblemsArgs {
  spec: string;
  count?: number;
  seed?: number;
  out: string;
  variants?: string[];
  format: string | string[];
  templates?: string;
  /** Threads rendering the solutions (default: one per core but one, up to 8). */
  jobs?: number;
  /** What standard input (the spec given as `-`) is called: its format and the set's name. */
  name?: string;
}

export const DEFAULT_COUNT = 10;
export const DEFAULT_SEED = 1;
/**
 * A set is made in memory and written at once (nothing is written if anything fails). 10 000
 * variants of seed 000 in every format take about 40 s and 2.8 GB here; more would take memory
 * that few machines have.
 */
export const MAX_COUNT = 10_000;
export const MAX_JOBS = 8;

/** Loads, generates and renders everything in memory, then writes all files atomically. */
export async function problemsCommand(args: ProblemsArgs): Promise<string[]> {
  const formats = parseFormatList(args.format, PROBLEM_FORMATS);
  const ids =
    args.variants
      ?.flatMap((v) => v.split(","))
      .map((s) => s.trim())
      .filter((s) => s !== "") ?? [];
  const byId = ids.length > 0;
  if (byId && args.count !== undefined) throw new UserError("--count and --variant exclude each other");
  const count = args.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)
    throw new UserError(`--count must be a whole number from 1 to ${MAX_COUNT}`);
  if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0 || args.seed > MAX_SEED)) {
    throw new UserError(`--seed must be a whole number from 0 to ${MAX_SEED}`);
  }
  if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1 || args.jobs > MAX_JOBS)) {
    throw new UserError(`--jobs must be a whole number from 1 to ${MAX_JOBS}`);
  }
  let seed = args.seed ?? DEFAULT_SEED;
  if (byId) {
    const parsed = ids.map((text) => {
      const id = parseId(text);
      if (!id) throw new UserError(`--variant: "${text}" is not a variant id (seed-index-attempt, e.g. 1-7-3)`);
      return id;
    });
    // An id carries its seed: --seed is optional, and must agree when given.
    seed = args.seed ?? parsed[0]!.seed;
    const other = parsed.findIndex((id) => id.seed !== seed);
    if (other !== -1) throw new UserError(`--variant: every id must come from one seed (${seed}); ${ids[other]} does not`);
  }

  const shown = stdinNames([args.spec], args.name, true);
  const source = await loadProblemSource(args.spec, shown(args.spec), byId ? ids.length : count);
  await checkOutput(args.out);
  const progress = await startProgress(byId ? ids.length : count);
  let files;
  try {
    const request = byId ? { seed, ids, onProgress: progress.variants } : { seed, count, onProgress: progress.variants };
    const options = { templates: args.templates, jobs: args.jobs, onProgress: progress.solutions };
    // a computational graph (CONTRACT §6) draws its leaves; a layered network its weights and samples
    files =
      source.kind === "graph"
        ? await graphProblemFiles(
            { name: source.name, seed, spec: source.spec, config: source.config, variants: generateGraph(source, request) },
            formats,
            options,
          )
        : await problemFiles({ name: source.name, seed, config: source.config, variants: generate(source, request) }, formats, options);
  } catch (err) {
    if (err instanceof ProblemsError) throw new UserError(err.message, 2);
    throw tooLarge(err) ?? err;
  } finally {
    progress.stop();
  }
  return writeAll(args.out, files);
}

/**
 * A set whose file would pass the longest string or buffer the JavaScript engine can hold (about
 * 512 MB: the key of very many variants of a large network) says so, instead of failing as a bug.
 */
export function tooLarge(err: unknown): UserError | undefined {
  if (!(err instanceof Error)) return undefined;
  // thrown by our code, or by a template (nunjucks wraps it: "(file)\n  RangeError: Invalid string length")
  const range = err instanceof RangeError || /\bRangeError: /.test(err.message);
  if (!range || !/Invalid string length|Array buffer allocation failed|Invalid typed array length/.test(err.message)) return undefined;
  return new UserError(
    "the problem set is too large to hold in memory: one of its files would pass 512 MB (the longest text the JavaScript engine holds); lower --count, or ask for fewer quantities",
    2,
  );
}
