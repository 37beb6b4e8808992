import { spawn, spawnSync } from "node:child_process";
import type { SpawnSyncOptions } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The output side of the built CLI: where files go, what happens when they cannot go there,
 * and standard input. Every run is in a fresh folder; every refusal is exit 2 with one line
 * and no stack trace, and leaves the folder as it was.
 */
const CLI = resolve("dist/bundle/main.js");
const SPEC = resolve("specs/000-relu-hidden.yaml");
const SPEC_TEXT = readFileSync(SPEC, "utf8");
const DERIVED = ["x.md", "x-network.svg", "x.tex", "x.fragment.tex", "x.slides.tex", "x.json"];

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

/** A fresh folder, readable by anyone (the read-only case runs as another user), holding x.yaml. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "bpd-out-"));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "x.yaml"), SPEC_TEXT);
  return dir;
}

function run(cwd: string, args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 120_000, ...opts });
  return { code: r.status, signal: r.signal, out: String(r.stdout), err: String(r.stderr) };
}

/** Every entry under `dir` (recursively), with a file's contents or a link's target. */
function tree(dir: string): Record<string, string> {
  const all: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const p = join(rel, name);
      const st = lstatSync(join(dir, p));
      if (st.isSymbolicLink()) all[p] = `-> ${readlinkSync(join(dir, p))}`;
      else if (st.isDirectory()) {
        all[p] = "dir";
        walk(p);
      } else if (st.isFile()) all[p] = readFileSync(join(dir, p), "latin1");
      else all[p] = "special";
    }
  };
  walk("");
  return all;
}

/** Exit 2, one line on stderr matching `says`, no stack trace, nothing on stdout. */
function refused(r: ReturnType<typeof run>, says: RegExp): void {
  expect(r.code, r.err).toBe(2);
  expect(r.err.trimEnd().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(says);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
  expect(r.out).toBe("");
}

const temporaries = (dir: string) => Object.keys(tree(dir)).filter((p) => /\.tmp$|\.backprop-derive-/.test(p));

describe("--out that cannot be written: exit 2, one line naming the path and why", () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ["a file", (d) => (writeFileSync(join(d, "afile"), "keep"), "afile"), /cannot write in afile: it is a file, not a directory/],
    [
      "a path under a file",
      (d) => (writeFileSync(join(d, "afile"), "keep"), "afile/sub"),
      /cannot write in afile\/sub: afile is a file, not a directory/,
    ],
    [
      "a dangling symlink",
      (d) => (symlinkSync(join(d, "gone"), join(d, "dang")), "dang"),
      /cannot write in dang: it is a symbolic link to something that does not exist/,
    ],
    [
      "a path under a dangling symlink",
      (d) => (symlinkSync(join(d, "gone"), join(d, "dang")), "dang/sub"),
      /cannot write in dang\/sub: dang is a symbolic link to something that does not exist/,
    ],
    ["the empty string", () => "", /--out is empty: name a directory/],
  ];
  for (const command of ["derive", "problems"]) {
    it.each(cases)(`${command}: %s`, (_what, make, says) => {
      const dir = folder();
      const out = make(dir);
      const before = tree(dir);
      refused(run(dir, [command, "x.yaml", "--out", out, ...(command === "problems" ? ["--count", "2"] : [])]), says);
      expect(tree(dir)).toEqual(before);
    });
  }

  it("a read-only directory (as an unprivileged user: root may write anywhere)", () => {
    const dir = folder();
    const ro = join(dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const probe = run(dir, ["--version"], asUser);
    if (probe.code !== 0) return void console.warn(`skipped: cannot run the CLI as uid 65534 (${probe.err.trim()})`);
    for (const out of ["ro", "ro/sub"]) {
      refused(run(dir, ["derive", "x.yaml", "--out", out], asUser), new RegExp(`cannot write in ${out}: (ro: )?permission denied`));
      refused(run(dir, ["problems", "x.yaml", "--count", "2", "--out", out], asUser), /permission denied/);
    }
    expect(readdirSync(ro)).toEqual([]);
  });
});

describe("all or nothing", () => {
  it("a directory where one output goes: nothing written, no temporaries (derive)", () => {
    const dir = folder();
    mkdirSync(join(dir, "o/x.json"), { recursive: true });
    const before = tree(dir);
    refused(run(dir, ["derive", "x.yaml", "--out", "o"]), /cannot write o\/x\.json: a directory is in the way/);
    expect(tree(dir)).toEqual(before);
  });

  it("a directory where one output goes: nothing written, no temporaries (problems)", () => {
    const dir = folder();
    mkdirSync(join(dir, "o/x.moodle.xml"), { recursive: true });
    const before = tree(dir);
    refused(run(dir, ["problems", "x.yaml", "--count", "2", "--out", "o"]), /cannot write o\/x\.moodle\.xml: a directory is in the way/);
    expect(tree(dir)).toEqual(before);
  });

  it("a file where the problem set's diagram folder goes", () => {
    const dir = folder();
    mkdirSync(join(dir, "o"));
    writeFileSync(join(dir, "o/x.problems"), "keep");
    const before = tree(dir);
    refused(
      run(dir, ["problems", "x.yaml", "--count", "2", "--out", "o"]),
      /cannot write in o\/x\.problems: it is a file, not a directory/,
    );
    expect(tree(dir)).toEqual(before);
  });

  it("success writes every file, makes missing folders, and leaves no temporaries", () => {
    const dir = folder();
    const r = run(dir, ["derive", "x.yaml", "--out", "a/b/c"]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, "a/b/c")).sort()).toEqual([...DERIVED].sort());
    expect(temporaries(dir)).toEqual([]);
  });

  /**
   * Stops a real problems run the moment its temporary folder appears (mid-write), sends `signal`,
   * and lets it go on. Returns whether a final file existed at that moment, with the run's end.
   */
  async function interrupt(dir: string, signal: NodeJS.Signals) {
    const out = join(dir, "o");
    mkdirSync(out);
    const child = spawn(
      process.execPath,
      [CLI, "problems", "x.yaml", "--count", "300", "--format", "md,json", "--jobs", "1", "--out", "o"],
      { cwd: dir, stdio: "ignore" },
    );
    let finalsAtStop: string[] | undefined;
    const watcher = watch(out, (_event, name) => {
      if (finalsAtStop || !String(name).startsWith(".backprop-derive-")) return;
      child.kill("SIGSTOP");
      finalsAtStop = Object.entries(tree(out))
        .filter(([n, c]) => !n.startsWith(".backprop-derive-") && c !== "dir")
        .map(([n]) => n);
      child.kill(signal);
      child.kill("SIGCONT");
    });
    const end = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on("exit", (code, sig) => done({ code, signal: sig })),
    );
    watcher.close();
    return { finalsAtStop, ...end };
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} mid-write: the run ends by the signal, no temporaries, no final file`, async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const dir = folder();
        const r = await interrupt(dir, signal);
        expect(r.finalsAtStop, "the temporary folder never appeared").toBeDefined();
        expect(temporaries(dir)).toEqual([]);
        if (r.finalsAtStop!.length > 0) continue; // stopped during renaming: try again for a mid-write stop
        expect(r.signal).toBe(signal);
        expect(readdirSync(join(dir, "o"))).toEqual([]);
        return;
      }
      throw new Error("never stopped the run before its renames");
    }, 120_000);
  }

  it("SIGKILL mid-write may leave temporaries, never a partial file under a final name", async () => {
    const reference = folder();
    expect(run(reference, ["problems", "x.yaml", "--count", "300", "--format", "md,json", "--jobs", "1", "--out", "o"]).code).toBe(0);
    const complete = tree(join(reference, "o"));
    const dir = folder();
    const r = await interrupt(dir, "SIGKILL");
    expect(r.signal).toBe("SIGKILL");
    for (const [name, content] of Object.entries(tree(join(dir, "o")))) {
      if (!name.startsWith(".backprop-derive-")) expect(content, name).toBe(complete[name]);
    }
  }, 120_000);
});

describe("temporaries never follow symlinks", () => {
  it("links planted at the old temporary names, plausible temporary folders and a final name are not written through", async () => {
    const dir = folder();
    const victims = join(dir, "victims");
    mkdirSync(victims);
    mkdirSync(join(dir, "o"));
    // The shell waits for a line, so the links can name its pid, which node then inherits (exec).
    const child = spawn("sh", ["-c", `read go; exec "${process.execPath}" "${CLI}" derive x.yaml --format json,md --out o`], {
      cwd: dir,
      stdio: ["pipe", "ignore", "pipe"],
    });
    const pid = child.pid!;
    const plant = (name: string, i: number) => {
      writeFileSync(join(victims, `v${i}`), "victim");
      symlinkSync(join(victims, `v${i}`), join(dir, "o", name));
    };
    let i = 0;
    for (const f of ["x.json", "x.md", "x-network.svg"]) for (let k = 0; k < 3; k++) plant(`${f}.${pid}.${k}.tmp`, i++);
    for (const suffix of ["", "0", "XXXXXX", "abcdef"]) plant(`.backprop-derive-${suffix}`, i++);
    plant("x.json", i++); // a final name: the run replaces the link, never the file it points to
    const before = tree(victims);
    child.stdin!.end("go\n");
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(code).toBe(0);
    expect(tree(victims)).toEqual(before);
    for (const f of ["x.json", "x.md", "x-network.svg"]) expect(lstatSync(join(dir, "o", f)).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "o/x.json"), "utf8")).format).toBe("backprop-derive/answer-key@1");
  });
});

describe("two outputs with the same path are refused before anything is written", () => {
  it("derive x.yaml x.fragment.yaml x.slides.yaml: x.fragment.tex twice", () => {
    const dir = folder();
    copyFileSync(join(dir, "x.yaml"), join(dir, "x.fragment.yaml"));
    copyFileSync(join(dir, "x.yaml"), join(dir, "x.slides.yaml"));
    const before = tree(dir);
    refused(
      run(dir, ["derive", "x.yaml", "x.fragment.yaml", "x.slides.yaml", "--out", "o"]),
      /^backprop-derive: x\.yaml and x\.fragment\.yaml would both write o\/x\.fragment\.tex; rename one of them$/m,
    );
    expect(tree(dir)).toEqual(before);
  });

  it("specs in different folders with one name are refused as before", () => {
    const dir = folder();
    mkdirSync(join(dir, "b"));
    copyFileSync(join(dir, "x.yaml"), join(dir, "b/x.yaml"));
    const r = run(dir, ["derive", "x.yaml", "b/x.yaml", "--out", "o"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/b\/x\.yaml.*same output name as x\.yaml/);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it("formats that do not collide still write", () => {
    const dir = folder();
    copyFileSync(join(dir, "x.yaml"), join(dir, "x.fragment.yaml"));
    const r = run(dir, ["derive", "x.yaml", "x.fragment.yaml", "--format", "json", "--out", "o"]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, "o")).sort()).toEqual(["x.fragment.json", "x.json"]);
  });
});

describe("standard input (-) and files that are not regular files", () => {
  it("derive - --name y.yaml reads the spec from standard input and names the outputs y.*", () => {
    const dir = folder();
    const r = run(dir, ["derive", "-", "--name", "y.yaml", "--out", "o"], { input: SPEC_TEXT });
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, "o")).sort()).toEqual(DERIVED.map((f) => f.replace("x", "y")).sort());
    const file = run(dir, ["derive", "x.yaml", "--format", "json", "--out", "p"]);
    expect(file.code).toBe(0);
    expect(readFileSync(join(dir, "o/y.json"), "utf8")).toBe(readFileSync(join(dir, "p/x.json"), "utf8"));
  });

  it("a bad spec on standard input is located under its --name", () => {
    const dir = folder();
    const r = run(dir, ["derive", "-", "--name", "y.yaml", "--out", "o"], {
      input: "learning_rate: 0.1\nloss: nope\nlayers: [{size: 1}, {size: 1, activation: relu}]\n",
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^y\.yaml:2:\d+: loss: /);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it.each([
    [["derive", "-", "--out", "o"], /a spec read from standard input \(-\) needs --name NAME\.yaml or NAME\.json/],
    [["derive", "-", "-", "--name", "y.yaml", "--out", "o"], /standard input \(-\) can be read only once/],
    [["derive", "x.yaml", "--name", "y.yaml", "--out", "o"], /--name names standard input, but no file argument is -/],
    [["derive", "-", "--name", "y.txt", "--out", "o"], /^y\.txt: \.txt files are not specs/],
    [["check", "-"], /a spec read from standard input \(-\) needs --name/],
    [["check", "-", "-", "--name", "y.yaml"], /can be read only once/],
    [["problems", "-", "--out", "o"], /a spec read from standard input \(-\) needs --name/],
  ])("refused: %j", (args, says) => {
    const dir = folder();
    const before = tree(dir);
    refused(run(dir, args, { input: SPEC_TEXT }), says);
    expect(tree(dir)).toEqual(before);
  });

  it("check reads the spec or the answers from standard input", () => {
    const dir = folder();
    writeFileSync(join(dir, "a.yaml"), "Y3: 0.57\n");
    const spec = run(dir, ["check", "-", "a.yaml", "--name", "net.yaml"], { input: SPEC_TEXT });
    expect(spec.code, spec.err).toBe(0);
    expect(spec.out).toMatch(/a\.yaml against net\.yaml/);
    const answers = run(dir, ["check", "x.yaml", "-"], { input: "Y3: 0.57\n" });
    expect(answers.code, answers.err).toBe(0);
    expect(answers.out).toMatch(/standard input against x\.yaml/);
    const named = run(dir, ["check", "x.yaml", "-", "--name", "mine.yaml"], { input: "Y3: [\n" });
    expect(named.code).toBe(2);
    expect(named.err).toMatch(/^mine\.yaml:\d+:\d+: /);
  });

  it("problems - --name y.yaml names the set y", () => {
    const dir = folder();
    const r = run(dir, ["problems", "-", "--name", "y.yaml", "--count", "2", "--format", "json", "--out", "o"], { input: SPEC_TEXT });
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, "o"))).toEqual(["y.key.json"]);
  });

  it("standard input past the size limit is refused", () => {
    const dir = folder();
    const r = run(dir, ["derive", "-", "--name", "y.yaml", "--out", "o"], {
      input: Buffer.alloc(64 * 1024 * 1024 + 1, 0x20),
      maxBuffer: 1 << 20,
    });
    refused(r, /^y\.yaml: is more than 64\.0 MiB; spec files are limited to 64 MiB$/m);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it.each([
    [
      "a FIFO",
      (d: string) => (spawnSync("mkfifo", [join(d, "f.yaml")]), "f.yaml"),
      /f\.yaml: cannot read the file: it is a named pipe \(FIFO\), not a regular file/,
    ],
    [
      "/dev/zero through a link",
      (d: string) => (symlinkSync("/dev/zero", join(d, "z.yaml")), "z.yaml"),
      /z\.yaml: cannot read the file: it is a device, not a regular file/,
    ],
    ["a directory", (d: string) => (mkdirSync(join(d, "d.yaml")), "d.yaml"), /d\.yaml: cannot read the file: it is a directory/],
  ])("a spec that is %s is refused without reading it", (_what, make, says) => {
    const dir = folder();
    const spec = make(dir);
    for (const command of ["derive", "problems", "check"]) {
      refused(run(dir, [command, spec, ...(command === "check" ? ["--list"] : ["--out", "o"])], { timeout: 60_000 }), says);
    }
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it.each([
    ["a FIFO", (d: string) => (spawnSync("mkfifo", [join(d, "f.yaml")]), "f.yaml"), /cannot read the answers file: it is a named pipe/],
    ["/dev/zero", () => "/dev/zero", /^\/dev\/zero: cannot read the answers file: it is a device, not a regular file$/m],
  ])("an answers file that is %s is refused without reading it", (_what, make, says) => {
    const dir = folder();
    refused(run(dir, ["check", "x.yaml", make(dir)], { timeout: 60_000 }), says);
  });
});
