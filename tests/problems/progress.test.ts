import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { PROGRESS_FROM, startProgress } from "../../src/cli/progress.js";

/** A stream that records what is written; `tty` makes it claim to be a terminal. */
function stream(tty: boolean) {
  const chunks: string[] = [];
  const s = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & Record<string, unknown>;
  Object.assign(s, {
    isTTY: tty,
    columns: 80,
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
  });
  return { s: s as unknown as NodeJS.WriteStream, chunks };
}

describe("progress bar", () => {
  it("is silent when stderr is not a terminal, however long the run", async () => {
    const { s, chunks } = stream(false);
    const p = await startProgress(100_000, s);
    p.variants(10, 100_000);
    p.solutions(10, 100_000);
    p.stop();
    expect(chunks).toEqual([]);
  });

  it("is silent for short runs on a terminal", async () => {
    const { s, chunks } = stream(true);
    const p = await startProgress(PROGRESS_FROM - 1, s);
    p.variants(1, PROGRESS_FROM - 1);
    p.stop();
    expect(chunks).toEqual([]);
  });

  it("draws on a terminal for long runs, phase by phase", async () => {
    const { s, chunks } = stream(true);
    const p = await startProgress(200, s);
    p.variants(200, 200);
    p.solutions(100, 200);
    p.stop();
    const text = chunks.join("");
    expect(text).toContain("variants");
    expect(text).toContain("/200");
  });
});
