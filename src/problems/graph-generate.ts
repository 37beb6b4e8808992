import { deriveGraph } from "../derive/index.js";
import type { GraphDerivation } from "../derive/index.js";
import { SpecError } from "../spec/index.js";
import type { GraphSpec } from "../spec/index.js";
import type { Rejection } from "./degenerate.js";
import { drawNumber } from "./draw.js";
import { searchVariants } from "./generate.js";
import type { GenerateRequest } from "./generate.js";
import { graphDegeneracy } from "./graph-degenerate.js";
import { drawSpace } from "./graph-config.js";
import type { GraphProblemsConfig } from "./graph-config.js";
import { ProblemsError } from "./errors.js";
import { formatId } from "./ids.js";
import type { VariantId } from "./ids.js";
import { hashSeed, sfc32 } from "./prng.js";
import { fixed } from "./questions.js";
import type { Question } from "./types.js";

/** A problem set's source when the spec is a computational graph (CONTRACT §6). */
export interface GraphProblemSource {
  kind: "graph";
  /** Output file stem (the spec file name without extension). */
  name: string;
  spec: GraphSpec;
  config: GraphProblemsConfig;
}

/**
 * One variant of a graph: the spec with its drawn leaves, its derivation (numbers included) and
 * the questions with their answers. A question's `symbol` is the answer's path in the graph key:
 * `values.f` (the output), `gradients.x` (every input), `after.w` (every param's new value).
 */
export interface GraphVariant {
  id: string;
  index: number;
  spec: GraphSpec;
  derivation: GraphDerivation;
  questions: Question[];
}

type Candidate = { variant: GraphVariant; rejection?: undefined } | { variant?: undefined; rejection: Rejection };

/**
 * The variant an id names, or why it is degenerate. Its leaves are drawn in the spec's input
 * order from the PRNG seeded by the id alone, as a network's numbers are.
 */
function candidate(src: GraphProblemSource, id: VariantId): Candidate {
  const { spec, config } = src;
  const rng = sfc32(hashSeed(id.seed, id.index, id.attempt));
  const text = formatId(id);
  const variantSpec: GraphSpec = {
    ...spec,
    title: `${spec.title ?? src.name} (variant ${text})`,
    precision: config.precision,
    inputs: spec.inputs.map((leaf, i) => ({ name: leaf.name, value: drawNumber(rng, config.inputs[i]!.range) })),
  };
  let derivation: GraphDerivation;
  try {
    derivation = deriveGraph(variantSpec);
  } catch (err) {
    // a value that is not finite is the derivation's located problem; here it only rejects the draw
    if (err instanceof SpecError) return { rejection: { rule: "numeric", detail: err.diagnostics[0]?.message ?? err.message } };
    throw err;
  }
  const rejection = graphDegeneracy(derivation, 10 ** -config.precision, config.maxSize);
  if (rejection) return { rejection };
  return { variant: { id: text, index: id.index, spec: variantSpec, derivation, questions: graphQuestions(derivation, config) } };
}

/** The questions of a variant: the output's value, every input's gradient, every param's new value. */
export function graphQuestions(d: GraphDerivation, config: GraphProblemsConfig): Question[] {
  const n = d.numbers!;
  const ask = (symbol: string, value: number): Question => ({
    symbol,
    value,
    shown: fixed(value, config.precision),
    tolerance: config.tolerance,
  });
  return [
    ask(`values.${d.spec.output}`, n.values[d.spec.output]!),
    ...d.spec.inputs.map((i) => ask(`gradients.${i.name}`, n.gradients[i.name]!)),
    ...d.spec.params.map((p) => ask(`after.${p}`, n.after[p]!)),
  ];
}

/**
 * The variants of a graph problem set, found as a network's are (generate.ts's search): for
 * k = 1..count the first candidate that is neither degenerate nor a repeat, or the ids' own.
 */
export function generateGraph(src: GraphProblemSource, req: GenerateRequest): GraphVariant[] {
  const space = drawSpace(src.config);
  if (req.count !== undefined && req.count > space) {
    throw new ProblemsError(
      `${src.name}: its leaves' ranges hold only ${space} different draws (${src.config.inputs.map((i) => `${i.name} from ${i.range.min} to ${i.range.max}`).join(", ")}, ` +
        `0 left out), fewer than --count ${req.count}; lower --count, or give the leaves larger values or decimals`,
    );
  }
  return searchVariants(
    req,
    src.name,
    src.config.maxAttempts,
    (id) => candidate(src, id),
    (v) => JSON.stringify(v.spec.inputs.map((i) => i.value)),
    "A graph's leaves are drawn from ranges set by its own values: give them other values (wider, or with decimals), or lower --count.",
  );
}
