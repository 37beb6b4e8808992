/** Spec loading and validation: YAML or JSON text → a validated NetworkSpec, or located diagnostics. */
export { SpecError, formatDiagnostic } from "./diagnostic.js";
export type { Diagnostic } from "./diagnostic.js";
export { parseSpec, formatOf } from "./parse.js";
export type { SpecFormat } from "./parse.js";
export { loadSpec } from "./load.js";
export { LIMITS } from "./limits.js";
export type { WorkKind } from "./limits.js";
export { unsupportedRules } from "./support.js";
export type { SpecUse } from "./support.js";
export { hasNumbers } from "./types.js";
export type { NetworkSpec, LayerSpec, Sample, BiasSpec, ActivationName, LossName } from "./types.js";
