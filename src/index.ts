/**
 * The public API: plain data in, plain data out, one stage per step of the pipeline
 * spec → network → numeric → derive → render. The CLI (src/cli/) is a thin layer over it.
 * Importing `derive` or `render` text formats loads mathjs (about half a second, once).
 */
export { loadSpec, parseSpec, SpecError, formatDiagnostic } from "./spec/index.js";
export type { Diagnostic, NetworkSpec, LayerSpec, Sample, BiasSpec, ActivationName, LossName } from "./spec/index.js";
export { ACTIVATION_TABLE, LOSS_TABLE } from "./ops/index.js";
export type { Activation, Loss } from "./ops/index.js";
export { buildNetwork, parseSymbol, sym } from "./network/index.js";
export type { Network, Layer, Neuron, Parameter } from "./network/index.js";
export { train, evaluateSample, answerKey, stringifyAnswerKey, NumericError } from "./numeric/index.js";
export type { AnswerKey, Params, SampleResult, UpdateResult } from "./numeric/index.js";
export { derive } from "./derive/index.js";
export type { Derivation, DerivedUpdate, Step, StepKind, ChainFactor } from "./derive/index.js";
export { render, FORMATS } from "./render/index.js";
export type { FormatName, RenderInput, RenderTarget, RenderedFile } from "./render/index.js";
export { resolvePresentation, DEFAULT_PRESENTATION } from "./notation/index.js";
export type { Presentation, PresentationChoices } from "./notation/index.js";
export { checkClaims, readAnswers } from "./check/index.js";
export { checkCommand } from "./cli/index.js";
export { generate, problemFiles } from "./problems/index.js";
