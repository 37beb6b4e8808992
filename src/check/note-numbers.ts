import type { Claim } from "./claim.js";
import { checkClaims } from "./check.js";
import type { ClaimResult } from "./check.js";
import type { NoteFinding } from "./note-finding.js";
import type { prepareNetwork } from "./prepare.js";

/** Number claims graded as an answers file is (a quantity written twice is graded in its own pass). */
export function gradeNumbers(
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
