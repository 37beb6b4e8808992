/**
 * The real command line: `node dist/cli/main.js problems …`. Skipped until dist/cli/main.js
 * exists (`npm test` builds first); BPD_CLI=<path> runs another build instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE, ROOT, SPECS } from "./setup.js";

const CLI = process.env.BPD_CLI ?? join(ROOT, "dist/cli/main.js");
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "bpd-problems-cli-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "problems", ...args], { cwd: ROOT, encoding: "utf8" });

describe.skipIf(!existsSync(CLI))("backprop-derive problems (the built CLI)", () => {
  it("writes the set, names every file, and says nothing on stderr when it is not a terminal", () => {
    const out = tmp();
    const r = run(SPECS.relu, "--count", "50", "--seed", "3", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(""); // no progress bar without a TTY
    for (const f of ["problems.md", "problems.tex", "solutions.md", "solutions.tex", "key.json", "moodle.xml"]) {
      expect(r.stdout).toContain(`wrote ${join(out, `000-relu-hidden.${f}`)}`);
    }
    const key = JSON.parse(readFileSync(join(out, "000-relu-hidden.key.json"), "utf8"));
    expect(key.variants).toHaveLength(50);
  });

  it("the same seed twice: byte-identical files; --variant: that variant alone", () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    expect(run(SPECS.batch, "--count", "3", "--seed", "8", "--out", a).status).toBe(0);
    expect(run(SPECS.batch, "--count", "3", "--seed", "8", "--out", b).status).toBe(0);
    const files = readdirSync(a, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(a, f)).isFile());
    expect(files.length).toBeGreaterThan(6);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    const key = JSON.parse(readFileSync(join(a, "batch-tanh-bce.key.json"), "utf8"));
    const id = key.variants[2].id;
    expect(run(SPECS.batch, "--variant", id, "--format", "json", "--out", c).status).toBe(0);
    expect(readdirSync(c)).toEqual(["batch-tanh-bce.key.json"]);
    expect(JSON.parse(readFileSync(join(c, "batch-tanh-bce.key.json"), "utf8")).variants).toEqual([key.variants[2]]);
  });

  it("worker threads change nothing: --jobs 3 and --jobs 1 write the same bytes", () => {
    const [one, three] = [tmp(), tmp()];
    // 45 variants are three chunks (CHUNK = 20): the workers and this thread each take some.
    for (const [dir, jobs] of [
      [one, "1"],
      [three, "3"],
    ] as const) {
      const r = run(SPECS.softmax, "--count", "45", "--seed", "4", "--jobs", jobs, "--out", dir);
      expect(r.status, r.stderr).toBe(0);
    }
    const files = readdirSync(one, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(one, f)).isFile());
    expect(files.length).toBe(6 + 45);
    for (const f of files) expect(readFileSync(join(three, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    // the worked solutions of all 45 variants, in order
    const ids = JSON.parse(readFileSync(join(one, "sigmoid-softmax.key.json"), "utf8")).variants.map((v: { id: string }) => v.id);
    const md = readFileSync(join(three, "sigmoid-softmax.solutions.md"), "utf8");
    const shown = [...md.matchAll(/\(sigmoid-softmax\.problems\/(\d+-\d+-\d+)-network\.svg\)/g)].map((m) => m[1]);
    expect(shown).toEqual(ids);
  });

  it("the built solutions renderer starts its worker threads and gets the same parts as one thread", async () => {
    const dist = (m: string) => import(join(ROOT, "dist/problems", m));
    const [{ loadProblemSource }, { generate }, { startSolutions }] = await Promise.all([
      dist("load.js"),
      dist("generate.js"),
      dist("solutions.js"),
    ]);
    const src = await loadProblemSource(SPECS.relu);
    const variants = generate(src, { seed: 2, count: 61 });
    const job = { name: src.name, config: src.config, md: true, tex: true };
    const threaded = startSolutions(job, variants, { jobs: 4 });
    expect(threaded.workers).toBe(3);
    const alone = startSolutions(job, variants, { jobs: 1 });
    expect(alone.workers).toBe(0);
    const [a, b] = [await threaded.finish(), await alone.finish()];
    expect(a.md).toHaveLength(61);
    expect(a.md.map((x: Uint8Array) => Buffer.from(x).toString())).toEqual(b.md.map((x: Uint8Array) => Buffer.from(x).toString()));
    expect(a.tex.map((x: Uint8Array) => Buffer.from(x).toString())).toEqual(b.tex.map((x: Uint8Array) => Buffer.from(x).toString()));
  });

  it("a mistake in the user's own template: file:line:column, exit 2, nothing written, from a worker thread too", () => {
    const templates = tmp();
    mkdirSync(join(templates, "problems"));
    writeFileSync(join(templates, "problems", "solution.md.njk"), "<< body >>\n<< no_such_value >>\n");
    for (const jobs of ["1", "2"]) {
      const out = tmp();
      const r = run(SPECS.relu, "--count", "45", "--templates", templates, "--jobs", jobs, "--out", out);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim()).toBe(
        `backprop-derive: ${join(templates, "problems", "solution.md.njk")}:2:1: attempted to output null or undefined value (in your --templates)`,
      );
      expect(readdirSync(out)).toEqual([]);
    }
  });

  it("a bad problems: block: every mistake located (file:line: path), exit 2, nothing written", () => {
    const out = tmp();
    const r = run(FIXTURE.bad, "--out", out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bad-problems.yaml:13:27: problems.weights.max: must be at least min (1)");
    expect(r.stderr).toContain("bad-problems.yaml:18:3: problems.colour: unknown setting");
    expect(readdirSync(out)).toEqual([]);
  });

  it("impossible requests and bad arguments: one clear line, exit 2", () => {
    const out = tmp();
    const cases: [string[], RegExp][] = [
      [[FIXTURE.tiny, "--count", "5"], /no usable variant 5 in 1000 attempts.*same numbers as an earlier variant/],
      [[SPECS.relu, "--variant", "7"], /--variant: "7" is not a variant id/],
      [[SPECS.relu, "--variant", "1-1-0", "--count", "3"], /--count and --variant exclude each other/],
      [[SPECS.relu, "--variant", "1-1-0", "--seed", "2"], /every id must come from one seed/],
      [[SPECS.relu, "--count", "0"], /--count must be a whole number from 1 to 10000/],
      [[SPECS.relu, "--count", "10001"], /--count must be a whole number from 1 to 10000/],
      [[SPECS.relu, "--seed", "-1"], /--seed must be a whole number from 0 to 4294967295/],
      [[SPECS.relu, "--format", "pdf"], /--format: unknown format "pdf"/],
      [[SPECS.relu, "--jobs", "0"], /--jobs must be a whole number from 1 to 8/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args, "--out", out);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(readdirSync(out)).toEqual([]);
  });
});
