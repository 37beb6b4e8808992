import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCli } from "./cli-run.js";

/** `check SPEC NOTE` through the built CLI: CONTRACT §7's JSON and exit statuses. */
const { dir, file, run } = checkCli("bpd-note-");
const SPEC = "specs/000-relu-hidden.yaml";

beforeAll(() => {
  if (!existsSync("dist/cli/main.js")) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

describe("backprop-derive check SPEC NOTE", () => {
  it("exit 1 and CONTRACT §7's JSON on a seed note, every finding located", () => {
    const r = run(SPEC, "tests/fixtures/notes/seed-000.txt", "--format", "json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { findings: Record<string, unknown>[]; first_wrong: { line: number; column: number } | null };
    expect(Object.keys(j)).toEqual(["findings", "first_wrong"]);
    expect(j.first_wrong).toEqual({ line: 39, column: expect.any(Number) as number });
    for (const f of j.findings) {
      expect(["number", "symbol", "equation"]).toContain(f.kind);
      expect(["ok", "wrong", "carried", "unknown"]).toContain(f.verdict);
      expect(typeof f.line).toBe("number");
      expect(typeof f.column).toBe("number");
      expect(typeof f.text).toBe("string");
      expect(typeof f.message).toBe("string");
    }
  });

  it("exit 0 on a right note; the text and Markdown reports quote the wrong lines with the correction", () => {
    expect(run(SPEC, file("ok.md", "$$W_{35} = W_{35} + \\eta\\, Y_3 Err_5$$\n")).code).toBe(0);
    const wrong = file("wrong.md", "Prose.\n\n$$W_{35} = W_{35} + Y_3 Err_5$$\n");
    const text = run(SPEC, wrong);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/3:\d+\s+wrong\s+W_\{35\} = W_\{35\} \+ Y_3 Err_5/);
    expect(text.out).toMatch(/η left out/);
    expect(run(SPEC, wrong, "--format", "md").out).toMatch(/\| 3:\d+ \| wrong \|/);
  });

  it("a LaTeX note; exit 2 for a note that cannot be read", () => {
    const tex = file(
      "n.tex",
      "\\documentclass{article}\n\\begin{document}\n\\begin{equation}\nb_5 = b_5 + \\eta\\, Err_5\n\\end{equation}\n\\end{document}\n",
    );
    expect(run(SPEC, tex).code).toBe(0);
    expect(run(SPEC, join(dir, "missing.md")).code).toBe(2);
  });
});
