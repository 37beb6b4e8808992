import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface OutputFile {
  /** Path relative to the output directory. */
  name: string;
  content: string | Uint8Array;
}

/** How many files are in flight at once: enough to hide the file system's latency. */
const PARALLEL = 32;

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

/**
 * Writes every file atomically: each goes to a temporary name first and is renamed into place
 * only when all of them have been written, so a failure leaves no file half-written.
 */
export async function writeAll(outDir: string, files: OutputFile[]): Promise<string[]> {
  const staged = files.map((f, i) => {
    const final = join(outDir, f.name);
    return { final, tmp: `${final}.${process.pid}.${i}.tmp`, content: f.content };
  });
  for (const dir of new Set(staged.map((s) => dirname(s.final)))) await mkdir(dir, { recursive: true });
  try {
    await inParallel(staged, (s) => writeFile(s.tmp, s.content));
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  }
  await inParallel(staged, (s) => rename(s.tmp, s.final));
  return staged.map((s) => s.final);
}
