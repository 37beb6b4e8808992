/** A problem set that cannot be made as asked (too few distinct variants, a bad id): exit status 2. */
export class ProblemsError extends Error {}
