import type { OpFunction } from "./types.js";

/**
 * The operations a graph spec's expressions may use (CONTRACT §6), one record each: how many
 * arguments, the value, and the local derivative with respect to each argument in the form a
 * teacher writes it. Local derivatives are mathjs expression strings over the placeholders `a`
 * and `b` (the arguments) and `out` (the operation's own value: σ′ is written out·(1 − out)).
 * derive/graph.ts differentiates a node's expression by the chain-rule walk over these records.
 */
export interface ExpressionOp {
  /** mathjs' name: the operator's fn ("add", "unaryMinus") or the function's name. */
  name: string;
  /** How a teacher names it in prose: "add gate", "sigmoid". */
  label: string;
  arity: number;
  value(args: readonly number[]): number;
  /** ∂op/∂(argument i), one per argument. */
  partials: readonly string[];
  /** The gate pattern, when the operation has one a teacher names. */
  gate?: string;
  /** What holds at a kink or tie, written down. */
  kink?: string;
  /** What its local derivative's function means, kink included, as a derivation says it (prose with inline TeX). */
  note?: string;
  /** The gate's sign in a circuit diagram's box: plain text (SVG) and TeX (TikZ). */
  symbol: { text: string; tex: string };
  /**
   * The slips `check` tries (check/expression-mistakes.ts): the local derivatives as a student
   * writes them wrong, in the form of `partials`, and what the student did at node `node`.
   */
  slips?: readonly OpSlip[];
}

/** One way of writing an operation's local derivatives wrong. */
export interface OpSlip {
  /** The diagnosis `check` reports (a MistakeId of check/mistakes.ts). */
  mistake: string;
  partials: readonly string[];
  text(node: string): string;
}

/** 1 when a > b, ½ at a tie (half the gradient to each argument, as PyTorch does), 0 otherwise. */
const route = (a: number, b: number): number => (a > b ? 1 : a === b ? 0.5 : 0);
const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

const op = (
  name: string,
  label: string,
  arity: number,
  value: (x: readonly number[]) => number,
  partials: string[],
  symbol: [text: string, tex: string],
  extra: Partial<ExpressionOp> = {},
): ExpressionOp => ({
  name,
  label,
  arity,
  value,
  partials,
  symbol: { text: symbol[0], tex: symbol[1] },
  ...extra,
});

/** Every operation an expression may contain, by mathjs name. */
export const EXPRESSION_OPS: Readonly<Record<string, ExpressionOp>> = {
  add: op("add", "add gate", 2, ([a, b]) => a! + b!, ["1", "1"], ["+", "+"], {
    gate: "the add gate distributes the gradient: each input gets it unchanged",
  }),
  subtract: op("subtract", "subtract gate", 2, ([a, b]) => a! - b!, ["1", "-1"], ["−", "-"], {
    gate: "the subtract gate passes the gradient to its first input and its negative to the second",
    slips: [
      {
        mistake: "sign-subtract",
        partials: ["1", "1"],
        text: (node) => `the sign of the subtraction is lost in ${node} (∂(a − b)/∂b taken as +1 instead of −1)`,
      },
    ],
  }),
  multiply: op("multiply", "multiply gate", 2, ([a, b]) => a! * b!, ["b", "a"], ["×", "\\times"], {
    gate: "the multiply gate swaps its inputs: each input's local derivative is the other input",
    slips: [
      {
        mistake: "multiply-not-swapped",
        partials: ["a", "b"],
        text: (node) => `the multiply gate's inputs are not swapped in ${node} (∂(a·b)/∂a taken as a instead of b)`,
      },
    ],
  }),
  divide: op("divide", "divide gate", 2, ([a, b]) => a! / b!, ["1 / b", "-a / b^2"], ["÷", "\\div"]),
  pow: op("pow", "power", 2, ([a, b]) => a! ** b!, ["b * a^(b - 1)", "out * log(a)"], ["pow", "\\mathrm{pow}"]),
  unaryMinus: op("unaryMinus", "negation", 1, ([a]) => -a!, ["-1"], ["−", "-"]),
  unaryPlus: op("unaryPlus", "unary plus", 1, ([a]) => a!, ["1"], ["+", "+"]),
  exp: op("exp", "exp", 1, ([a]) => Math.exp(a!), ["out"], ["exp", "\\exp"], {
    gate: "the exp gate's local derivative is its own output",
  }),
  log: op("log", "natural log", 1, ([a]) => Math.log(a!), ["1 / a"], ["ln", "\\ln"]),
  sqrt: op("sqrt", "square root", 1, ([a]) => Math.sqrt(a!), ["1 / (2 * out)"], ["√", "\\surd"]),
  abs: op("abs", "absolute value", 1, ([a]) => Math.abs(a!), ["sign(a)"], ["|·|", "\\lvert\\cdot\\rvert"], {
    kink: "abs′(0) = 0",
    note: "$\\operatorname{sgn}(z)$ is 1 for $z > 0$, $-1$ for $z < 0$ and 0 at $z = 0$.",
  }),
  sigmoid: op("sigmoid", "sigmoid", 1, ([a]) => sigmoid(a!), ["out * (1 - out)"], ["σ", "\\sigma"], {
    gate: "the sigmoid gate's local derivative is written with its own output: the output times one minus the output",
    slips: [
      {
        mistake: "f-for-f-prime",
        partials: ["out"],
        text: (node) => `σ used for σ′ in ${node} (the sigmoid's local derivative written as σ instead of σ(1 − σ))`,
      },
    ],
  }),
  tanh: op("tanh", "tanh", 1, ([a]) => Math.tanh(a!), ["1 - out^2"], ["tanh", "\\tanh"], {
    gate: "the tanh gate's local derivative is written with its own output: one minus the output squared",
    slips: [
      {
        mistake: "f-for-f-prime",
        partials: ["out"],
        text: (node) => `tanh used for tanh′ in ${node} (the local derivative written as tanh instead of 1 − tanh²)`,
      },
    ],
  }),
  relu: op("relu", "ReLU", 1, ([a]) => (a! > 0 ? a! : 0), ["relu_prime(a)"], ["ReLU", "\\operatorname{ReLU}"], {
    gate: "ReLU passes the gradient where its input is positive and stops it elsewhere",
    kink: "ReLU′(0) = 0",
    note: "$\\operatorname{ReLU}'(z)$ is 1 for $z > 0$ and 0 otherwise, at $z = 0$ too.",
  }),
  max: op("max", "max gate", 2, ([a, b]) => Math.max(a!, b!), ["route(a, b)", "route(b, a)"], ["max", "\\max"], {
    gate: "the max gate routes the gradient to the larger input",
    kink: "at a tie each input gets half the gradient",
    note: "The bracket $[a > b]$ is 1 when $a > b$ and 0 when $a < b$; at a tie it is $\\tfrac{1}{2}$: each input gets half the gradient, as PyTorch does.",
  }),
  min: op("min", "min gate", 2, ([a, b]) => Math.min(a!, b!), ["route(b, a)", "route(a, b)"], ["min", "\\min"], {
    gate: "the min gate routes the gradient to the smaller input",
    kink: "at a tie each input gets half the gradient",
    note: "The bracket $[a > b]$ is 1 when $a > b$ and 0 when $a < b$; at a tie it is $\\tfrac{1}{2}$: each input gets half the gradient, as PyTorch does.",
  }),
};

/** The functions a graph expression may call, as a spec writes them. */
export const EXPRESSION_FUNCTIONS = ["exp", "log", "sqrt", "abs", "sigmoid", "tanh", "relu", "max", "min"] as const;

/**
 * The functions the local derivatives call beyond mathjs' own, with their value and TeX
 * (`sign`, `relu`, `relu_prime` and `sigmoid` come from mathjs or the activation records).
 * route(a, b) is written as the Iverson bracket [a > b]: 1 when a > b, 0 when a < b; at a tie
 * it is ½ (the max and min records' kink says so where a derivation uses it).
 */
export const EXPRESSION_HELPERS: Readonly<Record<string, { f: (...x: number[]) => number; tex: string }>> = {
  route: { f: route, tex: "[#1 > #2]" },
};

/**
 * TeX of the functions a graph's expressions and local derivatives call that the activation
 * records do not name (sigmoid, tanh, relu and relu_prime come from those; exp and log are the
 * printer's own). A name is written before its parenthesised arguments; a form with `#1`, `#2`
 * has its arguments put in its place.
 */
export const EXPRESSION_TEX: Readonly<Record<string, string>> = {
  sqrt: "\\sqrt{#1}",
  abs: "\\left\\lvert #1\\right\\rvert",
  max: "\\max",
  min: "\\min",
  sign: "\\operatorname{sgn}",
  route: EXPRESSION_HELPERS.route!.tex,
};

export type { OpFunction };
