import { mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectRefused, filesUnder, run, tempDir } from "./run.js";

/*
 * `--templates DIR` is trusted code, but what it reads is kept inside DIR: a template, include,
 * import or extends whose real path (symbolic links followed) lies outside is refused, located,
 * exit 2, nothing written.
 */

const SPEC = "specs/000-relu-hidden.yaml";

/** A templates folder (markdown/note.md.njk = `note`), a secret file beside it, an output path. */
function setUp(note: string): { dir: string; templates: string; secret: string; out: string } {
  const dir = realpathSync(tempDir("templates"));
  const templates = join(dir, "templates");
  mkdirSync(join(templates, "markdown"), { recursive: true });
  const secret = join(dir, "secret.txt");
  writeFileSync(secret, "SECRET\n");
  writeFileSync(join(templates, "markdown", "note.md.njk"), note);
  return { dir, templates, secret, out: join(dir, "out") };
}

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

describe("--templates stays inside its folder (built CLI)", () => {
  it("locates a syntax error in a user template that a package template includes (was exit 70)", () => {
    const t = setUp("# note\n");
    mkdirSync(join(t.templates, "latex"));
    writeFileSync(join(t.templates, "latex", "macros.tex.njk"), "hello <% if %> broken\n");
    const r = run("derive", SPEC, "--out", t.out, "--format", "tex", "--templates", t.templates);
    expectRefused(r, new RegExp(`^backprop-derive: ${escapeRe(join(t.templates, "latex", "macros.tex.njk"))}:1:\\d+: unexpected token`));
    expect(filesUnder(t.out)).toEqual([]);
  });

  it("refuses an include that is a symbolic link to a file outside", () => {
    const t = setUp('# note\n<% include "markdown/part.njk" %>\n');
    symlinkSync(t.secret, join(t.templates, "markdown", "part.njk"));
    const r = run("derive", SPEC, "--out", t.out, "--format", "md", "--templates", t.templates);
    expectRefused(
      r,
      new RegExp(
        `^backprop-derive: ${escapeRe(join(t.templates, "markdown", "part.njk"))}: resolves to ${escapeRe(t.secret)}, outside the templates folder`,
      ),
    );
    expect(r.err).not.toContain("SECRET");
    expect(filesUnder(t.out)).toEqual([]);
  });

  it("refuses a template that is itself a link outside (the file overriding the package's)", () => {
    const t = setUp("");
    const note = join(t.templates, "markdown", "note.md.njk");
    rmSync(note);
    symlinkSync(t.secret, note);
    const r = run("derive", SPEC, "--out", t.out, "--format", "md", "--templates", t.templates);
    expectRefused(r, new RegExp(`^backprop-derive: ${escapeRe(note)}: resolves to ${escapeRe(t.secret)}, outside the templates folder`));
    expect(filesUnder(t.out)).toEqual([]);
  });

  it("refuses a linked folder inside that leads outside", () => {
    const t = setUp('<% include "parts/x.njk" %>\n');
    mkdirSync(join(t.dir, "elsewhere"));
    writeFileSync(join(t.dir, "elsewhere", "x.njk"), "x\n");
    symlinkSync(join(t.dir, "elsewhere"), join(t.templates, "parts"));
    const r = run("derive", SPEC, "--out", t.out, "--format", "md", "--templates", t.templates);
    expectRefused(r, /parts\/x\.njk: resolves to .*elsewhere\/x\.njk, outside the templates folder/);
    expect(filesUnder(t.out)).toEqual([]);
  });

  it.each([
    ["a relative path", "../../secret.txt"],
    ["an absolute path", "SECRET_PATH"],
  ])("refuses an include by %s out of the folder", (_what, target) => {
    const t = setUp("");
    const include = target === "SECRET_PATH" ? t.secret : target;
    writeFileSync(join(t.templates, "markdown", "note.md.njk"), `<% include "${include}" %>\n`);
    const r = run("derive", SPEC, "--out", t.out, "--format", "md", "--templates", t.templates);
    expectRefused(
      r,
      new RegExp(
        `^backprop-derive: ${escapeRe(join(t.templates, "markdown", "note.md.njk"))}: ${escapeRe(t.secret)} lies outside the templates folders`,
      ),
    );
    expect(filesUnder(t.out)).toEqual([]);
  });

  it("refuses it in a problem set too, where worker threads render the solutions", () => {
    const t = setUp("");
    rmSync(join(t.templates, "markdown", "note.md.njk"));
    symlinkSync(t.secret, join(t.templates, "markdown", "note.md.njk"));
    const r = run("problems", SPEC, "--out", t.out, "--count", "2", "--format", "md", "--templates", t.templates);
    expectRefused(r, /note\.md\.njk: resolves to .*secret\.txt, outside the templates folder/);
    expect(filesUnder(t.out)).toEqual([]);
  });

  it("accepts links that stay inside, and a templates folder reached through a link", () => {
    const t = setUp('# Own note\n<% include "markdown/part.njk" %>\n');
    writeFileSync(join(t.templates, "markdown", "real-part.njk"), "part: << title | md >>\n");
    symlinkSync("real-part.njk", join(t.templates, "markdown", "part.njk"));
    symlinkSync(t.templates, join(t.dir, "linked"));
    const r = run("derive", SPEC, "--out", t.out, "--format", "md", "--templates", join(t.dir, "linked"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(t.out, "000-relu-hidden.md"), "utf8")).toMatch(/^# Own note\npart: Note 000/);
  });

  it("locates an error in a user's template included by one of the package's", () => {
    const t = setUp("");
    rmSync(join(t.templates, "markdown", "note.md.njk"));
    mkdirSync(join(t.templates, "latex"));
    writeFileSync(join(t.templates, "latex", "body.tex.njk"), "body << nope >>\n");
    const r = run("derive", SPEC, "--out", t.out, "--format", "tex", "--templates", t.templates);
    expectRefused(
      r,
      new RegExp(
        `^backprop-derive: ${escapeRe(join(t.templates, "latex", "body.tex.njk"))}:1:6: attempted to output null or undefined value \\(in your --templates\\)$`,
      ),
    );
    expect(filesUnder(t.out)).toEqual([]);
  });

  it("says in --help that templates are code", () => {
    for (const command of ["derive", "problems"]) {
      const r = run(command, "--help");
      expect(r.code).toBe(0);
      expect(r.out.replace(/\s+/g, " ")).toMatch(
        /Templates are code: they can run any JavaScript, so use only templates you trust, as you would a Makefile/,
      );
    }
  });
});
