import { open } from "node:fs/promises";
import { SpecError } from "./diagnostic.js";
import { LIMITS } from "./limits.js";
import { formatOf, parseSpec, unsupportedType } from "./parse.js";
import type { NetworkSpec } from "./types.js";

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a directory, not a file",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the file name is too long",
};

/** Reads and validates one spec file; every failure, including an unreadable file, is a SpecError. */
export async function loadSpec(file: string): Promise<NetworkSpec> {
  if (formatOf(file) === undefined) throw new SpecError([unsupportedType(file)]);
  let text: string;
  try {
    const handle = await open(file, "r");
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
      if (stat.size > LIMITS.fileBytes) {
        const mib = (stat.size / 1024 / 1024).toFixed(1);
        throw new SpecError([{ file, path: "", message: `is ${mib} MiB; spec files are limited to ${LIMITS.fileBytes / 1024 / 1024} MiB` }]);
      }
      text = await handle.readFile({ encoding: "utf8" });
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const reason = REASONS[code] ?? (err as Error).message;
    throw new SpecError([{ file, path: "", message: `cannot read the file: ${reason}` }]);
  }
  return parseSpec(text, file);
}
