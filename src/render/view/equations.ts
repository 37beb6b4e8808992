import type { Equation } from "../layout.js";

/** Drops a stage equal to the one before it (e.g. a value that needs no substitution). */
export function dedupe(stages: string[][]): string[][] {
  const out: string[][] = [];
  for (const s of stages) {
    const prev = out[out.length - 1];
    if (!prev || prev.length !== s.length || prev.some((c, i) => c !== s[i])) out.push(s);
  }
  return out;
}

/** Long runs of equations split into blocks of at most 24 (one display each). */
export function splitEquations(eqs: Equation[]): { first: boolean; eqs: Equation[] }[] {
  const out: { first: boolean; eqs: Equation[] }[] = [];
  for (let i = 0; i < eqs.length; i += 24) out.push({ first: i === 0, eqs: eqs.slice(i, i + 24) });
  return out;
}
