import type { Path } from "./path.js";

/** A problem before it is located in the file: the field it concerns and what is wrong. */
export interface Problem {
  path: Path;
  message: string;
  /** Point at the key itself (unknown or duplicate keys) rather than at its value. */
  at?: "key" | "value";
  /** Report at this path's position instead (a missing key, shown beside its partner). */
  locateAt?: Path;
}
