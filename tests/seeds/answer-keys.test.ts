/**
 * The real CLI's answer keys (CONTRACT §3) against the independent oracle, for every spec in
 * specs/ and every oracle fixture in tests/seeds/fixtures/:
 *
 *   node dist/cli/main.js derive <spec> --format json --out <tmpdir>   →   <tmpdir>/<name>.json
 *
 * compared number by number by tests/oracle/check-key.ts (finite differences for the gradients,
 * direct evaluation for everything else).
 *
 * Skipped until dist/cli/main.js exists (`npm test` builds first); BPD_CLI=<path> overrides it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { checkAnswerKey } from "../oracle/check-key.js";
import { mismatches } from "../oracle/compare.js";
import { fdTrainingGradients, readRules, referenceTrainingKey } from "../oracle/training.js";
import { normalizeSpec, updateGroups, type Params } from "../oracle/reference.js";
import type { AnswerKey } from "../oracle/reference.js";

const ROOT = new URL("../../", import.meta.url).pathname;
// dist/cli/main.js (tsc's output); BPD_CLI=<path> runs another build of the CLI instead.
const CLI = process.env.BPD_CLI ?? join(ROOT, "dist/cli/main.js");

const specFiles = [
  ...readdirSync(join(ROOT, "specs"))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join(ROOT, "specs", f))
    // the layered networks: a graph's key (CONTRACT §6) is checked in tests/graph
    .filter((f) => !/^graph:/m.test(readFileSync(f, "utf8"))),
  ...readdirSync(join(ROOT, "tests/seeds/fixtures"))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join(ROOT, "tests/seeds/fixtures", f)),
];

const readSpec = (file: string): any => {
  const text = readFileSync(file, "utf8");
  return extname(file) === ".json" ? JSON.parse(text) : parse(text);
};

describe.skipIf(!existsSync(CLI))("CLI answer keys match the oracle", () => {
  const dirs: string[] = [];
  let together = "";
  const run = (files: string[]): string => {
    const out = mkdtempSync(join(tmpdir(), "bpd-keys-"));
    dirs.push(out);
    execFileSync(process.execPath, [CLI, "derive", ...files, "--format", "json", "--out", out], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return out;
  };
  // One run for every spec (each CLI start costs about a second); if it fails, each test
  // below reruns its own spec alone, so the failure is reported where it belongs.
  beforeAll(() => {
    try {
      together = run(specFiles);
    } catch {
      together = "";
    }
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** The key the CLI wrote for one spec. */
  function cliKey(file: string): AnswerKey {
    const name = `${basename(file, extname(file))}.json`;
    const out = together && existsSync(join(together, name)) ? together : run([file]);
    const written = join(out, name);
    expect(existsSync(written), `${written} was not written`).toBe(true);
    return JSON.parse(readFileSync(written, "utf8"));
  }

  for (const file of specFiles) {
    const name = file.slice(ROOT.length);
    test(name, () => {
      const spec = readSpec(file);
      const numeric = spec.weights !== undefined && (spec.samples?.length > 0 || spec.input !== undefined);
      const got = cliKey(file);
      expect(got.format).toBe("backprop-derive/answer-key@1");
      if (!numeric) {
        expect(got.updates).toEqual([]);
        return;
      }
      // a training rule (CONTRACT §5): the §5 oracle, along its own trajectory, every field
      if ((spec.optimizer ?? "sgd") !== "sgd" || (spec.l2 ?? 0) > 0) {
        expect(trainingMismatches(spec, got)).toEqual([]);
        return;
      }
      expect(checkAnswerKey(spec, got)).toEqual([]);
    });
  }
});

/**
 * A key with a training rule against the §5 oracle (tests/oracle/training.ts): every field along
 * the oracle's trajectory (analytic gradients, so the same arithmetic up to rounding), and each
 * update's gradients against finite differences at the key's own parameters.
 */
function trainingMismatches(spec: any, got: AnswerKey): string[] {
  const exact = referenceTrainingKey(spec, { gradients: "analytic" });
  const tol = { rel: 1e-9, abs: 1e-12 };
  const out: string[] = [];
  const keyUpdates = got.updates as unknown as Record<string, unknown>[];
  if (keyUpdates.length !== exact.updates.length) return [`${keyUpdates.length} updates, expected ${exact.updates.length}`];
  const s = normalizeSpec(spec);
  const r = readRules(spec);
  const groups = updateGroups(s);
  let before: Params = { W: s.W, b: s.b };
  keyUpdates.forEach((u, k) => {
    const e = exact.updates[k]! as unknown as Record<string, unknown>;
    for (const f of ["loss", "dL_dW", "dL_db", "W", "b", "loss_after", "step_W", "step_b"]) {
      out.push(...mismatches(u[f], e[f], tol, `updates[${k}].${f}`));
    }
    const state = u.state as Record<string, unknown>;
    const want = e.state as Record<string, unknown>;
    if (Object.keys(state).join() !== Object.keys(want).join())
      out.push(`updates[${k}].state: keys ${Object.keys(state)}, expected ${Object.keys(want)}`);
    for (const name of Object.keys(want)) out.push(...mismatches(state[name], want[name], tol, `updates[${k}].state.${name}`));
    const fd = fdTrainingGradients(s, r, before, groups[k]!);
    out.push(...mismatches(u.dL_dW, fd.dW, { rel: 1e-6, abs: 1e-9 }, `updates[${k}].dL_dW (finite differences)`));
    before = { W: u.W as number[][][], b: u.b as Params["b"] };
  });
  return out;
}

test("there is a spec for every seed note", () => {
  const names = readdirSync(join(ROOT, "specs"));
  for (const n of [
    "000-relu-hidden.yaml",
    "001-identity-output.yaml",
    "001-relu-output.yaml",
    "002-sigmoid-2-2-2.yaml",
    "003-relu-perceptron.yaml",
    "003-relu-chain.yaml",
    "004-sigmoid-softmax.yaml",
    "classic-2-2-2.yaml",
  ]) {
    expect(names).toContain(n);
  }
});
