import { resolve, sep } from "node:path";

/** A problem the user can fix (bad arguments, unreadable files): printed without a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * A nunjucks error in one of the user's own templates (`--templates DIR`) is bad input, not a
 * bug: it becomes `file:line:column: what`. Errors in the package's templates stay internal.
 * nunjucks nests the errors of an include in its includer's, each `(FILE) [Line L, Column C]\n
 * what`, so the innermost is the one that says what is wrong (a missing template, one outside
 * the folder: src/render/env.ts).
 */
export function templateProblem(err: unknown, userTemplates: string | undefined): UserError | undefined {
  if (!userTemplates || !(err instanceof Error)) return undefined;
  const dir = resolve(userTemplates);
  let found: { file: string; line?: string; column?: string } | undefined;
  let rest = err.message;
  for (;;) {
    // "(FILE) [Line L, Column C]\n  what", what possibly "Template render error: (FILE2) …" again
    const m = /^(?:[A-Za-z ]*[Ee]rror: )?\((.+?)\)(?: \[Line (\d+), Column (\d+)\])?[ \t]*\n?\s*([\s\S]*)$/.exec(rest);
    if (!m) break;
    const [, file, line, column, what] = m;
    if (resolve(file!).startsWith(dir + sep)) found = { file: file!, line, column };
    rest = what!;
  }
  if (!found) return undefined;
  const what =
    /^[^\n]*/
      .exec(rest)![0]
      .replace(/^(?:[A-Za-z ]*[Ee]rror: )/, "")
      .trim() || "template error";
  return new UserError(`${found.file}${found.line ? `:${found.line}:${found.column}` : ""}: ${what} (in your --templates)`, 2);
}
