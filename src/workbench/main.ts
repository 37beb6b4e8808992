import { SEEDS } from "virtual:backprop-derive/seeds";
import { CONVENTIONS, DETAILS, GRAPH_NOTATIONS, NOTATIONS } from "../spec/index.js";
import type { GraphNotation } from "../spec/index.js";
import type { PresentationChoices } from "../notation/index.js";
import { showNames, showProblems, showReport } from "./dom.js";
import { showBlocks } from "./patch.js";
import { checkText, deriveText, fileName } from "./workbench.js";
import type { DerivedFiles, WorkbenchChoices } from "./workbench.js";

/*
 * The workbench page (dist/web/index.html): wires the editor, the switches, the downloads and
 * the answers to workbench.ts. Everything the page shows that came from the user is set as text
 * or went through the renderer's escaping; the page's Content-Security-Policy runs no other code.
 */

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`internal error: the page has no #${id}`);
  return el as T;
};

const spec = byId<HTMLTextAreaElement>("spec");
const seed = byId<HTMLSelectElement>("seed");
const name = byId<HTMLInputElement>("name");
const notation = byId<HTMLSelectElement>("notation");
const convention = byId<HTMLSelectElement>("convention");
const detail = byId<HTMLSelectElement>("detail");
const precision = byId<HTMLInputElement>("precision");
const problems = byId<HTMLElement>("problems");
const derivation = byId<HTMLElement>("derivation");
const timing = byId<HTMLElement>("timing");
const answers = byId<HTMLTextAreaElement>("answers");
const report = byId<HTMLElement>("report");
const namesList = byId<HTMLElement>("names-list");

/** Waits this long after a keystroke before deriving: typing on is cheaper than deriving each letter. */
const DEBOUNCE_MS = 120;

function fillSelect(select: HTMLSelectElement, values: readonly string[], first: string): void {
  select.replaceChildren(new Option(first, ""), ...values.map((v) => new Option(v, v)));
}

fillSelect(seed, [...SEEDS.map((s) => s.name), "empty"], "choose an example…");
// a layered network's notations, then a computational graph's (∂f/∂x or the adjoint x̄)
fillSelect(notation, [...NOTATIONS, ...GRAPH_NOTATIONS], "as the spec says");
fillSelect(convention, CONVENTIONS, "as the spec says");
fillSelect(detail, DETAILS, "as the spec says");

const isGraphNotation = (v: string): v is GraphNotation => (GRAPH_NOTATIONS as readonly string[]).includes(v);

function choices(): WorkbenchChoices {
  const p = precision.value.trim() === "" ? undefined : Number(precision.value);
  return {
    ...(notation.value && isGraphNotation(notation.value) && { graphNotation: notation.value }),
    ...(notation.value && !isGraphNotation(notation.value) && { notation: notation.value as PresentationChoices["notation"] }),
    ...(convention.value && { convention: convention.value as PresentationChoices["convention"] }),
    ...(detail.value && { detail: detail.value as PresentationChoices["detail"] }),
    ...(p !== undefined && { precision: p }),
  };
}

const currentName = (): string => fileName(name.value.trim());

// ---- the derivation, as you type ----

let generation = 0;
let running = false;
let again = false;

/** Derives the editor's spec and shows it; an edit that comes while deriving is derived next. */
async function update(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  derivation.dataset.state = "working";
  try {
    do {
      again = false;
      const started = performance.now();
      const text = spec.value;
      const result = await deriveText(text, currentName(), choices());
      if (again) continue; // the editor changed meanwhile: this result is already old
      if (result.ok) {
        showBlocks(derivation, result.blocks);
        derivation.classList.remove("stale");
        showProblems(problems, [], spec);
        setDownloads(result.files, result.kind === "graph" ? "-circuit.svg" : "-network.svg");
      } else {
        derivation.classList.add("stale");
        showProblems(problems, result.problems, spec);
        setDownloads(undefined);
      }
      const ms = Math.round(performance.now() - started);
      generation += 1;
      derivation.dataset.generation = String(generation);
      derivation.dataset.ms = String(ms);
      timing.textContent = result.ok ? `derived in ${ms} ms` : "";
      derivation.dataset.state = result.ok ? "ok" : "problems";
      // after the derivation is painted: the answers wait for it, not it for them
      setTimeout(checkAnswers, 0);
    } while (again);
  } catch (err) {
    derivation.dataset.state = "error";
    showProblems(problems, [{ path: "", message: `internal error (a bug, please report it): ${(err as Error).message}` }], spec);
  } finally {
    running = false;
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
function soon(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void update(), DEBOUNCE_MS);
}

// ---- downloads: the files derive would write ----

const links = {
  md: { el: document.querySelector<HTMLAnchorElement>('[data-testid="download-md"]')!, suffix: ".md", type: "text/markdown" },
  svg: { el: document.querySelector<HTMLAnchorElement>('[data-testid="download-svg"]')!, suffix: "-network.svg", type: "image/svg+xml" },
  tex: { el: document.querySelector<HTMLAnchorElement>('[data-testid="download-tex"]')!, suffix: ".tex", type: "text/x-tex" },
  json: { el: document.querySelector<HTMLAnchorElement>('[data-testid="download-json"]')!, suffix: ".json", type: "application/json" },
} as const;

/** The links to the files derive would write (the diagram's suffix: a network's or a graph's); none without files. */
function setDownloads(files: DerivedFiles | undefined, svgSuffix = "-network.svg"): void {
  for (const [key, link] of Object.entries(links) as [keyof DerivedFiles, (typeof links)[keyof typeof links]][]) {
    if (link.el.href.startsWith("blob:")) URL.revokeObjectURL(link.el.href);
    // a graph with a leaf that has no value has no answer key (files.json is "")
    if (files === undefined || files[key] === "") {
      link.el.removeAttribute("href");
      link.el.removeAttribute("download");
      link.el.classList.add("disabled");
      link.el.setAttribute("aria-disabled", "true");
      continue;
    }
    link.el.href = URL.createObjectURL(new Blob([files[key]], { type: `${link.type};charset=utf-8` }));
    link.el.download = `${currentName()}${key === "svg" ? svgSuffix : link.suffix}`;
    link.el.classList.remove("disabled");
    link.el.removeAttribute("aria-disabled");
  }
}

// ---- check my answers ----

function checkAnswers(): void {
  if (derivation.dataset.state !== "ok") {
    report.replaceChildren();
    return;
  }
  const checked = checkText(spec.value, currentName(), answers.value);
  showNames(namesList, checked.names, startAnswer);
  if (!checked.ok) showProblems(report, checked.problems, checked.in === "answers" ? answers : spec, checked.in);
  else showReport(report, checked.report);
}

/** A new line `NAME: ` at the end of the answers, the cursor after it, for the student's number. */
function startAnswer(quantity: string): void {
  const text = answers.value;
  answers.value = `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${quantity}: `;
  answers.focus();
  answers.setSelectionRange(answers.value.length, answers.value.length);
  answers.scrollTop = answers.scrollHeight;
}

let answersTimer: ReturnType<typeof setTimeout> | undefined;
answers.addEventListener("input", () => {
  clearTimeout(answersTimer);
  answersTimer = setTimeout(checkAnswers, DEBOUNCE_MS);
});

// ---- wiring ----

function loadSeed(value: string): void {
  const s = SEEDS.find((x) => x.name === value);
  spec.value = s?.text ?? "";
  name.value = s?.name ?? "network";
  answers.value = "";
  void update();
}

spec.addEventListener("input", soon);
name.addEventListener("input", soon);
for (const el of [notation, convention, detail]) el.addEventListener("change", () => void update());
precision.addEventListener("input", soon);
seed.addEventListener("change", () => {
  if (seed.value !== "") loadSeed(seed.value);
});

seed.value = SEEDS[0]!.name;
loadSeed(seed.value);
