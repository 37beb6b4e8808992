import { WRITTEN_PARAMETERS } from "../../spec/index.js";

/**
 * Above this many parameters, gradients and updates are written for one parameter per layer (all
 * are in the table); the spec's work limits count a training rule's lines up to it.
 */
export const LARGE_PARAMETERS = WRITTEN_PARAMETERS;
/** Net inputs with more inputs than this are written with the first terms, …, the last ones. */
export const LARGE_FANIN = 24;
