import type { MathNode } from "../../derive/index.js";
import { math } from "../../derive/index.js";

/*
 * Small expression-tree helpers for the view: the sign flips of the error convention and the
 * error-form update, built as mathjs nodes so the TeX printer writes them like the derivation.
 */

/** Minus of an expression, written as a teacher would: a − t becomes t − a, −x becomes x. */
export function negate(node: MathNode): MathNode {
  const n = node as unknown as { type: string; fn?: string; args?: MathNode[]; content?: MathNode };
  if (n.type === "ParenthesisNode") return new math.ParenthesisNode(negate(n.content!));
  if (n.type === "OperatorNode") {
    if (n.fn === "subtract") return new math.OperatorNode("-", "subtract", [n.args![1]!, n.args![0]!]);
    if (n.fn === "unaryMinus") return n.args![0]!;
    if (n.fn === "multiply") return new math.OperatorNode("*", "multiply", [n.args![0]!, negate(n.args![1]!)]);
    if (n.fn === "divide") return new math.OperatorNode("/", "divide", [negate(n.args![0]!), n.args![1]!]);
  }
  return new math.OperatorNode("-", "unaryMinus", [node]);
}

export const unparen = (node: MathNode): MathNode => {
  const n = node as unknown as { type: string; content?: MathNode };
  return n.type === "ParenthesisNode" ? n.content! : node;
};

export const S = (id: string): MathNode => new math.SymbolNode(id);
export const mul = (...f: MathNode[]): MathNode => f.reduce((a, b) => new math.OperatorNode("*", "multiply", [a, b]));
export const add = (...t: MathNode[]): MathNode => t.reduce((a, b) => new math.OperatorNode("+", "add", [a, b]));
