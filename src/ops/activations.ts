import type { ActivationName } from "./names.js";
import type { Activation, Degeneracy, OpFunction } from "./types.js";

const LEAK = 0.01;

function elementwise(base: Omit<Activation, "forward" | "jacobian" | "elementwise"> & { f: (z: number) => number }): Activation {
  const { f, ...rest } = base;
  return {
    ...rest,
    elementwise: true,
    forward: (z) => z.map(f),
    jacobian: (z, a) => z.map((zi, i) => z.map((_, j) => (i === j ? rest.derivative(zi, a[i]!) : 0))),
  };
}

// σ(z) = 1 / (1 + e^(−z)), written so that neither branch overflows
const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
// softplus(z) = ln(1 + e^z), written so that e^z never overflows
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const elu = (z: number): number => (z > 0 ? z : Math.expm1(z));

const SIGMOID: OpFunction = { f: sigmoid, tex: "\\sigma" };

/** A net input within one displayed unit of the kink at 0 shows as 0, and hides which side it is on. */
const KINK: Degeneracy = { rule: "kink", where: "within the displayed precision of the kink at 0", test: (z, unit) => Math.abs(z) < unit };
/** Where f′ falls below about 0.0025 (0.0099 for tanh), the gradient all but vanishes. */
const saturated = (where: string, test: (z: number) => boolean): Degeneracy => ({ rule: "saturated", where, test });

const SLIPS_OF_F_PRIME = ["missing-f-prime", "f-for-f-prime"] as const;

export const ACTIVATION_TABLE: Record<ActivationName, Activation> = {
  // f(z) = z, f′(z) = 1
  identity: elementwise({
    name: "identity",
    label: "identity",
    aliases: ["linear", "none"],
    f: (z) => z,
    derivative: () => 1,
    symbolicValue: "z",
    symbolicDerivative: "1",
    functions: {},
    sheet: { label: "identity (linear)", definition: "$f(z) = z$" },
    symbol: "identity",
    mistakes: [],
  }),
  // f(z) = max(0, z), f′(z) = 1 if z > 0 else 0
  relu: elementwise({
    name: "relu",
    label: "ReLU",
    f: (z) => (z > 0 ? z : 0),
    derivative: (z) => (z > 0 ? 1 : 0),
    symbolicValue: "relu(z)",
    symbolicDerivative: "relu_prime(z)",
    functions: {
      relu: { f: (z) => (z > 0 ? z : 0), tex: "\\operatorname{ReLU}" },
      relu_prime: { f: (z) => (z > 0 ? 1 : 0), tex: "\\operatorname{ReLU}'" },
    },
    kink: "ReLU′(0) = 0",
    sheet: { label: "ReLU", definition: "$\\mathrm{ReLU}(z) = \\max(0, z)$, with $\\mathrm{ReLU}'(0) = 0$" },
    degeneracy: KINK,
    symbol: "ReLU",
    mistakes: SLIPS_OF_F_PRIME,
  }),
  // f(z) = z if z ≥ 0 else 0.01 z, f′(z) = 1 if z > 0 else 0.01
  "leaky-relu": elementwise({
    name: "leaky-relu",
    label: "leaky ReLU",
    aliases: ["leakyrelu", "lrelu"],
    f: (z) => (z >= 0 ? z : LEAK * z),
    derivative: (z) => (z > 0 ? 1 : LEAK),
    symbolicValue: "leaky_relu(z)",
    symbolicDerivative: "leaky_relu_prime(z)",
    functions: {
      leaky_relu: { f: (z) => (z >= 0 ? z : LEAK * z), tex: "\\operatorname{LReLU}" },
      leaky_relu_prime: { f: (z) => (z > 0 ? 1 : LEAK), tex: "\\operatorname{LReLU}'" },
    },
    kink: "slope 0.01 for z < 0; leaky-ReLU′(0) = 0.01",
    sheet: { label: "leaky ReLU", definition: "$f(z) = z$ for $z \\ge 0$ and $f(z) = 0.01\\,z$ for $z < 0$, with $f'(0) = 0.01$" },
    degeneracy: KINK,
    symbol: "leaky ReLU",
    mistakes: SLIPS_OF_F_PRIME,
  }),
  // σ(z) = 1 / (1 + e^(−z)), σ′(z) = σ(z)(1 − σ(z))
  sigmoid: elementwise({
    name: "sigmoid",
    label: "sigmoid",
    aliases: ["logistic"],
    f: sigmoid,
    derivative: (_z, a) => a * (1 - a),
    symbolicValue: "sigmoid(z)",
    symbolicDerivative: "a * (1 - a)",
    functions: { sigmoid: SIGMOID },
    sheet: { label: "sigmoid", definition: "$\\sigma(z) = \\frac{1}{1 + e^{-z}}$" },
    degeneracy: saturated("|z| > 6", (z) => Math.abs(z) > 6),
    symbol: "σ",
    mistakes: SLIPS_OF_F_PRIME,
  }),
  // tanh′(z) = 1 − tanh²(z)
  tanh: elementwise({
    name: "tanh",
    label: "tanh",
    f: Math.tanh,
    derivative: (_z, a) => 1 - a * a,
    symbolicValue: "tanh(z)",
    symbolicDerivative: "1 - a^2",
    functions: { tanh: { f: Math.tanh, tex: "\\tanh" } },
    sheet: { label: "tanh", definition: "$\\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$" },
    degeneracy: saturated("|z| > 3", (z) => Math.abs(z) > 3),
    symbol: "tanh",
    mistakes: SLIPS_OF_F_PRIME,
  }),
  // softmax_i(z) = e^(z_i) / Σ_k e^(z_k), ∂a_i/∂z_j = a_i(δ_ij − a_j)
  softmax: {
    name: "softmax",
    label: "softmax",
    elementwise: false,
    distribution: true,
    forward: (z) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((x, y) => x + y, 0);
      return e.map((v) => v / s);
    },
    derivative: () => {
      throw new Error("internal error: softmax has no elementwise derivative; use jacobian()");
    },
    jacobian: (_z, a) => a.map((ai, i) => a.map((aj, j) => ai * ((i === j ? 1 : 0) - aj))),
    symbolicValue: "softmax(z)",
    symbolicDerivative: "a * (1 - a)",
    symbolicCrossDerivative: "-a * b",
    functions: {},
    sheet: { label: "softmax", definition: "$\\mathrm{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$" },
    symbol: "softmax",
    mistakes: ["missing-f-prime", "softmax-cross-term"],
  },
  // softplus(z) = ln(1 + e^z), softplus′(z) = σ(z)
  softplus: elementwise({
    name: "softplus",
    label: "softplus",
    aliases: ["smoothrelu"],
    f: softplus,
    derivative: (z) => sigmoid(z),
    symbolicValue: "softplus(z)",
    symbolicDerivative: "sigmoid(z)",
    functions: { softplus: { f: softplus, tex: "\\operatorname{softplus}" }, sigmoid: SIGMOID },
    sheet: { label: "softplus", definition: "$\\mathrm{softplus}(z) = \\ln(1 + e^{z})$, with $\\mathrm{softplus}'(z) = \\sigma(z)$" },
    degeneracy: saturated("z < −6", (z) => z < -6),
    symbol: "softplus",
    mistakes: SLIPS_OF_F_PRIME,
  }),
  // ELU(z) = z if z > 0 else e^z − 1, ELU′(z) = 1 if z > 0 else e^z (so ELU′(0) = 1)
  elu: elementwise({
    name: "elu",
    label: "ELU",
    f: elu,
    derivative: (z) => (z > 0 ? 1 : Math.exp(z)),
    symbolicValue: "elu(z)",
    symbolicDerivative: "elu_prime(z)",
    functions: {
      elu: { f: elu, tex: "\\operatorname{ELU}" },
      elu_prime: { f: (z) => (z > 0 ? 1 : Math.exp(z)), tex: "\\operatorname{ELU}'" },
    },
    kink: "ELU′(0) = e⁰ = 1",
    sheet: {
      label: "ELU",
      definition: "$\\mathrm{ELU}(z) = z$ for $z > 0$ and $\\mathrm{ELU}(z) = e^{z} - 1$ for $z \\le 0$, with $\\mathrm{ELU}'(0) = 1$",
    },
    degeneracy: saturated("z < −6", (z) => z < -6),
    symbol: "ELU",
    mistakes: SLIPS_OF_F_PRIME,
  }),
};

export function activation(name: ActivationName): Activation {
  return ACTIVATION_TABLE[name];
}

/** Every function any activation's symbolic forms call, by name (for mathjs and the TeX printer). */
export const ACTIVATION_FUNCTIONS: Readonly<Record<string, OpFunction>> = Object.assign(
  {},
  ...Object.values(ACTIVATION_TABLE).map((a) => a.functions),
);
