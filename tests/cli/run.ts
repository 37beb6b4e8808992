import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The built CLI (`npm run build`), run from the repository root as the package's bin. */
export const CLI = existsSync("dist/bundle/main.js") ? "dist/bundle/main.js" : "dist/cli/main.js";

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export const run = (...args: string[]): Run => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `bpd-${prefix}-`));

/** Every file under `dir`, relative, sorted ([] when it does not exist). */
export const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1))
        .sort()
    : [];

/** Bad input: exit 2, exactly one line on stderr matching `line`, no stack trace, nothing on stdout. */
export function expectRefused(r: Run, line: RegExp): void {
  if (
    r.code !== 2 ||
    r.err.split("\n").filter(Boolean).length !== 1 ||
    !line.test(r.err.trim()) ||
    /\n\s+at |internal error/.test(r.err) ||
    r.out !== ""
  ) {
    throw new Error(`expected exit 2 and one line matching ${line}, got exit ${r.code}:\n${r.err}${r.out}`);
  }
}
