import { escapeControls } from "../spec/index.js";
import type { NoteFinding, NoteReport } from "./note-finding.js";
import type { ReportFormat } from "./report.js";

/** Only the findings that need the writer's attention go into the text and Markdown reports. */
const notOk = (r: NoteReport) => r.findings.filter((f) => f.verdict !== "ok");

function headline(r: NoteReport): string {
  const n = (v: NoteFinding["verdict"]) => r.findings.filter((f) => f.verdict === v).length;
  return `${r.findings.length} checked: ${n("ok")} ok, ${n("wrong")} wrong, ${n("carried")} carried, ${n("unknown")} unknown`;
}

/** The report on a note: findings in line order, each quoting the line with its correction. */
export function formatNoteReport(r: NoteReport, format: ReportFormat, title: string): string {
  if (format === "json") {
    const text = JSON.stringify({ findings: r.findings, first_wrong: r.first_wrong }, null, 2);
    return `${text.split("\n").map(escapeControls).join("\n")}\n`;
  }
  const items = notOk(r);
  if (format === "md") {
    const cell = (s: string) => escapeControls(s).replace(/\|/g, "\\|").replace(/`/g, "'");
    const rows = items.map((f) => `| ${f.line}:${f.column} | ${f.verdict} | \`${cell(f.text)}\` | ${cell(f.message)} |`);
    const body =
      items.length === 0
        ? "Every formula checked is right.\n"
        : `| line | verdict | as written | correction |\n|---|---|---|---|\n${rows.join("\n")}\n`;
    return `## ${escapeControls(title)}\n\n${escapeControls(headline(r))}\n\n${body}`;
  }
  const lines = items.map((f) => `  ${f.line}:${f.column}  ${f.verdict}  ${escapeControls(f.text)}\n      ${escapeControls(f.message)}`);
  const tail = items.length === 0 ? "  every formula checked is right\n" : `${lines.join("\n")}\n`;
  return `${escapeControls(title)}: ${headline(r)}\n\n${tail}`;
}
