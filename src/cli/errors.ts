import { resolve, sep } from "node:path";

/** A problem the user can fix (bad arguments, unreadable files): printed without a stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/**
 * A nunjucks error in one of the user's own templates (`--templates DIR`) is bad input, not a
 * bug: it becomes `file:line:column: what`. Errors in the package's templates stay internal.
 */
export function templateProblem(err: unknown, userTemplates: string | undefined): UserError | undefined {
  if (!userTemplates || !(err instanceof Error)) return undefined;
  // nunjucks: name "Template render error", message "(FILE) [Line L, Column C]\n  what"
  const m = /^\((.+?)\)(?: \[Line (\d+), Column (\d+)\])?\s*\n?\s*([^\n]*)/.exec(err.message);
  if (!m) return undefined;
  const [, file, line, column, what] = m;
  const dir = resolve(userTemplates);
  if (!resolve(file!).startsWith(dir + sep)) return undefined;
  return new UserError(`${file}${line ? `:${line}:${column}` : ""}: ${what!.trim() || "template error"} (in your --templates)`, 2);
}
