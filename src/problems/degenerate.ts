import { kindOf, parameterOf, sym } from "../network/index.js";
import type { Network } from "../network/index.js";
import { ACTIVATION_TABLE } from "../ops/index.js";
import type { Degeneracy } from "../ops/index.js";
import type { UpdateResult } from "../numeric/index.js";
import { trainingRules } from "../spec/index.js";
import { GRAPH_RULE_TEXT } from "./graph-rules.js";
import type { GraphRule } from "./graph-rules.js";
import { accessor, stepAccessor } from "./questions.js";
import type { Accessor, Quantity } from "./questions.js";

/** Why a candidate was rejected: the rule (counted in the message when no candidate fits) and the detail. */
export interface Rejection {
  rule: "kink" | "saturated" | "zero-gradient" | "numeric" | "duplicate" | GraphRule;
  detail: string;
}

/** The activations a rule applies to, from their records: "A or B", or "A (where), B (where) or C (where)". */
function under(rule: Degeneracy["rule"], withWhere: boolean): string {
  const names = Object.values(ACTIVATION_TABLE)
    .filter((a) => a.degeneracy?.rule === rule)
    .map((a) => (withWhere ? `${a.label} (${a.degeneracy!.where})` : a.label));
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

export const RULE_TEXT: Record<Rejection["rule"], string> = {
  kink: `a ${under("kink", false)} net input within the displayed precision of 0`,
  saturated: `a saturated ${under("saturated", true)}`,
  "zero-gradient": "an asked quantity with a zero gradient (it would show unchanged, or as 0)",
  numeric: "numbers that overflow double precision",
  duplicate: "the same numbers as an earlier variant",
  ...GRAPH_RULE_TEXT,
};

/**
 * The degeneracy rules (docs/problems.md). `unit` is one unit of the last shown decimal.
 *  - every net input of an activation with a kink, in every update and sample, is at least one unit away from 0;
 *  - no net input of a saturating activation lies where its derivative all but vanishes
 *    (each activation's record says where);
 *  - every asked parameter moves by at least one unit (|η ∂L/∂θ| ≥ unit; another optimizer, or
 *    l2: its step), every asked gradient, δ and state (v, m, s, m̂, ŝ) is at least one unit in size.
 */
export function degeneracy(net: Network, updates: UpdateResult[], checks: readonly Guard[], unit: number): Rejection | undefined {
  return netInputDegeneracy(net, updates, unit) ?? answerDegeneracy(net, updates[updates.length - 1]!, checks, unit);
}

/** The net-input rules alone (cheap: checked before any answer is computed). */
export function netInputDegeneracy(net: Network, updates: UpdateResult[], unit: number): Rejection | undefined {
  for (const u of updates) {
    for (const s of u.samples) {
      for (let l = 0; l < s.z.length; l++) {
        const f = net.layers[l + 1]!.activation!;
        const rule = f.degeneracy;
        if (rule === undefined) continue;
        for (let j = 0; j < s.z[l]!.length; j++) {
          const z = s.z[l]![j]!;
          if (!rule.test(z, unit)) continue;
          const node = net.layers[l + 1]!.neurons[j]!.node;
          return rule.rule === "kink"
            ? { rule: "kink", detail: `z_${node} = ${z} is within ${unit} of the kink at 0` }
            : { rule: "saturated", detail: `${f.name} net input z_${node} = ${z} has ${rule.where}` };
        }
      }
    }
  }
  return undefined;
}

/** What must be visibly non-zero for one asked quantity: |η ∂L/∂θ| for a new θ, |∂L/∂θ| or |δ| when asked. */
export interface Guard {
  symbol: string;
  size: Accessor;
}

export function guards(quantities: readonly Quantity[], net: Network): Guard[] {
  const eta = net.spec.learning_rate;
  const rules = trainingRules(net.spec);
  const plain = rules.optimizer === "sgd" && rules.l2 === 0;
  return quantities.flatMap((q): Guard[] => {
    const kind = kindOf(q.symbol);
    if (kind === "updated" && plain) {
      const g = accessor({ symbol: sym.grad(parameterOf(q.symbol)!) }, net);
      return [{ symbol: q.symbol, size: (u, n) => Math.abs(eta * g(u, n)) }];
    }
    // another optimizer (or l2) moves a parameter by its own step: that step must show
    if (kind === "updated") {
      const step = stepAccessor(parameterOf(q.symbol)!, net);
      return [{ symbol: q.symbol, size: (u, n) => Math.abs(step(u, n)) }];
    }
    // the optimizer's state and the gradient with λw are asked numbers, as a gradient is
    if (kind === "grad" || kind === "delta" || kind === "g" || kind === "newstate" || kind === "hat") {
      const g = accessor(q, net);
      return [{ symbol: q.symbol, size: (u, n) => Math.abs(g(u, n)) }];
    }
    return [];
  });
}

/** The asked-quantity rule, on the last update. */
export function answerDegeneracy(net: Network, last: UpdateResult, checks: readonly Guard[], unit: number): Rejection | undefined {
  for (const c of checks) {
    const size = c.size(last, net);
    if (size < unit) return { rule: "zero-gradient", detail: `${c.symbol} would change by, or be, only ${size}` };
  }
  return undefined;
}
