import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec, SpecError } from "../../src/spec/index.js";
import type { Diagnostic } from "../../src/spec/index.js";

const dir = mkdtempSync(join(tmpdir(), "spec-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(file: string): Promise<Diagnostic[]> {
  const err: unknown = await loadSpec(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SpecError);
  return (err as SpecError).diagnostics;
}

describe("loadSpec", () => {
  it("loads a file", async () => {
    const file = join(dir, "ok.yml");
    writeFileSync(file, "learning_rate: 1\nloss: sse\nlayers: [{size: 1}, {size: 1, activation: tanh}]\n");
    expect((await loadSpec(file)).loss).toBe("sse");
  });

  it("turns a missing file into a SpecError naming it", async () => {
    const file = join(dir, "nope.yaml");
    expect(await refusal(file)).toEqual([{ file, path: "", message: "cannot read the file: no such file" }]);
  });

  it("refuses a directory", async () => {
    const sub = join(dir, "folder.yaml");
    rmSync(sub, { recursive: true, force: true });
    (await import("node:fs")).mkdirSync(sub);
    expect((await refusal(sub))[0]!.message).toMatch(/directory/);
  });

  it("refuses a file over 64 MiB without reading it", async () => {
    const file = join(dir, "huge.json");
    writeFileSync(file, "");
    truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: nothing is written, nothing is read
    expect((await refusal(file))[0]!.message).toMatch(/is 64\.0 MiB; spec files are limited to 64 MiB/);
  });

  it("refuses a file type it does not know before opening it", async () => {
    expect((await refusal(join(dir, "missing.toml")))[0]!.message).toMatch(/\.toml files are not specs/);
  });
});
