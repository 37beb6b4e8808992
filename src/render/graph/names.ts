import { LEARNING_RATE_ID } from "../../derive/index.js";
import type { GraphNotation, GraphSpec } from "../../spec/index.js";

/**
 * How a graph's names are written. A name is kept as its writer spelt it, typeset: trailing
 * digits and what follows an underscore become a subscript (`w0` → w₀, `x_1` → x₁, `w_1_2` →
 * w₁,₂), a name of several letters is one italic word (`sigy` → \mathit{sigy}, not s·i·g·y).
 * Two names that would print alike (`x1` and `x_1`) are both written out as spelt. Gradients
 * are ∂f/∂x (partial) or the adjoint x̄, f being the output's name.
 */
export interface GraphNames {
  notation: GraphNotation;
  /** TeX of a name: `w_{0}`, `\mathit{sigy}`. */
  tex(name: string): string;
  /** Plain text of a name (the SVG diagram): `w₀`, `sigy`. */
  text(name: string): string;
  /** TeX of ∂output/∂name for display: `\frac{\partial f}{\partial x}` or `\bar{x}`. */
  grad(name: string): string;
  /** The same, inline in prose: `\partial f/\partial x` or `\bar{x}`. */
  gradInline(name: string): string;
  /** TeX of ∂node/∂input, a local derivative. */
  local(node: string, input: string): string;
  /** The TeX printer's symbol names: a name, a gradient id (`grad:x`) or η. */
  sym(id: string): string;
  /** A sentence on the notation, for the notes. */
  description: string;
}

interface Parts {
  /** The base as TeX, and whether it is one letter (a bar fits it; a word takes an overline). */
  base: string;
  letter: boolean;
  /** TeX of the subscript, or undefined. */
  sub?: string;
  /** Plain text of the whole name. */
  text: string;
}

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
const subDigits = (s: string): string => s.replace(/[0-9]/g, (d) => SUBSCRIPT_DIGITS[Number(d)]!);

const word = (s: string): { tex: string; letter: boolean } =>
  /^[A-Za-z]$/.test(s) ? { tex: s, letter: true } : { tex: `\\mathit{${s.replaceAll("_", "\\_")}}`, letter: false };

/** The parts of a name, or undefined when it is written out as spelt (`x_`, `a__b`). */
function split(name: string): Parts | undefined {
  const digits = /^([A-Za-z]+)([0-9]+)$/.exec(name);
  if (digits) {
    const b = word(digits[1]!);
    return { base: b.tex, letter: b.letter, sub: digits[2]!, text: `${digits[1]}${subDigits(digits[2]!)}` };
  }
  const under = /^([A-Za-z][A-Za-z0-9]*)_(.+)$/.exec(name);
  if (under) {
    const parts = under[2]!.split("_");
    if (parts.some((p) => p === "")) return undefined;
    const b = word(under[1]!);
    const sub = parts.map((p) => (/^[0-9]+$/.test(p) || /^[A-Za-z]$/.test(p) ? p : `\\mathit{${p}}`)).join(",");
    const allDigits = parts.every((p) => /^[0-9]+$/.test(p));
    return { base: b.tex, letter: b.letter, sub, text: allDigits ? `${under[1]}${parts.map(subDigits).join(",")}` : name };
  }
  const b = word(name);
  return { base: b.tex, letter: b.letter, text: name };
}

/** The name as spelt, one italic word (underscores shown). */
const spelt = (name: string): Parts => {
  const w = word(name);
  return { base: w.tex, letter: w.letter, text: name };
};

const texOf = (p: Parts): string => (p.sub === undefined ? p.base : `${p.base}_{${p.sub}}`);
const barOf = (p: Parts): string => {
  const bar = p.letter ? `\\bar{${p.base}}` : `\\overline{${p.base}}`;
  return p.sub === undefined ? bar : `${bar}_{${p.sub}}`;
};

export function graphNames(spec: GraphSpec, notation: GraphNotation): GraphNames {
  const all = [...spec.inputs.map((i) => i.name), ...spec.nodes.map((n) => n.name)];
  const parts = new Map<string, Parts>();
  for (const name of all) parts.set(name, split(name) ?? spelt(name));
  // Names that would print alike are written out as spelt, so that no two look the same.
  const byTex = new Map<string, string[]>();
  for (const [name, p] of parts) byTex.set(texOf(p), [...(byTex.get(texOf(p)) ?? []), name]);
  for (const names of byTex.values()) if (names.length > 1) for (const name of names) parts.set(name, spelt(name));

  const partsOf = (name: string): Parts => {
    const p = parts.get(name);
    if (!p) throw new Error(`internal error: ${name} is not a name of the graph`);
    return p;
  };
  const tex = (name: string): string => texOf(partsOf(name));
  const f = tex(spec.output);
  const grad =
    notation === "adjoint" ? (name: string) => barOf(partsOf(name)) : (name: string) => `\\frac{\\partial ${f}}{\\partial ${tex(name)}}`;
  const gradInline = notation === "adjoint" ? grad : (name: string) => `\\partial ${f}/\\partial ${tex(name)}`;
  const x = tex(all[0]!);
  const description =
    notation === "adjoint"
      ? `adjoint: $${grad(all[0]!)}$ stands for $\\partial ${f}/\\partial ${x}$, the gradient of the output $${f}$ with respect to $${x}$, every path through the circuit included (so $${grad(spec.output)} = 1$)`
      : `partial: $\\partial ${f}/\\partial ${x}$ is the gradient of the output $${f}$ with respect to $${x}$, every path through the circuit included`;
  return {
    notation,
    tex,
    text: (name) => partsOf(name).text,
    grad,
    gradInline,
    local: (node, input) => `\\frac{\\partial ${tex(node)}}{\\partial ${tex(input)}}`,
    sym: (id) => {
      if (id === LEARNING_RATE_ID) return "\\eta";
      if (id.startsWith("grad:")) return grad(id.slice(5));
      return tex(id);
    },
    description,
  };
}
