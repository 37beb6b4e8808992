/**
 * The rules a drawn graph problem can break (docs/problems.md, "Graph specs"), beside the layered
 * network's in degenerate.ts. Kept apart so that both the rules' checker and the network's
 * table of reasons read them without importing each other.
 */
export type GraphRule = "graph-kink" | "tie" | "domain" | "graph-saturated" | "too-large";

/** Each rule as the message of a set that found no usable variant counts it. */
export const GRAPH_RULE_TEXT: Record<GraphRule, string> = {
  "graph-kink": "a relu or abs of a value within the displayed precision of 0",
  tie: "a max or min of two values within the displayed precision of each other",
  domain: "a log or square root of a value that is not positive, a division by about 0, or a power that is not a real number",
  "graph-saturated": "a saturated sigmoid (|z| > 6) or tanh (|z| > 3)",
  "too-large": "a value or gradient ten times larger than the spec's own largest, too large to work by hand",
};
