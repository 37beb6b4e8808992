import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkNote } from "../../src/check/index.js";
import type { NoteReport } from "../../src/check/index.js";
import { derive } from "../../src/derive/index.js";
import { buildNetwork } from "../../src/network/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import { render } from "../../src/render/index.js";
import type { NetworkSpec } from "../../src/spec/index.js";
import { arbSpec } from "../helpers/random-spec.js";

/**
 * Notes rendered by `derive` for random layered networks (tests/helpers/random-spec.ts), in each
 * notation the checker reads and both conventions: a correct note gives no finding that is not
 * ok, and one planted mistake (a number changed beyond its digits, an update with its sign
 * flipped or η dropped) is found on its line. The checker reads one update of one sample, so the
 * networks are trained on one sample for one epoch.
 */
const arbNote = fc.record({
  spec: arbSpec
    .map((s) => ({ ...s, samples: s.samples.slice(0, 1), epochs: 1, mode: "online" as const }))
    // cross-entropy (−Σ t log y) against a target of 0 on a sigmoid output gives that output no
    // gradient whatever the weights: no step of its parameters can be wrong there
    .filter(
      (s) =>
        !(
          s.loss === "cross-entropy" &&
          s.layers[s.layers.length - 1]!.activation !== "softmax" &&
          s.samples[0]!.target.some((t) => t === 0)
        ),
    ),
  notation: fc.constantFrom("node", "sequential", "layer"),
  convention: fc.constantFrom("gradient", "error"),
  format: fc.constantFrom("md" as const, "tex" as const),
});

async function rendered(spec: NetworkSpec, format: "md" | "tex"): Promise<string> {
  const files = await render(derive(buildNetwork(spec)), resolvePresentation(spec), [format], { name: "note" });
  return files.find((f) => f.name.endsWith(`.${format}`))!.content as string;
}

const notOk = (r: NoteReport) => r.findings.filter((f) => f.verdict !== "ok");
const kind = (format: "md" | "tex") => (format === "md" ? "markdown" : "latex");

describe("random networks: a rendered note as derive writes it", () => {
  it("gives no finding that is not ok", async () => {
    await fc.assert(
      fc.asyncProperty(arbNote, async ({ spec, notation, convention, format }) => {
        const s = { ...spec, notation, convention } as NetworkSpec;
        const text = await rendered(s, format);
        const report = await checkNote(s, text, kind(format));
        const lines = text.split("\n");
        expect(notOk(report).map((f) => `${f.line}: ${lines[f.line - 1]} — ${f.message}`)).toEqual([]);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  }, 120_000);
});

/** Lines of a rendered note that end in "= number" (a number a mutation can change). */
function numberLines(text: string): number[] {
  return text
    .split("\n")
    .map((l, i) => ({ l, i: i + 1 }))
    .filter(({ l }) => /= -?\d+\.\d{2,}\s*(\\\\)?\s*(\$\$|\\\]|\$)?\s*$/.test(l) && !/\\frac\{1\}\{2\}/.test(l))
    .map(({ i }) => i);
}

/** Lines that update a parameter with η (w^{new} = w − η …, or + η in the error convention). */
function updateLines(text: string): number[] {
  return text
    .split("\n")
    .map((l, i) => ({ l, i: i + 1 }))
    .filter(({ l }) => /\\mathrm\{new\}/.test(l) && /[-+] \\eta/.test(l))
    .map(({ i }) => i);
}

const MUTATIONS = ["number", "sign", "eta"] as const;

function mutate(text: string, what: (typeof MUTATIONS)[number], pick: number): { text: string; line: number } | undefined {
  const rows = text.split("\n");
  const lines = what === "number" ? numberLines(text) : updateLines(text);
  if (lines.length === 0) return undefined;
  const line = lines[pick % lines.length]!;
  const row = rows[line - 1]!;
  if (what === "number") {
    // a change far beyond the written digits: v → 2v + 1
    rows[line - 1] = row.replace(/(-?\d+\.\d+)(\s*(?:\\\\)?\s*(?:\$\$|\\\]|\$)?\s*)$/, (_, n: string, rest: string) => {
      return `${(Number(n) * 2 + 1).toFixed(n.split(".")[1]!.length)}${rest}`;
    });
  } else if (what === "sign") {
    rows[line - 1] = row.replace(/([-+]) \\eta/, (_, s: string) => `${s === "-" ? "+" : "-"} \\eta`);
  } else {
    rows[line - 1] = row.replace(/([-+]) \\eta\s*(\\,|\\cdot)?\s*/, "$1 ");
  }
  return rows[line - 1] === row ? undefined : { text: rows.join("\n"), line };
}

describe("random networks: one planted mistake in a rendered note", () => {
  it("is found on its line (a number changed, an update's sign flipped or η dropped)", async () => {
    await fc.assert(
      fc.asyncProperty(arbNote, fc.constantFrom(...MUTATIONS), fc.nat(), async ({ spec, notation, convention, format }, what, pick) => {
        const s = { ...spec, notation, convention } as NetworkSpec;
        const planted = mutate(await rendered(s, format), what, pick);
        if (!planted) return;
        const report = await checkNote(s, planted.text, kind(format));
        const found = report.findings.filter((f) => f.line === planted.line && f.verdict !== "ok");
        expect(found.length, `${what} on line ${planted.line}: ${planted.text.split("\n")[planted.line - 1]}`).toBeGreaterThan(0);
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);
});
