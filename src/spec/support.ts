/**
 * What a command will do with a spec: write the answer key, the worked derivation, check
 * answers against it, make a problem set. Every use takes
 * every training rule of CONTRACT §5; the use still decides the work limits and what a graph
 * spec (CONTRACT §6) is told when a command cannot take it.
 */
export type SpecUse = "key" | "derivation" | "check" | "problems";
