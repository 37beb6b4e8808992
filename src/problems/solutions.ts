import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { derive } from "../derive/index.js";
import { buildNetwork } from "../network/index.js";
import { resolvePresentation } from "../notation/index.js";
import type { Network } from "../network/index.js";
import { train } from "../numeric/index.js";
import type { UpdateResult } from "../numeric/index.js";
import { sharedEnvironment, render } from "../render/index.js";
import type { FormatName, RenderedFile } from "../render/index.js";
import { utf8, withNewline } from "./assemble.js";
import { questionTexts, sheetDiagram, variantDiagram } from "./sheet.js";
import type { ProblemsConfig, Variant } from "./types.js";

/*
 * The worked solutions: each variant rendered by the renderer's own API (`render`, the same
 * templates and passes as `derive`: the Markdown note and the LaTeX fragment), then its answers.
 * They are most of a problem set's work, so they are shared out in chunks between this thread
 * and worker threads (solutions-worker.ts); the chunks are put back in order, so the files do
 * not depend on who rendered what.
 */

/** How to render the solutions (plain data, sent to the worker threads as it is). */
export interface SolutionJob {
  name: string;
  config: ProblemsConfig;
  md: boolean;
  tex: boolean;
  templates?: string;
}

/** The rendered solutions of consecutive variants, as UTF-8 bytes (see assemble.ts). */
export interface SolutionParts {
  md: Uint8Array[];
  tex: Uint8Array[];
}

type Solvable = Variant & { net: Network; updates: UpdateResult[] };

/** Variants per chunk: small enough to share out evenly, large enough to cost little to hand over. */
export const CHUNK = 20;
/** Worker threads at most, whatever the machine. */
const MAX_WORKERS = 7;

/**
 * Threads a problem set uses by default: one per core but one, up to 8. V8's own threads
 * (garbage collection, compilation) and the file writes keep about half a core busy beside the
 * main thread; on the 2-core machine this was measured on, a worker made the run slower.
 */
export const defaultJobs = (): number => Math.max(1, Math.min(availableParallelism() - 1, MAX_WORKERS + 1));

/** Renders the solutions of `variants` in this thread. */
export async function renderSolutions(job: SolutionJob, variants: readonly Solvable[]): Promise<SolutionParts> {
  const env = sharedEnvironment(job.templates);
  const formats: FormatName[] = [...(job.md ? ["md" as const] : []), ...(job.tex ? ["fragment" as const] : [])];
  const parts: SolutionParts = { md: [], tex: [] };
  for (const v of variants) {
    const stem = `${job.name}.solutions/${v.id}`;
    const presentation = resolvePresentation(v.net.spec, { precision: job.config.precision });
    const rendered = await render(derive(v.net, v.updates), presentation, formats, {
      name: stem,
      ...(job.templates === undefined ? {} : { templates: job.templates }),
      // the sheet's diagram (NAME.problems/ID-network.svg): the same network with the given numbers, exactly
      diagram: variantDiagram(v.net, job.config),
      diagramFile: sheetDiagram(job.name, v.id),
    });
    const file = (suffix: string) => String(rendered.find((f) => f.name === `${stem}${suffix}`)!.content);
    const texts = questionTexts(v, v.net);
    const answers = v.questions.map((q, k) => ({ text: texts[k]!, shown: q.shown }));
    const ctx = { id: v.id, problemTitle: job.config.title, answers };
    if (job.tex) parts.tex.push(utf8(withNewline(env.render("problems/solution.tex.njk", { ...ctx, body: file(".fragment.tex") }))));
    if (job.md) {
      parts.md.push(utf8(withNewline(env.render("problems/solution.md.njk", { ...ctx, body: file(".md") }))));
    }
  }
  return parts;
}

/** The variants' networks and numeric passes again, from their specs (in a worker thread). */
export function rebuild(variants: readonly Variant[]): Solvable[] {
  if (variants.length === 0) return [];
  // The variants of a set differ in their numbers only: they share one network structure.
  const shared = buildNetwork(variants[0]!.spec);
  return variants.map((v) => {
    const net: Network = { ...shared, spec: v.spec };
    return { ...v, net, updates: train(net) };
  });
}

/** What a worker thread is given. */
export interface WorkerData {
  job: SolutionJob;
  /** Every variant's numbers and questions (the worker rebuilds the networks and numeric passes). */
  variants: Variant[];
  /** The next chunk to take, shared by every thread (Atomics). */
  next: SharedArrayBuffer;
}

export type WorkerMessage = { chunk: number; parts: SolutionParts } | { done: true };

/** The number of chunks of a job, and the variants of chunk k. */
export const chunkCount = (n: number): number => Math.ceil(n / CHUNK);
export const chunkOf = <T>(xs: readonly T[], k: number): T[] => xs.slice(k * CHUNK, (k + 1) * CHUNK);

export interface SolutionRun {
  /** How many worker threads were started. */
  readonly workers: number;
  /** This thread takes chunks too, then waits for the workers: all the parts, in order. */
  finish(): Promise<SolutionParts>;
  /** Stops the workers (after a failure elsewhere). */
  stop(): void;
}

/**
 * Starts rendering the solutions: `jobs − 1` worker threads begin taking chunks at once, while
 * this thread does other work until it calls `finish`. Without the built worker (running from
 * the TypeScript sources) or with one chunk, everything is rendered in this thread.
 */
export function startSolutions(
  job: SolutionJob,
  variants: readonly Solvable[],
  opts: { jobs?: number; onProgress?: (done: number, total: number) => void } = {},
): SolutionRun {
  const chunks = chunkCount(variants.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results: SolutionParts[] = new Array(chunks);
  let done = 0;
  const finished = (k: number, parts: SolutionParts): void => {
    results[k] = parts;
    done += Math.min(CHUNK, variants.length - k * CHUNK);
    opts.onProgress?.(done, variants.length);
  };
  const script = new URL("./solutions-worker.js", import.meta.url);
  const threads = existsSync(fileURLToPath(script)) ? Math.max(0, Math.min((opts.jobs ?? defaultJobs()) - 1, chunks - 1, MAX_WORKERS)) : 0;
  const plain: Variant[] = threads === 0 ? [] : variants.map(({ id, index, spec, questions }) => ({ id, index, spec, questions }));
  const workers = Array.from(
    { length: threads },
    () => new Worker(script, { workerData: { job, variants: plain, next: next.buffer } satisfies WorkerData }),
  );
  const running = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        let ended = false;
        w.on("message", (m: WorkerMessage) => {
          if ("done" in m) ended = true;
          else finished(m.chunk, m.parts);
        });
        w.on("error", reject);
        w.on("exit", (code) => (ended ? resolve() : reject(new Error(`a solutions worker stopped early (exit code ${code})`))));
      }),
  );
  // Until `finish` awaits them, a worker's failure is held here (not an unhandled rejection).
  const settled = Promise.allSettled(running);
  return {
    workers: threads,
    async finish() {
      for (let k = Atomics.add(next, 0, 1); k < chunks; k = Atomics.add(next, 0, 1)) {
        finished(k, await renderSolutions(job, chunkOf(variants, k)));
        // let the workers' finished chunks in (progress; their memory is then this thread's)
        await new Promise((r) => setImmediate(r));
      }
      for (const s of await settled) if (s.status === "rejected") throw s.reason;
      return { md: results.flatMap((r) => r.md), tex: results.flatMap((r) => r.tex) };
    },
    stop() {
      Atomics.store(next, 0, chunks);
      for (const w of workers) void w.terminate();
    },
  };
}
