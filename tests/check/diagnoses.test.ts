import { describe, expect, it } from "vitest";
import { claim, runCheck, spec } from "./helpers.js";

/**
 * Each known mistake, made on purpose on a small network: the wrong value is computed HERE by
 * hand (a 2-2-1 sigmoid network written out formula by formula, independent of src/), written
 * to six decimals, and the checker must name the mistake.
 */
const sig = (z: number) => 1 / (1 + Math.exp(-z));
const x = [0.3, -0.8];
const t = 0.2;
const W1 = [
  [0.4, -0.6],
  [0.7, 0.1],
]; // [W13, W23], [W14, W24]
const b1 = [0.1, -0.2];
const W2 = [0.9, -1.1]; // W35, W45
const b2 = 0.05;
const eta = 0.5;

// Nodes: inputs 1, 2; hidden 3, 4; output 5.
const z3 = W1[0]![0]! * x[0]! + W1[0]![1]! * x[1]! + b1[0]!;
const z4 = W1[1]![0]! * x[0]! + W1[1]![1]! * x[1]! + b1[1]!;
const a3 = sig(z3);
const a4 = sig(z4);
const z5 = W2[0]! * a3 + W2[1]! * a4 + b2;
const a5 = sig(z5);
const dLda5 = a5 - t; // half-sse
const d5 = dLda5 * a5 * (1 - a5);
const dLda3 = W2[0]! * d5;
const d3 = dLda3 * a3 * (1 - a3);
const dW35 = d5 * a3;
const W35new = W2[0]! - eta * dW35;

const net = spec({
  learning_rate: eta,
  loss: "half-sse",
  layers: [
    { size: 2, activation: "identity" },
    { size: 2, activation: "sigmoid" },
    { size: 1, activation: "sigmoid" },
  ],
  weights: [W1, [W2]],
  biases: [b1, [b2]],
  samples: [{ input: x, target: [t] }],
});
const f6 = (v: number) => v.toFixed(6);

/** Checks one written value and returns its result. */
const one = (name: string, value: number, s = net) => claim(runCheck(s, `${name}: ${f6(value)}\n`), name);

describe("diagnoses: a wrong value that a known mistake reproduces", () => {
  it("the hand reference agrees with the checker's correct values", () => {
    const r = runCheck(net, `Y5: ${f6(a5)}\ndelta5: ${f6(d5)}\ndelta3: ${f6(d3)}\ndW35: ${f6(dW35)}\nW35': ${f6(W35new)}\n`);
    expect(r.claims.map((c) => c.verdict)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(r.first_wrong).toBeNull();
  });

  it("missing f′ factor (output δ, hidden δ, and seen only in the update)", () => {
    expect(one("delta5", dLda5).mistake).toBe("missing-f-prime");
    expect(one("delta3", dLda3).mistake).toBe("missing-f-prime");
    // δ5 without σ′, carried silently into W35′
    const r = one("W35'", W2[0]! - eta * dLda5 * a3);
    expect(r.verdict).toBe("wrong");
    expect(r.mistake).toBe("missing-f-prime");
  });

  it("σ(z) used for σ′(z)", () => {
    expect(one("delta3", dLda3 * a3).mistake).toBe("f-for-f-prime");
    expect(one("dY3dZ3", a3).mistake).toBe("f-for-f-prime");
    expect(one("dY3dZ3", a3).diagnosis).toMatch(/σ\(z\) used for σ′\(z\)/);
  });

  it("the sign of δ, of Err, of the update", () => {
    expect(one("delta5", -d5).mistake).toBe("sign-delta");
    expect(one("Err5", a5 - t).mistake).toBe("sign-err");
    expect(one("W35'", W2[0]! + eta * dW35).mistake).toBe("sign-update");
  });

  it("a wrong η: left out, η/10, η×10", () => {
    expect(one("W35'", W2[0]! - dW35).mistake).toBe("eta-missing");
    expect(one("W35'", W2[0]! - (eta / 10) * dW35).mistake).toBe("eta-tenth");
    expect(one("W35'", W2[0]! - eta * 10 * dW35).mistake).toBe("eta-tenfold");
  });

  it("a missing ½ or factor 2", () => {
    expect(one("Loss", (t - a5) ** 2).mistake).toBe("missing-half");
    expect(one("dLdY5", 2 * (a5 - t)).mistake).toBe("missing-half");
    // sse: ∂L/∂Y = 2(Y − T); the writer dropped the 2
    const sse = { ...net, loss: "sse" as const };
    expect(one("dLdY5", a5 - t, sse).mistake).toBe("missing-factor-2");
    expect(one("delta5", (a5 - t) * a5 * (1 - a5), sse).mistake).toBe("missing-factor-2");
  });

  it("updated weights used too early in a hidden delta", () => {
    expect(one("dLdY3", W35new * d5).mistake).toBe("early-update");
    expect(one("delta3", W35new * d5 * a3 * (1 - a3)).mistake).toBe("early-update");
  });

  it("softmax cross term left out", () => {
    // 2 inputs → 2 softmax outputs (nodes 3, 4), half-sse
    const Ws = [
      [0.5, -0.4],
      [-0.3, 0.8],
    ];
    const xs = [1.2, 0.7];
    const ts = [1, 0];
    const zs = Ws.map((row) => row[0]! * xs[0]! + row[1]! * xs[1]!);
    const e = zs.map(Math.exp);
    const as = e.map((v) => v / (e[0]! + e[1]!));
    const g = as.map((a, k) => a - ts[k]!);
    const full = g[0]! * as[0]! * (1 - as[0]!) + g[1]! * -as[1]! * as[0]!; // δ3 with its cross term
    const noCross = g[0]! * as[0]! * (1 - as[0]!);
    const s = spec({
      learning_rate: 0.1,
      loss: "half-sse",
      layers: [
        { size: 2, activation: "identity" },
        { size: 2, activation: "softmax" },
      ],
      weights: [Ws],
      samples: [{ input: xs, target: ts }],
    });
    expect(one("delta3", full, s).verdict).toBe("ok");
    const r = one("delta3", noCross, s);
    expect(r.verdict).toBe("wrong");
    expect(r.mistake).toBe("softmax-cross-term");
    // seen only in the gradient: ∂L/∂W13 = δ3·x1
    expect(one("dW13", noCross * xs[0]!, s).mistake).toBe("softmax-cross-term");
  });

  it("sum instead of mean over a batch", () => {
    const samples = [
      { input: x, target: [t] },
      { input: [-0.5, 0.9], target: [0.7] },
    ];
    const perSample = samples.map((smp) => {
      const h = W1.map((row, j) => sig(row[0]! * smp.input[0]! + row[1]! * smp.input[1]! + b1[j]!));
      const o = sig(W2[0]! * h[0]! + W2[1]! * h[1]! + b2);
      return (o - smp.target[0]!) * o * (1 - o) * h[0]!;
    });
    const batch = { ...net, mode: "batch" as const, samples };
    expect(one("dW35", (perSample[0]! + perSample[1]!) / 2, batch).verdict).toBe("ok");
    expect(one("dW35", perSample[0]! + perSample[1]!, batch).mistake).toBe("reduction");
  });

  it("truncation, and no diagnosis for an unexplained slip", () => {
    const w = W35new.toString();
    const cut = w.slice(0, w.indexOf(".") + 4); // three decimals, cut off
    const rounded = W35new.toFixed(3);
    expect(cut).not.toBe(rounded);
    expect(claim(runCheck(net, `W35': ${cut}\n`), "W35'").mistake).toBe("truncated");
    const slip = one("Y5", a5 + 0.3);
    expect(slip.verdict).toBe("wrong");
    expect(slip.mistake).toBeUndefined();
  });

  it("--tolerance replaces the written precision", () => {
    const r = runCheck(net, `Y5: ${a5.toFixed(1)}\n`, { tolerance: 1e-6 });
    expect(claim(r, "Y5").verdict).toBe("wrong");
    expect(claim(runCheck(net, `Y5: ${(a5 + 0.004).toFixed(6)}\n`, { tolerance: 0.005 }), "Y5").verdict).toBe("ok");
  });
});
