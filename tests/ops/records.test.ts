import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import katex from "katex";
import { describe, expect, test } from "vitest";
import { math } from "../../src/derive/math.js";
import { ACTIVATION_TABLE, ACTIVATIONS, EXPRESSION_FUNCTIONS, LOSS_TABLE } from "../../src/ops/index.js";

/** Every .ts file under src/, with its code. */
function sources(dir = "src"): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    // code only: comments may mention an activation as an example
    const code = readFileSync(path, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    return path.endsWith(".ts") ? [{ path, text: code }] : [];
  });
}

describe("one record per operation (docs/architecture.md)", () => {
  test("an ordinary activation is named in at most two files of src/: its name and its record", () => {
    const files = sources();
    for (const name of ["relu", "leaky-relu", "tanh", "softplus", "elu"]) {
      const naming = files.filter((f) => f.text.includes(`"${name}"`)).map((f) => f.path);
      // relu and tanh are also functions a graph spec's expressions call (CONTRACT §6): one record each there
      const graphOp = (EXPRESSION_FUNCTIONS as readonly string[]).includes(name) ? ["src/ops/expressions.ts"] : [];
      expect(naming, name).toEqual(["src/ops/activations.ts", ...graphOp, "src/ops/names.ts"]);
    }
  });

  test("every name has a record and every record its name", () => {
    expect(Object.keys(ACTIVATION_TABLE).sort()).toEqual([...ACTIVATIONS].sort());
    for (const [name, a] of Object.entries(ACTIVATION_TABLE)) expect(a.name).toBe(name);
    for (const [name, l] of Object.entries(LOSS_TABLE)) expect(l.name).toBe(name);
  });

  const elementwise = Object.values(ACTIVATION_TABLE).filter((a) => a.elementwise);
  const z = fc.double({ min: -8, max: 8, noNaN: true }).filter((v) => Math.abs(v) > 1e-3);

  test.each(elementwise.map((a) => [a.name, a] as const))("%s: f′ is the derivative of f (central differences)", (_n, a) => {
    fc.assert(
      fc.property(z, (v) => {
        const h = 1e-5;
        const f = (x: number) => a.forward([x])[0]!;
        const fd = (f(v + h) - f(v - h)) / (2 * h);
        expect(a.derivative(v, f(v))).toBeCloseTo(fd, 5);
      }),
      { numRuns: 200 },
    );
  });

  test.each(elementwise.map((a) => [a.name, a] as const))("%s: the symbolic forms evaluate to f and f′", (_n, a) => {
    const value = math.parse(a.symbolicValue).compile();
    const derivative = math.parse(a.symbolicDerivative).compile();
    fc.assert(
      fc.property(z, (v) => {
        const av = a.forward([v])[0]!;
        expect(value.evaluate({ z: v })).toBeCloseTo(av, 10);
        expect(derivative.evaluate({ z: v, a: av })).toBeCloseTo(a.derivative(v, av), 10);
      }),
      { numRuns: 100 },
    );
  });

  test.each(Object.values(ACTIVATION_TABLE).map((a) => [a.name, a] as const))("%s: its TeX typesets in KaTeX (strict)", (_n, a) => {
    for (const part of a.sheet.definition.split("$").filter((_, i) => i % 2 === 1)) {
      expect(() => katex.renderToString(part, { strict: "error", throwOnError: true })).not.toThrow();
    }
    for (const op of Object.values(a.functions)) {
      expect(() => katex.renderToString(`${op.tex}(z)`, { strict: "error", throwOnError: true })).not.toThrow();
    }
  });

  test("the kink conventions of CONTRACT §2 and §8", () => {
    expect(ACTIVATION_TABLE.relu.derivative(0, 0)).toBe(0);
    expect(ACTIVATION_TABLE["leaky-relu"].derivative(0, 0)).toBe(0.01);
    expect(ACTIVATION_TABLE.elu.derivative(0, 0)).toBe(1);
    expect(ACTIVATION_TABLE.softplus.derivative(0, Math.LN2)).toBe(0.5);
    expect(ACTIVATION_TABLE.softplus.forward([1000])).toEqual([1000]);
    expect(ACTIVATION_TABLE.softplus.forward([-1000])[0]).toBeGreaterThanOrEqual(0);
  });
});

describe("one record per loss (docs/architecture.md)", () => {
  const outputs = fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 4 });

  test.each(Object.values(LOSS_TABLE).map((l) => [l.name, l] as const))(
    "%s: the gradient is the derivative of the value, and the symbolic forms agree",
    (_n, l) => {
      const factor = math.parse(l.symbolicFactor).compile();
      const term = math.parse(l.symbolicTerm).compile();
      const gradient = math.parse(l.symbolicGradient).compile();
      fc.assert(
        fc.property(outputs, outputs, (a, tRaw) => {
          const t = a.map((_, k) => tRaw[k % tRaw.length]!);
          const K = a.length;
          // the value: factor · Σ_k term(a_k, t_k)
          const symbolic = factor.evaluate({ K }) * a.reduce((s, ak, k) => s + term.evaluate({ a: ak, t: t[k], K }), 0);
          expect(symbolic).toBeCloseTo(l.value(a, t), 10);
          const g = l.gradient(a, t);
          a.forEach((ak, k) => {
            const h = 1e-6;
            const shifted = (d: number) =>
              l.value(
                a.map((x, i) => (i === k ? x + d : x)),
                t,
              );
            expect(g[k]!).toBeCloseTo((shifted(h) - shifted(-h)) / (2 * h), 5);
            expect(gradient.evaluate({ a: ak, t: t[k], K })).toBeCloseTo(g[k]!, 10);
          });
        }),
        { numRuns: 100 },
      );
    },
  );
});
