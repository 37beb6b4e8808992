import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { makeNotation } from "../../src/notation/index.js";
import { CONVENTIONS, NOTATIONS } from "../../src/spec/types.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { arbSpec } from "../helpers/random-spec.js";
import { SEEDS } from "../render/fixtures.js";
import { renderSpec } from "../render/helpers.js";
import { unknownSymbols } from "./symbol-check.js";

async function check(
  spec: NetworkSpec,
  notation: (typeof NOTATIONS)[number],
  convention: (typeof CONVENTIONS)[number],
  detail: "full" | "deltas",
) {
  const files = await renderSpec(spec, { notation, convention, detail }, ["md", "tex"]);
  const net = buildNetwork(spec);
  const n = makeNotation(net, notation, convention, spec.letters);
  for (const text of Object.values(files)) {
    const bad = unknownSymbols(text, net, n);
    expect(bad, `${notation}/${convention}/${detail}`).toEqual([]);
  }
  return files;
}

describe("no rendered symbol names a node, edge or parameter the network lacks", () => {
  for (const notation of NOTATIONS) {
    for (const convention of CONVENTIONS) {
      it(`${notation} notation, ${convention} convention: the seed networks`, async () => {
        for (const spec of Object.values(SEEDS)) {
          for (const detail of ["full", "deltas"] as const) await check(spec, notation, convention, detail);
        }
      });
      it(`${notation} notation, ${convention} convention: random networks`, async () => {
        await fc.assert(
          fc.asyncProperty(arbSpec, fc.constantFrom("full" as const, "deltas" as const), async (spec, detail) => {
            await check(spec, notation, convention, detail);
          }),
          { numRuns: 12, seed: 11 },
        );
      });
    }
  }

  it("the checker itself catches a symbol the network lacks (W₃₈, Err₈)", () => {
    const net = buildNetwork(SEEDS.seed000!);
    const n = makeNotation(net, "node", "error");
    expect(unknownSymbols("W_{35} + W_{38} \\cdot \\mathrm{Err}_{8} + \\mathrm{Err}_{5}", net, n)).toEqual(["W_{38}", "\\mathrm{Err}_{8}"]);
    const seq = makeNotation(net, "sequential", "gradient");
    expect(unknownSymbols("w_{10} + w_{11} + b_{5} + b_{6}", net, seq)).toEqual(["w_{11}", "b_{6}"]);
  });

  it("two-digit node numbers get separators and are still read back", async () => {
    const spec: NetworkSpec = {
      learning_rate: 0.1,
      loss: "half-sse",
      reduction: "mean",
      mode: "online",
      epochs: 1,
      train_biases: true,
      layers: [
        { size: 6, activation: "identity" },
        { size: 4, activation: "sigmoid" },
        { size: 2, activation: "identity" },
      ],
      weights: [
        Array.from({ length: 4 }, () => [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
        [
          [0.1, 0.2, 0.3, 0.4],
          [0.5, 0.6, 0.7, 0.8],
        ],
      ],
      biases: [
        [0, 0, 0, 0],
        [0, 0],
      ],
      samples: [{ input: [1, 2, 3, 4, 5, 6], target: [1, 0] }],
    };
    const files = await check(spec, "node", "gradient", "full");
    expect(files["note.md"]).toContain("W_{10,12}");
    expect(files["note.md"]).toContain("W_{1,7}");
  });
});
