import { constants } from "node:fs";
import type { Stats } from "node:fs";
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { SpecError } from "./diagnostic.js";
import { LIMITS } from "./limits.js";

/** The file name that means standard input (`derive - --name x.yaml`). */
export const STDIN = "-";

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a directory, not a file",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the file name is too long",
  ENOTDIR: "a part of the path is not a directory",
};

/** What a file that is not a regular file is, for the message that refuses it. */
function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return REASONS.EISDIR;
  if (st.isFIFO()) return "it is a named pipe (FIFO), not a regular file; give - to read standard input";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "it is a device, not a regular file";
  if (st.isSocket()) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const tooLarge = (file: string, kind: string, bytes: string): SpecError =>
  new SpecError([{ file, path: "", message: `is ${bytes} MiB; ${kind} files are limited to ${LIMITS.fileBytes / 1024 / 1024} MiB` }]);

/**
 * Reads a spec or answers file as UTF-8 text: a regular file, or standard input for `-`. A
 * device, FIFO or directory is refused before any read (opening is non-blocking, so a FIFO with
 * no writer cannot hang the run), and no more than LIMITS.fileBytes are ever read, whatever
 * the file claims its size is. `name` is the name messages use; `kind` says which file it is.
 */
export async function readInput(file: string, name = file, kind: "spec" | "answers" = "spec"): Promise<string> {
  const cannot = (reason: string) =>
    new SpecError([{ file: name, path: "", message: `cannot read the ${kind === "spec" ? "file" : "answers file"}: ${reason}` }]);
  if (file === STDIN) return utf8(await readStdin(() => tooLarge(name, kind, `more than ${mib(LIMITS.fileBytes)}`)));
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await handle.stat();
      const other = notRegular(st);
      if (other) throw cannot(other);
      if (st.size > LIMITS.fileBytes) throw tooLarge(name, kind, mib(st.size));
      return utf8(await readBounded(handle, () => tooLarge(name, kind, `more than ${mib(LIMITS.fileBytes)}`)));
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw cannot(REASONS[code] ?? (err as Error).message);
  }
}

const utf8 = (chunks: Buffer[]): string => Buffer.concat(chunks).toString("utf8");

/** Reads to the end, or throws `over()` once more than LIMITS.fileBytes have come (a file may grow). */
async function readBounded(handle: FileHandle, over: () => Error): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return chunks;
    total += bytesRead;
    if (total > LIMITS.fileBytes) throw over();
    chunks.push(buffer.subarray(0, bytesRead));
  }
}

async function readStdin(over: () => Error): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > LIMITS.fileBytes) {
      process.stdin.destroy();
      throw over();
    }
    chunks.push(chunk);
  }
  return chunks;
}
