import type { Network } from "../network/index.js";
import { applyFunction } from "./note-parse.js";
import type { Ex } from "./note-parse.js";

/**
 * A numeric step of a chain (`Y5 = 0.57x(-0.1) + 0.1x1.5 = -1.9`) checked against the number
 * written after it. Every number of the step stands for any value that rounds to it (half a unit
 * in its last written digit; a whole number is exact), so the step is a range, and it is wrong
 * only when that range and the written result's own cannot meet: rounding drift is never a
 * mistake here. Where adding the left-hand side's bias (from the spec) closes the gap, the sum
 * left the bias out.
 */
export interface StepFinding {
  message: string;
  diagnosis?: string;
}

type Range = [number, number];

/** The values a numeric part may stand for, given the rounding of its numbers; undefined when unreadable. */
export function numericRange(ex: Ex, exact = false): Range | undefined {
  const go = (e: Ex): Range | undefined => {
    switch (e.t) {
      case "num": {
        const v = Number(e.text);
        const decimals = e.text.includes(".") ? e.text.split(".")[1]!.replace(/e.*/i, "").length : -1;
        const h = decimals < 0 || exact ? 0 : 0.5 * 10 ** -decimals;
        return [v - h, v + h];
      }
      case "neg": {
        const a = go(e.a);
        return a && [-a[1], -a[0]];
      }
      case "id":
        return e.tok.base === "e" && e.tok.sub === "" ? [Math.E, Math.E] : undefined;
      case "call": {
        const a = go(e.arg);
        if (!a) return undefined;
        // the functions are monotone, their derivatives not always: the ends and the middle
        const vs = [a[0], (a[0] + a[1]) / 2, a[1]].map((x) => applyFunction(e.fn, e.prime, x));
        if (vs.some((v) => v === undefined || !Number.isFinite(v))) return undefined;
        return [Math.min(...(vs as number[])), Math.max(...(vs as number[]))];
      }
      case "bin": {
        const a = go(e.a);
        const b = go(e.b);
        if (!a || !b) return undefined;
        if (e.op === "+") return [a[0] + b[0], a[1] + b[1]];
        if (e.op === "-") return [a[0] - b[1], a[1] - b[0]];
        if (e.op === "/" && b[0] <= 0 && b[1] >= 0) return undefined;
        const op = (x: number, y: number) => (e.op === "*" ? x * y : e.op === "/" ? x / y : x ** y);
        const vs = [op(a[0], b[0]), op(a[0], b[1]), op(a[1], b[0]), op(a[1], b[1])];
        if (vs.some((v) => !Number.isFinite(v))) return undefined;
        return [Math.min(...vs), Math.max(...vs)];
      }
      default:
        return undefined;
    }
  };
  return go(ex);
}

/** The finding on a numeric step that cannot give the number after it; undefined when it can. */
export function checkStep(step: Ex, result: string, node: number | undefined, net: Network): StepFinding | undefined {
  const range = numericRange(step);
  // the result is rounded however it is written: a whole number to its units (derive writes 1.99997 as 2)
  const digits = result.replace(/^-/, "");
  const r = numericRange({ t: "num", text: digits.includes(".") ? digits : `${digits}.0`, at: 0 });
  if (!range || !r) return undefined;
  const res: Range = result.startsWith("-") ? [-r[1], -r[0]] : r;
  const slack = 1e-9 * (1 + Math.abs(res[0]));
  const meets = (a: Range) => a[0] <= res[1] + slack && a[1] >= res[0] - slack;
  if (meets(range)) return undefined;
  const value = numericRange(step, true)?.[0] ?? (range[0] + range[1]) / 2;
  const gives = `the written step gives ${Number(value.toPrecision(4))}, not ${result}`;
  const bias = node === undefined ? undefined : biasValue(net, node);
  if (bias !== undefined && bias.value !== 0 && meets([range[0] + bias.value, range[1] + bias.value])) {
    return {
      message: `${gives}: the bias (${bias.value}) is left out of the written sum, though the result includes it`,
      diagnosis: "missing-bias",
    };
  }
  return { message: gives };
}

function biasValue(net: Network, node: number): { value: number } | undefined {
  for (const p of net.parameters) {
    if (p.kind !== "bias" || !p.neurons.some((n) => n.node === node)) continue;
    const b = net.spec.biases[p.layer - 1];
    const value = typeof b === "number" ? b : b?.[p.row];
    return value === undefined ? undefined : { value };
  }
  return undefined;
}
