import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { derive, deriveGraph } from "../../src/derive/index.js";
import { buildNetwork } from "../../src/network/index.js";
import { resolvePresentation } from "../../src/notation/index.js";
import type { PresentationChoices } from "../../src/notation/index.js";
import type { FormatName, RenderedFile } from "../../src/render/formats.js";
import { renderText } from "../../src/render/text.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { renderGraph } from "../../src/render/graph.js";
import type { GraphChoices } from "../../src/render/graph.js";
import type { GraphSpec } from "../../src/spec/index.js";

export async function renderSpec(
  spec: NetworkSpec,
  options: PresentationChoices & { templates?: string } = {},
  formats: FormatName[] = ["md", "tex", "fragment", "slides"],
  name = "note",
): Promise<Record<string, string>> {
  const { templates, ...choices } = options;
  const input = { name, derivation: derive(buildNetwork(spec)), presentation: resolvePresentation(spec, choices) };
  const files: RenderedFile[] = await renderText(templates === undefined ? input : { ...input, templates }, formats);
  return Object.fromEntries(files.map((f) => [f.name, String(f.content)]));
}

/** A graph spec's text formats (md with its SVG, tex, fragment, slides), by file name. */
export async function renderGraphSpec(
  spec: GraphSpec,
  choices: GraphChoices = {},
  formats: FormatName[] = ["md", "tex", "fragment", "slides"],
  name = "note",
): Promise<Record<string, string>> {
  const files = await renderGraph(deriveGraph(spec), formats, { name }, choices);
  return Object.fromEntries(files.map((f) => [f.name, String(f.content)]));
}

export const hasPdflatex = spawnSync("pdflatex", ["--version"]).status === 0;

/** The packages the fragment's header comment names, e.g. `\usepackage{amsmath, tikz}`. */
export function fragmentPackages(fragment: string): string {
  const m = /^% Needs the packages: (\\usepackage\{[^}]*\})/m.exec(fragment);
  if (!m) throw new Error("the fragment names no packages");
  return m[1]!;
}

/** Compiles a standalone .tex with pdflatex; returns the log's error lines ([] = success) and the PDF path. */
export function compileLatex(source: string, keep = false): { errors: string[]; log: string; pdf: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "bpd-tex-"));
  writeFileSync(join(dir, "doc.tex"), source);
  const r = spawnSync(
    "pdflatex",
    ["-halt-on-error", "-interaction=nonstopmode", "-no-shell-escape", `-output-directory=${dir}`, join(dir, "doc.tex")],
    { input: "", encoding: "utf8", timeout: 120_000 },
  );
  let log = "";
  try {
    log = readFileSync(join(dir, "doc.log"), "utf8");
  } catch {
    log = r.stdout ?? "";
  }
  const errors =
    r.status === 0
      ? []
      : log
          .split("\n")
          .filter((l) => l.startsWith("!"))
          .concat(r.status === 0 ? [] : [`exit ${r.status}`]);
  if (!keep && errors.length === 0) {
    // keep the PDF for callers that asked for it
  }
  return { errors, log, pdf: join(dir, "doc.pdf"), dir };
}

export function pdfText(pdf: string): string {
  return execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
