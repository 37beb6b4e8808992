import type { Problem } from "./problem.js";
import type { OptimizerName } from "./types.js";

/**
 * What a command will do with a spec. The answer key and the worked derivation know CONTRACT
 * §5's training rules; check and problem sets would mark against (or ask about) plain gradient
 * descent, so they refuse a spec that uses another optimizer or l2 > 0.
 */
export type SpecUse = "key" | "derivation" | "check" | "problems";

const WHY: Record<Exclude<SpecUse, "key" | "derivation">, { optimizer: string; l2: string }> = {
  check: {
    optimizer: "check does not know the optimizers' quantities yet",
    l2: "check does not know L2 regularisation yet",
  },
  problems: {
    optimizer: "problem sets cannot ask about optimizers yet",
    l2: "problem sets cannot ask about L2 regularisation yet",
  },
};

/** The training rules `use` cannot show yet, each at its field; none for the answer key and the derivation. */
export function unsupportedRules(spec: { optimizer?: OptimizerName; l2?: number }, use: SpecUse): Problem[] {
  if (use === "key" || use === "derivation") return [];
  const where = "the answer key and the derivation (derive)";
  const problems: Problem[] = [];
  if (spec.optimizer !== undefined && spec.optimizer !== "sgd") {
    problems.push({
      path: ["optimizer"],
      message: `${spec.optimizer} is in ${where} only so far; ${WHY[use].optimizer}`,
    });
  }
  if (spec.l2 !== undefined && spec.l2 > 0) {
    problems.push({ path: ["l2"], message: `λ = ${spec.l2} is in ${where} only so far; ${WHY[use].l2}` });
  }
  return problems;
}
