/**
 * The training rules as written (CONTRACT §5): every state, bias-corrected moment, L2 gradient and
 * new parameter the Markdown prints equals the independent oracle's (tests/oracle/training.ts,
 * which imports nothing from src/) to the digits printed, in both conventions: the error
 * convention prints v, m and m̂ with the opposite sign, s and ŝ unchanged. The parameter tables'
 * state columns and the table of the state over the updates are read back the same way.
 */
import { describe, expect, it } from "vitest";
import { buildNetwork, sym } from "../../src/network/index.js";
import type { Parameter } from "../../src/network/index.js";
import { makeNotation } from "../../src/notation/index.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { referenceTrainingKey, STATE_NAMES, readRules } from "../oracle/training.js";
import { unknownSymbols } from "../notation/symbol-check.js";
import { TRAINING_SPECS } from "./fixtures.js";
import { renderSpec } from "./helpers.js";

/** A printed TeX number (`-4.338 \times 10^{-5}`): its value and half a unit of its last digit. */
function parseNumber(tex: string): { value: number; half: number } | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?: \\times 10\^\{(-?\d+)\})?$/.exec(tex.trim());
  if (!m) return undefined;
  const decimals = m[3]?.length ?? 0;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  const value = Number(`${m[1]}${m[2]}.${m[3] ?? "0"}`) * 10 ** exp;
  return { value, half: 0.5 * 10 ** (exp - decimals) };
}

/** Every display equation of a Markdown text, in order: its left-hand side and its last stage. */
function equations(md: string): { lhs: string; last: string }[] {
  const out: { lhs: string; last: string }[] = [];
  for (const block of md.matchAll(/\\begin\{aligned\}\n([\s\S]*?)\n\\end\{aligned\}/g)) {
    for (const row of block[1]!.split(/ \\\\(?:\[[^\]]*\])?\n/)) {
      if (row.startsWith("&")) {
        out[out.length - 1]!.last = row;
        continue;
      }
      const cut = row.indexOf(" &");
      out.push({ lhs: row.slice(0, cut), last: row });
    }
  }
  return out.map((e) => ({ lhs: e.lhs, last: e.last.slice(e.last.lastIndexOf("= ") + 2) }));
}

/** The Markdown of each update (## Update k, or ## The update for one). */
function updateParts(md: string): string[] {
  return md.split(/\n## (?:Update \d+[^\n]*|The update)\n/).slice(1);
}

type Key = ReturnType<typeof referenceTrainingKey>;
type Shaped = number[][][] | (number | number[])[];

/** A parameter's entry of parameter-shaped numbers (the key's W, b, state). */
function entry(p: Parameter, W: number[][][], b: (number | number[])[]): number {
  if (p.kind === "weight") return W[p.layer - 1]![p.row]![p.col]!;
  const bl = b[p.layer - 1]!;
  return typeof bl === "number" ? bl : bl[p.row]!;
}

/** What each printed quantity of update k must be, by its TeX name (convention signs applied). */
function expected(spec: NetworkSpec, key: Key, k: number, err: boolean): Map<string, number> {
  const net = buildNetwork(spec);
  const n = makeNotation(net, "node", err ? "error" : "gradient", spec.letters);
  const r = readRules(spec);
  const u = key.updates[k]!;
  const t = k + 1;
  const out = new Map<string, number>();
  const sign = (q: string): number => (err && q !== "s" ? -1 : 1);
  for (const p of net.parameters) {
    if (p.kind === "bias" && !spec.train_biases) continue;
    out.set(n.tex(sym.updated(p.id)), entry(p, u.W, u.b));
    for (const q of STATE_NAMES[r.optimizer]) {
      const v = entry(p, u.state[`${q}_W`] as number[][][], u.state[`${q}_b`] as (number | number[])[]);
      out.set(n.tex(sym.newState(q as "v", p.id)), sign(q) * v);
      if (r.optimizer === "adam" || r.optimizer === "adamw") {
        const beta = q === "m" ? r.beta1 : r.beta2;
        out.set(n.tex(sym.hat(q as "m", p.id)), (sign(q) * v) / (1 - beta ** t));
      }
    }
    if (r.l2 > 0 && p.kind === "weight") {
      // the key's dL_dW includes λw; the error convention prints −g for one sample
      const g = entry(p, u.dL_dW, u.dL_db as Shaped as (number | number[])[]);
      out.set(`${err && u.samples.length === 1 ? "-" : ""}${n.tex(sym.g(p.id))}`, err && u.samples.length === 1 ? -g : g);
    }
  }
  if (r.l2 > 0) out.set(n.tex(sym.lossReg), u.loss);
  return out;
}

const WITH_NUMBERS = Object.entries(TRAINING_SPECS).filter(([, s]) => s.weights !== undefined && s.samples.length > 0);

describe("the training rules' numbers as printed equal the oracle's, to the digits shown", () => {
  for (const [name, base] of WITH_NUMBERS) {
    for (const convention of ["gradient", "error"] as const) {
      it(`${name}, ${convention} convention`, async () => {
        const spec = { ...base, precision: 6 };
        const key = referenceTrainingKey(spec, { gradients: "analytic" });
        const md = (await renderSpec(spec, { notation: "node", convention, detail: "full" }, ["md"]))["note.md"]!;
        const net = buildNetwork(spec);
        expect(unknownSymbols(md, net, makeNotation(net, "node", convention, spec.letters))).toEqual([]);
        const parts = updateParts(md);
        expect(parts).toHaveLength(key.updates.length);
        parts.forEach((part, k) => {
          const want = expected(spec, key, k, convention === "error");
          const seen = new Set<string>();
          for (const e of equations(part)) {
            const w = want.get(e.lhs);
            if (w === undefined) continue;
            const got = parseNumber(e.last);
            expect(got, `update ${k + 1} ${e.lhs}: ${e.last}`).toBeDefined();
            expect(Math.abs(got!.value - w), `update ${k + 1} ${e.lhs} = ${e.last}, oracle ${w}`).toBeLessThanOrEqual(
              got!.half * 1.0001 + 1e-15,
            );
            seen.add(e.lhs);
          }
          // every quantity is written (no large network here)
          expect([...want.keys()].filter((lhs) => !seen.has(lhs))).toEqual([]);
          // the parameter table's state columns, between the gradient and the new value
          const r = readRules(spec);
          const qs = STATE_NAMES[r.optimizer];
          for (const row of part.matchAll(/^\| \$([^$]+)\$ \| (.*) \|$/gm)) {
            const p = net.parameters.find((x) => makeNotation(net, "node", convention).tex(x.id) === row[1]);
            if (!p) continue;
            const cells = row[2]!.split(" | ").map((c) => c.replace(/^\$|\$$/g, ""));
            expect(cells).toHaveLength(3 + qs.length);
            qs.forEach((q, i) => {
              const w = want.get(makeNotation(net, "node", convention).tex(sym.newState(q as "v", p.id)))!;
              const got = parseNumber(cells[2 + i]!)!;
              expect(Math.abs(got.value - w), `table ${row[1]} ${q}`).toBeLessThanOrEqual(got.half * 1.0001 + 1e-15);
            });
          }
        });
      });
    }
  }
});

describe("the signs of the two conventions", () => {
  const n = (convention: "gradient" | "error") => makeNotation(buildNetwork(TRAINING_SPECS.momentum!), "node", convention);

  it("momentum: the gradient convention gathers ∂L/∂w and steps with −; the error convention gathers δ a and steps with +", async () => {
    const spec = TRAINING_SPECS.momentum!;
    const g = (await renderSpec(spec, { notation: "node", convention: "gradient" }, ["md"]))["note.md"]!;
    const e = (await renderSpec(spec, { notation: "node", convention: "error" }, ["md"]))["note.md"]!;
    const v = n("gradient").tex(sym.newState("v", "w_3_5"));
    const v0 = n("gradient").tex(sym.state("v", "w_3_5"));
    expect(g).toContain(`${v} &= \\mu\\, ${v0} + \\frac{\\partial \\mathrm{Loss}}{\\partial W_{35}} = 0.8 \\cdot 0 + `);
    expect(g).toContain(`W^{\\mathrm{new}}_{35} &= W_{35} - \\eta\\, ${v}`);
    expect(e).toContain(`${v} &= \\mu\\, ${v0} + \\delta_{5}\\, Y_{3} = 0.8 \\cdot 0 + `);
    expect(e).toContain(`W^{\\mathrm{new}}_{35} &= W_{35} + \\eta\\, ${v}`);
    // the same step: the two velocities are each other's negatives, the new weight the same
    const value = (md: string, lhs: string) => equations(updateParts(md)[0]!).find((x) => x.lhs === lhs)!.last;
    expect(value(e, v)).toBe(value(g, v).startsWith("-") ? value(g, v).slice(1) : `-${value(g, v)}`);
    expect(value(e, "W^{\\mathrm{new}}_{35}")).toBe(value(g, "W^{\\mathrm{new}}_{35}"));
    expect(e).toContain("the velocity $v$ likewise has the sign of the step");
  });

  it("adam with l2 in the error convention: −g with δ a − λw, m gathers −g, s keeps g², the step adds m̂", async () => {
    const spec = { ...TRAINING_SPECS.adamw!, weight_decay: 0, optimizer: "adam" as const };
    const e = (await renderSpec(spec, { notation: "node", convention: "error" }, ["md"]))["note.md"]!;
    expect(e).toContain("-g_{W_{35}} &= \\delta_{5}\\, Y_{3} - \\lambda\\, W_{35} = ");
    expect(e).toContain("m^{\\mathrm{new}}_{W_{35}} &= \\beta_{1}\\, m_{W_{35}} - (1 - \\beta_{1})\\, g_{W_{35}}");
    expect(e).toContain("s^{\\mathrm{new}}_{W_{35}} &= \\beta_{2}\\, s_{W_{35}} + (1 - \\beta_{2})\\, g_{W_{35}}^{2}");
    expect(e).toContain("W^{\\mathrm{new}}_{35} &= W_{35} + \\frac{\\eta\\, \\hat{m}_{W_{35}}}{\\sqrt{\\hat{s}_{W_{35}}} + \\varepsilon}");
    // a bias has no λ term: one sample's delta, squared for s
    expect(e).toContain("m^{\\mathrm{new}}_{b_{5}} &= \\beta_{1}\\, m_{b_{5}} + (1 - \\beta_{1})\\, \\delta_{5}");
    expect(e).toContain("s^{\\mathrm{new}}_{b_{5}} &= \\beta_{2}\\, s_{b_{5}} + (1 - \\beta_{2})\\, \\delta_{5}^{2}");
  });

  it("a batch in the error convention writes the gradient itself: v ← μ v − ∂L/∂θ", async () => {
    const spec = { ...TRAINING_SPECS.sgdL2!, optimizer: "momentum" as const, l2: 0 };
    const e = (await renderSpec(spec, { notation: "node", convention: "error" }, ["md"]))["note.md"]!;
    expect(e).toContain("v^{\\mathrm{new}}_{W_{35}} &= \\mu\\, v_{W_{35}} - \\frac{\\partial \\mathrm{Loss}}{\\partial W_{35}}");
    expect(e).toContain("W^{\\mathrm{new}}_{35} &= W_{35} + \\eta\\, v^{\\mathrm{new}}_{W_{35}}");
  });
});

describe("the prose around the training rules", () => {
  it("the first update says the state starts at zero and t = 1; later ones say t; the settings' values are given", async () => {
    const md = (await renderSpec(TRAINING_SPECS.adam!, {}, ["md"]))["note.md"]!;
    const [first, second] = updateParts(md);
    expect(first).toContain("This is the first update, $t = 1$, so the state starts at zero: every $m$ and $s$ is $0$ before it");
    expect(second).toContain("This is update $t = 2$");
    expect(first).toContain("$\\beta_{1} = 0.9$, $\\beta_{2} = 0.999$, $\\varepsilon = 1 \\times 10^{-8}$ and $\\eta = 0.05$");
    expect(first).toContain("L2 regularisation, with $\\lambda = 0.01$");
  });

  it("--detail deltas keeps the symbolic form and the value, without the substituted line", async () => {
    const full = (await renderSpec(TRAINING_SPECS.momentum!, { notation: "node", detail: "full" }, ["md"]))["note.md"]!;
    const short = (await renderSpec(TRAINING_SPECS.momentum!, { notation: "node", detail: "deltas" }, ["md"]))["note.md"]!;
    const row = (md: string) => md.split("\n").find((l) => l.startsWith("W^{\\mathrm{new}}_{35} &="))!;
    expect(row(full)).toMatch(
      /^W\^\{\\mathrm\{new\}\}_\{35\} &= W_\{35\} - \\eta\\, v\^\{\\mathrm\{new\}\}_\{W_\{35\}\} = 0\.5 - 0\.5 \\cdot [-0-9.()]+ = [-0-9.]+ \\\\/,
    );
    expect(row(short)).toMatch(/^W\^\{\\mathrm\{new\}\}_\{35\} &= W_\{35\} - \\eta\\, v\^\{\\mathrm\{new\}\}_\{W_\{35\}\} = [-0-9.]+ \\\\/);
  });

  it("sgd without l2 is written as before: no state, no L2 section, the same table", async () => {
    const { SEEDS } = await import("./fixtures.js");
    const md = (await renderSpec(SEEDS.seed002!, {}, ["md"]))["note.md"]!;
    expect(md).toContain("### Gradient step");
    expect(md).not.toContain("L2 regularisation");
    expect(md).toContain("| Parameter | Before | Gradient | After |");
  });
});
