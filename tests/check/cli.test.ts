import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The built CLI (`npm run build`): exit 0 all right, 1 wrong or carried, 2 bad input. The
 * bundle is the package's bin (and loads fastest); dist/cli/main.js is the plain tsc output.
 */
const CLI = existsSync("dist/bundle/main.js") ? "dist/bundle/main.js" : "dist/cli/main.js";
const dir = mkdtempSync(join(tmpdir(), "bpd-check-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const runWith = (cli: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, "check", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const run = (...args: string[]) => runWith(CLI, ...args);
const SPEC = "specs/000-relu-hidden.yaml";

beforeAll(() => {
  if (!existsSync("dist/cli/main.js")) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

describe("backprop-derive check (built CLI)", () => {
  it("exit 1 on the seed note's numbers, naming the first wrong step", () => {
    const r = runWith("dist/cli/main.js", SPEC, "tests/fixtures/answers/000-relu-hidden.yaml");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/7 ok, 3 wrong, 4 carried/);
    expect(run(SPEC, "tests/fixtures/answers/000-relu-hidden.yaml").out).toBe(r.out);
    expect(r.out).toMatch(/first wrong step: W13' = -2\.28 \(updates\[0\]\.W\[0\]\[0\]\[0\]/);
  });

  it("exit 0 when every value is right", () => {
    const r = run(SPEC, file("right.yaml", "Y3: 0.57\nY4: 0.098\nW13': -2.48\nLoss: 1.839\n"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });

  it("--format json has the fields of issue 5", () => {
    const r = run(SPEC, "tests/fixtures/answers/000-relu-hidden.yaml", "--format", "json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { claims: Record<string, unknown>[]; first_wrong: string | null };
    expect(j.first_wrong).toBe("updates[0].W[0][0][0]");
    const w = j.claims.find((c) => c.name === "W24'")!;
    expect(w).toMatchObject({ path: "updates[0].W[0][1][1]", claimed: "1.0", verdict: "wrong", mistake: "eta-missing" });
    expect(w.correct).toBeCloseTo(0.4 + 0.1 * 1.7684 * 0.37, 10); // W24 − η·δ4·X2, δ4 = −1.7684
    expect(typeof w.diagnosis).toBe("string");
    expect(j.claims.find((c) => c.name === "Y3")).not.toHaveProperty("diagnosis");
  });

  it("--format md is a table; --tolerance overrides the digits", () => {
    const md = run(SPEC, "tests/fixtures/answers/000-relu-hidden.yaml", "--format", "md");
    expect(md.out).toMatch(/\| quantity \| written \| correct \| verdict \| note \|/);
    const loose = run(SPEC, file("loose.yaml", "Y6: 0.85\n"), "--tolerance", "0.02");
    expect(loose.code).toBe(0);
    expect(run(SPEC, file("loose.yaml", "Y6: 0.85\n")).code).toBe(1);
  });

  it("--list prints every name with its path", () => {
    const r = run(SPEC, "--list");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^W13'\s+.*updates\[0\]\.W\[0\]\[0\]\[0\]/m);
    expect(r.out).toMatch(/^Err5\s/m);
    expect(r.out).toMatch(/^Loss'\s/m);
    const j = JSON.parse(run(SPEC, "--list", "--format", "json").out) as { name: string }[];
    expect(j.map((x) => x.name)).toContain("dW46");
  });

  it("exit 2 for an unknown name, with file, line and a suggestion", () => {
    const p = file("typo.yaml", "Y3: 0.57\nY8: 0.5\n");
    const r = run(SPEC, p);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(`${p}:2:1: Y8: no quantity named "Y8"`);
    expect(r.err).toMatch(/did you mean "Y[3-7]"/);
  });

  it("exit 2 for a missing answers file, a value that is not a number, a bad spec, no answers", () => {
    expect(run(SPEC, join(dir, "nope.yaml")).code).toBe(2);
    const nan = run(SPEC, file("nan.yaml", "Y3: about 0.6\n"));
    expect(nan.code).toBe(2);
    expect(nan.err).toMatch(/:1:\d+: Y3: "about 0.6" is not a decimal number/);
    expect(run(file("bad-spec.yaml", "layers: 3\n"), file("a.yaml", "Y3: 1\n")).code).toBe(2);
    expect(run(SPEC).code).toBe(2);
    expect(run(SPEC, file("a.yaml", "Y3: 1\n"), "--tolerance", "-1").code).toBe(2);
  });
});
