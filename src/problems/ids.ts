/**
 * Variant ids: `S-k-a` = seed S, k-th variant of the set (1-based), a-th candidate tried for it
 * (0-based). Each candidate's numbers come from a PRNG seeded by (S, k, a) alone, so an id
 * determines its variant without generating any other.
 */
export interface VariantId {
  seed: number;
  index: number;
  attempt: number;
}

export const MAX_SEED = 2 ** 32 - 1;

export function formatId(id: VariantId): string {
  return `${id.seed}-${id.index}-${id.attempt}`;
}

/** Parses `S-k-a`; undefined when the text is not an id. */
export function parseId(text: string): VariantId | undefined {
  const m = /^(\d{1,10})-(\d{1,9})-(\d{1,9})$/.exec(text.trim());
  if (!m) return undefined;
  const [seed, index, attempt] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (seed > MAX_SEED || index < 1) return undefined;
  return { seed, index, attempt };
}
