import type { CheckGraph as Graph } from "./expression-graph.js";
import { isExpressionGraph } from "./expression-graph.js";
import { expressionMistakes } from "./expression-mistakes.js";
import type { Getter, Quantity } from "./quantity.js";
import { compute } from "./quantity.js";
import { ALONE, diagnose } from "./diagnose.js";
import type { Diagnosed } from "./diagnose.js";
import type { MistakeId } from "./mistakes.js";
import { writerIntervals } from "./intervals.js";
import { mistakeVariants } from "./mistakes.js";
import { digitsFor, halfUnit, roundedText, shortNumber, truncateTo, withinTolerance } from "./number-text.js";
import { nearestWritten, world } from "./world.js";
import type { Claim } from "./claim.js";

export type { Claim } from "./claim.js";

export interface CheckOptions {
  /** An absolute tolerance that replaces the one the written digits claim. */
  tolerance?: number;
}

/** How many updates back from a claim a known mistake is looked for (it costs one world each). */
export const MISTAKE_SPAN = 10;

export type Verdict = "ok" | "wrong" | "carried";
export type DiagnosisId = MistakeId | "carried" | "drift" | "truncated" | "misread";

/** The report on one claim (the JSON of `check --format json`). */
export interface ClaimResult {
  name: string;
  path: string;
  /** As written. */
  claimed: string;
  /** Full precision. */
  correct: number;
  verdict: Verdict;
  diagnosis?: string;
  mistake?: DiagnosisId;
  /** For carried values: the earlier written values the error comes from. */
  carried_from?: string[];
  /** The value recomputed from the writer's own earlier values (when it differs from the correct one). */
  recomputed?: number;
  /** When the answers file named the quantity differently (an alias, a notation name, a path). */
  written_as?: string;
  /**
   * The name written means minus the quantity `name` (the error convention's v, m, m̂, g);
   * `correct`, `recomputed` and the numbers of `diagnosis` are then given with the written sign.
   */
  negated?: true;
  line?: number;
}

export interface CheckReport {
  claims: ClaimResult[];
  /** Path of the first wrong claim in derivation order, null when there is none. */
  first_wrong: string | null;
}

/**
 * Judges every claim: right (within the written precision), carried (wrong, but it follows
 * from the writer's own earlier values), or wrong (with a diagnosis when a known mistake
 * reproduces it). Claims are taken in derivation order, so "earlier" means what it says.
 */
export function checkClaims(g: Graph, claimList: readonly Claim[], opts: CheckOptions = {}): CheckReport {
  const claims = new Map(claimList.map((c) => [c.key, c]));
  const tol = (c: Claim) => opts.tolerance ?? halfUnit(c.decimals);
  const fits = (c: Claim, v: number) => withinTolerance(c.value, v, tol(c));

  const truth = world(
    g,
    (q, get) => compute(q, get),
    (q) => g.knownTrue(q),
  );
  // Before the first update the writer wrote a number in, every world is the true one: a
  // mistake is looked for from there on, and nothing before it is retraced.
  const firstUpdate = claimList.reduce((m, c) => Math.min(m, g.byKey.get(c.key)!.update ?? 0), Infinity);
  const start = g.updateStart(firstUpdate);
  const beforeWriting = (q: Quantity) => (q.order < start ? truth(q.key) : undefined);
  // The writer's values as written, everything unwritten recomputed from them.
  const written = world(g, (q, get) => claims.get(q.key)?.value ?? compute(q, get), beforeWriting);
  // The same, but a written value stands for the unrounded number it was rounded from, when
  // that number follows (from the writer's values, precise or as written) — so that a value
  // computed from more digits than were written down is not mistaken for a new error.
  // A wrong value that a known mistake reproduces stands for the mistake's unrounded result.
  const variants = isExpressionGraph(g) ? expressionMistakes(g) : mistakeVariants(g);
  const diagnoses = new Map<string, Diagnosed | undefined>();
  // One world per (mistake, base, window): every written value pinned, the mistake made everywhere
  // else in the window. A claim's own pin only reaches what comes after it, so claims share these worlds.
  const mistaken = new Map<string, Getter>();
  // A mistake is looked for in the claim's own update and the few before it (MISTAKE_SPAN),
  // never before the writer's first update: before that, the mistaken world is the writer's.
  const mistakeFrom = (q: Quantity) => g.updateStart(Math.max(firstUpdate, (q.update ?? 0) - MISTAKE_SPAN + 1));
  const worldFor = (vi: number, bi: number, from: number): Getter => {
    const id = `${vi}:${bi}:${from}`;
    let w = mistaken.get(id);
    if (!w) {
      const v = variants[vi]!;
      const mistake = (x: Quantity, get: Getter) => (v.affects(x) ? v.value(x, get) : compute(x, get));
      if (bi === ALONE) {
        // the claim by itself: no other written value pinned (a note can be inconsistent)
        w = world(g, mistake, (x) => (x.order < from ? truth(x.key) : undefined));
      } else {
        const base = bi === 0 ? written : precise; // the numbers as written, or unrounded
        w = world(
          g,
          (x, get) => (claims.has(x.key) ? base(x.key) : mistake(x, get)),
          (x) => (x.order < from ? base(x.key) : undefined),
        );
      }
      mistaken.set(id, w);
    }
    return w;
  };
  const diagnosed = (q: Quantity, c: Claim): Diagnosed | undefined => {
    if (!diagnoses.has(q.key)) diagnoses.set(q.key, diagnose(g, q, c, variants, worldFor, claims, tol(c), mistakeFrom(q)));
    return diagnoses.get(q.key);
  };
  const precise: Getter = world(
    g,
    (q, get) => {
      const c = claims.get(q.key);
      if (!c) return compute(q, get);
      for (const v of [compute(q, get), compute(q, written)]) if (fits(c, v)) return v;
      if (!q.given && !fits(c, truth(q.key))) {
        const d = diagnosed(q, c);
        if (d) return d.unrounded;
      }
      return c.value;
    },
    beforeWriting,
  );

  const intervals = writerIntervals(g, claims, tol, written, start);

  const results = new Map<string, ClaimResult>();
  const ordered = [...claimList].sort((a, b) => g.byKey.get(a.key)!.order - g.byKey.get(b.key)!.order);
  for (const c of ordered) {
    const q = g.byKey.get(c.key)!;
    const correct = truth(q.key);
    // every number shown beside the claim has the sign the name was written with
    const sign = c.negated ? -1 : 1;
    const shown = (v: number, digits: number) => shortNumber(sign * v, digits);
    const r: ClaimResult = {
      name: q.name,
      path: q.path,
      claimed: c.text,
      correct: sign * correct,
      verdict: "ok",
      ...(c.writtenAs !== q.name ? { written_as: c.writtenAs } : {}),
      ...(c.negated ? { negated: true as const } : {}),
      ...(c.line !== undefined ? { line: c.line } : {}),
    };
    results.set(q.key, r);
    if (fits(c, correct)) continue;
    const digits = digitsFor(c.text);

    const fromWritten = compute(q, written);
    const fromPrecise = compute(q, precise);
    let consistent = [fromWritten, fromPrecise].find((v) => fits(c, v));
    let earlier = nearestWritten(g, q.key, (k) => claims.has(k), start);
    if (consistent === undefined && !q.given) {
      // Within what the writer's earlier numbers allow, given the digits they were written with.
      const within = intervals.implied(q).find((i) => withinTolerance(c.value, i.mid, i.radius + tol(c)));
      if (within) {
        consistent = within.mid;
        if (within.via) earlier = [...new Set([...earlier, ...within.via])].sort((a, b) => g.byKey.get(a)!.order - g.byKey.get(b)!.order);
      }
    }
    const label = (k: string) => `${g.byKey.get(k)!.name} = ${claims.get(k)!.text}`;
    if (consistent !== undefined) {
      r.verdict = "carried";
      r.recomputed = sign * consistent;
      const bad = earlier.filter((k) => results.get(k)?.verdict !== "ok");
      const rootedInError = bad.some((k) => results.get(k)!.mistake !== "drift");
      if (!rootedInError) {
        r.mistake = "drift";
        r.diagnosis = `drift from rounded intermediate values: from the written ${list(earlier.map(label))} it is ${shown(consistent, digits)}`;
        if (bad.length > 0) r.carried_from = bad.map((k) => g.byKey.get(k)!.name);
      } else {
        r.mistake = "carried";
        r.carried_from = bad.map((k) => g.byKey.get(k)!.name);
        r.diagnosis = `follows from the earlier ${list(bad.map(label))}: from your values it is ${shown(consistent, digits)}`;
      }
      continue;
    }

    r.verdict = "wrong";
    if (q.given) {
      r.mistake = "misread";
      r.diagnosis =
        q.kind === "state-before"
          ? `${q.description}: ${shown(correct, digits)}`
          : `${q.description.replace(/ \(given\)$/, "")} is given by the spec: ${shown(correct, digits)}`;
      continue;
    }
    if (earlier.length > 0 && Math.abs(fromWritten - correct) > tol(c)) r.recomputed = sign * fromWritten;
    const found = diagnosed(q, c);
    const cut =
      opts.tolerance === undefined
        ? [correct, fromWritten, fromPrecise].find(
            (v) => withinTolerance(c.value, truncateTo(v, c.decimals), 1e-9 * halfUnit(c.decimals)) && !fits(c, v),
          )
        : undefined;
    // A mistake that reproduces the value only at the edge of the written precision (−5.185
    // written as −5.19) is weaker evidence than a truncation of the writer's own value.
    if (found && (!found.tie || cut === undefined)) {
      r.mistake = found.variant.mistake;
      r.diagnosis = `${found.variant.text}: that gives ${shown(found.value, digits)}`;
    } else if (cut !== undefined) {
      r.mistake = "truncated";
      r.diagnosis =
        `truncated, not rounded: ${shown(cut, digits)} rounds to ${roundedText(sign * cut, c.decimals)}` +
        (cut === correct ? "" : " (the value that follows from your earlier values)");
    }
  }

  const out = ordered.map((c) => results.get(c.key)!);
  const first = out.find((r) => r.verdict === "wrong");
  return { claims: out, first_wrong: first ? first.path : null };
}

function list(items: string[]): string {
  if (items.length <= 4) return items.join(", ");
  return `${items.slice(0, 4).join(", ")} and ${items.length - 4} more`;
}
