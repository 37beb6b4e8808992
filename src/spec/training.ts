import { quote } from "./describe.js";
import type { Problem } from "./problem.js";
import { OPTIMIZER_SETTINGS, OPTIMIZERS } from "./types.js";
import type { OptimizerName, OptimizerSetting, TrainingRules } from "./types.js";

const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const orList = (names: readonly string[]): string =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]!}`;

/**
 * A training setting (CONTRACT §5) given with an optimizer that does not use it is refused,
 * naming the optimizers that do: `momentum: 0.9` under sgd would otherwise be silently ignored.
 * Skipped when the optimizer itself is not valid (the schema reports that).
 */
export function checkTraining(data: Record<string, unknown>): Problem[] {
  const given = has(data, "optimizer") ? data.optimizer : "sgd";
  if (typeof given !== "string" || !(OPTIMIZERS as readonly string[]).includes(given)) return [];
  const optimizer = given as OptimizerName;
  const problems: Problem[] = [];
  for (const key of Object.keys(OPTIMIZER_SETTINGS) as OptimizerSetting[]) {
    if (!has(data, key)) continue;
    const users: readonly OptimizerName[] = OPTIMIZER_SETTINGS[key];
    if (users.includes(optimizer)) continue;
    const which = has(data, "optimizer") ? `optimizer ${optimizer}` : "optimizer sgd (the default)";
    const advice =
      key === "weight_decay"
        ? "; for L2 regularisation with any optimizer use l2, or choose optimizer: adamw"
        : `; remove it, or choose optimizer: ${orList(users)}`;
    problems.push({
      path: [key],
      at: "key",
      message: `${quote(key)} is used by ${orList(users)} only, not by ${which}${advice}`,
    });
  }
  return problems;
}

/**
 * The training fields to write when a NetworkSpec is written back out as a spec: the optimizer,
 * the settings it uses, and l2. The loader refuses the others (see checkTraining), so a
 * written-out spec must leave them out to load again.
 */
export function writtenTrainingFields(spec: TrainingRules): Partial<TrainingRules> {
  const out: Record<string, unknown> = { optimizer: spec.optimizer };
  for (const key of Object.keys(OPTIMIZER_SETTINGS) as OptimizerSetting[]) {
    if ((OPTIMIZER_SETTINGS[key] as readonly OptimizerName[]).includes(spec.optimizer)) out[key] = spec[key];
  }
  out.l2 = spec.l2;
  return out as Partial<TrainingRules>;
}
