import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface OutputFile {
  /** Path relative to the output directory. */
  name: string;
  content: string | Uint8Array;
}

/**
 * Writes every file atomically: each goes to a temporary name first and is renamed into place
 * only when all of them have been written, so a failure leaves no file half-written.
 */
export async function writeAll(outDir: string, files: OutputFile[]): Promise<string[]> {
  const staged: { tmp: string; final: string }[] = [];
  try {
    for (const f of files) {
      const final = join(outDir, f.name);
      await mkdir(dirname(final), { recursive: true });
      const tmp = `${final}.${process.pid}.${staged.length}.tmp`;
      staged.push({ tmp, final });
      await writeFile(tmp, f.content);
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  }
  for (const s of staged) await rename(s.tmp, s.final);
  return staged.map((s) => s.final);
}
