#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { FORMATS } from "../render/formats.js";
import type { FormatName } from "../render/formats.js";
import { SpecError, formatDiagnostic } from "../spec/index.js";
import { CONVENTIONS, NOTATIONS } from "../spec/types.js";
import { deriveCommand } from "./derive.js";
import { UserError } from "./errors.js";

function parseFormats(value: string | string[]): FormatName[] {
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).map((s) => s.trim());
  if (list.length === 1 && list[0] === "all") return [...FORMATS];
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new UserError(`--format: unknown format "${f}" (choose from ${FORMATS.join(", ")}, or all)`);
    }
  }
  return [...new Set(list as FormatName[])];
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName("backprop-derive")
    .usage("$0 <command> [options]\n\nBackpropagation worked through by machine.")
    .command(
      "derive <specs..>",
      "derive every parameter update of each spec and render it (Markdown, LaTeX, Beamer, JSON answer key)",
      (y) =>
        y
          .positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML or JSON)" })
          .option("format", { type: "string", default: "all", describe: `comma-separated: ${FORMATS.join(",")} or all` })
          .option("out", { type: "string", default: "out", describe: "output directory" })
          .option("notation", { choices: NOTATIONS, describe: "symbol names (overrides the spec's notation:)" })
          .option("convention", { choices: CONVENTIONS, describe: "gradient (∂L/∂w) or error (Err, δ) form" })
          .option("detail", { choices: ["full", "deltas"] as const, describe: "every chain-rule factor, or straight to deltas" })
          .option("precision", { type: "number", describe: "decimals shown (numbers are computed in full)" })
          .option("templates", { type: "string", describe: "directory with your own copies of the templates" }),
      async (a) => {
        const written = await deriveCommand({
          specs: a.specs as string[],
          formats: parseFormats(a.format),
          out: a.out,
          options: {
            notation: a.notation, convention: a.convention, detail: a.detail,
            precision: a.precision, templates: a.templates,
          },
        });
        for (const f of written) process.stdout.write(`wrote ${f}\n`);
      },
    )
    .demandCommand(1, "Name a command: derive (see --help)")
    .strict()
    .showHelpOnFail(false, "Run with --help for usage")
    .fail((msg, err) => {
      if (err) throw err;
      throw new UserError(msg, 1);
    })
    .help()
    .version()
    .parseAsync();
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof SpecError) {
      for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.exit(2);
    }
    if (err instanceof UserError) {
      process.stderr.write(`backprop-derive: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`backprop-derive: internal error (a bug, please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(70);
  },
);
