import type { Derivation, MathNode, Step, StepKind, StepOf } from "../../derive/index.js";
import type { Network, Neuron, Parameter } from "../../network/index.js";
import { kindOf, sym } from "../../network/index.js";
import type { Notation } from "../../notation/index.js";
import type { RenderInput } from "../types.js";
import type { Equation } from "../layout.js";
import { texNumber } from "../numbers.js";
import type { Presentation } from "../../notation/index.js";
import { toTexChunks } from "../tex.js";
import type { TexContext } from "../tex.js";
import { unparen } from "./algebra.js";
import { dedupe } from "./equations.js";
import { LARGE_PARAMETERS } from "./limits.js";
import type { Lookup } from "./types.js";

/** True for the quantities the error convention writes with the opposite sign (see ViewContext.lookup). */
export function errorSigned(id: string): boolean {
  const kind = kindOf(id);
  if (kind === "delta" || kind === "dLda") return true;
  // v_w, m_w (before), newv_w, newm_w (after), mhat_w: the quantity's letter sits before the first `_`
  const q = kind === "state" || kind === "hat" ? id[0] : kind === "newstate" ? id[3] : undefined;
  return q === "v" || q === "m";
}

/** Symbolic chunks by expression, notation (its `tex` function) and `precision/keep`. */
const SYMBOLIC = new WeakMap<MathNode, WeakMap<object, Map<string, string[]>>>();

/**
 * What every part of the view shares: the network, its derivation indexed by step, the
 * notation and settings, and the printing helpers that turn an expression into equation stages.
 */
export class ViewContext {
  readonly err: boolean;
  private readonly byKind = new Map<string, Step[]>();
  private readonly byDefines = new Map<string, Step>();
  readonly symCtx: TexContext;
  /** Index of the output layer. */
  readonly L: number;
  /** Too many parameters to write every equation: one per layer stands for the rest. */
  readonly large: boolean;
  private readonly neurons = new Map<number, Neuron>();
  readonly params = new Map<string, Parameter>();

  constructor(
    readonly input: RenderInput,
    readonly net: Network,
    readonly d: Derivation,
    readonly n: Notation,
    readonly s: Presentation,
  ) {
    this.err = s.convention === "error";
    for (const step of d.steps) {
      const list = this.byKind.get(step.kind) ?? [];
      list.push(step);
      this.byKind.set(step.kind, list);
      this.byDefines.set(`${step.kind}:${step.defines}`, step);
    }
    this.symCtx = { sym: n.tex, precision: s.precision };
    for (const l of net.layers) for (const nr of l.neurons) this.neurons.set(nr.node, nr);
    for (const p of net.parameters) this.params.set(p.id, p);
    this.L = net.layers.length - 1;
    this.large = net.parameters.length > LARGE_PARAMETERS;
  }

  steps<K extends StepKind>(kind: K): StepOf<K>[] {
    return (this.byKind.get(kind) ?? []) as StepOf<K>[];
  }
  step<K extends StepKind>(kind: K, defines: string): StepOf<K> | undefined {
    return this.byDefines.get(`${kind}:${defines}`) as StepOf<K> | undefined;
  }

  // ---- printing -------------------------------------------------------------------------

  num(v: number): string {
    return texNumber(v, this.s.precision);
  }
  /** A number as a factor: parenthesised when it shows a minus. */
  factorNum(v: number): string {
    const t = this.num(v);
    return t.startsWith("-") ? `(${t})` : t;
  }
  chunks(expr: MathNode, lookup?: Lookup, keep = Infinity): string[] {
    const e = unparen(expr);
    if (lookup) return toTexChunks(e, { sym: this.symCtx.sym, precision: this.s.precision, value: lookup }, keep);
    // The symbolic form of a step's expression is the same for every variant of a problem set
    // (they share the steps, see derive()): printed once per notation, precision and cut.
    let byNotation = SYMBOLIC.get(expr);
    if (!byNotation) SYMBOLIC.set(expr, (byNotation = new WeakMap()));
    let forms = byNotation.get(this.symCtx.sym);
    if (!forms) byNotation.set(this.symCtx.sym, (forms = new Map()));
    const key = `${this.s.precision}/${keep}`;
    let chunks = forms.get(key);
    if (!chunks) forms.set(key, (chunks = toTexChunks(e, this.symCtx, keep)));
    return chunks;
  }
  /** Symbolic stage, then (with numbers) the substituted stage and the value; repeats dropped. */
  stages(expr: MathNode, lookup: Lookup | undefined, value: number | undefined, lead: string[][] = [], keep = Infinity): string[][] {
    const out = [...lead, this.chunks(expr, undefined, keep)];
    if (lookup && value !== undefined) {
      out.push(this.chunks(expr, lookup, keep));
      out.push([this.num(value)]);
    }
    return dedupe(out);
  }
  eq(lhs: string, stages: string[][], note?: string): Equation {
    return note ? { lhs, stages, note } : { lhs, stages };
  }

  /**
   * Values as the convention names them: the error convention's δ and Err are −∂L/∂z, −∂L/∂a,
   * and its velocity v and first moment m (m̂ too) point the way the parameter moves, minus the
   * gradient convention's (PyTorch's). s and ŝ, means of squares, and the gradients keep their sign.
   */
  lookup(scope: Record<string, number> | { get: Lookup } | undefined): Lookup | undefined {
    if (!scope) return undefined;
    const get: Lookup = typeof scope.get === "function" ? (scope.get as Lookup) : (id) => (scope as Record<string, number>)[id];
    if (!this.err) return get;
    return (id) => {
      const v = get(id);
      if (v === undefined) return undefined;
      return errorSigned(id) ? -v : v;
    };
  }

  // ---- the network ------------------------------------------------------------------------

  outSym(nr: Neuron): string {
    return nr.layer === 0 ? sym.x(nr.node) : sym.a(nr.node);
  }
  neuron(node: number): Neuron {
    const nr = this.neurons.get(node);
    if (!nr) throw new Error(`internal error: no node ${node}`);
    return nr;
  }

  trained(): Parameter[] {
    return this.net.parameters.filter((p) => p.kind === "weight" || p.trainable);
  }

  /** Large networks: the first weight and the first bias of each layer stand for the rest. */
  firstOfEachLayer(): Parameter[] {
    const seen = new Set<string>();
    return this.trained().filter((p) => {
      const key = `${p.layer}:${p.kind}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  largeNote(rest: number, what: string): string {
    return `The other ${rest} parameters follow the same pattern (the network has ${this.net.parameters.length} parameters, too many to write out one by one); their ${what} are all in the table at the end of the update.`;
  }
}
