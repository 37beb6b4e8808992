import { buildNetwork } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { makeNotation, resolvePresentation } from "../notation/index.js";
import type { NetworkSpec } from "../spec/index.js";
import { hasNumbers } from "../spec/index.js";
import type { Claim } from "./claim.js";
import { parseWrittenNumber } from "./number-text.js";
import { equations, isNumeric, loneNumber, parsePart } from "./note-parse.js";
import type { Ex } from "./note-parse.js";
import { randomPoints } from "./note-points.js";
import { checkStep } from "./note-steps.js";
import { diagnose } from "./note-diagnose.js";
import { close, evaluate, hasBareTarget, lhsValue, matchShapes, targetFor } from "./note-evaluate.js";
import type { Sign } from "./note-evaluate.js";
import { groupRows } from "./note-groups.js";
import { gradeNumbers } from "./note-numbers.js";
import { locator, noteRows } from "./note-segments.js";
import type { NoteKind } from "./note-segments.js";
import type { NoteFinding, NoteReport } from "./note-finding.js";
import type { Meaning, Resolver } from "./note-symbols.js";
import { makeReadings } from "./note-readings.js";
import { makeResolver } from "./note-symbols.js";
import { vectorRows } from "./note-matrix.js";
import { placesOf, resolverAt } from "./note-updates.js";
import type { Token } from "./note-tokens.js";
import { prepareNetwork } from "./prepare.js";

/** How many random points an equation is tried at. */
const POINTS = 5;

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
