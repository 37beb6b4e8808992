import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkNote } from "../../src/check/index.js";
import type { NoteReport } from "../../src/check/index.js";
import { derive } from "../../src/derive/index.js";
import { buildNetwork } from "../../src/network/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import { render } from "../../src/render/index.js";
import { loadSpec } from "../../src/spec/index.js";
import type { NetworkSpec } from "../../src/spec/index.js";
import { NOTATIONS } from "../../src/spec/types.js";

const notOk = (r: NoteReport) => r.findings.filter((f) => f.verdict !== "ok");
const onLine = (r: NoteReport, line: number) => r.findings.filter((f) => f.line === line && f.verdict !== "ok");
const withPresentation = (spec: NetworkSpec, notation: string, convention: string): NetworkSpec =>
  ({ ...spec, notation, convention }) as NetworkSpec;

async function rendered(spec: NetworkSpec, format: "md" | "tex"): Promise<string> {
  const files = await render(derive(buildNetwork(spec)), resolvePresentation(spec), [format], { name: "note" });
  return files.find((f) => f.name.endsWith(`.${format}`))!.content as string;
}

const SPECS = [
  "specs/000-relu-hidden.yaml",
  "specs/002-sigmoid-2-2-2.yaml",
  "specs/004-sigmoid-softmax.yaml",
  "specs/001-relu-output.yaml",
];

describe("a note rendered from a correct derivation", () => {
  for (const file of SPECS) {
    for (const notation of NOTATIONS) {
      for (const convention of ["gradient", "error"]) {
        it(`${file}, ${notation} notation, ${convention} convention: no finding that is not ok`, async () => {
          const spec = withPresentation(await loadSpec(file), notation, convention);
          for (const format of ["md", "tex"] as const) {
            const report = await checkNote(spec, await rendered(spec, format), format === "md" ? "markdown" : "latex");
            expect(notOk(report).map((f) => `${format} ${f.line}: ${f.text} — ${f.message}`)).toEqual([]);
            expect(report.findings.filter((f) => f.kind === "equation").length).toBeGreaterThan(10);
            expect(report.findings.filter((f) => f.kind === "number").length).toBeGreaterThan(10);
          }
        }, 60_000);
      }
    }
  }
});

/** Lines of a rendered note that end in "= number" (a number a mutation can change). */
function numberLines(text: string): number[] {
  return text
    .split("\n")
    .map((l, i) => ({ l, i: i + 1 }))
    .filter(({ l }) => /= -?\d+\.\d{2,}\s*(\\\\)?\s*(\$\$|\\\]|\$)?\s*$/.test(l) && !/\\frac\{1\}\{2\}/.test(l))
    .map(({ i }) => i);
}

describe("a planted mistake in a rendered note is found on its line", () => {
  it("a changed number (fast-check picks the line and the change)", async () => {
    const spec = await loadSpec("specs/000-relu-hidden.yaml");
    const text = await rendered(spec, "md");
    const lines = numberLines(text);
    expect(lines.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lines), fc.constantFrom(0.5, 2, -1, 1.3), async (line, factor) => {
        const rows = text.split("\n");
        rows[line - 1] = rows[line - 1]!.replace(/(-?\d+\.\d+)(\s*(?:\\\\)?\s*(?:\$\$|\\\]|\$)?\s*)$/, (_, n: string, rest: string) => {
          const v = Number(n) * factor + (Number(n) === 0 ? 1 : 0);
          return `${v.toFixed(n.split(".")[1]!.length)}${rest}`;
        });
        const report = await checkNote(spec, rows.join("\n"), "markdown");
        expect(onLine(report, line).length, `line ${line}: ${rows[line - 1]}`).toBeGreaterThan(0);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("an update with its sign flipped or η dropped", async () => {
    const spec = withPresentation(await loadSpec("specs/002-sigmoid-2-2-2.yaml"), "sequential", "gradient");
    const text = await rendered(spec, "md");
    const rows = text.split("\n");
    const i = rows.findIndex((l) => l.startsWith("w^{\\mathrm{new}}_{5}") && /\\eta/.test(l));
    expect(i, "the update of w5 is written").toBeGreaterThanOrEqual(0);
    const flipped = [...rows];
    flipped[i] = rows[i]!.replace(/- \\eta/, "+ \\eta");
    const r1 = await checkNote(spec, flipped.join("\n"), "markdown");
    expect(onLine(r1, i + 1).some((f) => f.diagnosis === "sign-update")).toBe(true);
    const dropped = [...rows];
    dropped[i] = rows[i]!.replace(/\\eta\s*(\\,|\\cdot)?\s*/, "");
    const r2 = await checkNote(spec, dropped.join("\n"), "markdown");
    expect(onLine(r2, i + 1).some((f) => f.diagnosis === "eta-missing" || f.diagnosis === "missing-eta")).toBe(true);
  });
});

/** Notes written by hand, as a student would, in Markdown and LaTeX. */
const MD_GRADIENT = `# Sigmoid network

Forward: $z_1 = x_1 w_1 + x_2 w_2 + b_1 = 0.3825$ and $a_1 = \\sigma(z_1) = 0.5945$.

$$\\frac{\\partial J}{\\partial a_3} = a_3 - y_1$$

$$\\frac{\\partial J}{\\partial w_5} = (a_3 - y_1) a_3 (1 - a_3) a_1$$

$$w_5 = w_5 - \\eta \\frac{\\partial J}{\\partial w_5}$$

$$\\frac{\\partial J}{\\partial w_6} = (a_3 - y_1) a_3 (1 - a_3) a_1$$

$$\\frac{\\partial J}{\\partial w_7} = (a_4 - y_2) a_4 a_1$$

$$w_8 = w_8 + \\eta \\frac{\\partial J}{\\partial w_8}$$

$$\\frac{\\partial J}{\\partial w_9} = 1$$
`;

const TEX_ERROR = `\\documentclass{article}
\\begin{document}
The error is $\\text{Err}_5 = Ob_5 - Y_5$.
\\begin{align}
W_{35} &= W_{35} + \\eta\\, \\delta_5 Y_3 \\\\
W_{13} &= W_{13} + \\eta (\\delta_5 W_{35} + \\delta_6 W_{36} + \\delta_7 W_{37}) \\operatorname{Relu}'(W_{13} X_1 + W_{23} X_2 + b_3) X_1
\\end{align}
\\begin{equation}
W_{14} = W_{14} + \\eta (\\delta_5 W_{45} + \\delta_6 W_{46}) \\operatorname{Relu}'(W_{14} X_1 + W_{24} X_2 + b_4) X_1
\\end{equation}
\\[ b_5 = b_5 + \\delta_5 \\]
\\[ \\delta_5 = \\text{Err}_5 \\]
\\[ Y_6 = W_{36} Y_3 + W_{46} Y_4 + b_6 = 0.8632 \\]
\\[ W_{38} = 1 \\]
% a comment: $W_{35} = 7$ is not read
\\end{document}
`;

describe("hand-written notes with planted mistakes and without", () => {
  it("Markdown, sequential notation, gradient convention", async () => {
    const spec = await loadSpec("specs/002-sigmoid-2-2-2.yaml");
    const r = await checkNote(spec, MD_GRADIENT, "markdown");
    expect(onLine(r, 3)).toEqual([]);
    expect(onLine(r, 5)).toEqual([]);
    expect(onLine(r, 7)).toEqual([]);
    expect(onLine(r, 9)).toEqual([]);
    // w6 is fed by a2, not a1: a wrong index
    expect(onLine(r, 11)[0]?.diagnosis).toBe("wrong-index");
    // σ′ missing from ∂J/∂w7 (a4 alone for a4(1 − a4))
    expect(onLine(r, 13).length).toBe(1);
    expect(onLine(r, 15)[0]?.diagnosis).toBe("sign-update");
    expect(onLine(r, 17)[0]?.verdict).toBe("unknown");
    expect(onLine(r, 17)[0]?.message).toMatch(/w9 names nothing/);
  });

  it("LaTeX, node notation, error convention (right in its own convention)", async () => {
    const spec = await loadSpec("specs/000-relu-hidden.yaml");
    const r = await checkNote(spec, TEX_ERROR, "latex");
    expect(onLine(r, 3)).toEqual([]);
    expect(onLine(r, 5)).toEqual([]);
    expect(onLine(r, 6)).toEqual([]);
    // the path through output 7 is missing
    expect(onLine(r, 9)[0]?.diagnosis).toBe("missing-path");
    expect(onLine(r, 11)[0]?.diagnosis).toBe("missing-eta");
    expect(onLine(r, 12)).toEqual([]);
    expect(onLine(r, 13)).toEqual([]);
    expect(onLine(r, 14)[0]?.verdict).toBe("unknown");
    expect(r.findings.some((f) => f.line === 15)).toBe(false);
    expect(r.first_wrong).toEqual({ line: 9, column: expect.any(Number) as number });
  });

  it("the same equations in the gradient convention of another notation", async () => {
    const spec = withPresentation(await loadSpec("specs/000-relu-hidden.yaml"), "layer", "gradient");
    const note = "$$w_{211} = w_{211} - \\eta \\delta_{21} h_{11}$$\n\n$$w_{211} = w_{211} + \\eta \\delta_{21} h_{11}$$\n";
    const r = await checkNote(spec, note, "markdown");
    expect(onLine(r, 1)).toEqual([]);
    expect(onLine(r, 3)[0]?.diagnosis).toBe("sign-update");
  });
});

describe("robustness", () => {
  it("random text never throws and prose gives no finding", async () => {
    const spec = await loadSpec("specs/000-relu-hidden.yaml");
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(..."$\\{}_^'=+-*/()[]&.,x W35Y3Err5 \\frac\\delta\\eta 0.5 1 2\n"), maxLength: 120 }),
        fc.constantFrom("markdown" as const, "latex" as const),
        async (text, kind) => {
          const r = await checkNote(spec, text, kind);
          for (const f of r.findings) expect(f.line).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
    const prose = await checkNote(spec, "# Heading\n\nSome prose, with 3 numbers = 4 and words.\n\n20 = Nor 20 + North + Pe\n", "markdown");
    expect(prose.findings).toEqual([]);
  }, 120_000);
});
