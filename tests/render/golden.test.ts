import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * out/ is the committed rendering of specs/ (`npm start`). Re-running the command into a
 * temporary directory must give the same files, byte for byte: no dates, no absolute paths,
 * no order that depends on the machine.
 */
const root = join(import.meta.dirname, "..", "..");
const bin = ["dist/bundle/main.js", "dist/cli/main.js"].map((p) => join(root, p)).find((p) => existsSync(p));

describe("golden files", () => {
  it("npm start regenerates out/ byte for byte", () => {
    expect(bin, "build first (npm test runs the build)").toBeDefined();
    const specs = readdirSync(join(root, "specs"))
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => join("specs", f));
    expect(specs.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), "bpd-golden-"));
    try {
      const r = spawnSync(process.execPath, [bin!, "derive", ...specs, "--out", dir], { cwd: root, encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const fresh = readdirSync(dir).sort();
      const committed = readdirSync(join(root, "out"))
        .filter((f) => !f.startsWith("."))
        .sort();
      expect(fresh).toEqual(committed);
      for (const f of fresh) {
        const a = readFileSync(join(dir, f));
        const b = readFileSync(join(root, "out", f));
        expect(a.equals(b), `out/${f} differs from a fresh rendering: run npm start and review the diff`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rendering twice gives the same text", async () => {
    const { SEEDS } = await import("./fixtures.js");
    const { renderSpec } = await import("./helpers.js");
    const a = await renderSpec(SEEDS.seed004!);
    const b = await renderSpec(SEEDS.seed004!);
    expect(a).toEqual(b);
    for (const content of Object.values(a)) {
      expect(content).not.toMatch(/\/work\/|\/tmp\/|\b20\d\d-\d\d-\d\d\b/);
    }
  });
});
