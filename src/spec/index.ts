/** Spec loading and validation: YAML or JSON text → a validated NetworkSpec, or located diagnostics. */
export { SpecError, formatDiagnostic } from "./diagnostic.js";
export type { Diagnostic } from "./diagnostic.js";
export { parseSpec, formatOf } from "./parse.js";
export type { SpecFormat } from "./parse.js";
export { loadSpec } from "./load.js";
export { LIMITS } from "./limits.js";
export { hasNumbers } from "./types.js";
export type { NetworkSpec, LayerSpec, Sample, BiasSpec, ActivationName, LossName } from "./types.js";
export { CONVENTIONS, NOTATIONS } from "./types.js";
export type { ConventionName, NotationName } from "./types.js";
export { readInput, STDIN } from "./read.js";
export { readSpecText } from "./load.js";
export { readJson } from "./json-source.js";
export { parseYaml, readYaml } from "./yaml-source.js";
export { finishDiagnostics } from "./diagnostic.js";
export { formatPath } from "./path.js";
export { parameterCount, titleTooLong, workProblem } from "./limits.js";
export { escapeControls, quote } from "./describe.js";
