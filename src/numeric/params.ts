import type { BiasSpec } from "../spec/index.js";

/** A network's parameters: one weight matrix and one bias (vector or shared number) per non-input layer. */
export interface Params {
  W: number[][][];
  b: BiasSpec[];
}
