import type { MathNode } from "../derive/index.js";
import { math } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { makeNotation, resolvePresentation } from "../notation/index.js";
import type { NetworkSpec } from "../spec/index.js";
import { hasNumbers } from "../spec/index.js";
import type { Claim } from "./claim.js";
import { checkClaims } from "./check.js";
import type { ClaimResult } from "./check.js";
import type { Quantity } from "./graph.js";
import { parseWrittenNumber } from "./number-text.js";
import { applyFunction, equations, functionOf, isNumeric, loneNumber, parsePart, walk } from "./note-parse.js";
import type { Ex } from "./note-parse.js";
import type { Point } from "./note-points.js";
import { randomPoints } from "./note-points.js";
import { errorConventionRight } from "./note-right.js";
import { checkStep } from "./note-steps.js";
import { locator, noteRows } from "./note-segments.js";
import type { NoteKind, Row } from "./note-segments.js";
import type { Meaning, Resolver } from "./note-symbols.js";
import { makeReadings } from "./note-readings.js";
import { makeResolver } from "./note-symbols.js";
import { vectorRows } from "./note-matrix.js";
import { tokenize } from "./note-tokens.js";
import { placesOf, resolverAt } from "./note-updates.js";
import type { Token } from "./note-tokens.js";
import { prepareNetwork } from "./prepare.js";

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

/** How many random points an equation is tried at. */
const POINTS = 5;

interface Group {
  tokens: Token[];
  start: number;
  end: number;
}

type Sign = 1 | -1;

interface Context {
  lhs?: Meaning;
  update?: boolean;
  /** Every left-hand side of the row group above: "= …" may continue any of them. */
  alts: Meaning[];
}

/**
 * Checks a whole note as written: every number chain graded as answers are (tolerance from the
 * digits, carried errors, diagnoses), every written equation compared with the right one for
 * its left-hand side at random points, every name read through the spec's notation.
 */
export async function checkNote(spec: NetworkSpec, source: string, kind: NoteKind): Promise<NoteReport> {
  const rows = await noteRows(source, kind);
  const c = prepareNetwork(spec);
  const net = buildNetwork(spec);
  let notation: Notation | undefined;
  let convention: "gradient" | "error" = "gradient";
  let letters: Readonly<Record<string, string>> | undefined;
  try {
    const p = resolvePresentation(spec);
    letters = p.letters;
    notation = makeNotation(net, p.notation, p.convention, p.letters);
    convention = p.convention === "error" ? "error" : "gradient";
  } catch {
    notation = undefined;
  }
  const specResolver = makeResolver(c.graph, notation);
  const where = locator(source);
  // vectors and matrices written whole are read element by element
  const vectors = vectorRows(rows);
  const groups = groupRows(vectors.rows, specResolver, source);
  const readings = makeReadings(
    c.graph,
    net,
    specResolver,
    notation,
    letters,
    groups.flatMap((g) => g.tokens),
  );
  const points = randomPoints(spec, POINTS);
  // the update (and sample) each part of the note is about, from its headings
  const placeAt = placesOf(source, c.graph, points[0]!.derivation);
  const findings: NoteFinding[] = vectors.notCompared.map((v) => ({
    ...where(v.at),
    kind: "equation" as const,
    text: v.text.replace(/\s+/g, " ").trim().slice(0, 240),
    verdict: "unknown" as const,
    message: "a vector equation: not compared element by element (write its elements, or its values, to have them checked)",
  }));
  const claims: { claim: Claim; at: number; text: string }[] = [];
  const eqResults: { at: number; text: string; part: Ex; lhs: Meaning; sign: Map<Sign, boolean>; diagnose: (s: Sign) => NoteFinding }[] =
    [];
  let ctx: Context = { alts: [] };

  for (const g of groups) {
    // each group in the numbering its names read in (the spec's, unless the note numbers the network
    // its own way), and in the update (and sample) its headings place it
    const resolver = resolverAt(readings.pick(g.tokens), c.graph, placeAt(g.start));
    const groupLhs: Meaning[] = [];
    const shown = source.slice(g.start, g.end).replace(/\s+/g, " ").trim().slice(0, 240);
    const parts = equations(g.tokens);
    for (const eqTokens of parts) {
      const exs = eqTokens.map((t) => (t.length === 0 ? undefined : parsePart(t)));
      // names that name nothing in the network (read from the tokens: a part need not parse)
      let unknowns = 0;
      // a list that trails off ("$b_1, b_2, \dots$") names a pattern, not each of its members
      const pattern = g.tokens.some((tk) => tk.t === "id" && /^(dots|ldots|cdots)$/.test(tk.base));
      for (const tk of pattern ? [] : eqTokens.flat()) {
        const m = tk.t === "id" ? resolver.id(tk) : tk.t === "deriv" ? resolver.deriv(tk) : undefined;
        if (m?.r === "unknown") {
          unknowns++;
          const hint = m.suggestions.length > 0 ? `; did you mean ${m.suggestions.join(", ")}?` : "";
          findings.push({
            ...where(tk.at),
            kind: "symbol",
            text: shown,
            verdict: "unknown",
            message: `${m.written} names nothing in this network${hint}`,
          });
        }
      }
      if (exs.length < 2) {
        const only = exs[0] ? meaningOfPart(exs[0], resolver) : undefined;
        if (only) groupLhs.push(only);
        // a lone name ("$$\frac{dL}{dW_{212}}$$") is the left-hand side of a "= …" row after it
        if (only && (only.r === "key" || only.r === "prod")) ctx = { lhs: only, update: false, alts: [] };
        continue;
      }
      // the left-hand side: the first part, or the equation above for a line that starts with "="
      let lhs: Meaning | undefined;
      let update = false;
      const first = exs[0];
      if (first === undefined) {
        lhs = ctx.lhs;
        update = ctx.update ?? false;
      } else {
        lhs = meaningOfPart(first, resolver);
        if (lhs?.r === "key" && lhs.q.kind === "updated") update = true;
        else if (lhs?.r === "key" && (lhs.q.kind === "weight" || lhs.q.kind === "bias")) {
          update = exs.slice(1).some((e) => e !== undefined && loneNumber(e) === undefined);
          if (update) {
            const after = resolver.plain(`${lhs.q.base}'`);
            lhs = after ? { r: "key", key: after.key, q: after } : undefined;
          }
        }
      }
      const alts = first === undefined ? ctx.alts : [];
      if (lhs && first !== undefined) groupLhs.push(lhs);
      ctx = { ...(lhs ? { lhs } : {}), update, alts: first === undefined ? ctx.alts : [...ctx.alts.slice(0, 0), ...groupLhs] };
      if (!lhs || (lhs.r !== "key" && lhs.r !== "prod")) continue;
      let lhsM: Extract<Meaning, { r: "key" | "prod" }> = lhs;
      for (let i = 1; i < exs.length; i++) {
        const ex = exs[i];
        if (!ex) continue;
        const num = loneNumber(ex);
        if (num !== undefined) {
          const key = lhsM.r === "key" ? lhsM.key : lhsM.keys.length === 1 && lhsM.c === 1 ? lhsM.keys[0] : undefined;
          const w = parseWrittenNumber(num);
          if (key !== undefined && w && hasNumbers(spec)) {
            const q = c.graph.byKey.get(key)!;
            const negate = lhsM.r === "key" && (lhsM.delta === true && convention === "error") !== (lhsM.neg === true);
            claims.push({
              claim: { key, writtenAs: resolver.textOf(q), text: w.text, value: negate ? -w.value : w.value, decimals: w.decimals },
              at: exNumAt(ex),
              text: shown,
            });
          }
          continue;
        }
        if (isNumeric(ex)) {
          // a numeric step must give the number written after it (up to the rounding of its numbers)
          const next = exs[i + 1];
          const result = next ? loneNumber(next) : undefined;
          const step =
            result !== undefined && hasNumbers(spec) ? checkStep(ex, result, lhsM.r === "key" ? lhsM.q.node : undefined, net) : undefined;
          if (step) {
            findings.push({
              ...where(firstAt(eqTokens[i]!)),
              kind: "number",
              text: shown,
              verdict: "wrong",
              message: step.message,
              ...(step.diagnosis ? { diagnosis: step.diagnosis } : {}),
            });
          }
          // a numeric step under a symbolic one: each number stands for the name in its place
          const prev = exs[i - 1];
          if (prev && !isNumeric(prev) && hasNumbers(spec)) {
            for (const [m, n] of matchShapes(prev, ex, resolver)) {
              const w = parseWrittenNumber(n.text);
              // a number copied again from an earlier line is not a new claim
              const again = claims.some((x) => m.r === "key" && x.claim.key === m.key && x.claim.text === n.text);
              if (w && m.r === "key" && !again && !(m.q.kind === "updated" || m.key === (lhsM.r === "key" ? lhsM.key : ""))) {
                // the error convention's δ is −∂L/∂z: its number claims minus the quantity
                const negate = (m.delta === true && convention === "error") !== (m.neg === true);
                claims.push({
                  claim: {
                    key: m.key,
                    writtenAs: resolver.textOf(m.q),
                    text: w.text,
                    value: negate ? -w.value : w.value,
                    decimals: w.decimals,
                  },
                  at: n.at,
                  text: shown,
                });
              }
            }
          }
          continue;
        }
        if (unknowns > 0) continue;
        const at = firstAt(eqTokens[i]!);
        const bare = hasBareTarget(ex, resolver);
        const tryLhs = (m: Extract<Meaning, { r: "key" | "prod" }>) => {
          const results = new Map<Sign, boolean>();
          for (const s of [1, -1] as Sign[]) {
            let ok = true;
            for (const p of points) {
              const left = lhsValue(m, p, s);
              const right = evaluate(ex, resolver, p, s, targetFor(m, p, resolver));
              if (left === undefined || right === undefined) return undefined;
              if (!close(left, right)) ok = false;
            }
            results.set(s, ok);
          }
          return results;
        };
        let results = tryLhs(lhsM);
        if (first === undefined && results && ![...results.values()].some(Boolean)) {
          // a continuation may belong to another equation of the row above ("dL/dy₄ | y₄ = …")
          for (const alt of alts) {
            if (alt.r !== "key" && alt.r !== "prod") continue;
            const r = tryLhs(alt);
            if (r && [...r.values()].some(Boolean)) {
              results = r;
              lhsM = alt;
              break;
            }
          }
        }
        if (!results) continue;
        if (bare && [...results.values()].some(Boolean)) {
          findings.push({
            ...where(at),
            kind: "equation",
            text: shown,
            verdict: "wrong",
            message: "the target's index is missing (y for the target of this output)",
            diagnosis: "target-index-missing",
          });
          continue;
        }
        const lhsFixed = lhsM;
        eqResults.push({
          at,
          text: shown,
          part: ex,
          lhs: lhsFixed,
          sign: results,
          diagnose: (s) =>
            diagnose(
              ex,
              lhsFixed,
              points,
              resolver,
              s,
              c.graph.byKey.get(lhsFixed.r === "key" ? lhsFixed.key : "") ?? undefined,
              notation,
              where(at),
              shown,
            ),
        });
      }
    }
  }

  // The note's convention: the reading of δ (∂L/∂z, or the error convention's −∂L/∂z) under
  // which more of its equations hold; the spec's convention when it makes no difference.
  const score = (s: Sign) => eqResults.filter((e) => e.sign.get(s)).length;
  const specSign: Sign = convention === "error" ? -1 : 1;
  const sign: Sign = score(-specSign as Sign) > score(specSign) ? (-specSign as Sign) : specSign;
  for (const e of eqResults) {
    if (e.sign.get(sign)) {
      findings.push({ ...where(e.at), kind: "equation", text: e.text, verdict: "ok", message: "holds" });
    } else findings.push(e.diagnose(sign));
  }

  findings.push(...gradeNumbers(c.graph, claims, where));
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  const firstWrong = findings.find((f) => f.verdict === "wrong");
  return { findings, first_wrong: firstWrong ? { line: firstWrong.line, column: firstWrong.column } : null };
}

/** Rows → equation groups: a row starting with "=" (or following one that ends in an operator) continues the one above. */
function groupRows(rows: Row[], resolver: Resolver, source: string): Group[] {
  const groups: Group[] = [];
  for (const r of rows) {
    const text = r.text.replace(/\((\\text\{)?\s*(new|old)\s*\}?\)/g, (m) => " ".repeat(m.length));
    const all = tokenize(text, r.offset);
    // a row of an aligned block may open with spacing (\quad) before its operator
    const tokens = r.plain ? all : all.slice(all.findIndex((t) => t.t !== "sep"));
    if (tokens.length === 0 || all.every((t) => t.t === "sep")) continue;
    if (r.plain && !readsAsMath(tokens, resolver)) continue;
    const prev = groups[groups.length - 1];
    const startsWithEq = tokens[0]!.t === "op" && (tokens[0] as { op: string }).op === "=";
    const last = prev?.tokens[prev.tokens.length - 1];
    // a row that opens a new equation ("X = …") never continues the one above
    // (also with a sign: the error convention's row "−g_{w_1} = δ₁x₁ − λw₁")
    const named = (k: number): boolean =>
      (tokens[k]?.t === "id" || tokens[k]?.t === "deriv") && tokens[k + 1]?.t === "op" && (tokens[k + 1] as { op: string }).op === "=";
    const fresh = named(0) || (tokens[0]!.t === "op" && (tokens[0] as { op: string }).op === "-" && named(1));
    // … or one that starts with an operator (the next row of an aligned sum: "\\ &+ …")
    const lead = tokens[0]!;
    // (only inside one block: a new display formula that opens with "−δ₅ w₄₅ …" is a formula of its own)
    const sameBlock = prev !== undefined && !/\$|\\\]|\\(begin|end)\b|\n\s*\n/.test(source.slice(prev.end, r.offset));
    const opening = !r.plain && sameBlock && lead.t === "op" && (lead.op === "+" || lead.op === "-");
    const dangling = !fresh && ((last?.t === "op" && ["=", "+", "-", "*", "/"].includes(last.op)) || opening);
    if (prev && (startsWithEq || dangling)) {
      prev.tokens.push(...(startsWithEq && !dangling ? [{ t: "sep" as const, at: tokens[0]!.at }] : []), ...tokens);
      prev.end = r.offset + r.text.length;
    } else groups.push({ tokens, start: r.offset, end: r.offset + r.text.length });
  }
  // A "= …" row is its own equation with the context's left-hand side: keep the separator
  // before it (added above), so that equations() gives it an empty first part.
  return groups;
}

/** A plain-text row is mathematics when it has an "=" or an operator and every name in it reads. */
function readsAsMath(tokens: Token[], resolver: Resolver): boolean {
  if (!tokens.some((t) => t.t === "op" && (t.op === "=" || t.op === "*" || t.op === "+"))) return false;
  if (tokens.some((t) => t.t === "bad")) return false;
  let names = 0;
  for (const t of tokens) {
    if (t.t === "id") {
      const m = resolver.id(t);
      if (m.r === "generic" && functionOf({ ...t, prime: true }) === undefined) return false;
      names++;
    } else if (t.t === "deriv") {
      if (resolver.deriv(t).r === "generic") return false;
      names++;
    }
  }
  return names > 0 || tokens.some((t) => t.t === "num");
}

function hasBareTarget(ex: Ex, resolver: Resolver): boolean {
  let bare = false;
  walk(ex, (e) => {
    if (e.t === "id" && resolver.id(e.tok).r === "bare-target") bare = true;
  });
  return bare;
}

/** The target a bare "y" stands for: that of the left-hand side's output node. */
function targetFor(m: Meaning, p: Point, resolver: Resolver): number | undefined {
  const node = m.r === "key" ? m.q.node : undefined;
  const t = node === undefined ? undefined : resolver.plain(`T${node}`);
  return t ? p.truth(t.key) : undefined;
}

function meaningOfPart(ex: Ex, resolver: Resolver): Meaning | undefined {
  // "−g = …": minus a name (the renderer writes the error convention's g so)
  if (ex.t === "neg" && (ex.a.t === "id" || ex.a.t === "deriv")) {
    const m = meaningOfPart(ex.a, resolver);
    if (m?.r !== "key") return undefined;
    const { neg: _, ...rest } = m;
    return m.neg ? rest : { ...rest, neg: true };
  }
  if (ex.t === "id") return resolver.id(ex.tok);
  if (ex.t === "deriv") return resolver.deriv(ex.tok);
  return undefined;
}

function firstAt(tokens: Token[]): number {
  return tokens[0]?.at ?? 0;
}

function exNumAt(ex: Ex): number {
  if (ex.t === "num") return ex.at;
  if (ex.t === "neg") return exNumAt(ex.a);
  return 0;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * (1 + Math.abs(a) + Math.abs(b));

function lhsValue(m: Meaning, p: Point, s: Sign): number | undefined {
  if (m.r === "key") return p.truth(m.key) * (m.delta && s === -1 ? -1 : 1) * (m.neg ? -1 : 1);
  if (m.r === "prod") return m.keys.reduce((acc, k) => acc * p.truth(k), m.c);
  return undefined;
}

type Get = (key: string) => number;

/** The value of a written part at a point; undefined when a name or a function cannot be read. */
function evaluate(ex: Ex, resolver: Resolver, p: Point, s: Sign, target: number | undefined, get: Get = p.truth): number | undefined {
  const ev = (e: Ex): number | undefined => {
    switch (e.t) {
      case "num":
        return Number(e.text);
      case "neg": {
        const v = ev(e.a);
        return v === undefined ? undefined : -v;
      }
      case "bin": {
        const a = ev(e.a);
        const b = ev(e.b);
        if (a === undefined || b === undefined) return undefined;
        switch (e.op) {
          case "+":
            return a + b;
          case "-":
            return a - b;
          case "*":
            return a * b;
          case "/":
            return a / b;
          case "^":
            return a ** b;
        }
        return undefined;
      }
      case "call": {
        const x = ev(e.arg);
        return x === undefined ? undefined : applyFunction(e.fn, e.prime, x);
      }
      case "id":
      case "deriv": {
        const m = e.t === "id" ? resolver.id(e.tok) : resolver.deriv(e.tok);
        if (m.r === "key") return get(m.key) * (m.delta && s === -1 ? -1 : 1) * (m.neg ? -1 : 1);
        if (m.r === "prod") return m.keys.reduce((acc, k) => acc * get(k), m.c);
        if (m.r === "euler") return Math.E;
        if (m.r === "const") return m.value;
        if (m.r === "bare-target") return target;
        return undefined;
      }
      default:
        return undefined;
    }
  };
  const v = ev(ex);
  return v === undefined || !Number.isFinite(v) ? undefined : v;
}

/** Pairs of (name, number) where a numeric part has the shape of the symbolic part before it. */
function matchShapes(sym: Ex, num: Ex, resolver: Resolver): [Meaning, Extract<Ex, { t: "num" }>][] {
  const out: [Meaning, Extract<Ex, { t: "num" }>][] = [];
  const go = (a: Ex, b: Ex): boolean => {
    if ((a.t === "id" || a.t === "deriv") && (b.t === "num" || (b.t === "neg" && b.a.t === "num"))) {
      const m = a.t === "id" ? resolver.id(a.tok) : resolver.deriv(a.tok);
      if (b.t === "num") out.push([m, b]);
      else if (b.a.t === "num") out.push([m, { ...b.a, text: `-${b.a.text}` }]);
      return true;
    }
    if (a.t === "bin" && b.t === "bin" && a.op === b.op) return go(a.a, b.a) && go(a.b, b.b);
    if (a.t === "neg" && b.t === "neg") return go(a.a, b.a);
    if (a.t === "num" && b.t === "num") return true;
    return false;
  };
  return go(sym, num) ? out : [];
}

const DIAGNOSIS_IDS: Record<string, string> = { "eta-missing": "missing-eta" };

/** A wrong equation part: the right one, and the mistake that reproduces the written one. */
function diagnose(
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

/** Number claims graded as an answers file is (a quantity written twice is graded in its own pass). */
function gradeNumbers(
  g: ReturnType<typeof prepareNetwork>["graph"],
  claims: { claim: Claim; at: number; text: string }[],
  where: (o: number) => { line: number; column: number },
): NoteFinding[] {
  if (claims.length === 0) return [];
  const passes: { claim: Claim; at: number; text: string }[][] = [];
  for (const c of claims) {
    const pass = passes.find((p) => !p.some((x) => x.claim.key === c.claim.key));
    if (pass) pass.push(c);
    else passes.push([c]);
  }
  const out: NoteFinding[] = [];
  const base = passes[0]!;
  passes.forEach((pass, i) => {
    // a later pass keeps the first pass's other numbers, so carried errors are still seen
    const list = i === 0 ? pass : [...base.filter((b) => !pass.some((x) => x.claim.key === b.claim.key)), ...pass];
    // each claim is told apart by its position in the list, passed through as its "line"
    const report = checkClaims(
      g,
      list.map((x, j) => ({ ...x.claim, line: j + 1 })),
    );
    for (const c of pass) {
      const j = list.indexOf(c);
      const r = report.claims.find((x) => x.line === j + 1);
      if (!r) continue;
      out.push(numberFinding(r, c, where));
    }
  });
  return out;
}

function numberFinding(
  r: ClaimResult,
  c: { claim: Claim; at: number; text: string },
  where: (o: number) => { line: number; column: number },
): NoteFinding {
  const correct = Number(r.correct.toPrecision(6));
  const name = c.claim.writtenAs;
  const base = `${name} = ${c.claim.text}`;
  let message: string;
  if (r.verdict === "ok") message = `${base} is right (${correct})`;
  else if (r.verdict === "carried") message = `${base}: ${r.diagnosis ?? "follows from an earlier wrong number"}; correct ${correct}`;
  else message = `${base} is wrong: correct ${correct}${r.diagnosis ? ` (${r.diagnosis})` : ""}`;
  return {
    ...where(c.at),
    kind: "number",
    text: c.text,
    verdict: r.verdict,
    message,
    ...(r.mistake ? { diagnosis: r.mistake } : {}),
  };
}
