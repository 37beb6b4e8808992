import { constants } from "node:fs";
import type { Stats } from "node:fs";
import { access, lstat, mkdir, mkdtemp, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UserError } from "./errors.js";

export interface OutputFile {
  /** Path relative to the output directory. */
  name: string;
  content: string | Uint8Array;
}

/** SIGINT or SIGTERM came while writing: the temporaries are removed, no file was put in place. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

/**
 * Writes every file or none. Every target is checked first (its folder can be made, no directory
 * sits at its name); then each file is written, exclusively (never through a link), into a fresh
 * folder inside `outDir`, and renamed into place only when all are written. Any failure, or
 * SIGINT/SIGTERM while writing, removes the temporaries and any folder this call made. A SIGKILL
 * may leave a `.backprop-derive-*` folder behind, never a partial file under a final name.
 */
export async function writeAll(outDir: string, files: OutputFile[]): Promise<string[]> {
  await checkOutput(outDir);
  const finals = files.map((f) => join(outDir, f.name));
  const seen = new Set<string>();
  for (const f of finals) {
    if (seen.has(f)) throw new UserError(`two output files would both be written to ${f}`);
    seen.add(f);
  }
  const dirs = [...new Set([outDir, ...finals.map((f) => dirname(f))])];
  for (const d of dirs) await checkFolder(d);
  for (const f of finals) {
    const st = await lstat(f).catch(() => undefined);
    if (st?.isDirectory()) throw new UserError(`cannot write ${f}: a directory is in the way`);
  }

  const made: string[] = [];
  let tmp: string | undefined;
  let signal: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals) => void (signal ??= s);
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  try {
    for (const d of dirs) made.push(...(await makeFolder(d)));
    tmp = await mkdtemp(join(outDir, ".backprop-derive-")).catch((err: unknown) => Promise.reject(cannot(outDir, err)));
    const staged = files.map((f, i) => ({ tmp: join(tmp!, String(i)), final: finals[i]!, content: f.content }));
    await inParallel(staged, async (s) => {
      if (signal) throw new Interrupted(signal);
      await writeFile(s.tmp, s.content, { flag: "wx" }).catch((err: unknown) => Promise.reject(cannot(s.final, err)));
    });
    if (signal) throw new Interrupted(signal);
    // Renaming takes moments: a signal now waits until every file is in place.
    for (const s of staged) await rename(s.tmp, s.final).catch((err: unknown) => Promise.reject(cannot(s.final, err)));
    if (signal) throw new Interrupted(signal);
    return finals;
  } catch (err) {
    if (tmp) await rm(tmp, { recursive: true, force: true });
    tmp = undefined;
    for (const d of made.reverse()) await rmdir(d).catch(() => {});
    throw err;
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "over the disk quota",
  EISDIR: "a directory is in the way",
  ENOTDIR: "a part of the path is not a directory",
  ENOENT: "no such file or directory",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EXDEV: "it is on another file system than the output directory",
};

const reasonOf = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException;
  return REASONS[e.code ?? ""] ?? e.message;
};

const cannot = (path: string, err: unknown): UserError => new UserError(`cannot write ${path}: ${reasonOf(err)}`);

const kindOf = (st: Stats): string => (st.isFile() ? "a file" : st.isFIFO() ? "a named pipe" : st.isSocket() ? "a socket" : "a device");

/** Refuses an output directory that cannot be used or made (called early, to fail before the work). */
export async function checkOutput(outDir: string): Promise<void> {
  if (outDir === "") throw new UserError("--out is empty: name a directory (. for the current one)");
  await checkFolder(outDir);
}

/** Refuses a folder that cannot be used or made: names the path and why, before anything is written. */
async function checkFolder(dir: string): Promise<void> {
  const why = await folderProblem(dir, dir);
  if (why) throw new UserError(`cannot write in ${dir}: ${why}`);
}

/** Why `dir` (the folder asked for, or one of its parents) cannot hold `wanted`'s files; undefined if it can. */
async function folderProblem(dir: string, wanted: string): Promise<string | undefined> {
  const self = dir === wanted ? "it" : dir;
  const st = await stat(dir).catch((err: NodeJS.ErrnoException) => err);
  if (st instanceof Error) {
    if (st.code !== "ENOENT" && st.code !== "ENOTDIR") return reasonOf(st);
    if ((await lstat(dir).catch(() => undefined))?.isSymbolicLink()) return `${self} is a symbolic link to something that does not exist`;
    return dirname(dir) === dir ? `${self} does not exist` : folderProblem(dirname(dir), wanted);
  }
  if (!st.isDirectory()) return `${self} is ${kindOf(st)}, not a directory`;
  const denied = await access(dir, constants.W_OK | constants.X_OK).then(() => undefined, reasonOf);
  return denied && dir !== wanted ? `${dir}: ${denied}` : denied;
}

/**
 * Makes a folder and its missing parents, one at a time (Node's recursive mkdir loops forever
 * where mkdir answers ENOENT under an existing folder, as in /proc); returns those it made, outermost first.
 */
async function makeFolder(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (
    let d = dir;
    !(await stat(d).then(
      () => true,
      () => false,
    )) && dirname(d) !== d;
    d = dirname(d)
  )
    missing.unshift(d);
  const made: string[] = [];
  for (const d of missing) {
    const err = await mkdir(d).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    if (err === undefined) made.push(d);
    // another run may have made it meanwhile
    else if (err.code !== "EEXIST" || !(await stat(d)).isDirectory()) throw new UserError(`cannot make ${d}: ${reasonOf(err)}`);
  }
  return made;
}

/** How many files are in flight at once: enough to hide the file system's latency. */
const PARALLEL = 32;

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      await work(items[next++]!).catch((err: unknown) => {
        failed = true;
        throw err;
      });
    }
  };
  // On a failure the other workers stop taking files, and all settle before it is reported,
  // so no write is still in flight when the caller removes the temporaries.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  const failure = settled.find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
}
