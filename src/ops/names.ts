/**
 * The names a spec may give an activation or a loss (CONTRACT §2, §8). Each name has one record
 * in activations.ts or losses.ts, which holds everything else about it.
 */
export const ACTIVATIONS = ["identity", "relu", "leaky-relu", "sigmoid", "tanh", "softmax", "softplus", "elu"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const LOSSES = ["half-sse", "sse", "mse", "cross-entropy", "bce"] as const;
export type LossName = (typeof LOSSES)[number];
