import type { Problem } from "./problem.js";
import type { OptimizerName } from "./types.js";

/**
 * What a command will do with a spec. Only the answer key knows CONTRACT §5's training rules so
 * far; the worked derivation, check and problem sets would show (or mark against) plain
 * gradient descent, so they refuse a spec that uses another optimizer or l2 > 0.
 */
export type SpecUse = "key" | "derivation" | "check" | "problems";

const WHY: Partial<Record<SpecUse, { optimizer: string; l2: string }>> = {
  derivation: {
    optimizer: "the worked derivation of optimizers is not written yet",
    l2: "the worked derivation of L2 regularisation is not written yet",
  },
  problems: {
    optimizer: "problem sets cannot ask about optimizers yet",
    l2: "problem sets cannot ask about L2 regularisation yet",
  },
};

/** The training rules `use` cannot show yet, each at its field; none for the answer key. */
export function unsupportedRules(spec: { optimizer?: OptimizerName; l2?: number }, use: SpecUse): Problem[] {
  const why = WHY[use];
  if (why === undefined) return [];
  const json = use === "derivation" ? "--format json" : "derive --format json";
  const problems: Problem[] = [];
  if (spec.optimizer !== undefined && spec.optimizer !== "sgd") {
    problems.push({
      path: ["optimizer"],
      message: `${spec.optimizer} is in the answer key (${json}) only so far; ${why.optimizer}`,
    });
  }
  if (spec.l2 !== undefined && spec.l2 > 0) {
    problems.push({ path: ["l2"], message: `λ = ${spec.l2} is in the answer key (${json}) only so far; ${why.l2}` });
  }
  return problems;
}
