import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Answers files that try the edges (issue 10, items 6 and 9), through the built CLI: control
 * characters never reach the terminal as they are; deep nesting, duplicate keys and several
 * documents get one located line (exit 2), never the yaml library's words or a stack trace.
 */
const CLI = existsSync("dist/bundle/main.js") ? "dist/bundle/main.js" : "dist/cli/main.js";
const SPEC = "specs/000-relu-hidden.yaml";
const dir = mkdtempSync(join(tmpdir(), "bpd-hostile-answers-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const check = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, "check", SPEC, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
/** Control characters (C0, DEL, C1), U+2028/9 and noncharacters: none may be printed as they are. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/u;

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

/** Exit 2, exactly one line on stderr, that line located, nothing on stdout, no trace. */
function refused(r: { code: number | null; out: string; err: string }, where: RegExp): string {
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  const lines = r.err.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(where);
  expect(r.err).not.toMatch(/\n\s+at |RangeError|Maximum call stack|internal error/);
  expect(r.err).not.toMatch(RAW);
  return lines[0]!;
}

describe("control characters from an answers file are escaped in every report", () => {
  // YAML's double-quoted escapes put CR, tab, the line separator into a key that still names Y3, Y4.
  const answers = file("cr.yaml", '"Y3\\r": 0.59\n"Y4\\u2028": 0.098\n"W13\'\\t": -2.28\n');

  it("text", () => {
    const r = check(answers);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toContain("Y3 (Y3\\u000d)");
    expect(r.out).toContain("Y4 (Y4\\u2028)");
    expect(r.out).toContain("W13' (W13'\\u0009)");
  });

  it("md", () => {
    const r = check(answers, "--format", "md");
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toContain("| Y3 (Y3\\u000d) |");
  });

  it("json: the same names, escaped by JSON or here, and parsed back as written", () => {
    const r = check(answers, "--format", "json");
    expect(r.out).not.toMatch(RAW);
    const j = JSON.parse(r.out) as { claims: { name: string; written_as?: string }[] };
    expect(j.claims.map((c) => c.written_as)).toEqual(["Y3\r", "Y4\u2028", "W13'\t"]);
  });

  it("the answers file's own name, in the report's title", () => {
    const named = file("a\u001b[2Jb\u0007.yaml", "Y3: 0.572\n");
    const r = check(named);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toContain("a\\u001b[2Jb\\u0007.yaml against");
    expect(check(named, "--format", "md").out).not.toMatch(RAW);
  });

  it("ESC, BEL and U+FFFE in a name or a value that is refused: escaped in the one located line", () => {
    const esc = refused(check(file("esc.yaml", 'Y3: 0.57\n"Y9\\e]0;owned\\a": 0.5\n')), /esc\.yaml:2:1: /);
    expect(esc).toContain("Y9\\u001b]0;owned\\u0007");
    const bel = refused(check(file("bel.yaml", 'Y3: "0.5\\a7"\n')), /bel\.yaml:1:5: Y3: /);
    expect(bel).toContain("\\u0007");
    const nonchar = refused(check(file("nonchar.json", '{"Y3\\ufffe": 0.57}\n')), /nonchar\.json:1:2: /);
    expect(nonchar).toContain("Y3\\ufffe");
  });
});

describe("answers files that cannot be read: one located line, as a spec gets", () => {
  it("nesting deeper than 64 levels, YAML and JSON (was: Maximum call stack size exceeded)", () => {
    const deep = 100_000;
    refused(
      check(file("deep.yaml", `Y3: 0.57\nY4: ${"[".repeat(deep)}${"]".repeat(deep)}\n`)),
      /deep\.yaml:2:\d+: nested more than 64 levels deep; an answers file needs only a few$/,
    );
    refused(
      check(file("deep.json", `{"Y3": ${"[".repeat(deep)}${"]".repeat(deep)}}`)),
      /deep\.json:1:\d+: nested more than 64 levels deep/,
    );
    const blocks = Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n");
    refused(check(file("deep-block.yaml", `${blocks} 1\n`)), /deep-block\.yaml:\d+:\d+: nested more than 64 levels deep/);
  });

  it("a duplicate key: its line and column, the key's path, where it was first given", () => {
    refused(
      check(file("dup.yaml", "Y3: 0.57\nY4: 0.098\nY3: 0.58\n")),
      /dup\.yaml:3:1: Y3: duplicate key "Y3" \(first given on line 1\); each key may appear once$/,
    );
    refused(check(file("dup.json", '{\n  "Y3": 0.57,\n  "Y3": 0.58\n}\n')), /dup\.json:3:3: Y3: duplicate key "Y3"/);
  });

  it("several documents", () => {
    refused(
      check(file("multi.yaml", "Y3: 0.57\n---\nY4: 0.098\n")),
      /multi\.yaml:2:1: YAML syntax error: the file holds more than one document \(a second `---`\); an answers file is one document$/,
    );
  });
});
