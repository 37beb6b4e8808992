export { buildNetwork, biasOf, outputLayer } from "./network.js";
export type { Network, Layer, Neuron, Parameter } from "./network.js";
export { sym, parseSymbol, kindOf, parameterOf, nodeOf } from "./symbols.js";
export type { ParsedSymbol, SymbolKind } from "./symbols.js";
