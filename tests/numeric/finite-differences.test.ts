import fc from "fast-check";
import { describe, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { answerKey, train } from "../../src/numeric/index.js";
import { FD_TOL, mismatches, sameFields } from "../oracle/compare.js";
import { KinkError, referenceAnswerKey } from "../oracle/reference.js";
import { arbSpec } from "../helpers/random-spec.js";

/** Objects as arrays of their fields in key order, so that the oracle's comparison can walk them. */
function asArrays(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(asArrays);
  if (x !== null && typeof x === "object") {
    return Object.keys(x)
      .sort()
      .map((k) => asArrays((x as Record<string, unknown>)[k]));
  }
  return x;
}

describe("numeric pass against central finite differences (independent oracle)", () => {
  it("every gradient, dL/dz, parameter and loss of random networks", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        let expected;
        try {
          expected = referenceAnswerKey(spec);
        } catch (err) {
          // A ReLU net input exactly at its kink: finite differences are undefined there.
          fc.pre(!(err instanceof KinkError));
          throw err;
        }
        const got = answerKey(train(buildNetwork(spec)));
        // The fields of CONTRACT §3 (§5's additions are checked in tests/numeric/optimizers.test.ts).
        const bad = mismatches(asArrays(sameFields(got.updates, expected.updates)), asArrays(expected.updates), FD_TOL);
        if (bad.length > 0) throw new Error(`${bad.length} mismatches, first: ${bad.slice(0, 5).join("; ")}`);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
