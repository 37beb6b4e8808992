import type { ActivationName } from "../spec/types.js";
import type { Activation } from "./types.js";

const LEAK = 0.01;

function elementwise(
  base: Omit<Activation, "forward" | "jacobian" | "elementwise"> & { f: (z: number) => number },
): Activation {
  const { f, ...rest } = base;
  return {
    ...rest,
    elementwise: true,
    forward: (z) => z.map(f),
    jacobian: (z, a) => z.map((zi, i) => z.map((_, j) => (i === j ? rest.derivative(zi, a[i]!) : 0))),
  };
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export const ACTIVATION_TABLE: Record<ActivationName, Activation> = {
  // f(z) = z, f′(z) = 1
  identity: elementwise({
    name: "identity", label: "identity", f: (z) => z, derivative: () => 1,
    symbolicValue: "z", symbolicDerivative: "1",
  }),
  // f(z) = max(0, z), f′(z) = 1 if z > 0 else 0
  relu: elementwise({
    name: "relu", label: "ReLU", f: (z) => (z > 0 ? z : 0), derivative: (z) => (z > 0 ? 1 : 0),
    symbolicValue: "relu(z)", symbolicDerivative: "relu_prime(z)",
    kink: "ReLU′(0) = 0",
  }),
  // f(z) = z if z ≥ 0 else 0.01 z, f′(z) = 1 if z > 0 else 0.01
  "leaky-relu": elementwise({
    name: "leaky-relu", label: "leaky ReLU", f: (z) => (z >= 0 ? z : LEAK * z), derivative: (z) => (z > 0 ? 1 : LEAK),
    symbolicValue: "leaky_relu(z)", symbolicDerivative: "leaky_relu_prime(z)",
    kink: "slope 0.01 for z < 0; leaky-ReLU′(0) = 0.01",
  }),
  // σ(z) = 1 / (1 + e^(−z)), σ′(z) = σ(z)(1 − σ(z))
  sigmoid: elementwise({
    name: "sigmoid", label: "sigmoid", f: sigmoid, derivative: (_z, a) => a * (1 - a),
    symbolicValue: "sigmoid(z)", symbolicDerivative: "a * (1 - a)",
  }),
  // tanh′(z) = 1 − tanh²(z)
  tanh: elementwise({
    name: "tanh", label: "tanh", f: Math.tanh, derivative: (_z, a) => 1 - a * a,
    symbolicValue: "tanh(z)", symbolicDerivative: "1 - a^2",
  }),
  // softmax_i(z) = e^(z_i) / Σ_k e^(z_k), ∂a_i/∂z_j = a_i(δ_ij − a_j)
  softmax: {
    name: "softmax", label: "softmax", elementwise: false,
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
    symbolicValue: "softmax(z)", symbolicDerivative: "a * (1 - a)", symbolicCrossDerivative: "-a * b",
  },
};

export function activation(name: ActivationName): Activation {
  return ACTIVATION_TABLE[name];
}
