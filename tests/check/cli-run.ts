/** `check` through the built CLI, for the CLI tests: a scratch folder for the files they write, and a runner. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLI = existsSync("dist/bundle/main.js") ? "dist/bundle/main.js" : "dist/cli/main.js";

export function checkCli(prefix: string): {
  dir: string;
  file: (name: string, text: string) => string;
  run: (...args: string[]) => { code: number | null; out: string; err: string };
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, text) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    run: (...args) => {
      const r = spawnSync(process.execPath, [CLI, "check", ...args], { encoding: "utf8" });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
  };
}
