import type { ConventionName, NotationName } from "../spec/types.js";
import type { RenderInput } from "./formats.js";

/** The presentation settings of one rendering: the command-line flag wins over the spec's field. */
export interface Settings {
  notation: NotationName;
  convention: ConventionName;
  detail: "full" | "deltas";
  precision: number;
}

export function settingsOf(input: RenderInput): Settings {
  const spec = input.network.spec;
  const o = input.options;
  const precision = o.precision ?? spec.precision ?? 4;
  if (!Number.isInteger(precision) || precision < 0 || precision > 12) {
    throw new RangeError(`precision must be a whole number from 0 to 12 (got ${precision})`);
  }
  return {
    notation: o.notation ?? spec.notation ?? "node",
    convention: o.convention ?? spec.convention ?? "gradient",
    detail: o.detail ?? spec.detail ?? "full",
    precision,
  };
}
