/** Above this many parameters, gradients and updates are written for one parameter per layer (all are in the table). */
export const LARGE_PARAMETERS = 400;
/** Net inputs with more inputs than this are written with the first terms, …, the last ones. */
export const LARGE_FANIN = 24;
