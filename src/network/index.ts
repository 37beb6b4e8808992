export { buildNetwork, biasOf, outputLayer } from "./network.js";
export type { Network, Layer, Neuron, Parameter } from "./network.js";
export { sym, parseSymbol, kindOf, parameterOf, nodeOf, HYPERS, HYPER_FIELDS } from "./symbols.js";
export type { HyperName, ParsedSymbol, StateQuantity, SymbolKind } from "./symbols.js";
export { backwardPaths, gradients, NUMBERS } from "./chain.js";
export type { ChainAlgebra, ChainNode, ChainPath } from "./chain.js";
