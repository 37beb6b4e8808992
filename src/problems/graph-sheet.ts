import { deriveGraph } from "../derive/index.js";
import { renderGraph, texNumber } from "../render/index.js";
import type { GraphSpec } from "../spec/index.js";
import type { GraphProblemsConfig } from "./graph-config.js";
import type { GraphVariant } from "./graph-generate.js";
import type { QuestionView } from "./sheet.js";
import { instructionsFor } from "./sheet.js";

/*
 * The student sheet of a graph problem set (and its Moodle questions): plain data, prose with
 * inline math `$…$`, the drawn inputs and the questions, never an answer. The circuit and the
 * nodes' formulas are the derivation's own: the spec without its values is derived and rendered
 * once (render's graph templates, built in), which draws the circuit with no number on a wire and
 * writes every name and expression as the worked solutions do.
 */

/** What every variant of a set shows alike: the circuit and the nodes, from the symbolic rendering. */
export interface GraphShape {
  /** The circuit as SVG (Markdown sheet) and as a TikZ picture in its centred box (LaTeX sheet). */
  svg: string;
  tikz: string;
  /** "Nodes, in order: $q = x + y$, $f = q\, z$." */
  nodes: string;
  /** TeX of each leaf's name and of the output's, as the derivation writes them. */
  names: Map<string, string>;
}

export interface GraphSheetVariant {
  id: string;
  index: number;
  /** "$x = -2$" each, in the spec's input order. */
  inputs: string[];
  /** The params' step, when the spec has params. */
  training?: string;
  questions: QuestionView[];
}

export interface GraphSheetView {
  name: string;
  title: string;
  precision: number;
  instructions: string;
  /** Where the Markdown sheet finds the circuit (one file for the set: the circuit never changes). */
  svg: string;
  shape: GraphShape;
  variants: GraphSheetVariant[];
}

/** The set's circuit file, relative to the Markdown sheet. */
export const graphSheetCircuit = (name: string): string => `${name}.problems/circuit.svg`;

/** Text between a line's start `prefix` and its end, in a rendered note; an internal error when the template no longer writes it. */
function lineOf(text: string, prefix: string): string {
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  if (line === undefined) throw new Error(`internal error: the graph note has no line starting ${JSON.stringify(prefix)}`);
  return line.slice(prefix.length);
}

/** The circuit and the nodes of a graph, from the derivation of the spec with no values. */
export async function graphShape(spec: GraphSpec, title: string): Promise<GraphShape> {
  const symbolic: GraphSpec = { ...spec, title, inputs: spec.inputs.map((i) => ({ name: i.name })) };
  const files = await renderGraph(deriveGraph(symbolic), ["md", "fragment"], { name: "shape" });
  const file = (n: string): string => String(files.find((f) => f.name === n)!.content);
  const md = file("shape.md");
  const tikz = /\\begin\{center\}\s*\\sbox0\{%[\s\S]*?\\end\{center\}/.exec(file("shape.fragment.tex"))?.[0];
  if (tikz === undefined) throw new Error("internal error: the graph fragment has no circuit");
  // "- Inputs: $x$ (no value), $y$ (no value) and $z$ (no value)." gives the names' TeX in input order
  const leafTex = [...lineOf(md, "- Inputs: ").matchAll(/\$([^$]*)\$ \(no value\)/g)].map((m) => m[1]!);
  const names = new Map(spec.inputs.map((leaf, i) => [leaf.name, leafTex[i]!]));
  names.set(spec.output, /^\$([^$]*)\$/.exec(lineOf(md, "- Output: "))![1]!);
  return { svg: file("shape-circuit.svg"), tikz, nodes: `Nodes, in order: ${lineOf(md, "- Nodes, in order: ")}`, names };
}

/** Each question of a graph variant in words: the sheet, Moodle and the solutions' answers. */
export function graphQuestionTexts(v: GraphVariant, names: Map<string, string>): string[] {
  const f = names.get(v.spec.output)!;
  return v.questions.map((q) => {
    const [kind, name] = q.symbol.split(".") as [string, string];
    const x = names.get(name)!;
    if (kind === "values") return `the value of the output $${f}$`;
    if (kind === "gradients") return `the gradient $\\partial ${f} / \\partial ${x}$`;
    return `the new value of $${x}$ after the step`;
  });
}

/** A question's name in plain ASCII (the key and Moodle): `f`, `df/dx`, `w0_new`. */
export function graphQuestionName(symbol: string, output: string): string {
  const [kind, name] = symbol.split(".") as [string, string];
  return kind === "values" ? name : kind === "gradients" ? `d${output}/d${name}` : `${name}_new`;
}

const given = (v: number): string => texNumber(v, 12);

export function graphSheetView(
  name: string,
  config: GraphProblemsConfig,
  shape: GraphShape,
  variants: readonly GraphVariant[],
): GraphSheetView {
  const p = config.precision;
  return {
    name,
    title: config.title,
    precision: p,
    instructions: instructionsFor(p),
    svg: graphSheetCircuit(name),
    shape,
    variants: variants.map((v) => {
      const spec = v.spec;
      const f = shape.names.get(spec.output)!;
      const params = spec.params.map((x) => `$${shape.names.get(x)!}$`);
      const list = params.length <= 1 ? params.join("") : `${params.slice(0, -1).join(", ")} and ${params[params.length - 1]}`;
      return {
        id: v.id,
        index: v.index,
        inputs: spec.inputs.map((leaf) => `$${shape.names.get(leaf.name)!} = ${given(leaf.value!)}$`),
        ...(spec.params.length > 0 && {
          training:
            `Then ${list} ${params.length === 1 ? "takes" : "take"} one step of gradient descent with learning rate ` +
            `$\\eta = ${given(spec.learning_rate!)}$: $\\theta \\leftarrow \\theta - \\eta \\, \\partial ${f} / \\partial \\theta$, ` +
            `every gradient taken at the values above.`,
        }),
        questions: graphQuestionTexts(v, shape.names).map((text, i) => ({ number: i + 1, text })),
      };
    }),
  };
}
