import type { Network } from "../network/index.js";
import type { UpdateResult } from "../numeric/index.js";
import { accessor } from "./questions.js";
import type { Accessor, Quantity } from "./questions.js";

/** Why a candidate was rejected: the rule (counted in the message when no candidate fits) and the detail. */
export interface Rejection {
  rule: "kink" | "saturated" | "zero-gradient" | "numeric" | "duplicate";
  detail: string;
}

/** Beyond these |z| a sigmoid (tanh) is saturated: its derivative is below 0.0025 (0.0099). */
export const SATURATION: Partial<Record<string, number>> = { sigmoid: 6, tanh: 3 };

export const RULE_TEXT: Record<Rejection["rule"], string> = {
  kink: "a (leaky) ReLU net input within the displayed precision of 0",
  saturated: "a saturated sigmoid (|z| > 6) or tanh (|z| > 3)",
  "zero-gradient": "an asked quantity with a zero gradient (it would show unchanged, or as 0)",
  numeric: "numbers that overflow double precision",
  duplicate: "the same numbers as an earlier variant",
};

/**
 * The degeneracy rules (docs/problems.md). `unit` is one unit of the last shown decimal.
 *  - every (leaky) ReLU net input, in every update and sample, is at least one unit away from 0;
 *  - every sigmoid net input has |z| ≤ 6 and every tanh net input |z| ≤ 3;
 *  - every asked parameter moves by at least one unit (|η ∂L/∂θ| ≥ unit), every asked
 *    gradient and δ is at least one unit in size.
 */
export function degeneracy(net: Network, updates: UpdateResult[], checks: readonly Guard[], unit: number): Rejection | undefined {
  return netInputDegeneracy(net, updates, unit) ?? answerDegeneracy(net, updates[updates.length - 1]!, checks, unit);
}

/** The net-input rules alone (cheap: checked before any answer is computed). */
export function netInputDegeneracy(net: Network, updates: UpdateResult[], unit: number): Rejection | undefined {
  for (const u of updates) {
    for (const s of u.samples) {
      for (let l = 0; l < s.z.length; l++) {
        const name = net.layers[l + 1]!.activation!.name;
        const limit = SATURATION[name];
        for (let j = 0; j < s.z[l]!.length; j++) {
          const z = s.z[l]![j]!;
          const node = net.layers[l + 1]!.neurons[j]!.node;
          if ((name === "relu" || name === "leaky-relu") && Math.abs(z) < unit) {
            return { rule: "kink", detail: `z_${node} = ${z} is within ${unit} of the kink at 0` };
          }
          if (limit !== undefined && Math.abs(z) > limit) {
            return { rule: "saturated", detail: `${name} net input z_${node} = ${z} has |z| > ${limit}` };
          }
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
  return quantities.flatMap((q): Guard[] => {
    if (q.symbol.startsWith("new_")) {
      const g = accessor({ symbol: `dL_d${q.symbol.slice(4)}` }, net);
      return [{ symbol: q.symbol, size: (u, n) => Math.abs(eta * g(u, n)) }];
    }
    if (q.symbol.startsWith("dL_d") || q.symbol.startsWith("delta_")) {
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
