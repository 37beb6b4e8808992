import { graphKey } from "../derive/index.js";
import { environment, renderGraph, xmlEscape } from "../render/index.js";
import type { RenderedFile } from "../render/index.js";
import type { GraphSpec } from "../spec/index.js";
import { assemble, renderParts, utf8, withNewline } from "./assemble.js";
import type { FileOptions, ProblemFormat } from "./files.js";
import type { GraphProblemsConfig } from "./graph-config.js";
import type { GraphVariant } from "./graph-generate.js";
import { graphQuestionName, graphQuestionTexts, graphShape, graphSheetView } from "./graph-sheet.js";
import type { GraphShape } from "./graph-sheet.js";
import { problemSetJson } from "./key.js";
import { plainNumber, proseHtml } from "./moodle.js";

/** A problem set of a computational graph (CONTRACT §6), as files.ts's ProblemSet is of a network. */
export interface GraphProblemSet {
  name: string;
  seed: number;
  /** The spec the variants were drawn from (they share its circuit). */
  spec: GraphSpec;
  config: GraphProblemsConfig;
  variants: GraphVariant[];
}

/** The spec as CONTRACT §6 writes it (so `derive` reproduces the variant), with the presentation fields it has. */
export function contractGraphSpec(spec: GraphSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.title !== undefined) out.title = spec.title;
  out.graph = {
    inputs: Object.fromEntries(spec.inputs.map((i) => [i.name, i.value ?? null])),
    nodes: spec.nodes.map((n) => ({ [n.name]: n.text })),
    output: spec.output,
  };
  if (spec.params.length > 0) Object.assign(out, { learning_rate: spec.learning_rate, params: spec.params });
  if (spec.precision !== undefined) out.precision = spec.precision;
  if (spec.notation !== undefined) out.notation = spec.notation;
  return out;
}

/**
 * Every file of a graph problem set, in memory, by the network set's means (files.ts): the
 * sheets and the Moodle quiz put together from one part per variant with the same frames, the
 * same key file, the worked solutions through the renderer's own API (`renderGraph`, as
 * `derive` writes a graph). The solutions are rendered in this thread: a graph's are quick.
 */
export async function graphProblemFiles(
  set: GraphProblemSet,
  formats: readonly ProblemFormat[],
  opts: FileOptions = {},
): Promise<RenderedFile[]> {
  const wants = (f: ProblemFormat) => formats.includes(f);
  const env = environment(opts.templates);
  env.addFilter("html", proseHtml);
  const shape = await graphShape(set.spec, set.config.title);
  const sheet = graphSheetView(set.name, set.config, shape, set.variants);
  const context = {
    name: sheet.name,
    title: sheet.title,
    precision: sheet.precision,
    instructions: sheet.instructions,
    shape,
    svg: sheet.svg,
  };
  const doc = (frame: string, part: string, items: Iterable<object>) =>
    assemble(env, frame, renderParts(env, part, context, items), context);
  const files: RenderedFile[] = [];
  if (wants("md")) {
    files.push({
      name: `${set.name}.problems.md`,
      content: doc("problems/sheet.md.njk", "problems/graph-sheet-variant.md.njk", sheet.variants),
    });
    files.push({ name: sheet.svg, content: utf8(withNewline(shape.svg)) });
  }
  if (wants("tex"))
    files.push({
      name: `${set.name}.problems.tex`,
      content: doc("problems/sheet.tex.njk", "problems/graph-sheet-variant.tex.njk", sheet.variants),
    });
  if (wants("md") || wants("tex")) files.push(...(await solutions(set, shape, wants("md"), wants("tex"), opts)));
  if (wants("json")) files.push({ name: `${set.name}.key.json`, content: keyJson(set) });
  if (wants("moodle")) {
    const parts = sheet.variants.map((v, i) => ({
      ...v,
      intro: xmlEscape(withNewline(env.render("problems/graph-moodle-intro.html.njk", { v, nodes: shape.nodes }))),
      answers: set.variants[i]!.questions.map((q) => ({
        name: graphQuestionName(q.symbol, set.spec.output),
        shown: q.shown,
        tolerance: plainNumber(q.tolerance),
      })),
    }));
    files.push({ name: `${set.name}.moodle.xml`, content: doc("problems/moodle.xml.njk", "problems/moodle-variant.xml.njk", parts) });
  }
  return files;
}

/** NAME.solutions.md and .tex: each variant's derivation as `derive` renders it, then the answers; and its circuit. */
async function solutions(set: GraphProblemSet, shape: GraphShape, md: boolean, tex: boolean, opts: FileOptions): Promise<RenderedFile[]> {
  const env = environment(opts.templates);
  const parts = { md: [] as Uint8Array[], tex: [] as Uint8Array[] };
  const circuits: RenderedFile[] = [];
  for (const [k, v] of set.variants.entries()) {
    const stem = `${set.name}.solutions/${v.id}`;
    const rendered = await renderGraph(v.derivation, [...(md ? ["md" as const] : []), ...(tex ? ["fragment" as const] : [])], {
      name: stem,
      ...(opts.templates === undefined ? {} : { templates: opts.templates }),
    });
    const file = (suffix: string) => String(rendered.find((f) => f.name === `${stem}${suffix}`)!.content);
    const texts = graphQuestionTexts(v, shape.names);
    const ctx = { id: v.id, problemTitle: set.config.title, answers: v.questions.map((q, i) => ({ text: texts[i]!, shown: q.shown })) };
    if (md) {
      parts.md.push(utf8(withNewline(env.render("problems/solution.md.njk", { ...ctx, body: file(".md") }))));
      circuits.push({ name: `${stem}-circuit.svg`, content: file("-circuit.svg") });
    }
    if (tex) parts.tex.push(utf8(withNewline(env.render("problems/solution.tex.njk", { ...ctx, body: file(".fragment.tex") }))));
    opts.onProgress?.(k + 1, set.variants.length);
  }
  return [
    ...(md ? [{ name: `${set.name}.solutions.md`, content: assemble(env, "problems/solutions.md.njk", parts.md) }] : []),
    ...circuits,
    ...(tex ? [{ name: `${set.name}.solutions.tex`, content: assemble(env, "problems/solutions.tex.njk", parts.tex) }] : []),
  ];
}

/** NAME.key.json: each variant's id, complete spec, graph key (CONTRACT §6) and the questions asked. */
function keyJson(set: GraphProblemSet): string {
  return problemSetJson(
    set.seed,
    set.variants.map((v) => ({
      id: v.id,
      spec: contractGraphSpec(v.spec),
      key: graphKey(v.derivation),
      questions: v.questions.map((q) => ({
        symbol: q.symbol,
        name: graphQuestionName(q.symbol, v.spec.output),
        value: q.value,
        shown: q.shown,
        tolerance: q.tolerance,
      })),
    })),
  );
}
