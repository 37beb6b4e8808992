/**
 * Graph specs on the command line: every format, the --notation flag shared with the layered
 * networks (each notation applies to the specs of its kind), and a symbolic graph.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, expectRefused, filesUnder, run, tempDir } from "./run.js";

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true });
}, 300_000);

const CIRCUIT = "specs/010-circuit-add-multiply.yaml";
const NETWORK = "specs/003-relu-chain.yaml";

describe("derive with graph specs", () => {
  it("writes every format: the note with its circuit beside it, the LaTeX, the key", () => {
    const out = tempDir("graph");
    try {
      const r = run("derive", CIRCUIT, "--out", out);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const name = "010-circuit-add-multiply";
      expect(filesUnder(out)).toEqual(
        [`${name}-circuit.svg`, `${name}.fragment.tex`, `${name}.json`, `${name}.md`, `${name}.slides.tex`, `${name}.tex`].sort(),
      );
      expect(readFileSync(join(out, `${name}.md`), "utf8")).toContain(`](${name}-circuit.svg)`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("--notation adjoint writes x̄ for ∂f/∂x; a run with networks too applies it to the graphs only", () => {
    const out = tempDir("graph");
    try {
      const r = run("derive", CIRCUIT, NETWORK, "--notation", "adjoint", "--format", "md", "--out", out);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const graph = readFileSync(join(out, "010-circuit-add-multiply.md"), "utf8");
      expect(graph).toContain("\\bar{x} &= \\bar{q}\\, \\frac{\\partial q}{\\partial x}");
      expect(graph).not.toContain("\\frac{\\partial f}{\\partial x}");
      // the network keeps its own notation (node, from its spec)
      expect(readFileSync(join(out, "003-relu-chain.md"), "utf8")).toContain("\\mathrm{net}_{3}");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("a notation that fits none of the specs given is bad input", () => {
    const out = tempDir("graph");
    try {
      expectRefused(run("derive", NETWORK, "--notation", "adjoint", "--out", out), /--notation adjoint is a notation for graph specs/);
      expectRefused(run("derive", CIRCUIT, "--notation", "matrix", "--out", out), /--notation matrix is a notation for layered networks/);
      const bad = run("derive", CIRCUIT, "--notation", "bar", "--out", out);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('Choices: "node", "sequential", "layer", "matrix", "partial", "adjoint"');
      expect(filesUnder(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("the spec's notation: adjoint, and --notation partial wins over it", () => {
    const out = tempDir("graph");
    try {
      const spec = join(out, "g.yaml");
      writeFileSync(spec, "notation: adjoint\ngraph:\n  inputs: { x: 2, y: 3 }\n  nodes:\n    - f: x * y\n");
      expect(run("derive", spec, "--format", "md", "--out", out).code).toBe(0);
      expect(readFileSync(join(out, "g.md"), "utf8")).toContain("\\bar{x}");
      expect(run("derive", spec, "--format", "md", "--notation", "partial", "--out", out).code).toBe(0);
      expect(readFileSync(join(out, "g.md"), "utf8")).not.toContain("\\bar{x}");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("a symbolic graph writes the symbolic derivation; its answer key is refused, located, with what to ask for instead", () => {
    const out = tempDir("graph");
    try {
      const spec = join(out, "s.yaml");
      writeFileSync(spec, "graph:\n  inputs: { x: 2, y: }\n  nodes:\n    - q: x + y\n    - f: sigmoid(q) * x\n");
      const r = run("derive", spec, "--format", "md,tex", "--out", out);
      expect(r.code).toBe(0);
      const md = readFileSync(join(out, "s.md"), "utf8");
      expect(md).toContain("Every node in order:");
      expect(md).toContain("x$ feeds two nodes");
      expect(md).not.toContain("Values and gradients");
      expectRefused(
        run("derive", spec, "--out", join(out, "k")),
        /s\.yaml: graph\.inputs: the answer key \(json\) needs every input's value; y has none \(the symbolic derivation alone: --format md,tex,fragment,slides\)$/,
      );
      expect(existsSync(join(out, "k"))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
