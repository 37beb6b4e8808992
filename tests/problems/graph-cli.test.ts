/**
 * `node dist/cli/main.js problems GRAPH.yaml …`: the command line on computational-graph specs.
 * Skipped until dist/cli/main.js exists (`npm test` builds first); BPD_CLI=<path> runs another build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./setup.js";

const CLI = process.env.BPD_CLI ?? join(ROOT, "dist/cli/main.js");
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "bpd-graph-cli-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "problems", ...args], { cwd: ROOT, encoding: "utf8" });

describe.skipIf(!existsSync(CLI))("backprop-derive problems on a graph spec (the built CLI)", () => {
  it("the README's example: writes the set; --variant draws one variant again, byte for byte in the key", { timeout: 180_000 }, () => {
    const [a, b] = [tmp(), tmp()];
    const r = run("specs/010-circuit-add-multiply.yaml", "--count", "5", "--seed", "2026", "--out", a);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    for (const f of ["problems.md", "problems.tex", "solutions.md", "solutions.tex", "key.json", "moodle.xml"]) {
      expect(r.stdout).toContain(`wrote ${join(a, `010-circuit-add-multiply.${f}`)}`);
    }
    const key = JSON.parse(readFileSync(join(a, "010-circuit-add-multiply.key.json"), "utf8"));
    expect(key.variants).toHaveLength(5);
    const id = key.variants[3].id;
    expect(run("specs/010-circuit-add-multiply.yaml", "--variant", id, "--format", "json", "--out", b).status).toBe(0);
    expect(readdirSync(b)).toEqual(["010-circuit-add-multiply.key.json"]);
    expect(JSON.parse(readFileSync(join(b, "010-circuit-add-multiply.key.json"), "utf8")).variants).toEqual([key.variants[3]]);
  });

  // each case spawns the CLI (seconds on a loaded machine) and the first tries 1000 draws: a generous bound
  it(
    "a graph that no draw makes usable, a graph spec with a problems: block, too large a set: exit 2, located, nothing written",
    { timeout: 240_000 },
    () => {
      const dir = tmp();
      const out = join(dir, "out");
      const never = join(dir, "never.yaml");
      // log(x − x) is log 0 at every draw
      writeFileSync(never, "graph:\n  inputs: { x: 1 }\n  nodes:\n    - d: x - x\n    - f: log(d + 0)\n");
      let r = run(never, "--count", "1", "--out", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/never: no usable variant 1 in 1000 attempts/);
      expect(r.stderr).not.toMatch(/internal|at .*\.js:\d+/);
      const block = join(dir, "block.yaml");
      writeFileSync(block, "graph:\n  inputs: { x: 1 }\n  nodes:\n    - f: x * x\nproblems:\n  count: 3\n");
      r = run(block, "--out", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/block\.yaml:5:1: problems: unknown field/);
      r = run("specs/013-micrograd-expression.yaml", "--count", "1001", "--out", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /013-micrograd-expression\.yaml: graph\.nodes: 1001 variants of 10 nodes are 10010 nodes to derive; a problem set is limited to 10000/,
      );
      // more variants than the leaves' ranges can draw: said at once
      r = run("specs/012-circuit-staged-sigmoid.yaml", "--count", "49", "--out", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/hold only 48 different draws \(x from -3 to 3, y from -4 to 4, 0 left out\)/);
      expect(existsSync(out)).toBe(false);
    },
  );
});
