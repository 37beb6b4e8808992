/** Problem sets (docs/problems.md): variants of a spec with new numbers, sheets, solutions, key, Moodle quiz. */
export { loadProblemSource } from "./load.js";
export { resolveProblems } from "./config.js";
export type { ProblemsIssue } from "./config.js";
export { generate } from "./generate.js";
export type { GenerateRequest, GeneratedVariant } from "./generate.js";
export { problemFiles, PROBLEM_FORMATS } from "./files.js";
export type { ProblemFormat, ProblemSet } from "./files.js";
export { formatId, MAX_SEED, parseId } from "./ids.js";
export type { VariantId } from "./ids.js";
export { ProblemsError } from "./errors.js";
export type { ProblemsConfig, ProblemSource, Question, Variant } from "./types.js";
export { generateGraph } from "./graph-generate.js";
export type { GraphProblemSource, GraphVariant } from "./graph-generate.js";
export { graphProblemFiles } from "./graph-files.js";
export type { GraphProblemSet } from "./graph-files.js";
export type { GraphProblemsConfig } from "./graph-config.js";
