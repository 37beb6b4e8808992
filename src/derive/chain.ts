import type { ChainNode as Node, ChainPath as Path } from "../network/index.js";
import type { MathNode } from "./math.js";

// The chain rule's walk lives in network/chain.ts, below both the numeric pass and the
// derivation, so that both go through it. Here a local derivative is an expression.
export type ChainNode = Node<MathNode>;
export type ChainPath = Path<MathNode>;
export { backwardPaths, gradients } from "../network/index.js";
