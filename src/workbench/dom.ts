import type { CheckReport, ClaimResult, Verdict } from "../check/index.js";
import type { AnswerName, Problem } from "./workbench.js";

/*
 * The workbench's lists and tables. Every string from the user or the library is set as text
 * (textContent), never parsed as HTML.
 */

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className !== undefined) e.className = className;
  return e;
}

/** Puts the caret at the start of a line of the text (1-based), scrolled into view. */
function goToLine(area: HTMLTextAreaElement, line: number, column = 1): void {
  const lines = area.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  offset += Math.max(0, column - 1);
  area.focus();
  area.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

const where = (p: Problem): string =>
  p.line === undefined ? "" : p.column === undefined ? `line ${p.line}` : `line ${p.line}, column ${p.column}`;

/**
 * The problems of a text, each with its line (a link that puts the caret there), or nothing when
 * there are none. `of`: whose problems they are, when it is not the spec's.
 */
export function showProblems(
  box: HTMLElement,
  problems: readonly Problem[],
  source: HTMLTextAreaElement,
  of: "spec" | "answers" = "spec",
): void {
  if (problems.length === 0) {
    box.replaceChildren();
    return;
  }
  const heading =
    of === "answers"
      ? "The answers cannot be read:"
      : box.dataset.testid === "problems"
        ? "The spec has problems (the derivation shown is of the last spec that had none):"
        : "Fix the spec first:";
  const list = el("ul", undefined, "problems");
  for (const p of problems) {
    const item = el("li");
    const at = where(p);
    if (at !== "" && p.line !== undefined) {
      const link = el("a", at, "line");
      link.href = "#";
      link.dataset.line = String(p.line);
      link.addEventListener("click", (e) => {
        e.preventDefault();
        goToLine(source, p.line!, p.column);
      });
      item.append(link, ": ");
    }
    item.append(p.path === "" ? p.message : `${p.path}: ${p.message}`);
    list.append(item);
  }
  box.replaceChildren(el("p", heading, "problems-heading"), list);
}

const VERDICT: Record<Verdict, string> = { ok: "✓ right", wrong: "✗ wrong", carried: "↳ carried" };

/** Shown beside a verdict: the diagnosis, or what the writer's own earlier values give. */
function note(c: ClaimResult): string {
  if (c.diagnosis !== undefined) return c.diagnosis;
  if (c.verdict === "carried" && c.carried_from?.length) return `follows from your ${c.carried_from.join(", ")}`;
  if (c.verdict === "wrong" && c.recomputed !== undefined)
    return `from your own earlier values it would be ${shortNumber(c.recomputed, c.claimed)}`;
  return "";
}

/** A number with as many decimals as the student wrote, and at least two more (the difference shows). */
function shortNumber(v: number, claimed: string): string {
  const decimals = /\.(\d+)/.exec(claimed)?.[1]?.length ?? 0;
  return String(Number(v.toFixed(Math.min(12, decimals + 2))));
}

/** The check's report: a summary, the first wrong step, and one row per answer. */
export function showReport(box: HTMLElement, report: CheckReport | undefined): void {
  if (report === undefined) {
    box.replaceChildren();
    return;
  }
  const count = (v: Verdict) => report.claims.filter((c) => c.verdict === v).length;
  const n = report.claims.length;
  const summary = el(
    "p",
    `${n} value${n === 1 ? "" : "s"}: ${count("ok")} right, ${count("wrong")} wrong, ${count("carried")} carried`,
    "summary",
  );
  const first = report.claims.find((c) => c.verdict === "wrong");
  const firstLine = el(
    "p",
    first
      ? `First wrong step: ${first.name} = ${first.claimed}${first.line !== undefined ? ` (line ${first.line})` : ""}`
      : count("carried") > 0
        ? "No wrong step: every error is carried from an earlier one or is rounding drift."
        : "Every value is right.",
    first ? "first-wrong" : "all-right",
  );
  const table = el("table", undefined, "verdicts");
  const head = el("tr");
  for (const h of ["", "Quantity", "Yours", "Correct", ""]) head.append(el("th", h));
  table.append(el("thead"), el("tbody"));
  table.tHead!.append(head);
  for (const c of report.claims) {
    const row = el("tr", undefined, c.verdict);
    row.dataset.verdict = c.verdict;
    row.dataset.name = c.name;
    if (c === first) row.classList.add("first");
    row.append(
      el("td", VERDICT[c.verdict], "verdict"),
      el("td", c.written_as !== undefined ? `${c.name} (${c.written_as})` : c.name),
      el("td", c.claimed, "number"),
      el("td", c.verdict === "ok" ? "" : shortNumber(c.correct, c.claimed), "number"),
      el("td", note(c), "why"),
    );
    table.tBodies[0]!.append(row);
  }
  box.replaceChildren(summary, firstLine, table);
}

/**
 * The names an answers file may use (`check --list`): the quantities to compute, then the given
 * ones. A name is a button that starts a line for it in the answers (`pick`).
 */
export function showNames(box: HTMLElement, names: readonly AnswerName[], pick: (name: string) => void): void {
  const table = el("table", undefined, "names");
  const head = el("tr");
  for (const h of ["Name", "Also", "Quantity"]) head.append(el("th", h));
  table.append(el("thead"), el("tbody"));
  table.tHead!.append(head);
  for (const r of [...names.filter((r) => !r.given), ...names.filter((r) => r.given)]) {
    const row = el("tr", undefined, r.given ? "given" : undefined);
    const button = el("button", r.name, "name");
    button.type = "button";
    button.title = `Add a line for ${r.name} to your answers`;
    button.addEventListener("click", () => pick(r.name));
    const cell = el("td", undefined, "name");
    cell.append(button);
    row.append(cell, el("td", r.aliases.join(", ")), el("td", r.description));
    table.tBodies[0]!.append(row);
  }
  box.replaceChildren(table);
}
