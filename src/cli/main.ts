#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";

import { MAX_PRECISION } from "../notation/index.js";
import { CONVENTIONS, DEFAULT_FORMATS, FORMATS, GRAPH_NOTATIONS, NOTATIONS } from "../spec/index.js";
import type { GraphNotation, NotationName } from "../spec/index.js";
import { templateProblem, UserError } from "./errors.js";
import { parseFormatList } from "./format-list.js";
import { exitFor } from "./exit.js";

/**
 * yargs renders the whole help text after starting any command, only to keep it for a later
 * failure; that measures every string's width with Unicode regexes and costs about a third of a
 * cold start. We never show help after a failure (showHelpOnFail(false)), so the cache is skipped.
 */
function skipHelpCache(cli: unknown): void {
  const usage = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => {};
}

/**
 * yargs drops a bare `-` (standard input) from positionals; it travels as this stand-in, which
 * no real argument can be (a NUL byte), and is restored before any command sees it.
 */
const DASH = "\0-";
const restoreDash = (v: unknown): unknown =>
  v === DASH ? "-" : Array.isArray(v) ? v.map(restoreDash) : typeof v === "string" ? v.replaceAll(DASH, "-") : v;

const NAME_OPTION = {
  type: "string",
  describe:
    "the file name standard input stands for when a file argument is - (e.g. net.yaml: its format, and the name of outputs and messages)",
} as const;

/** Templates run as code: say so where the option is described (docs/rendering.md). */
const TEMPLATES_HELP =
  "directory with your own copies of the templates. Templates are code: they can run any JavaScript, so use only templates you trust, as you would a Makefile. Includes may not lead outside the directory";

const isGraphNotation = (n: NotationName | GraphNotation | undefined): n is GraphNotation =>
  n !== undefined && (GRAPH_NOTATIONS as readonly string[]).includes(n);

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const cli = yargs(argv.map((a) => (a === "-" ? DASH : a)));
  skipHelpCache(cli);
  await cli
    .scriptName("backprop-derive")
    .usage("$0 <command> [options]\n\nBackpropagation worked through by machine.")
    .command(
      "derive <specs..>",
      "derive every parameter update of each spec and render it (Markdown, LaTeX, Beamer, JSON answer key)",
      (y) =>
        y
          .positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML or JSON)" })
          .option("format", {
            type: "string",
            default: DEFAULT_FORMATS.join(","),
            describe: `comma-separated: ${FORMATS.join(",")}, or all of them`,
          })
          .option("out", { type: "string", default: "out", describe: "output directory" })
          .option("notation", {
            choices: [...NOTATIONS, ...GRAPH_NOTATIONS],
            describe:
              "symbol names (overrides the spec's notation:): node, sequential, layer, matrix for networks; partial (∂f/∂x) or adjoint (x̄) for graph specs",
          })
          .option("convention", { choices: CONVENTIONS, describe: "gradient (∂L/∂w) or error (Err, δ) form" })
          .option("detail", { choices: ["full", "deltas"] as const, describe: "every chain-rule factor, or straight to deltas" })
          .option("precision", { type: "number", describe: "decimals shown (numbers are computed in full)" })
          .option("input-gradients", {
            type: "boolean",
            describe: "write ∂L/∂x_i in the backward pass (overrides the spec's input_gradients:)",
          })
          .option("templates", { type: "string", describe: TEMPLATES_HELP })
          .option("name", NAME_OPTION),
      async (a) => {
        if (a.precision !== undefined && !(Number.isInteger(a.precision) && a.precision >= 0 && a.precision <= MAX_PRECISION)) {
          throw new UserError(`--precision: expected a whole number of decimals from 0 to ${MAX_PRECISION}`);
        }
        // Loaded on demand, as check and problems are: deriving builds mathjs trees, --help does not.
        const { deriveCommand } = await import("./derive.js");
        const written = await deriveCommand({
          specs: a.specs as string[],
          formats: parseFormatList(a.format, FORMATS),
          out: a.out,
          choices: {
            notation: isGraphNotation(a.notation) ? undefined : a.notation,
            convention: a.convention,
            detail: a.detail,
            precision: a.precision,
            inputGradients: a.inputGradients,
          },
          ...(isGraphNotation(a.notation) ? { graphNotation: a.notation } : {}),
          templates: a.templates,
          name: a.name,
        }).catch((err: unknown) => Promise.reject(templateProblem(err, a.templates) ?? err));
        for (const f of written) process.stdout.write(`wrote ${f}\n`);
      },
    )
    .command(
      "check <spec> [answers]",
      "check a hand-written solution (an answers file) or a whole note (.md, .txt, .tex): every number, symbol and equation (docs/check.md)",
      (y) =>
        y
          .positional("spec", { type: "string", demandOption: true, describe: "spec file (YAML or JSON)" })
          .positional("answers", {
            type: "string",
            describe: "answers file (YAML or JSON: quantity name → number as written), or a note (.md, .markdown, .txt, .tex)",
          })
          .option("list", { type: "boolean", default: false, describe: "print every name the answers file may use" })
          .option("format", { choices: ["text", "md", "json"] as const, default: "text" as const, describe: "report format" })
          .option("tolerance", { type: "number", describe: "absolute tolerance (default: the digits as written)" })
          .option("name", NAME_OPTION),
      async (a) => {
        if (a.tolerance !== undefined && !(a.tolerance >= 0)) throw new UserError("--tolerance: expected a number ≥ 0", 2);
        const { checkCommand } = await import("./check.js");
        const r = await checkCommand({
          spec: a.spec,
          answers: a.answers,
          list: a.list,
          format: a.format,
          tolerance: a.tolerance,
          name: a.name,
        });
        process.stdout.write(r.output);
        exitCode = r.exitCode;
      },
    )
    .command(
      "problems <spec>",
      "a problem set: N variants with new numbers, student sheets, worked solutions, answer key, Moodle quiz (docs/problems.md)",
      (y) =>
        y
          .positional("spec", {
            type: "string",
            demandOption: true,
            describe: "spec file (YAML or JSON), with an optional problems: block",
          })
          .option("count", { type: "number", describe: "number of variants (default 10)" })
          .option("seed", { type: "number", describe: "seed: the same spec and seed give the same files (default 1)" })
          .option("variant", { type: "string", array: true, describe: "regenerate only these variant ids (e.g. 1-7-3)" })
          .option("out", { type: "string", default: "out", describe: "output directory" })
          .option("format", { type: "string", default: "all", describe: "comma-separated: md,tex,json,moodle or all" })
          .option("templates", { type: "string", describe: TEMPLATES_HELP })
          .option("jobs", { type: "number", describe: "threads rendering the solutions (default: one per core but one, up to 8)" })
          .option("name", NAME_OPTION),
      async (a) => {
        const { problemsCommand } = await import("./problems.js");
        const written = await problemsCommand({
          spec: a.spec,
          count: a.count,
          seed: a.seed,
          variants: a.variant,
          out: a.out,
          format: a.format,
          templates: a.templates,
          jobs: a.jobs,
          name: a.name,
        }).catch((err: unknown) => Promise.reject(templateProblem(err, a.templates) ?? err));
        for (const f of written) if (!f.endsWith(".svg")) process.stdout.write(`wrote ${f}\n`);
      },
    )
    .middleware((a) => {
      for (const key of Object.keys(a)) a[key] = restoreDash(a[key]);
    })
    .demandCommand(1, "Name a command: derive, check or problems (see --help)")
    .strict()
    .showHelpOnFail(false, "Run with --help for usage")
    .fail((msg, err) => {
      if (err) throw err;
      // A bad command line is bad input, like a bad spec: exit 2 (1 is check's "a claim is wrong").
      throw new UserError(msg.replaceAll(DASH, "-"), 2);
    })
    .help()
    .version()
    .parseAsync();
  return exitCode;
}

main(hideBin(process.argv)).then(
  // Exit once standard output is flushed: a report longer than a pipe's buffer would be cut off.
  (code) => process.stdout.write("", () => process.exit(code)),
  (err: unknown) => {
    const end = exitFor(err);
    if ("signal" in end) {
      // Its handlers are gone: end by the same signal, as the caller expects of an interrupted run.
      process.kill(process.pid, end.signal);
      setTimeout(() => process.exit(end.signal === "SIGINT" ? 130 : 143), 1000);
      return;
    }
    for (const line of end.lines) process.stderr.write(`${line}\n`);
    process.exit(end.code);
  },
);
