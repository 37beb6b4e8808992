import type { ConventionName, NetworkSpec, NotationName } from "../spec/index.js";

/**
 * How a derivation is shown: which symbols, which sign convention, how much detail, how many
 * decimals, which letters. It never changes a number. It is resolved once, at the edge (the
 * CLI, a problem set, check), from the spec's own fields and the caller's choices; these are
 * the defaults, and the one place they are written.
 */
export interface Presentation {
  notation: NotationName;
  convention: ConventionName;
  detail: "full" | "deltas";
  /** Decimals shown, 0–12. */
  precision: number;
  /** Write ∂L/∂x_i in the backward pass (the numbers are always derived). */
  inputGradients: boolean;
  /** The spec's renamed letters (`letters: { target: Ob }`). */
  letters: Readonly<Record<string, string>> | undefined;
}

/** The caller's choices (command-line flags, a problem set's precision): each wins over the spec. */
export type PresentationChoices = Partial<Omit<Presentation, "letters">>;

export const DEFAULT_PRESENTATION = {
  notation: "node",
  convention: "gradient",
  detail: "full",
  precision: 4,
  inputGradients: false,
} as const;

export const MAX_PRECISION = 12;

export class PresentationError extends Error {}

export function resolvePresentation(spec: NetworkSpec, choices: PresentationChoices = {}): Presentation {
  const precision = choices.precision ?? spec.precision ?? DEFAULT_PRESENTATION.precision;
  if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) {
    throw new PresentationError(`precision must be a whole number from 0 to ${MAX_PRECISION} (got ${precision})`);
  }
  return {
    notation: choices.notation ?? spec.notation ?? DEFAULT_PRESENTATION.notation,
    convention: choices.convention ?? spec.convention ?? DEFAULT_PRESENTATION.convention,
    detail: choices.detail ?? spec.detail ?? DEFAULT_PRESENTATION.detail,
    precision,
    inputGradients: choices.inputGradients ?? spec.input_gradients ?? DEFAULT_PRESENTATION.inputGradients,
    letters: spec.letters,
  };
}
