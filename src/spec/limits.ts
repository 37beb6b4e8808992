import { isMapping } from "./path.js";
import type { Problem } from "./problem.js";

/** Sizes past which a spec is refused outright, before anything proportional to them is built. */
export const LIMITS = {
  /** Checked before the file is read. */
  fileBytes: 64 * 1024 * 1024,
  layers: 64,
  layerSize: 10_000,
  /** Σ over non-input layers of (receiving × sending). */
  weights: 2_000_000,
  samples: 100_000,
  epochs: 1000,
  precision: 12,
  /** Nesting of lists and mappings; a spec needs about 5. */
  depth: 64,
  /** The yaml library costs ~20 µs and ~1–2 KB per value, so large specs must be JSON. */
  yamlValues: 250_000,
  jsonValues: 4_000_000,
  /** yaml's maxAliasCount: how many node copies aliases may expand to (alias bombs). */
  aliases: 100,
  /** Characters (code points) of a title; a 20,000-character one kept pdflatex busy for a minute in the slides. */
  titleChars: 500,
  /**
   * Sample passes, epochs × samples, written out step by step (Markdown, LaTeX): each costs
   * something even for the smallest network. 2,000 is 500 epochs of XOR's four samples.
   */
  passes: 2_000,
  /**
   * Parameter passes, parameters × sample passes (× 1 without numbers), written out: what
   * derive's time and memory grow with. 60,000 holds a 784-64-10 network with one sample
   * (50,890 parameters). Measured at the limit in docs/spec-validation.md.
   */
  work: 60_000,
  /**
   * The same two when only the numbers are computed (an answer key, `check`): 20,000 sample
   * passes hold Mazur's network trained for 10,001 online updates (issue 9), and 500,000
   * parameter passes a 784-64-10 network over nine samples.
   */
  computedPasses: 20_000,
  computedWork: 500_000,
  /** The same for a problem set, × variants: 10,000 variants of seed 000's 15 parameters. */
  problemWork: 150_000,
} as const;

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * The absurd-size checks, run on the raw data before validation: a declared layer of a
 * billion neurons must be refused before anything allocates a vector for it.
 */
export function checkLimits(data: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isMapping(data)) return problems;
  const { layers, samples } = data;
  if (Array.isArray(layers)) {
    if (layers.length > LIMITS.layers) {
      problems.push({
        path: ["layers"],
        message: `the network has ${count(layers.length)} layers; at most ${LIMITS.layers} are allowed`,
      });
    } else {
      const sizes: number[] = [];
      layers.forEach((layer, i) => {
        const size = isMapping(layer) ? layer.size : undefined;
        if (typeof size !== "number" || !Number.isFinite(size)) return;
        if (size > LIMITS.layerSize) {
          problems.push({
            path: ["layers", i, "size"],
            message: `layer ${i} has ${count(size)} neurons; at most ${count(LIMITS.layerSize)} per layer are allowed`,
          });
        }
        sizes[i] = size;
      });
      let weights = 0;
      for (let i = 1; i < sizes.length; i++) {
        if (sizes[i] !== undefined && sizes[i - 1] !== undefined) weights += Math.max(0, sizes[i]! * sizes[i - 1]!);
      }
      if (weights > LIMITS.weights && problems.length === 0) {
        problems.push({
          path: ["layers"],
          message: `these layer sizes need ${count(weights)} weights; at most ${count(LIMITS.weights)} are allowed`,
        });
      }
    }
  }
  if (Array.isArray(samples) && samples.length > LIMITS.samples) {
    problems.push({
      path: ["samples"],
      message: `${count(samples.length)} samples given; at most ${count(LIMITS.samples)} are allowed`,
    });
  }
  return problems;
}

/** The title's length: pdflatex's time grows faster than it (beamer's title page). */
export function checkTitle(data: Record<string, unknown>): Problem[] {
  if (typeof data.title !== "string" || data.title.length <= LIMITS.titleChars) return [];
  const chars = [...data.title].length;
  return chars > LIMITS.titleChars ? [{ path: ["title"], message: titleTooLong(chars) }] : [];
}

export const titleTooLong = (chars: number): string =>
  `is ${count(chars)} characters long; a title may have at most ${count(LIMITS.titleChars)}`;

/** Weights and biases of a network with these layer sizes. */
export function parameterCount(sizes: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i]! * (sizes[i - 1]! + 1);
  return n;
}

/**
 * Above this many parameters a derivation writes the equations of the first weight and bias of
 * each layer only (every value is in the tables); the renderer's LARGE_PARAMETERS.
 */
export const WRITTEN_PARAMETERS = 400;

/**
 * Lines a training rule (CONTRACT §5) writes per parameter and update besides plain gradient
 * descent's one step: its state (v; s; m and s) and Adam's two bias corrections. An L2 term adds
 * one (a weight's gradient with λw).
 */
const RULE_LINES: Record<string, number> = { sgd: 0, momentum: 1, nesterov: 1, rmsprop: 1, adam: 4, adamw: 4 };
/**
 * Such a line costs about a quarter of a parameter pass (a pass writes the parameter's part of
 * the forward pass, its gradient by the chain rule and its step): measured on a 10-10-10 network
 * with 272 samples, AdamW with l2 wrote 2.2 times plain gradient descent's text.
 */
const RULE_LINE_COST = 0.25;

/** What a derivation costs: sample passes (epochs × samples) and parameter passes (× parameters). */
export interface Work {
  epochs: number;
  samples: number;
  parameters: number;
  /** A training rule's lines per parameter and update (written derivations), and the updates. */
  rules?: { name: string; lines: number; updates: number };
}

/** The fields of a raw spec (schema.ts) that the work limits read. */
interface WorkFields {
  samples?: readonly unknown[];
  input?: unknown;
  epochs?: number;
  mode?: string;
  weights?: unknown;
  layers: readonly { size: number }[];
  optimizer?: string;
  l2?: number;
}

/** The training rule's written lines, if it writes any besides sgd's step. */
function ruleWork(spec: WorkFields, updates: number): Work["rules"] {
  const l2 = spec.l2 !== undefined && spec.l2 > 0;
  const optimizer = spec.optimizer ?? "sgd";
  const lines = (RULE_LINES[optimizer] ?? 0) + (l2 ? 1 : 0);
  if (lines === 0) return undefined;
  const name = optimizer === "sgd" ? "the L2 term" : `${optimizer}${l2 ? " with l2" : ""}`;
  return { name, lines, updates };
}

/**
 * Numbers only (an answer key, `check`), or every step written out (Markdown, LaTeX): the
 * second costs far more per pass, so it has its own, lower limits.
 */
export type WorkKind = "computed" | "written";

/**
 * The work limits, on a spec that is valid in every other way (so nothing is counted from a
 * value of the wrong type), before anything is derived.
 */
export function checkWork(spec: WorkFields, kind: WorkKind = "written"): Problem[] {
  const samples = spec.samples?.length ?? (spec.input !== undefined ? 1 : 0);
  const epochs = spec.epochs ?? 1;
  // Without weights (or samples) only the symbolic derivation is made: once, whatever the epochs.
  const numeric = spec.weights !== undefined && samples > 0;
  const updates = numeric ? epochs * (spec.mode === "batch" ? 1 : samples) : 1;
  const rules = ruleWork(spec, updates);
  const problem = workProblem(
    {
      epochs: numeric ? epochs : 1,
      samples: numeric ? samples : 1,
      parameters: parameterCount(spec.layers.map((l) => l.size)),
      ...(rules && { rules }),
    },
    undefined,
    kind,
  );
  if (!problem) return [];
  const path = problem.of === "layers" ? ["layers"] : epochs > 1 ? ["epochs"] : spec.samples !== undefined ? ["samples"] : ["input"];
  return [{ path, message: problem.message }];
}

/**
 * Which work limit `w` passes, if any, and what to say: the numbers that multiply, the product,
 * the limit. `variants` (a problem set) multiplies the parameter passes and has its own limit.
 */
export function workProblem(
  w: Work,
  variants?: number,
  kind: WorkKind = "written",
): { of: "passes" | "layers"; message: string } | undefined {
  const passes = w.epochs * w.samples;
  const epochs = w.epochs > 1 ? [plural(w.epochs, "epoch")] : [];
  const written = kind === "written";
  const maxPasses = written ? LIMITS.passes : LIMITS.computedPasses;
  if (passes > maxPasses) {
    return {
      of: "passes",
      message:
        `${[...epochs, plural(w.samples, "sample")].join(" × ")} = ${count(passes)} sample passes, ` +
        `${written ? "each derived and written out step by step" : "each computed"}; at most ${count(maxPasses)} are allowed` +
        (written && variants === undefined && passes <= LIMITS.computedPasses
          ? ` in Markdown and LaTeX (up to ${count(LIMITS.computedPasses)} for --format json and check)`
          : ""),
    };
  }
  const limit = variants !== undefined ? LIMITS.problemWork : written ? LIMITS.work : LIMITS.computedWork;
  const base = (variants ?? 1) * passes * w.parameters;
  // a training rule's own lines, written for every parameter of a network written one by one
  const rules = written && variants === undefined ? w.rules : undefined;
  const extra = rules ? Math.ceil(RULE_LINE_COST * rules.lines * rules.updates * Math.min(w.parameters, WRITTEN_PARAMETERS)) : 0;
  const total = base + extra;
  if (total <= limit) return undefined;
  const factors = [
    ...(variants === undefined ? [] : [plural(variants, "variant")]),
    `${plural(w.parameters, "parameter")}${variants === undefined && passes === 1 ? " (weights and biases)" : ""}`,
    ...epochs,
    ...(w.samples > 1 ? [plural(w.samples, "sample")] : []),
  ];
  const most = Math.floor(limit / (passes * w.parameters));
  return {
    of: passes > 1 ? "passes" : "layers",
    message:
      (extra === 0
        ? `${factors.join(" × ")} = ${count(total)} parameter passes`
        : `${factors.join(" × ")} = ${count(base)} parameter passes, and ${rules!.name} writes ${plural(rules!.lines, "more line")} per parameter and update (a quarter pass each): ${count(total)} in all`) +
      `; at most ${count(limit)} are allowed` +
      (variants === undefined ? "" : ` in a problem set${most >= 1 ? `; lower --count (${count(most)} at most here)` : ""}`) +
      (variants === undefined && written && total <= LIMITS.computedWork
        ? ` in Markdown and LaTeX (up to ${count(LIMITS.computedWork)} for --format json and check)`
        : ""),
  };
}

const plural = (n: number, one: string): string => `${count(n)} ${n === 1 ? one : `${one}s`}`;
