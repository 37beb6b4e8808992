/**
 * A worker thread of `startSolutions` (solutions.ts): takes the next chunk of variants until
 * none is left, renders its solutions and sends them back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { chunkCount, chunkOf, rebuild, renderSolutions } from "./solutions.js";
import type { WorkerData, WorkerMessage } from "./solutions.js";

const { job, variants, next } = workerData as WorkerData;
const counter = new Int32Array(next);
const chunks = chunkCount(variants.length);
for (let k = Atomics.add(counter, 0, 1); k < chunks; k = Atomics.add(counter, 0, 1)) {
  const parts = await renderSolutions(job, rebuild(chunkOf(variants, k)));
  parentPort!.postMessage({ chunk: k, parts } satisfies WorkerMessage);
}
parentPort!.postMessage({ done: true } satisfies WorkerMessage);
