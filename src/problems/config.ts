import { buildNetwork } from "../network/index.js";
import { ACTIVATION_TABLE, LOSS_TABLE } from "../ops/index.js";
import type { Network } from "../network/index.js";
import { LIMITS, titleTooLong, trainingRules } from "../spec/index.js";
import type { NetworkSpec } from "../spec/index.js";
import { isAskGroup, symbolProblem } from "./questions.js";
import { stateOf } from "../numeric/index.js";
import type { NumberRange, ProblemsConfig, TargetVariation, Variation } from "./types.js";

/** A problem with the `problems:` block: the path below the spec's root, and what is wrong. */
export interface ProblemsIssue {
  path: (string | number)[];
  message: string;
  /** Point at the key itself (an unknown setting) rather than at its value. */
  at?: "key";
}

export type ResolveResult = { config: ProblemsConfig; issues: [] } | { config?: undefined; issues: ProblemsIssue[] };

const KEYS = ["title", "precision", "tolerance", "weights", "biases", "inputs", "targets", "samples", "ask", "max_attempts"];
const RANGE_KEYS = ["min", "max", "decimals", "nonzero"];

const DEFAULT_PRECISION = 4;
const DEFAULT_ATTEMPTS = 1000;
const DEFAULT_ASK = ["updated-parameters", "loss-after"];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** Integer steps a range holds: min..max in units of 10^-decimals (float noise tolerated). */
export function rangeSteps(r: NumberRange): { lo: number; hi: number } {
  const scale = 10 ** r.decimals;
  return { lo: Math.ceil(r.min * scale - 1e-9), hi: Math.floor(r.max * scale + 1e-9) };
}

/** How many distinct values a range can give. */
export function rangeSize(r: NumberRange): number {
  const { lo, hi } = rangeSteps(r);
  return Math.max(0, hi - lo + 1) - (r.nonzero && lo <= 0 && hi >= 0 ? 1 : 0);
}

/**
 * Validates the raw `problems:` value of a loaded spec (undefined = all defaults) and fills in
 * the defaults. Every problem is reported with its path, so the caller can give it a line.
 */
export function resolveProblems(raw: unknown, spec: NetworkSpec, name: string): ResolveResult {
  const issues: ProblemsIssue[] = [];
  const at = (path: (string | number)[], message: string, where?: "key"): void =>
    void issues.push({ path: ["problems", ...path], message, ...(where && { at: where }) });
  const block: Record<string, unknown> = raw === undefined || raw === null ? {} : isObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isObject(raw)) at([], "must be a mapping of settings (weights:, inputs:, ask:, …)");
  for (const k of Object.keys(block)) if (!KEYS.includes(k)) at([k], `unknown setting; expected one of ${KEYS.join(", ")}`, "key");

  const net = buildNetwork(spec);
  const outputs = spec.layers[spec.layers.length - 1]!.size;

  let title = spec.title ?? name;
  if (block.title !== undefined) {
    if (typeof block.title !== "string" || block.title.trim() === "") at(["title"], "must be a non-empty string");
    else if ([...block.title].length > LIMITS.titleChars) at(["title"], titleTooLong([...block.title].length));
    else title = block.title;
  }
  let precision = spec.precision ?? DEFAULT_PRECISION;
  if (block.precision !== undefined) {
    if (isInt(block.precision) && block.precision >= 0 && block.precision <= 10) precision = block.precision;
    else at(["precision"], "must be a whole number of decimals from 0 to 10");
  }
  let tolerance = 5 / 10 ** (precision + 1); // half a unit of the last shown decimal
  if (block.tolerance !== undefined) {
    if (typeof block.tolerance === "number" && block.tolerance > 0 && Number.isFinite(block.tolerance)) tolerance = block.tolerance;
    else at(["tolerance"], "must be a number > 0 (an absolute tolerance)");
  }

  const hasSamples = spec.samples.length > 0;
  const allZeroBiases = spec.biases.every((b) => (typeof b === "number" ? b === 0 : b.every((x) => x === 0)));
  const oneHotTargets = hasSamples && spec.samples.every((s) => isOneHot(s.target));
  const outAct = ACTIVATION_TABLE[spec.layers[spec.layers.length - 1]!.activation];

  const range = (min: number, max: number, decimals: number, nonzero: boolean): Variation => ({
    kind: "range",
    range: { min, max, decimals, nonzero },
  });
  const weights = variation(block, "weights", range(-2, 2, 1, true), at);
  const biases = variation(block, "biases", allZeroBiases ? { kind: "fixed" } : range(-1, 1, 1, false), at);
  const inputs = variation(block, "inputs", range(0, 1, 2, true), at);
  const targetDefault: TargetVariation =
    oneHotTargets || (!hasSamples && outAct.distribution) ? { kind: "one-hot" } : hasSamples ? { kind: "fixed" } : range(0, 1, 1, false);
  const targets: TargetVariation | undefined =
    block.targets === "one-hot" ? { kind: "one-hot" } : variation(block, "targets", targetDefault, at, "one-hot");

  if (weights?.kind === "fixed" && !spec.weights) at(["weights"], "is fixed but the spec has no weights to keep; give a range");
  if (!hasSamples) {
    if (inputs?.kind === "fixed") at(["inputs"], "is fixed but the spec has no samples to keep; give a range");
    if (targets?.kind === "fixed") at(["targets"], "is fixed but the spec has no samples to keep; give a range or one-hot");
  }
  if (targets?.kind === "range" && LOSS_TABLE[spec.loss].probabilityTargets && (targets.range.min < 0 || targets.range.max > 1)) {
    at(["targets"], `must lie within 0..1 for the ${spec.loss} loss`);
  }
  if (targets?.kind === "one-hot" && outAct.distribution && outputs < 2) at(["targets"], "one-hot needs at least 2 outputs");

  let samples = hasSamples ? spec.samples.length : 1;
  if (block.samples !== undefined) {
    if (!isInt(block.samples) || block.samples < 1 || block.samples > 100) at(["samples"], "must be a whole number from 1 to 100");
    else if (hasSamples && block.samples !== spec.samples.length && (inputs?.kind === "fixed" || targets?.kind === "fixed")) {
      at(["samples"], `differs from the spec's ${spec.samples.length} sample(s) while inputs or targets are fixed`);
    } else samples = block.samples;
  }

  let ask = DEFAULT_ASK;
  if (block.ask !== undefined) {
    if (!Array.isArray(block.ask) || block.ask.length === 0)
      at(["ask"], "must be a non-empty list of quantities (e.g. [updated-parameters, loss-after])");
    else {
      ask = [];
      block.ask.forEach((q, i) => {
        if (typeof q !== "string") return at(["ask", i], "must be a quantity name or a symbol id (e.g. new_w_1_3)");
        const why = isAskGroup(q) ? groupProblem(q, net) : symbolProblem(q, net);
        if (why) at(["ask", i], why);
        else ask.push(q);
      });
    }
  }

  let maxAttempts = DEFAULT_ATTEMPTS;
  if (block.max_attempts !== undefined) {
    if (isInt(block.max_attempts) && block.max_attempts >= 1 && block.max_attempts <= 1_000_000) maxAttempts = block.max_attempts;
    else at(["max_attempts"], "must be a whole number from 1 to 1000000");
  }

  if (issues.length > 0 || !weights || !biases || !inputs || !targets) return { issues };
  return {
    config: { title, precision, tolerance, weights, biases, inputs, targets, samples, ask, maxAttempts },
    issues: [],
  };
}

function isOneHot(t: readonly number[]): boolean {
  return t.length >= 2 && t.every((x) => x === 0 || x === 1) && t.filter((x) => x === 1).length === 1;
}

/** Why a named group cannot be asked of this network (undefined when it can). */
function groupProblem(group: string, net: Network): string | undefined {
  if (group === "updated-biases" && !net.spec.train_biases) return "the spec keeps its biases fixed (train_biases: false)";
  if (group === "state" && stateOf(trainingRules(net.spec).optimizer).length === 0) {
    return "plain gradient descent (optimizer: sgd) keeps no state; give the spec an optimizer such as momentum or adam";
  }
  return undefined;
}

/** Reads `fixed`, a range mapping (or, for targets, `one-hot`); undefined after reporting an issue. */
function variation<T extends TargetVariation>(
  block: Record<string, unknown>,
  key: string,
  fallback: T,
  at: (path: (string | number)[], message: string, where?: "key") => void,
  extra?: string,
): Variation | T | undefined {
  const v = block[key];
  if (v === undefined) return fallback;
  if (v === "fixed" || v === false) return { kind: "fixed" };
  const choices = `"fixed"${extra ? `, "${extra}"` : ""} or a range {min, max, decimals}`;
  if (!isObject(v)) return void at([key], `must be ${choices}`);
  let ok = true;
  for (const k of Object.keys(v)) {
    if (!RANGE_KEYS.includes(k)) {
      at([key, k], `unknown setting; a range has ${RANGE_KEYS.join(", ")}`, "key");
      ok = false;
    }
  }
  const num = (k: "min" | "max"): number | undefined => {
    const x = v[k];
    if (typeof x === "number" && Number.isFinite(x)) return x;
    at([key, k], x === undefined ? "is required in a range" : "must be a number");
    ok = false;
    return undefined;
  };
  const min = num("min");
  const max = num("max");
  let decimals = 1;
  if (v.decimals !== undefined) {
    if (isInt(v.decimals) && v.decimals >= 0 && v.decimals <= 6) decimals = v.decimals;
    else {
      at([key, "decimals"], "must be a whole number from 0 to 6");
      ok = false;
    }
  }
  let nonzero = key === "weights" || key === "inputs";
  if (v.nonzero !== undefined) {
    if (typeof v.nonzero === "boolean") nonzero = v.nonzero;
    else {
      at([key, "nonzero"], "must be true or false");
      ok = false;
    }
  }
  if (!ok || min === undefined || max === undefined) return undefined;
  if (min > max) return void at([key, "max"], `must be at least min (${min})`);
  const range = { min, max, decimals, nonzero };
  if (rangeSize(range) < 2) return void at([key], `holds fewer than 2 values with ${decimals} decimal(s)${nonzero ? " (0 left out)" : ""}`);
  return { kind: "range", range };
}
