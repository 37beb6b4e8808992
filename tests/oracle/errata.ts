/**
 * Generates the numeric sections of docs/seed-errata.md from the oracle. The document keeps
 * them between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`;
 * tests/oracle/errata.test.ts checks they are current (UPDATE_ERRATA=1 rewrites them).
 */
import { normalizeSpec, referenceAnswerKey } from "./reference.js";
import { SEED_SPECS, claims000, claims002, claims004, judge, loadSpec, unevaluated004, type Judged, type SeedSpec } from "./seed-claims.js";

const num = (x: number): string => String(x);
const cell = (s: string): string => s.replace(/\|/g, "\\|");

export function claimsTable(judged: Judged[]): string {
  const rows = judged.map((j, n) => {
    const verdict = j.truncated ? `${j.verdict} (truncated, not rounded)` : j.verdict;
    return `| ${n + 1} | ${cell(j.what)} | ${j.written} | ${num(j.correct)} | ${j.rounded} | ${verdict} | ${cell(j.why)} |`;
  });
  return [
    "| # | what the note writes | written | correct (full precision) | correct, rounded as written | verdict | why |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

export function unevaluatedTable(): string {
  return ["| quantity | value |", "|---|---|", ...unevaluated004().map((r) => `| ${cell(r.what)} | ${num(r.value)} |`)].join("\n");
}

/** The full reference values of one seed spec's (single) update, under the note's own names. */
export function referenceTable(seed: SeedSpec): string {
  const spec = loadSpec(seed.file);
  const key = referenceAnswerKey(spec, { gradients: "analytic" });
  const lines: string[] = [];
  key.updates.forEach((u, k) => {
    if (key.updates.length > 1) lines.push(`Update ${k + 1}:`, "");
    const n = seed.naming;
    u.samples.forEach((s, si) => {
      lines.push(
        `${u.samples.length > 1 ? `Sample ${si + 1}: ` : ""}input ${JSON.stringify(s.input)}, target ${JSON.stringify(s.target)}, loss ${num(s.loss)}`,
        "",
        "| neuron | net input z | activation | ∂L/∂z |",
        "|---|---|---|---|",
      );
      s.z.forEach((zl, l) =>
        zl.forEach((zj, j) => {
          lines.push(`| ${n.z(l, j)} / ${n.a(l, j)} | ${num(zj)} | ${num(s.a[l][j])} | ${num(s.dL_dz[l][j])} |`);
        }),
      );
      lines.push("");
    });
    lines.push("| parameter | before | ∂loss/∂θ | after |", "|---|---|---|---|");
    const init = normalizeSpec(spec);
    const before = k === 0 ? { W: init.W, b: init.b } : { W: key.updates[k - 1].W, b: key.updates[k - 1].b };
    u.dL_dW.forEach((m, l) =>
      m.forEach((row, j) =>
        row.forEach((g, i) => lines.push(`| ${n.weight(l, j, i)} | ${num(before.W[l][j][i])} | ${num(g)} | ${num(u.W[l][j][i])} |`)),
      ),
    );
    u.dL_db.forEach((g, l) => {
      const bBefore = before.b[l];
      const bAfter = u.b[l];
      if (typeof g === "number") {
        lines.push(`| ${n.bias(l, 0)} (shared) | ${num(bBefore as number)} | ${num(g)} | ${num(bAfter as number)} |`);
      } else {
        g.forEach((gj, j) => {
          lines.push(`| ${n.bias(l, j)} | ${num((bBefore as number[])[j])} | ${num(gj)} | ${num((bAfter as number[])[j])} |`);
        });
      }
    });
    lines.push("", `Loss ${num(u.loss)} before the update, ${num(u.loss_after)} after.`);
  });
  return lines.join("\n");
}

export function summaryTable(): string {
  const notes: [string, Judged[]][] = [
    ["000", judge(claims000())],
    ["001", []],
    ["002", judge(claims002())],
    ["003", []],
    ["004", judge(claims004())],
  ];
  const count = (js: Judged[], v: string) => js.filter((j) => j.verdict === v).length;
  return [
    "| note | numbers written | right | rounding drift | follows from an earlier wrong value | wrong | truncated instead of rounded (any verdict) |",
    "|---|---|---|---|---|---|---|",
    ...notes.map(
      ([n, js]) =>
        `| ${n} | ${js.length} | ${count(js, "right")} | ${count(js, "rounding drift")} | ${count(js, "follows from an earlier wrong value")} | ${count(js, "wrong")} | ${js.filter((j) => j.truncated).length} |`,
    ),
  ].join("\n");
}

/** Every generated section, by marker name. */
export function generatedSections(): Record<string, string> {
  const out: Record<string, string> = {
    summary: summaryTable(),
    "claims-000": claimsTable(judge(claims000())),
    "claims-002": claimsTable(judge(claims002())),
    "claims-004": claimsTable(judge(claims004())),
    "unevaluated-004": unevaluatedTable(),
  };
  for (const s of SEED_SPECS) out[`reference-${s.file.replace(/\.yaml$/, "")}`] = referenceTable(s);
  return out;
}

const BEGIN = (name: string) => `<!-- BEGIN GENERATED: ${name} -->`;
const END = (name: string) => `<!-- END GENERATED: ${name} -->`;

/** The document with every generated section replaced; throws if a marker is missing. */
export function refreshDocument(doc: string): string {
  let out = doc;
  for (const [name, body] of Object.entries(generatedSections())) {
    const b = out.indexOf(BEGIN(name));
    const e = out.indexOf(END(name));
    if (b < 0 || e < b) throw new Error(`docs/seed-errata.md lacks the markers of section ${name}`);
    out = out.slice(0, b) + BEGIN(name) + "\n" + body + "\n" + out.slice(e);
  }
  return out;
}
