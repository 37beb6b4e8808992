/**
 * A small seeded PRNG (sfc32, seeded through murmur3's finaliser), so that problem sets are
 * reproducible from a seed on every platform. Math.random is never used.
 */

/** murmur3 fmix32: a bijective 32-bit mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One 32-bit seed from several non-negative integers (each < 2³²), order-sensitive. */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = fmix32((h ^ fmix32((p >>> 0) + 0x632be5ab)) + 0x85ebca6b);
  return h;
}

/** A uniform float in [0, 1) with 32 bits of randomness per call. */
export type Rng = () => number;

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), state from a 32-bit seed. */
export function sfc32(seed: number): Rng {
  let a = fmix32(seed ^ 0x243f6a88);
  let b = fmix32(seed ^ 0x85a308d3);
  let c = fmix32(seed ^ 0x13198a2e);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return () => next() / 4294967296;
}

/** A uniform integer in [lo, hi] (both included). */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
