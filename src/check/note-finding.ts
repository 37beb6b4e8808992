/** One finding about a note (CONTRACT §7). */
export interface NoteFinding {
  line: number;
  column: number;
  kind: "number" | "symbol" | "equation";
  /** The formula as written. */
  text: string;
  verdict: "ok" | "wrong" | "carried" | "unknown";
  message: string;
  diagnosis?: string;
}

export interface NoteReport {
  findings: NoteFinding[];
  first_wrong: { line: number; column: number } | null;
}
