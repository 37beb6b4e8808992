import { UserError } from "./errors.js";

/** `--format md,tex` (or repeated, or `all`) → the distinct formats, each checked against `allowed`. */
export function parseFormatList<T extends string>(value: string | string[], allowed: readonly T[]): T[] {
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).map((s) => s.trim());
  if (list.length === 1 && list[0] === "all") return [...allowed];
  for (const f of list) {
    if (!(allowed as readonly string[]).includes(f)) {
      throw new UserError(`--format: unknown format "${f}" (choose from ${allowed.join(", ")}, or all)`);
    }
  }
  return [...new Set(list as T[])];
}
