import { EXPRESSION_FUNCTIONS, EXPRESSION_OPS } from "../ops/index.js";
import { SpecError, suggest } from "../spec/index.js";
import type { Diagnostic, GraphNodeSpec, GraphSpec } from "../spec/index.js";
import { math } from "./math.js";
import type { MathNode } from "./math.js";

// Untyped view of the mathjs nodes a graph expression may hold.
interface N {
  type: string;
  fn?: string | { name: string };
  op?: string;
  args?: N[];
  name?: string;
  value?: unknown;
  content?: N;
}

/** One node parsed: its expression and the names it reads, in the order they first appear. */
export interface ParsedNode {
  name: string;
  expr: MathNode;
  reads: string[];
}

/** Where the first whole-word occurrence of `word` sits in the expression (0-based), or 0. */
function indexOfWord(text: string, word: string): number {
  const m = new RegExp(`(^|[^A-Za-z0-9_])(${word.replace(/[^A-Za-z0-9_]/g, "")})(?![A-Za-z0-9_])`).exec(text);
  return m ? m.index + m[1]!.length : 0;
}

/**
 * Parses every node's expression with mathjs and checks it against CONTRACT §6: only numbers,
 * names defined earlier, + − · / ^, unary minus, parentheses and the listed functions with their
 * number of arguments. Every problem is a SpecError diagnostic at the node's line and, where the
 * problem has one, its column.
 */
export function parseGraph(spec: GraphSpec): ParsedNode[] {
  const problems: Diagnostic[] = [];
  const defined = new Set(spec.inputs.map((i) => i.name));
  const later = new Map(spec.nodes.map((n, i) => [n.name, i + 1]));
  const out: ParsedNode[] = [];
  spec.nodes.forEach((node, i) => {
    const at = (offset: number, message: string): Diagnostic => ({
      file: spec.file,
      path: `graph.nodes[${i}].${node.name}`,
      ...(node.at ? { line: node.at.line, column: node.at.column + offset } : {}),
      message,
    });
    let tree: N;
    try {
      tree = math.parse(node.text) as unknown as N;
    } catch (err) {
      const msg = (err as Error).message;
      const ch = /\(char (\d+)\)/.exec(msg);
      const offset = ch ? Math.max(0, Number(ch[1]) - 1) : 0;
      problems.push(at(offset, `cannot read the expression of ${node.name}: ${msg.replace(/\s*\(char \d+\)/, "")}`));
      return;
    }
    const reads: string[] = [];
    const before = problems.length;
    const visit = (n: N): void => {
      switch (n.type) {
        case "ConstantNode":
          if (typeof n.value !== "number")
            problems.push(at(0, `${node.name}: only numbers may appear as constants, not ${JSON.stringify(n.value)}`));
          return;
        case "ParenthesisNode":
          return visit(n.content!);
        case "SymbolNode": {
          const name = n.name!;
          if (name === node.name) problems.push(at(indexOfWord(node.text, name), `${node.name} uses itself; a graph has no cycles`));
          else if (defined.has(name)) {
            if (!reads.includes(name)) reads.push(name);
          } else if (later.has(name)) {
            problems.push(
              at(indexOfWord(node.text, name), `${name} is used before it is defined (it is node ${later.get(name)}, after ${node.name})`),
            );
          } else if ((EXPRESSION_FUNCTIONS as readonly string[]).includes(name)) {
            problems.push(at(indexOfWord(node.text, name), `${name} is a function: write ${name}(…)`));
          } else {
            const s = suggest(name, [...defined, ...later.keys()]);
            problems.push(at(indexOfWord(node.text, name), `unknown name ${name}${s ? `; did you mean ${s}?` : ""}`));
          }
          return;
        }
        case "OperatorNode": {
          const fn = typeof n.fn === "string" ? n.fn : n.fn!.name;
          const rec = EXPRESSION_OPS[fn];
          if (!rec || rec.arity !== n.args!.length) {
            problems.push(
              at(
                n.op ? node.text.indexOf(n.op) : 0,
                `the operator ${n.op ?? fn} is not allowed in a graph (use + - * / ^ and unary minus)`,
              ),
            );
            return;
          }
          return n.args!.forEach(visit);
        }
        case "FunctionNode": {
          const fname = typeof n.fn === "string" ? n.fn : n.fn!.name;
          const rec = (EXPRESSION_FUNCTIONS as readonly string[]).includes(fname) ? EXPRESSION_OPS[fname] : undefined;
          if (!rec) {
            const s = suggest(fname, EXPRESSION_FUNCTIONS);
            problems.push(
              at(
                indexOfWord(node.text, fname),
                `unknown function ${fname}${s ? `; did you mean ${s}?` : ""} (a graph may use ${EXPRESSION_FUNCTIONS.join(", ")})`,
              ),
            );
            return;
          }
          if (n.args!.length !== rec.arity) {
            problems.push(
              at(indexOfWord(node.text, fname), `${fname} takes ${rec.arity} argument${rec.arity === 1 ? "" : "s"}, not ${n.args!.length}`),
            );
            return;
          }
          return n.args!.forEach(visit);
        }
        default:
          problems.push(
            at(
              0,
              `${node.name}: this expression is not arithmetic (${n.type.replace(/Node$/, "").toLowerCase()}); use numbers, names, + - * / ^ and functions`,
            ),
          );
      }
    };
    visit(tree);
    defined.add(node.name);
    if (problems.length === before) out.push({ name: node.name, expr: tree as unknown as MathNode, reads });
  });
  if (problems.length > 0) throw new SpecError(problems);
  return out;
}

/** A located problem at one node (a value that is not finite), for derive's numbers. */
export function nodeProblem(spec: GraphSpec, node: GraphNodeSpec | undefined, message: string): SpecError {
  const i = node ? spec.nodes.indexOf(node) : -1;
  return new SpecError([
    {
      file: spec.file,
      path: i >= 0 ? `graph.nodes[${i}].${node!.name}` : "graph",
      ...(node?.at ? { line: node.at.line, column: node.at.column } : {}),
      message,
    },
  ]);
}
