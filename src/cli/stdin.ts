import { STDIN } from "../spec/index.js";
import { UserError } from "./errors.js";

/**
 * `-` among the file arguments is standard input, known by `--name` in messages and output names.
 * Refuses two `-`, a `--name` with no `-`, and a `-` without `--name` where a name is needed
 * (a spec: the name's extension gives its format, and its outputs are named after it).
 * Returns the name each file argument is shown by.
 */
export function stdinNames(files: readonly (string | undefined)[], name: string | undefined, needsName: boolean): (file: string) => string {
  const dashes = files.filter((f) => f === STDIN).length;
  if (dashes > 1) throw new UserError("standard input (-) can be read only once");
  if (name !== undefined && dashes === 0) throw new UserError("--name names standard input, but no file argument is -");
  if (name === "" || name?.includes("\0"))
    throw new UserError("--name is empty: give the file name standard input stands for, e.g. --name net.yaml");
  if (dashes === 1 && name === undefined && needsName) {
    throw new UserError(
      "a spec read from standard input (-) needs --name NAME.yaml or NAME.json: its format, and the name of its output files and messages",
    );
  }
  return (file) => (file === STDIN ? (name ?? "standard input") : file);
}
