export { ACTIVATION_TABLE, ACTIVATION_FUNCTIONS, activation } from "./activations.js";
export { LOSS_TABLE, loss } from "./losses.js";
export { ACTIVATIONS, LOSSES } from "./names.js";
export type { ActivationName, LossName } from "./names.js";
export type { Activation, ActivationMistake, Degeneracy, Loss, OpFunction } from "./types.js";
export { EXPRESSION_FUNCTIONS, EXPRESSION_HELPERS, EXPRESSION_OPS, EXPRESSION_TEX } from "./expressions.js";
export type { ExpressionOp, OpSlip } from "./expressions.js";
