import type { Problem } from "./problem.js";
import type { OptimizerName } from "./types.js";

/**
 * What a command will do with a spec. The answer key, check and problem sets know CONTRACT §5's
 * training rules; the worked derivation does not yet: it would show plain gradient descent, so
 * it refuses a spec that uses another optimizer or l2 > 0, and so do the worked solutions of a
 * problem set (`solutions`: problems --format md or tex), which the derivation renders.
 */
export type SpecUse = "key" | "derivation" | "check" | "problems" | "solutions";

const WHY: Partial<Record<SpecUse, { optimizer: string; l2: string; json: string }>> = {
  derivation: {
    optimizer: "the worked derivation of optimizers is not written yet",
    l2: "the worked derivation of L2 regularisation is not written yet",
    json: "the answer key (--format json)",
  },
  solutions: {
    optimizer: "the worked solutions (--format md, tex) are derivations, which cannot show optimizers yet",
    l2: "the worked solutions (--format md, tex) are derivations, which cannot show L2 regularisation yet",
    json: "a problem set's key and Moodle quiz (--format json,moodle)",
  },
};

/** The training rules `use` cannot show yet, each at its field; none for the answer key, check and problem sets. */
export function unsupportedRules(spec: { optimizer?: OptimizerName; l2?: number }, use: SpecUse): Problem[] {
  const why = WHY[use];
  if (why === undefined) return [];
  const problems: Problem[] = [];
  if (spec.optimizer !== undefined && spec.optimizer !== "sgd") {
    problems.push({ path: ["optimizer"], message: `${spec.optimizer} is in ${why.json} only so far; ${why.optimizer}` });
  }
  if (spec.l2 !== undefined && spec.l2 > 0) {
    problems.push({ path: ["l2"], message: `λ = ${spec.l2} is in ${why.json} only so far; ${why.l2}` });
  }
  return problems;
}
