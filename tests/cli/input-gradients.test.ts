import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/** input_gradients / --input-gradients through the built CLI: derive, check, and a bad value. */
const CLI = existsSync("dist/bundle/main.js") ? "dist/bundle/main.js" : "dist/cli/main.js";
const dir = mkdtempSync(join(tmpdir(), "bpd-igrad-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const SPEC = "specs/002-sigmoid-2-2-2.yaml";
const HEADING = "Gradients with respect to the input";

beforeAll(() => {
  if (!existsSync("dist/cli/main.js")) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

describe("input gradients through the CLI", () => {
  it("input_gradients: 3 is refused with one located line, no stack trace, nothing written", () => {
    const spec = readFileSync(SPEC, "utf8").replace(/^learning_rate:/m, "input_gradients: 3\nlearning_rate:");
    const bad = file("bad.yaml", spec);
    const line = spec.split("\n").findIndex((l) => l.startsWith("input_gradients:")) + 1;
    const out = join(dir, "bad-out");
    const r = cli("derive", bad, "--out", out);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual([`${bad}:${line}:18: input_gradients: expected true or false, not the number 3`]);
    expect(r.err).not.toMatch(/\bat .*\.js/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it("--input-gradients adds ∂L/∂x to the derivation; the spec's field does too; --no-input-gradients wins over it", () => {
    const md = (args: string[], spec = SPEC) => {
      const out = mkdtempSync(join(dir, "out-"));
      const r = cli("derive", spec, "--format", "md", "--out", out, ...args);
      expect(r.code, r.err).toBe(0);
      return readFileSync(
        join(
          out,
          readdirSync(out).find((f) => f.endsWith(".md"))!,
        ),
        "utf8",
      );
    };
    expect(md([])).not.toContain(HEADING);
    expect(md(["--input-gradients"])).toContain(HEADING);
    const on = file("on.yaml", readFileSync(SPEC, "utf8").replace(/^learning_rate:/m, "input_gradients: true\nlearning_rate:"));
    expect(md([], on)).toContain(HEADING);
    expect(md(["--no-input-gradients"], on)).not.toContain(HEADING);
  });

  it("check grades dLdX1 right and wrong, and the key path dL_dx", () => {
    // seed 002's key: dL_dx = [0.0033066…, 0.0051790…] (tests/derive/input-gradient.test.ts holds it to finite differences)
    const right = cli("check", SPEC, file("right.yaml", 'dLdX1: 0.00331\n"updates[0].samples[0].dL_dx[1]": 0.00518\n'));
    expect(right.err).toBe("");
    expect(right.code).toBe(0);
    expect(right.out).toMatch(/2 ok, 0 wrong/);
    const wrong = cli("check", SPEC, file("wrong.yaml", "dLdX1: -0.00331\n"));
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/first wrong step: dLdX1 = -0\.00331 \(updates\[0\]\.samples\[0\]\.dL_dx\[0\]/);
    const list = cli("check", SPEC, "--list");
    expect(list.out).toMatch(/^dLdX2\s.*updates\[0\]\.samples\[0\]\.dL_dx\[1\]/m);
  });
});
