import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, checkCli } from "./cli-run.js";

/**
 * `check GRAPH ANSWERS` through the built CLI (CONTRACT §6 specs): exit 0 all right, 1 a wrong or
 * carried value, 2 bad input with one located line and nothing on stdout.
 */
const { file, run } = checkCli("bpd-graph-check-");
const C010 = "specs/010-circuit-add-multiply.yaml";
const C011 = "specs/011-circuit-sigmoid-neuron.yaml";
const STUDENT = "tests/fixtures/answers/010-circuit-add-multiply.yaml";

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

/** Exit 2, one located line on stderr, nothing on stdout, no stack trace. */
function refused(r: { code: number | null; out: string; err: string }, where: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err.trimEnd().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(where);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
}

describe("backprop-derive check on a computational graph (built CLI)", () => {
  it("the student's answers: the first wrong step, its diagnosis, the carried gradients (exit 1)", () => {
    const r = run(C010, STUDENT);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/6 values: 3 ok, 1 wrong, 2 carried/);
    expect(r.out).toMatch(/first wrong step: dq = 3 \(gradients\.q, line 8\)/);
    expect(r.out).toMatch(/wrong +dq +3 +correct -4 +the multiply gate's inputs are not swapped in f/);
    expect(r.out).toMatch(/carried +dy \(df\/dy\) +3 +correct -4 +follows from the earlier dq = 3/);
    const j = JSON.parse(run(C010, STUDENT, "--format", "json").out) as { claims: Record<string, unknown>[]; first_wrong: string };
    expect(j.first_wrong).toBe("gradients.q");
    expect(j.claims.find((c) => c.name === "dq")).toMatchObject({ verdict: "wrong", mistake: "multiply-not-swapped", correct: -4 });
    expect(j.claims.find((c) => c.name === "dx")).toMatchObject({ verdict: "carried", carried_from: ["dq"] });
    expect(run(C010, STUDENT, "--format", "md").out).toMatch(/\| dq \| 3 \| -4 \| ✗ wrong \|/);
  });

  it("docs/check.md's example is the report the CLI prints, line for line", () => {
    const doc = readFileSync("docs/check.md", "utf8");
    const start = doc.indexOf(`    $ npx backprop-derive check ${C010} ${STUDENT}\n`);
    expect(start).toBeGreaterThan(0);
    const block = doc.slice(start).split("\n\n```")[0]!.split("\n").slice(1);
    const shown: string[] = [];
    for (const line of block) {
      if (line !== "" && !line.startsWith("    ")) break;
      shown.push(line.slice(4));
    }
    while (shown[shown.length - 1] === "") shown.pop();
    expect(`${shown.join("\n")}\n`).toBe(run(C010, STUDENT).out);
  });

  it("exit 0 when every value is right, by plain name, df/dx, grad_x and key path", () => {
    const r = run(
      C011,
      file("right.yaml", 'dot: 1\nf: 0.73\nddot: 0.20\ndf/dx0: 0.39\ngrad_x1: -0.59\ngradients.w2: 0.2\nafter.w0: 2.02\n"w1\'": -2.96\n'),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/8 values: 8 ok, 0 wrong, 0 carried/);
  });

  it("--list: every name, its other names, its path (text, md, json)", () => {
    const r = run(C010, "--list");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dq\s+df\/dq, ∂f\/∂q, grad_q\s+gradients\.q\s/m);
    expect(r.out).toMatch(/^dq\/dx\s+∂q\/∂x\s+locals\.q\.x\s/m);
    expect(run(C010, "--list", "--format", "md").out).toMatch(/\| q \|  \| values\.q \| the value of q = x \+ y \|/);
    const j = JSON.parse(run(C011, "--list", "--format", "json").out) as { name: string; path: string }[];
    expect(j.map((x) => x.path)).toEqual(expect.arrayContaining(["values.dot", "gradients.w0", "after.w0", "learning_rate"]));
  });

  it("exit 2: an unknown name, with its line and a suggestion", () => {
    refused(
      run(C010, file("typo.yaml", "q: 3\ndqq: -4\n")),
      /typo\.yaml:2:1: dqq: no quantity named "dqq" in this spec; did you mean "dq"/,
    );
    refused(run(C010, file("path.yaml", "gradients.qq: -4\n")), /path\.yaml:1:1: .*did you mean "gradients\.q"/);
  });

  it("exit 2: values that are not numbers, lists, a mapping, an empty file", () => {
    refused(run(C010, file("word.yaml", "q: three\n")), /word\.yaml:1:4: q: "three" is not a decimal number/);
    refused(run(C010, file("null.yaml", "q:\n")), /null\.yaml:1:\d+: q: expected a number as written/);
    refused(run(C010, file("list.yaml", "q: [3, 4]\n")), /list\.yaml:1:4: q: a list of numbers needs an answer-key path/);
    refused(run(C010, file("map.yaml", "q: { a: 1 }\n")), /map\.yaml:1:4: q: expected a number as written/);
    refused(run(C010, file("empty.yaml", "")), /empty\.yaml.*maps quantity names to numbers/);
    refused(run(C010, file("nan.yaml", "q: .nan\n")), /nan\.yaml:1:4: q: ".nan" is not a decimal number/);
  });

  it("exit 2: a leaf without a value, a note, a graph whose numbers are not finite", () => {
    const symbolic = file("symbolic.yaml", "graph:\n  inputs: { x: 1, y: null }\n  nodes:\n    - f: x * y\n");
    refused(
      run(symbolic, file("a.yaml", "f: 1\n")),
      /symbolic\.yaml: graph\.inputs\.y: the leaf y has no value, so there is nothing to check/,
    );
    expect(run(symbolic, "--list").code).toBe(0);
    refused(
      run(C010, file("note.md", "$q = 3$\n")),
      /note\.md: .*computational-graph spec: a note is checked against layered networks only so far/,
    );
    const infinite = file("log.yaml", "graph:\n  inputs: { x: -1 }\n  nodes:\n    - f: log(x)\n");
    refused(run(infinite, file("b.yaml", "f: 1\n")), /log\.yaml:4:\d+: .*not a number/);
  });
});
