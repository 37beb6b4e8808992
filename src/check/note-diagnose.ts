import type { MathNode } from "../derive/index.js";
import { math } from "../derive/index.js";
import type { Notation } from "../notation/index.js";
import type { Quantity } from "./graph.js";
import type { NoteFinding } from "./note-finding.js";
import { close, evaluate, lhsValue } from "./note-evaluate.js";
import type { Sign } from "./note-evaluate.js";
import type { Ex } from "./note-parse.js";
import { walk } from "./note-parse.js";
import type { Point } from "./note-points.js";
import { errorConventionRight } from "./note-right.js";
import type { Meaning, Resolver } from "./note-symbols.js";

const DIAGNOSIS_IDS: Record<string, string> = { "eta-missing": "missing-eta" };

/** A wrong equation part: the right one, and the mistake that reproduces the written one. */
export function diagnose(
  ex: Ex,
  lhs: Meaning,
  points: Point[],
  resolver: Resolver,
  s: Sign,
  q: Quantity | undefined,
  notation: Notation | undefined,
  at: { line: number; column: number },
  text: string,
): NoteFinding {
  const lhsName = q ? resolver.textOf(q) : "the left-hand side";
  // the right side in the note's own convention (s = −1: δ read as −∂L/∂z, the error convention)
  const net = points[0]!.derivation.network;
  const right = q
    ? ((s === -1 ? errorConventionRight(q, net, notation) : undefined) ?? rightSide(q, points[0]!, notation))
    : prodText(lhs, points[0]!, resolver);
  const should = right ? (q ? `${lhsName} = ${right}` : right) : `it does not equal ${lhsName}`;
  const found = (diagnosis: string, what: string): NoteFinding => ({
    ...at,
    kind: "equation",
    text,
    verdict: "wrong",
    message: `${what}; the right one: ${should}`,
    diagnosis,
  });
  const all = (f: (p: Point) => boolean) => points.every(f);
  const written = (p: Point, target?: number) => evaluate(ex, resolver, p, s, target);
  const targetOf = (p: Point): number | undefined => {
    const node = q?.node;
    const t = node === undefined ? undefined : resolver.plain(`T${node}`);
    return t ? p.truth(t.key) : undefined;
  };
  // the target written without its index
  let hasBare = false;
  walk(ex, (e) => {
    if (e.t === "id" && resolver.id(e.tok).r === "bare-target") hasBare = true;
  });
  if (hasBare && all((p) => close(written(p, targetOf(p)) ?? NaN, lhsValue(lhs, p, s)!))) {
    return found("target-index-missing", "the target's index is missing");
  }
  if (all((p) => close(written(p) ?? NaN, -lhsValue(lhs, p, s)!))) return found("sign-flipped", "the sign is flipped");
  if (lhs.r === "key") {
    const variants = points[0]!.variants;
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i]!;
      // the mistake reproduces the written side at every point, and differs from the truth at one at least
      let differs = false;
      if (
        all((p) => {
          const pv = p.variants[i];
          if (!pv || pv.mistake !== v.mistake) return false;
          const mv = p.mistaken(i)(lhs.key) * (lhs.delta && s === -1 ? -1 : 1) * (lhs.neg ? -1 : 1);
          if (!close(mv, lhsValue(lhs, p, s)!)) differs = true;
          return close(written(p) ?? NaN, mv);
        }) &&
        differs
      ) {
        return found(DIAGNOSIS_IDS[v.mistake] ?? v.mistake, s === -1 ? (ERROR_CONVENTION_TEXT[v.mistake] ?? v.text) : v.text);
      }
    }
    // a wrong index or weight: the written side is the right one for another quantity of the same kind
    if (q) {
      for (const other of points[0]!.graph.firstUpdate) {
        if (other.kind !== q.kind || other.key === q.key || (other.sample ?? 0) !== (q.sample ?? 0)) continue;
        if (all((p) => close(written(p) ?? NaN, p.truth(other.key)))) {
          return found("wrong-index", `a wrong index: this is the right side for ${resolver.textOf(other)}`);
        }
      }
      // one path of the chain rule left out (the other output of a hidden neuron)
      const missing = missingPath(q, points, (p) => written(p));
      if (missing) return found("missing-path", `a path of the chain rule is missing (through ${missing})`);
    }
  }
  // a factor counted twice (δ = (y − t) f′ f′, η η), or one that does not belong at all
  const extra = extraFactor(ex, lhs, q, points, resolver, s);
  if (extra) {
    return extra.twice
      ? found("factor-twice", `a factor is counted twice (${extra.text})`)
      : found("extra-factor", `a factor that does not belong (${extra.text})`);
  }
  return { ...at, kind: "equation", text, verdict: "wrong", message: `not right: ${should}` };
}

/** The error convention's wording of the mistakes whose text names the gradient convention's form. */
const ERROR_CONVENTION_TEXT: Record<string, string> = {
  "sign-update": "the update has the wrong sign (θ − η·δ·x instead of θ + η·δ·x)",
};

/** A product meaning (a chain-rule factor) in the notation's names: h₁₂, f′(z₅)·Y₃. */
function prodText(lhs: Meaning, p: Point, resolver: Resolver): string | undefined {
  if (lhs.r !== "prod") return undefined;
  const names = lhs.keys.map((k) => {
    const q = p.graph.byKey.get(k);
    return q ? resolver.textOf(q) : k;
  });
  if (lhs.c !== 1 || names.length === 0) names.unshift(String(lhs.c));
  return names.join("·");
}

/**
 * A factor of the written side by which it is off: the written step is the right one times the
 * factor at every point (for an update, its change θ′ − θ is). `twice` when the written side has
 * that factor twice over (f′ f′, η η), which is then a factor counted twice.
 */
function extraFactor(
  ex: Ex,
  lhs: Meaning,
  q: Quantity | undefined,
  points: Point[],
  resolver: Resolver,
  s: Sign,
): { text: string; twice: boolean } | undefined {
  const factors: Ex[] = [];
  walk(ex, (e) => {
    if (e.t === "bin" && e.op === "*") for (const side of [e.a, e.b]) if (!(side.t === "bin" && side.op === "*")) factors.push(side);
  });
  if (factors.length < 2) return undefined;
  const oldKey = q?.kind === "updated" && q.id ? resolver.plain(q.base.replace(/'$/, ""))?.key : undefined;
  const values = factors.map((f) => points.map((p) => evaluate(f, resolver, p, s, undefined)));
  const sameValues = (a: (number | undefined)[], b: (number | undefined)[]) => a.every((v, k) => v !== undefined && close(v, b[k] ?? NaN));
  for (let k = 0; k < factors.length; k++) {
    const v = values[k]!;
    // a point where both steps are 0 (a dead ReLU) tells nothing; at least one point must tell
    let told = 0;
    const fits = points.every((p, i) => {
      const w = evaluate(ex, resolver, p, s, undefined);
      const r = lhsValue(lhs, p, s);
      const f = v[i];
      if (w === undefined || r === undefined || f === undefined) return false;
      const base = oldKey ? p.truth(oldKey) : 0;
      if (Math.abs(r - base) <= 1e-9 && Math.abs(w - base) <= 1e-9) return true;
      if (close(f, 1) || close(w, r) || Math.abs(r - base) <= 1e-9) return false;
      told++;
      return close(w - base, (r - base) * f);
    });
    if (!fits || told === 0) continue;
    const twice = values.some((u, j) => j !== k && sameValues(u, v));
    return { text: factorText(factors[k]!, resolver), twice };
  }
  return undefined;
}

function factorText(f: Ex, resolver: Resolver): string {
  if (f.t === "id" || f.t === "deriv") {
    const m = f.t === "id" ? resolver.id(f.tok) : resolver.deriv(f.tok);
    if (m.r === "key") return resolver.textOf(m.q);
    return f.tok.raw;
  }
  if (f.t === "call") return `${f.fn}${f.prime ? "′" : ""}(…)`;
  if (f.t === "num") return f.text;
  return "a bracket";
}

/** The hidden quantity's value with one downstream path dropped, when that is what was written. */
function missingPath(q: Quantity, points: Point[], written: (p: Point) => number | undefined): string | undefined {
  const net = points[0]!.derivation.network;
  if (q.node === undefined && q.kind !== "updated" && q.kind !== "weight-gradient") return undefined;
  // the paths are read from the first update's pass (a later update's is not looked for)
  if ((q.update ?? 0) > 0) return undefined;
  const idOf = q.id;
  if (!idOf) return undefined;
  // the node whose δ sums over several paths
  const m = /(\d+)$/.exec(idOf);
  if (!m) return undefined;
  const node = Number(m[1]);
  const layerOf = net.layers.findIndex((l) => l.neurons.some((n) => n.node === node));
  if (layerOf < 0 || layerOf >= net.layers.length - 1) return undefined;
  const next = net.layers[layerOf + 1]!.neurons.map((n) => n.node);
  for (const k of next) {
    const ok = points.every((p) => {
      const scope = p.derivation.updates[0]?.sampleScopes[0];
      if (!scope) return false;
      const right = p.truth(q.key);
      const w = written(p);
      if (w === undefined) return false;
      // the path through k: δ_k · w_{node,k} times what the quantity multiplies ∂L/∂a_node by
      const dLda = scope[`dLda_${node}`];
      const path = (scope[`delta_${k}`] ?? NaN) * (scope[`w_${node}_${k}`] ?? NaN);
      if (dLda === undefined || Math.abs(dLda) < 1e-12) return false;
      const share = path / dLda;
      const base = q.kind === "updated" ? p.truth(q.key.replace(/'/, "").replace(/'@/, "@")) : 0;
      return !close(w, right) && close(w - base, (right - base) * (1 - share));
    });
    if (ok) return `node ${k}`;
  }
  return undefined;
}

/** The right side for a quantity, from the derivation's step, in the notation's names. */
function rightSide(q: Quantity, p: Point, notation: Notation | undefined): string | undefined {
  if (!q.id) return undefined;
  const step = p.derivation.steps.find((st) => st.defines === q.id);
  if (!step) return undefined;
  const named = (step.expr as MathNode).transform((n) => {
    if ((n as { isSymbolNode?: boolean }).isSymbolNode && notation) {
      const name = (n as unknown as { name: string }).name;
      try {
        return new math.SymbolNode(notation.text(name));
      } catch {
        return n;
      }
    }
    return n;
  });
  return named.toString({ implicit: "hide" }).replace(/ \* /g, "·");
}
