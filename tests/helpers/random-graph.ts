import fc from "fast-check";
import { parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";

/**
 * Random graph specs (CONTRACT §6) for the rendering and layout tests: names in every shape the
 * renderer typesets (x, w0, x_1, sigy, h_out2), fan-out (each node reads names picked from all
 * earlier ones, often the same ones), and every operator and function, several per expression.
 * Arguments that need it are kept in range (log and sqrt of something positive, a divisor away
 * from zero), so most graphs have finite numbers; a test skips the rest.
 */
export interface RandomGraphOptions {
  minNodes?: number;
  maxNodes?: number;
  /** Leave one leaf without a value (the derivation is symbolic only). */
  symbolic?: boolean;
}

/** One expression over names a and b (a may equal b), numbered by `kind`. */
const FORMS: ((a: string, b: string) => string)[] = [
  (a, b) => `${a} + ${b}`,
  (a, b) => `${a} - ${b}`,
  (a, b) => `${a} * ${b}`,
  (a, b) => `${a} / (abs(${b}) + 1)`,
  (a) => `${a}^2`,
  (a, b) => `(${a} - ${b})^3 / 10`,
  (a) => `-${a}`,
  (a) => `exp(tanh(${a}))`,
  (a) => `log(abs(${a}) + 0.5)`,
  (a) => `sqrt(${a}^2 + 1)`,
  (a) => `abs(${a})`,
  (a) => `sigmoid(${a})`,
  (a) => `tanh(${a})`,
  (a) => `relu(${a})`,
  (a, b) => `max(${a}, ${b})`,
  (a, b) => `min(${a}, ${b})`,
  (a, b) => `sigmoid(${a} * ${b} + 1)`,
  (a, b) => `relu(${a}) * ${b} + max(${a}, 0.5)`,
  (a, b) => `(abs(${a}) + 1)^(sigmoid(${b}))`,
  (a, b) => `+${a} - 2 * ${b}`,
];
export const FORM_COUNT = FORMS.length;

/** Names of every shape: a single letter, letters and digits, subscripts, words. */
function nameOf(i: number, kind: number): string {
  const letters = "abcdghkmnpqrsuvwxyz";
  switch (kind % 5) {
    case 0:
      return i < letters.length ? letters[i]! : `v${i}`;
    case 1:
      return `w${i}`;
    case 2:
      return `x_${i}`;
    case 3:
      return `sig${letters[i % letters.length]}${i}`;
    default:
      return `h_out${i}`;
  }
}

const value = fc.integer({ min: -30, max: 30 }).map((v) => v / 10);

export function arbGraph(options: RandomGraphOptions = {}): fc.Arbitrary<GraphSpec> {
  const { minNodes = 1, maxNodes = 12, symbolic = false } = options;
  return fc
    .record({
      leaves: fc.array(fc.tuple(value, fc.nat(4)), { minLength: 1, maxLength: 4 }),
      nodes: fc.array(fc.tuple(fc.nat(FORMS.length - 1), fc.nat(), fc.nat(), fc.nat(4)), {
        minLength: minNodes,
        maxLength: maxNodes,
        size: "max",
      }),
      params: fc.boolean(),
    })
    .map(({ leaves, nodes, params }) => {
      const used = new Set<string>();
      const unique = (i: number, kind: number): string => {
        let name = nameOf(i, kind);
        while (used.has(name)) name = `${name}z`;
        used.add(name);
        return name;
      };
      const inputs = leaves.map(([v, kind], i) => ({ name: unique(i, kind), value: v }));
      const defined = inputs.map((l) => l.name);
      const lines: string[] = [];
      nodes.forEach(([form, pa, pb, kind], i) => {
        const name = unique(inputs.length + i, kind);
        // the most recent names most often, so that chains are deep and fan-out common
        const pick = (p: number) => defined[Math.max(0, defined.length - 1 - (p % Math.min(defined.length, 4)))]!;
        lines.push(`    - ${name}: "${FORMS[form]!(pick(pa), pick(pb))}"`);
        defined.push(name);
      });
      const inputText = inputs.map((l, i) => `${l.name}: ${symbolic && i === 0 ? "null" : l.value}`).join(", ");
      const withParams = params && !symbolic;
      const yaml = [
        "title: A random circuit",
        "graph:",
        `  inputs: { ${inputText} }`,
        "  nodes:",
        ...lines,
        ...(withParams ? ["learning_rate: 0.1", `params: [${inputs[inputs.length - 1]!.name}]`] : []),
        "",
      ].join("\n");
      return parseAnySpec(yaml, "random.yaml") as GraphSpec;
    });
}

/** The graphs of a fixed seed: the same ones on every run. */
export function sampleGraphs(n: number, options: RandomGraphOptions = {}, seed = 13): GraphSpec[] {
  return fc.sample(arbGraph(options), { numRuns: n, seed });
}

/** One graph that uses every form (so every operator and function) once, in a chain with fan-out. */
export function everyForm(): GraphSpec {
  const lines = FORMS.map((form, i) => {
    const a = i === 0 ? "x" : `n${i - 1}`;
    const b = i < 2 ? "y" : `n${i - 2}`;
    return `    - n${i}: "${form(a, b)}"`;
  });
  const yaml = ["title: Every operation", "graph:", "  inputs: { x: 0.7, y: -1.3 }", "  nodes:", ...lines, ""].join("\n");
  return parseAnySpec(yaml, "every.yaml") as GraphSpec;
}
