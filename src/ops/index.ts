export { ACTIVATION_TABLE, activation } from "./activations.js";
export { LOSS_TABLE, loss } from "./losses.js";
export type { Activation, Loss } from "./types.js";
