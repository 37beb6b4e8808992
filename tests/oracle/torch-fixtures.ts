/**
 * PyTorch's answers, written by scripts/torch-reference.py into tests/fixtures/torch/ (see
 * docs/pytorch-reference.md). The tests compare our keys with them and need no Python: the
 * fixtures are committed. Each case holds the spec's text exactly as PyTorch was given it.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const FIXTURES = join(ROOT, "tests/fixtures/torch");

export interface TorchCase<T> {
  name: string;
  /** The spec file in specs/ this case was made from; absent for the script's random specs. */
  file?: string;
  /** The spec's text as PyTorch was given it. */
  spec: string;
  torch: T;
}

export interface TorchFile<T, C = object> {
  generated_by: string;
  torch: string;
  dtype: string;
  seed: number;
  cases: (TorchCase<T> & C)[];
}

export function readTorchFixture<T, C = object>(name: string): TorchFile<T, C> {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as TorchFile<T, C>;
}

/** The name a case's spec is parsed under: its file, or a JSON/YAML name for a generated spec. */
export const fileOf = (c: { name: string; file?: string; spec: string }): string =>
  c.file ?? `${c.name}.${c.spec.trimStart().startsWith("{") ? "json" : "yaml"}`;

/**
 * The fixture was written from exactly these spec files, as they are now: a changed spec (or a
 * new one) needs `scripts/torch-reference.py` again.
 */
export function expectFixtureOf(cases: readonly { file?: string; spec: string }[], files: string[]): void {
  expect(
    cases
      .map((c) => c.file)
      .filter(Boolean)
      .sort(),
  ).toEqual([...files].sort());
  for (const c of cases.filter((c) => c.file)) {
    expect(readFileSync(join(ROOT, c.file!), "utf8"), `${c.file} changed since the fixture was written`).toBe(c.spec);
  }
}
