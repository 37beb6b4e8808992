// npm run bench: cold start, derive-to-JSON and rendering figures (never a timed test).
// Prints a Markdown table; copy it into the README when the figures change.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "bpd-bench-"));
// Specs go in their own folder: an answer key NAME.json must never overwrite the spec NAME.json.
const specDir = join(tmp, "specs");
const outDir = join(tmp, "out");
mkdirSync(specDir);
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function wall(cmd, args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

/** Runs the CLI through bench/measure.mjs: in-process wall time and peak RSS. */
function measured(args, status = 0) {
  const r = spawnSync(process.execPath, ["bench/measure.mjs", ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  const line = r.stderr.split("\n").find((l) => l.startsWith("BENCH "));
  if (r.status !== status || !line) throw new Error(`failed: ${args.join(" ")}\n${r.stderr.slice(0, 2000)}`);
  return JSON.parse(line.slice(6));
}

/** A deterministic network spec of the given layer sizes (sigmoid hidden, softmax + cross-entropy out). */
function networkSpec(sizes) {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.2;
  const round = (x) => Math.round(x * 1e4) / 1e4;
  const spec = {
    title: `Benchmark ${sizes.join("-")}`,
    learning_rate: 0.1,
    loss: "cross-entropy",
    layers: sizes.map((size, i) => (i === 0 ? { size } : { size, activation: i === sizes.length - 1 ? "softmax" : "sigmoid" })),
    weights: sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: sizes[l] }, () => round(rnd())))),
    biases: sizes.slice(1).map((n) => Array.from({ length: n }, () => round(rnd()))),
    samples: [
      {
        input: Array.from({ length: sizes[0] }, () => round(rnd() + 0.5)),
        target: Array.from({ length: sizes.at(-1) }, (_, j) => (j === 0 ? 1 : 0)),
      },
    ],
  };
  const file = join(specDir, `net-${sizes.join("-")}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return { file, params: sizes.slice(1).reduce((acc, n, l) => acc + n * (sizes[l] + 1), 0) };
}

const rows = [];
if (want("cold")) {
  // Interleaved, so that a busy moment of the machine weighs on all three alike.
  const runs = { base: [], cold: [], help: [] };
  for (let i = 0; i < 15; i++) {
    runs.base.push(wall(process.execPath, ["-e", "0"], 1));
    runs.cold.push(
      wall(process.execPath, ["dist/bundle/main.js", "derive", "specs/000-relu-hidden.yaml", "--format", "json", "--out", outDir], 1),
    );
    runs.help.push(wall(process.execPath, ["dist/bundle/main.js", "--help"], 1));
  }
  const [base, cold, help] = [median(runs.base), median(runs.cold), median(runs.help)];
  rows.push(["cold start: `node -e 0`", `${base.toFixed(0)} ms`, ""]);
  rows.push(["cold start: derive seed 000 to JSON", `${cold.toFixed(0)} ms`, `${(cold / base).toFixed(2)}× node -e 0 (target ≤ 3×)`]);
  rows.push(["cold start: `--help`", `${help.toFixed(0)} ms`, `${(help / base).toFixed(2)}× node -e 0`]);
}
if (want("json")) {
  // Time above the smallest network's, per extra parameter: constant when time is linear.
  let first;
  for (const sizes of [
    [2, 2, 3],
    [10, 10, 10],
    [100, 50, 10],
    [784, 64, 10],
  ]) {
    const { file, params } = networkSpec(sizes);
    const runs = [0, 1, 2].map(() => measured(["derive", file, "--format", "json", "--out", outDir]));
    const ms = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.rssMiB));
    first ??= { ms, params };
    const marginal =
      params > first.params ? `${(((ms - first.ms) * 1000) / (params - first.params)).toFixed(1)} µs per extra parameter` : "baseline";
    rows.push([`derive ${sizes.join("-")} to JSON (${params} parameters)`, `${ms.toFixed(0)} ms, ${rss.toFixed(0)} MiB`, marginal]);
  }
}
if (want("render")) {
  const { file, params } = networkSpec([784, 64, 10]);
  const r = measured(["derive", file, "--format", "all", "--out", outDir]);
  rows.push([`render all formats, 784-64-10 (${params} parameters)`, `${r.ms.toFixed(0)} ms, ${r.rssMiB.toFixed(0)} MiB`, "target < 10 s"]);
}
if (want("problems")) {
  // The median of three runs: on a small shared machine one run can be a second off. Each run
  // writes into a new directory (replacing 1000 files costs more than creating them on this disk).
  let k = 0;
  const set = (extra) => {
    const runs = [0, 1, 2].map(() =>
      measured(["problems", "specs/000-relu-hidden.yaml", "--count", "1000", "--seed", "1", "--out", join(tmp, `set-${k++}`), ...extra]),
    );
    return { ms: median(runs.map((r) => r.ms)), rss: Math.max(...runs.map((r) => r.rssMiB)) };
  };
  const all = set([]);
  rows.push([
    "problems: 1000 variants of seed 000, every file",
    `${all.ms.toFixed(0)} ms, ${all.rss.toFixed(0)} MiB`,
    "target: a few seconds",
  ]);
  const keys = set(["--format", "json,moodle"]);
  rows.push(["problems: 1000 variants, answer key and Moodle quiz only", `${keys.ms.toFixed(0)} ms, ${keys.rss.toFixed(0)} MiB`, ""]);
}

if (want("check")) {
  // Mazur's 2-2-2 network (specs/classic-2-2-2.yaml) trained for 10,001 online updates (the
  // spec's one sample repeated: epochs are capped at 1000), then three numbers of the last
  // update checked: right ones (exit 0) and wrong ones (exit 1, every known mistake tried).
  const n = 10001;
  const { parse } = await import("yaml");
  const classic = parse(readFileSync(join(root, "specs/classic-2-2-2.yaml"), "utf8"));
  const file = join(specDir, `mazur-${n}.json`);
  writeFileSync(file, JSON.stringify({ ...classic, samples: Array.from({ length: n }, () => classic.samples[0]) }));
  const runs = [0, 1, 2];
  const derived = runs.map(() => measured(["derive", file, "--format", "json", "--out", outDir]));
  const last = JSON.parse(readFileSync(join(outDir, `mazur-${n}.json`), "utf8")).updates[n - 1];
  const answers = (shift) => {
    const p = join(tmp, `answers-${shift}.yaml`);
    writeFileSync(
      p,
      [
        `Y5@u${n}: ${(last.samples[0].a[1][0] + shift).toFixed(6)}`,
        `Loss@u${n}: ${(last.loss + shift / 100).toFixed(9)}`,
        `W13'@u${n}: ${(last.W[0][0][0] + shift).toFixed(6)}`,
      ].join("\n"),
    );
    return p;
  };
  const right = runs.map(() => measured(["check", file, answers(0), "--format", "json"]));
  const wrong = runs.map(() => measured(["check", file, answers(1e-4), "--format", "json"], 1));
  const row = (what, rs, note) => {
    const ms = median(rs.map((r) => r.ms));
    rows.push([what, `${(ms / 1000).toFixed(1)} s, ${Math.max(...rs.map((r) => r.rssMiB)).toFixed(0)} MiB`, note(ms)]);
    return ms;
  };
  const base = row(`derive Mazur's 2-2-2, ${n.toLocaleString("en-US")} updates, to JSON`, derived, () => "baseline for check");
  row("check 3 right numbers of its last update", right, (ms) => `${(ms / base).toFixed(1)}× derive (target: a few times)`);
  row("check 3 wrong numbers of its last update", wrong, (ms) => `${(ms / base).toFixed(1)}× derive`);
}

if (want("graph")) {
  // A chain of n stages h_i = tanh(w_i·h_{i-1} + x): time above the 50-node graph, per extra node
  // (constant when the derivation grows linearly with the graph).
  let first;
  for (const n of [50, 200, 500]) {
    const nodes = [];
    for (let i = 1; i <= n / 2; i++) nodes.push({ [`z${i}`]: `w${i} * ${i === 1 ? "x" : `h${i - 1}`} + x` }, { [`h${i}`]: `tanh(z${i})` });
    const inputs = { x: 0.5 };
    for (let i = 1; i <= n / 2; i++) inputs[`w${i}`] = Math.round(Math.sin(i) * 1000) / 1000;
    const file = join(specDir, `chain-${n}.json`);
    writeFileSync(file, JSON.stringify({ title: `Chain of ${n} nodes`, graph: { inputs, nodes } }));
    const runs = [0, 1, 2].map(() => measured(["derive", file, "--format", "json", "--out", outDir]));
    const ms = median(runs.map((r) => r.ms));
    first ??= { ms, n };
    const note = n > first.n ? `${((ms - first.ms) / (n - first.n)).toFixed(2)} ms per extra node` : "baseline";
    rows.push([
      `derive a graph of ${n} nodes to JSON`,
      `${ms.toFixed(0)} ms, ${Math.max(...runs.map((r) => r.rssMiB)).toFixed(0)} MiB`,
      note,
    ]);
    if (n === 500) {
      const r = measured(["derive", file, "--format", "md,tex", "--out", outDir]);
      rows.push([`the ${n}-node graph to Markdown and LaTeX`, `${r.ms.toFixed(0)} ms, ${r.rssMiB.toFixed(0)} MiB`, ""]);
    }
  }
  const staged = measured(["derive", "specs/012-circuit-staged-sigmoid.yaml", "--format", "md,tex,fragment,slides", "--out", outDir]);
  rows.push(["CS231n's staged circuit: md, tex, fragment, slides", `${staged.ms.toFixed(0)} ms, ${staged.rssMiB.toFixed(0)} MiB`, ""]);
}
if (want("html")) {
  const seeds = ["000-relu-hidden", "002-sigmoid-2-2-2", "004-sigmoid-softmax", "012-circuit-staged-sigmoid"].map((s) => `specs/${s}.yaml`);
  const html = measured(["derive", ...seeds, "--format", "html", "--out", join(tmp, "html")]);
  const md = measured(["derive", ...seeds, "--format", "md", "--out", join(tmp, "md")]);
  rows.push([
    "4 seed specs to HTML (`--format html`)",
    `${html.ms.toFixed(0)} ms, ${html.rssMiB.toFixed(0)} MiB`,
    `${md.ms.toFixed(0)} ms to Markdown; rehype-katex parses KaTeX's output back into a tree`,
  ]);
}
if (want("adam")) {
  const { file } = networkSpec([784, 64, 10]);
  const spec = JSON.parse(readFileSync(file, "utf8"));
  const adam = join(specDir, "adam-784-64-10.json");
  writeFileSync(adam, JSON.stringify({ ...spec, optimizer: "adam", l2: 0.01 }));
  for (const [name, f] of [
    ["sgd", file],
    ["Adam + L2", adam],
  ]) {
    const json = measured(["derive", f, "--format", "json", "--out", outDir]);
    const text = measured(["derive", f, "--format", "md,tex,fragment,slides", "--out", outDir]);
    rows.push([
      `784-64-10 with ${name}: JSON; md, tex, fragment, slides`,
      `${json.ms.toFixed(0)} ms; ${(text.ms / 1000).toFixed(1)} s, ${text.rssMiB.toFixed(0)} MiB`,
      "",
    ]);
    const answers = join(tmp, `one-claim-${name.length}.yaml`);
    writeFileSync(answers, "Loss: 0.5\n");
    const check = measured(["check", f, answers, "--format", "json"], 1);
    rows.push([
      `check one wrong number of 784-64-10 with ${name}`,
      `${(check.ms / 1000).toFixed(1)} s, ${check.rssMiB.toFixed(0)} MiB`,
      "",
    ]);
  }
}
if (want("note")) {
  const seed = measured(["check", "specs/000-relu-hidden.yaml", "tests/fixtures/notes/seed-000.txt", "--format", "json"], 1);
  rows.push(["check seed note 000 as written", `${seed.ms.toFixed(0)} ms, ${seed.rssMiB.toFixed(0)} MiB`, ""]);
  const { file } = networkSpec([10, 10, 10]);
  measured(["derive", file, "--format", "md", "--out", outDir]);
  const note = measured(["check", file, join(outDir, "net-10-10-10.md"), "--format", "json"]);
  rows.push([
    "check the rendered Markdown note of 10-10-10 (220 parameters)",
    `${(note.ms / 1000).toFixed(1)} s, ${note.rssMiB.toFixed(0)} MiB`,
    "",
  ]);
}

console.log(`| what | time, peak memory | note |\n|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}`);
rmSync(tmp, { recursive: true, force: true });
