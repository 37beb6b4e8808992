import type { CheckReport, ClaimResult, Verdict } from "./check.js";
import type { QuantityGraph as Graph } from "./quantity.js";
import type { NameTable } from "./lookup.js";
import { escapeControls } from "../spec/index.js";
import { digitsFor, shortNumber } from "./number-text.js";

export const REPORT_FORMATS = ["text", "md", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const count = (r: CheckReport, v: Verdict) => r.claims.filter((c) => c.verdict === v).length;

/** The JSON report: the fields of issue 5 plus a summary. */
export function reportJson(r: CheckReport): string {
  const summary = { ok: count(r, "ok"), wrong: count(r, "wrong"), carried: count(r, "carried") };
  // JSON escapes C0 controls itself; C1 controls and noncharacters are escaped here (the raw
  // newlines are the layout: JSON escapes every newline inside a string).
  const text = JSON.stringify({ claims: r.claims, first_wrong: r.first_wrong, summary }, null, 2);
  return `${text.split("\n").map(escapeControls).join("\n")}\n`;
}

function headline(r: CheckReport): string {
  const n = r.claims.length;
  return `${n} value${n === 1 ? "" : "s"}: ${count(r, "ok")} ok, ${count(r, "wrong")} wrong, ${count(r, "carried")} carried`;
}

function firstWrong(r: CheckReport): string {
  const c = r.claims.find((x) => x.verdict === "wrong");
  if (!c) return count(r, "carried") > 0 ? "no wrong step: every error is carried or rounding drift" : "every value is right";
  return `first wrong step: ${c.name} = ${c.claimed} (${c.path}${c.line !== undefined ? `, line ${c.line}` : ""})`;
}

/** The quantity's name as the report lists it; a name written for minus the quantity shows the minus. */
const named = (c: ClaimResult) => `${c.negated ? "−" : ""}${c.name}${c.written_as !== undefined ? ` (${c.written_as})` : ""}`;
const note = (c: ClaimResult) =>
  c.diagnosis ??
  (c.verdict === "wrong" && c.recomputed !== undefined
    ? `from your own earlier values it would be ${shortNumber(c.recomputed, digitsFor(c.claimed))}`
    : "");

/** Aligned columns for a terminal. */
export function reportText(r: CheckReport, title: string): string {
  const rows = r.claims.map((c) =>
    [c.verdict, named(c), c.claimed, c.verdict === "ok" ? "" : `correct ${shortNumber(c.correct, digitsFor(c.claimed))}`, note(c)].map(
      escapeControls,
    ),
  );
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell))
      .join("  ")
      .trimEnd(),
  );
  return `${escapeControls(title)}: ${headline(r)}\n${escapeControls(firstWrong(r))}\n\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

const cellMd = (s: string) => escapeControls(s).replace(/\|/g, "\\|");

/** A Markdown table for notes and feedback. */
export function reportMarkdown(r: CheckReport, title: string): string {
  const mark: Record<Verdict, string> = { ok: "✓ ok", wrong: "✗ wrong", carried: "↳ carried" };
  const rows = r.claims.map(
    (c) =>
      `| ${cellMd(named(c))} | ${cellMd(c.claimed)} | ${shortNumber(c.correct, digitsFor(c.claimed))} | ${mark[c.verdict]} | ${cellMd(note(c))} |`,
  );
  return [
    `## ${cellMd(title)}`,
    "",
    `${headline(r)}. ${escapeControls(firstWrong(r))}.`,
    "",
    "| quantity | written | correct | verdict | note |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

export function formatReport(r: CheckReport, format: ReportFormat, title: string): string {
  return format === "json" ? reportJson(r) : format === "md" ? reportMarkdown(r, title) : reportText(r, title);
}

/** `check SPEC --list`: every name, its other names, its answer-key path and what it is. */
export function formatList(g: Graph, names: NameTable, format: ReportFormat): string {
  const rows = g.quantities.map((q) => {
    const l = names.listed(q);
    return {
      name: l.name,
      aliases: l.aliases,
      path: q.path,
      given: q.given,
      description: l.note ? `${q.description}; ${l.note}` : q.description,
    };
  });
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === "md") {
    return [
      "| name | also | path | quantity |",
      "|---|---|---|---|",
      ...rows.map((r) => `| ${cellMd(r.name)} | ${cellMd(r.aliases.join(", "))} | ${cellMd(r.path)} | ${cellMd(r.description)} |`),
      "",
    ].join("\n");
  }
  // reduce, not Math.max(...rows): a large network lists more names than a call takes arguments
  const widest = (f: (r: (typeof rows)[number]) => number) => rows.reduce((m, r) => Math.max(m, f(r)), 0);
  const w0 = widest((r) => r.name.length);
  const w1 = widest((r) => r.aliases.join(", ").length);
  const w2 = widest((r) => r.path.length);
  return `${rows.map((r) => `${r.name.padEnd(w0)}  ${r.aliases.join(", ").padEnd(w1)}  ${r.path.padEnd(w2)}  ${r.description}`.trimEnd()).join("\n")}\n`;
}
