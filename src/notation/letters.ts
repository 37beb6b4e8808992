import type { Letter, LetterKey } from "./types.js";
import { LETTER_KEYS } from "./types.js";

const GREEK = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "zeta",
  "eta",
  "theta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "pi",
  "rho",
  "sigma",
  "tau",
  "upsilon",
  "phi",
  "chi",
  "psi",
  "omega",
  "Gamma",
  "Delta",
  "Theta",
  "Lambda",
  "Xi",
  "Pi",
  "Sigma",
  "Upsilon",
  "Phi",
  "Psi",
  "Omega",
] as const;
const GREEK_TEXT: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Upsilon: "Υ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
};

export class LetterError extends Error {}

/**
 * A letter from its ASCII spelling: one Latin letter (`W`), a Greek name (`omega` → \omega),
 * a name ending in `hat` (`yhat` → \hat{y}) or a longer word set upright (`Err` → \mathrm{Err}).
 */
export function letter(spelling: string): Letter {
  if (!/^[A-Za-z]{1,12}$/.test(spelling)) {
    throw new LetterError(`"${spelling}" is not a letter: use 1 to 12 ASCII letters (Greek by name, e.g. omega)`);
  }
  if ((GREEK as readonly string[]).includes(spelling)) {
    return { tex: `\\${spelling}`, ascii: spelling, text: GREEK_TEXT[spelling]! };
  }
  const hat = /^(.+)hat$/.exec(spelling);
  if (hat) {
    const inner = letter(hat[1]!);
    return { tex: `\\hat{${inner.tex}}`, ascii: spelling, text: [...inner.text].length === 1 ? `${inner.text}\u0302` : `${inner.text}^` };
  }
  if (spelling.length === 1) return { tex: spelling, ascii: spelling, text: spelling };
  return { tex: `\\mathrm{${spelling}}`, ascii: spelling, text: spelling };
}

/** The notation's default letters with the spec's overrides applied (unknown keys are an error). */
export function resolveLetters(
  defaults: Record<LetterKey, string>,
  overrides: Readonly<Record<string, string>> | undefined,
): Record<LetterKey, Letter> {
  const out = {} as Record<LetterKey, Letter>;
  for (const key of LETTER_KEYS) out[key] = letter(defaults[key]);
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!(LETTER_KEYS as readonly string[]).includes(key)) {
      throw new LetterError(`letters.${key}: unknown role (choose from ${LETTER_KEYS.join(", ")})`);
    }
    try {
      out[key as LetterKey] = letter(value);
    } catch (err) {
      throw new LetterError(`letters.${key}: ${(err as Error).message}`);
    }
  }
  return out;
}
