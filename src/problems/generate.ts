import { buildNetwork } from "../network/index.js";
import type { Network } from "../network/index.js";
import { NumericError, train } from "../numeric/index.js";
import type { UpdateResult } from "../numeric/index.js";
import type { NetworkSpec } from "../spec/index.js";
import { degeneracy, guards, RULE_TEXT } from "./degenerate.js";
import type { Guard, Rejection } from "./degenerate.js";
import { drawSpec } from "./draw.js";
import { ProblemsError } from "./errors.js";
import { formatId, parseId } from "./ids.js";
import type { VariantId } from "./ids.js";
import { hashSeed, sfc32 } from "./prng.js";
import { accessor, answer, quantities } from "./questions.js";
import type { Accessor, Quantity } from "./questions.js";
import type { ProblemSource, Variant } from "./types.js";

export interface GenerateRequest {
  seed: number;
  /** Variants 1..count of the seed, or exactly the variants these ids name. */
  count?: number;
  ids?: string[];
  /** Called after each variant is made. */
  onProgress?: (done: number, total: number) => void;
}

export interface GeneratedVariant extends Variant {
  net: Network;
  /** The numeric pass of the variant (every update), for the solutions. */
  updates: UpdateResult[];
}

type Candidate = { variant: GeneratedVariant; rejection?: undefined } | { variant?: undefined; rejection: Rejection };

/** What every candidate of one source shares: the network's structure and the quantities asked. */
interface Context {
  src: ProblemSource;
  net: Network;
  quantities: Quantity[];
  accessors: Accessor[];
  guards: Guard[];
}

function context(src: ProblemSource): Context {
  const net = buildNetwork(src.spec);
  // The last update uses every sample (batch) or one (online).
  const perUpdate = src.spec.mode === "batch" ? src.config.samples : 1;
  const qs = quantities(src.config.ask, net, perUpdate);
  return { src, net, quantities: qs, accessors: qs.map((q) => accessor(q, net)), guards: guards(qs, net) };
}

/** The variant an id names, or why that candidate is degenerate. Pure: depends on (spec, config, id) only. */
function candidate(ctx: Context, id: VariantId): Candidate {
  const {
    src,
    src: { spec, config },
  } = ctx;
  const drawn = drawSpec(spec, config, sfc32(hashSeed(id.seed, id.index, id.attempt)));
  const text = formatId(id);
  const variantSpec: NetworkSpec = {
    ...drawn,
    title: `${spec.title ?? src.name} (variant ${text})`,
    precision: config.precision,
  };
  delete variantSpec.problems;
  // Only the numbers differ from the base spec: the structure is shared.
  const net: Network = { ...ctx.net, spec: variantSpec };
  let updates: UpdateResult[];
  try {
    updates = train(net);
  } catch (err) {
    if (err instanceof NumericError) return { rejection: { rule: "numeric", detail: err.message } };
    throw err;
  }
  const unit = 10 ** -config.precision;
  const rejection = degeneracy(net, updates, ctx.guards, unit);
  if (rejection) return { rejection };
  const questions = answer(ctx.quantities, ctx.accessors, net, updates[updates.length - 1]!, config.precision, config.tolerance);
  return { variant: { id: text, index: id.index, spec: variantSpec, questions, net, updates } };
}

/** The numbers that make a variant what it is (two variants with the same are identical). */
const fingerprint = (s: NetworkSpec): string => JSON.stringify([s.weights, s.biases, s.samples]);

/**
 * Makes the variants: for k = 1..count, candidates (S, k, 0), (S, k, 1), … are drawn until one is
 * neither degenerate nor identical to an earlier variant; its id is S-k-a. With `ids`, each id's
 * candidate is drawn directly (and must not be degenerate).
 */
export function generate(src: ProblemSource, req: GenerateRequest): GeneratedVariant[] {
  const ctx = context(src);
  return searchVariants(
    req,
    src.name,
    src.config.maxAttempts,
    (id) => candidate(ctx, id),
    (v) => fingerprint(v.spec),
  );
}

/**
 * The search every kind of problem set shares (layered networks here, graphs in graph-generate.ts):
 * for k = 1..count, candidates (S, k, 0), (S, k, 1), … until one is neither degenerate nor a
 * repeat of an earlier variant (same fingerprint); with `ids`, exactly the candidates they name.
 */
export function searchVariants<V extends { id: string }>(
  req: GenerateRequest,
  name: string,
  maxAttempts: number,
  draw: (id: VariantId) => { variant: V; rejection?: undefined } | { variant?: undefined; rejection: Rejection },
  print: (v: V) => string,
  advice = "Widen the ranges, add decimals, ask for fewer quantities, or lower --count.",
): V[] {
  if (req.ids)
    return req.ids.map((text, i) => {
      const v = fromId(name, draw, text, req.seed);
      req.onProgress?.(i + 1, req.ids!.length);
      return v;
    });
  const count = req.count ?? 1;
  const seen = new Map<string, string>();
  const variants: V[] = [];
  for (let index = 1; index <= count; index++) {
    const tally = new Map<Rejection["rule"], { count: number; last: string }>();
    let found: V | undefined;
    for (let attempt = 0; attempt < maxAttempts && !found; attempt++) {
      const c = draw({ seed: req.seed, index, attempt });
      let rejection = c.rejection;
      if (c.variant) {
        const f = print(c.variant);
        const earlier = seen.get(f);
        if (earlier !== undefined) rejection = { rule: "duplicate", detail: `the same numbers as variant ${earlier}` };
        else {
          seen.set(f, c.variant.id);
          found = c.variant;
        }
      }
      if (rejection) tally.set(rejection.rule, { count: (tally.get(rejection.rule)?.count ?? 0) + 1, last: rejection.detail });
    }
    if (!found) throw exhausted(name, maxAttempts, index, tally, advice);
    variants.push(found);
    req.onProgress?.(index, count);
  }
  return variants;
}

function fromId<V>(
  name: string,
  draw: (id: VariantId) => { variant: V; rejection?: undefined } | { variant?: undefined; rejection: Rejection },
  text: string,
  seed: number | undefined,
): V {
  const id = parseId(text);
  if (!id) throw new ProblemsError(`--variant: "${text}" is not a variant id (seed-index-attempt, e.g. 1-7-3)`);
  if (seed !== undefined && id.seed !== seed) {
    throw new ProblemsError(`--variant: ${text} belongs to seed ${id.seed}, not to --seed ${seed}`);
  }
  const c = draw(id);
  if (c.rejection) {
    throw new ProblemsError(
      `--variant: ${text} names no variant of ${name}: its numbers are degenerate (${c.rejection.detail}). ` +
        "Was the spec or its problems: block changed since the set was made?",
    );
  }
  return c.variant;
}

function exhausted(
  name: string,
  maxAttempts: number,
  index: number,
  tally: Map<Rejection["rule"], { count: number; last: string }>,
  advice: string,
): ProblemsError {
  const reasons = [...tally.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([rule, t]) => `${t.count}× ${RULE_TEXT[rule]} (last: ${t.last})`);
  return new ProblemsError(
    `${name}: no usable variant ${index} in ${maxAttempts} attempts (problems.max_attempts); ` +
      `rejected: ${reasons.join("; ")}. ${advice}`,
  );
}
