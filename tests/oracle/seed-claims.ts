/**
 * Every number the seed notes (shared/seeds/) write down, with the correct value from the
 * oracle, and the machinery that turns them into the tables of docs/seed-errata.md.
 *
 * A claim's verdict is COMPUTED, never typed in (the `expect` field is only a guard the test
 * compares against, so a change in the oracle cannot silently flip a verdict):
 *
 *  1. right        the written value equals the correct value rounded to the written decimals;
 *  2. follows from an earlier wrong value / rounding drift
 *                  it equals the value recomputed from the note's OWN earlier written numbers
 *                  (`fromNote`), rounded; "follows" when one of those earlier numbers (`deps`) is
 *                  wrong or itself follows from a wrong one, "rounding drift" when they are all
 *                  right or drifted (the gap comes only from carrying rounded intermediates);
 *  3. wrong        (truncated) it is the correct value truncated instead of rounded;
 *  4. as 2, when it is the note's own recomputed value truncated instead of rounded;
 *  5. wrong        anything else (arithmetic slip, wrong constant, dropped factor).
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { referenceAnswerKey, sigmoid, type KeyUpdate } from "./reference.js";

export type Verdict = "right" | "wrong" | "follows from an earlier wrong value" | "rounding drift";

export interface Claim {
  id: string;
  /** The quantity, as the note writes it (its own symbols and arithmetic). */
  what: string;
  /** The number exactly as written in the note. */
  written: string;
  correct: number;
  /** Recomputed from the note's own earlier written numbers (carrying its rounding/errors). */
  fromNote?: number;
  deps?: string[];
  /** Decimals to round to, when the written form does not say (a bare integer). */
  decimals?: number;
  expect: Verdict;
  why: string;
}

export interface Judged extends Claim {
  decimals: number;
  rounded: string;
  verdict: Verdict;
  truncated: boolean;
}

export function decimalsOf(written: string): number {
  const m = /\.(\d+)/.exec(written);
  return m ? m[1].length : 0;
}

const roundTo = (x: number, d: number): number => Number(x.toFixed(d));
const truncTo = (x: number, d: number): number => {
  const k = 10 ** d;
  return Math.trunc(x * k + Math.sign(x) * 1e-9) / k;
};
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-12;

export function judge(claims: Claim[]): Judged[] {
  const out: Judged[] = [];
  const byId = new Map<string, Judged>();
  for (const c of claims) {
    const d = c.decimals ?? decimalsOf(c.written);
    const w = Number(c.written);
    const depsBad = (c.deps ?? []).some((id) => {
      const j = byId.get(id);
      if (!j) throw new Error(`${c.id}: unknown or later dependency ${id}`);
      return j.verdict === "wrong" || j.verdict === "follows from an earlier wrong value";
    });
    const inherited: Verdict = depsBad ? "follows from an earlier wrong value" : "rounding drift";
    let verdict: Verdict;
    let truncated = false;
    if (same(roundTo(c.correct, d), w)) verdict = "right";
    else if (c.fromNote !== undefined && same(roundTo(c.fromNote, d), w)) verdict = inherited;
    else if (same(truncTo(c.correct, d), w)) [verdict, truncated] = ["wrong", true];
    else if (c.fromNote !== undefined && same(truncTo(c.fromNote, d), w)) [verdict, truncated] = [inherited, true];
    else verdict = "wrong";
    const j: Judged = { ...c, decimals: d, rounded: c.correct.toFixed(d), verdict, truncated };
    out.push(j);
    byId.set(c.id, j);
  }
  return out;
}

// ───────────────────────────── the keys of the seed specs ─────────────────────────────

export function loadSpec(file: string): any {
  return parse(readFileSync(new URL(`../../specs/${file}`, import.meta.url), "utf8"));
}

/** The first (only) update of a seed spec, analytic gradients (the test checks them against FD). */
export function firstUpdate(file: string): KeyUpdate {
  return referenceAnswerKey(loadSpec(file), { gradients: "analytic" }).updates[0];
}

// ───────────────────────────── note 000 ─────────────────────────────

export function claims000(): Claim[] {
  const u = firstUpdate("000-relu-hidden.yaml");
  const [Y3, Y4] = u.samples[0].a[0];
  const [Y5, Y6, Y7] = u.samples[0].a[1];
  const t = u.samples[0].target;
  return [
    { id: "Y3", what: "Y3 = Relu(0.5x(-2.5) + 0.6x0.37 + 1.6)", written: "0.57", correct: Y3, expect: "right", why: "z3 = 0.572 > 0" },
    { id: "Y4", what: "Y4 = Relu(0.5x(-1.5) + 0.37x0.4 + 0.7)", written: "0.1", correct: Y4, expect: "right", why: "z4 = 0.098 > 0" },
    {
      id: "Y5",
      what: "Y5 = 0.57x(-0.1) + 0.1x1.5 (+ b5)",
      written: "-1.9",
      correct: Y5,
      fromNote: 0.57 * -0.1 + 0.1 * 1.5 - 2,
      deps: ["Y3", "Y4"],
      expect: "right",
      why: "the written sum omits + b5 = -2, but the result includes it; correct to 1 decimal (-1.91 to 2)",
    },
    {
      id: "Y6",
      what: "Y6 = 2.4 × 0.57 + 0.1 × (-5.2) + 0",
      written: "0.85",
      correct: Y6,
      fromNote: 2.4 * 0.57 + 0.1 * -5.2 + 0,
      deps: ["Y3", "Y4"],
      expect: "rounding drift",
      why: "uses Y4 rounded to 0.1 (0.098) times W46 = -5.2: 0.848 instead of 0.8632",
    },
    {
      id: "Y7",
      what: "Y7 = 0.57x(-2.2) + 0.1x3.7 + 1",
      written: "0.12",
      correct: Y7,
      fromNote: 0.57 * -2.2 + 0.1 * 3.7 + 1,
      deps: ["Y3", "Y4"],
      expect: "rounding drift",
      why: "same rounded Y4 = 0.1 (times W47 = 3.7): 0.116 instead of 0.1042",
    },
    {
      id: "Err5",
      what: "Err5 = Ob5 − Y5",
      written: "1.9",
      correct: t[0] - Y5,
      fromNote: 0 - -1.9,
      deps: ["Y5"],
      expect: "right",
      why: "target Ob5 = 0",
    },
    {
      id: "Err6",
      what: "Err6 = Ob6 − Y6",
      written: "0.15",
      correct: t[1] - Y6,
      fromNote: 1 - 0.85,
      deps: ["Y6"],
      expect: "rounding drift",
      why: "from the drifted Y6 = 0.85 (correct 0.1368)",
    },
    {
      id: "Err7",
      what: '"Err6 = -0.12" (the third error, i.e. Err7 = Ob7 − Y7)',
      written: "-0.12",
      correct: t[2] - Y7,
      fromNote: 0 - 0.12,
      deps: ["Y7"],
      expect: "rounding drift",
      why: "mislabelled Err6; value from the drifted Y7 = 0.12 (correct -0.1042)",
    },
    {
      id: "W35",
      what: "W35 = -0.1 + 0.1 × 0.57 × 1.9",
      written: "0.01",
      correct: u.W[1][0][0],
      fromNote: -0.1 + 0.1 * 0.57 * 1.9,
      deps: ["Y3", "Err5"],
      expect: "right",
      why: "0.00926 rounds to 0.01",
    },
    {
      id: "W46",
      what: "W46 = -5.2 + 0.1 × 0.1 × 0.15",
      written: "-5.19",
      correct: u.W[1][1][1],
      fromNote: -5.2 + 0.1 * 0.1 * 0.15,
      deps: ["Y4", "Err6"],
      expect: "wrong",
      why: "-5.1985 (its own numbers) and -5.19866 (correct) both round to -5.20; -5.19 truncates",
    },
    {
      id: "b5",
      what: "b5 = -2 + 0.1x1.9",
      written: "-1.81",
      correct: (u.b[1] as number[])[0],
      fromNote: -2 + 0.1 * 1.9,
      deps: ["Err5"],
      expect: "right",
      why: "",
    },
    {
      id: "b7",
      what: "b7 = 1 + 0.1x(-0.12)",
      written: "0.99",
      correct: (u.b[1] as number[])[2],
      fromNote: 1 + 0.1 * -0.12,
      deps: ["Err7"],
      expect: "right",
      why: "0.98958 rounds to 0.99",
    },
    {
      id: "W13",
      what: "W13 = -2.5 + 0.1x((-0.1)x1.9 + 2.4x0.15 + (-2.2)x(-0.12)) x Relu'(0.57) x 0.5",
      written: "-2.28",
      correct: u.W[0][0][0],
      fromNote: -2.5 + 0.1 * (-0.1 * 1.9 + 2.4 * 0.15 + -2.2 * -0.12) * 1 * 0.5,
      deps: ["Err5", "Err6", "Err7"],
      expect: "wrong",
      why: "its own expression gives -2.4783; -2.28 = -2.5 + 0.434 × 0.5, i.e. η = 0.1 dropped. Correct -2.4817",
    },
    {
      id: "W24",
      what: "W24 = 0.4 + 0.1x(1.5x1.9 + (-5.2)x0.15 + 3.7x(-0.12)) x Relu'(0.1) x 0.37",
      written: "1.0",
      correct: u.W[0][1][1],
      fromNote: 0.4 + 0.1 * (1.5 * 1.9 + -5.2 * 0.15 + 3.7 * -0.12) * 1 * 0.37,
      deps: ["Err5", "Err6", "Err7"],
      expect: "wrong",
      why: "its own expression gives 0.4602; 1.0 = 0.4 + 1.626 × 0.37, i.e. η = 0.1 dropped. Correct 0.4654",
    },
  ];
}

// ───────────────────────────── note 002 ─────────────────────────────

export function claims002(): Claim[] {
  const u = firstUpdate("002-sigmoid-2-2-2.yaml");
  const s = u.samples[0];
  const [z1, z2] = s.z[0];
  const [a1, a2] = s.a[0];
  const [z3, z4] = s.z[1];
  const [a3, a4] = s.a[1];
  const [y1, y2] = s.target;
  const eta = 0.5;
  const w5 = 0.4,
    w7 = 0.5,
    x1 = 0.05;
  const dJ_dw1 = u.dL_dW[0][0][0];
  return [
    { id: "z1", what: "z1 = 0.05 * 0.15 + 0.10 * 0.25 + 0.35", written: "0.3825", correct: z1, expect: "right", why: "" },
    {
      id: "a1",
      what: "a1 = 1/(1 + e^-0.3825)",
      written: "0.593",
      correct: a1,
      fromNote: sigmoid(0.3825),
      deps: ["z1"],
      expect: "wrong",
      why: "σ(0.3825) = 0.59448; 0.593 is σ(0.3775) = 0.59327, Mazur's out_h1 (his w2 = 0.20, not 0.25)",
    },
    { id: "z2", what: "z2 = 0.05 * 0.20 + 0.10 * 0.30 + 0.35", written: "0.39", correct: z2, expect: "right", why: "" },
    {
      id: "a2",
      what: "a2 = 1/(1 + e^-z2)",
      written: "0.597",
      correct: a2,
      fromNote: sigmoid(0.39),
      deps: ["z2"],
      expect: "wrong",
      why: "σ(0.39) = 0.59628; 0.597 is σ(0.3925) = 0.59688, Mazur's out_h2",
    },
    {
      id: "z3",
      what: "z3 = 0.593 * 0.40 + 0.597 * 0.45 + 0.6",
      written: "1.106",
      correct: z3,
      fromNote: 0.593 * 0.4 + 0.597 * 0.45 + 0.6,
      deps: ["a1", "a2"],
      expect: "right",
      why: "the two errors in a1, a2 cancel to 3 decimals",
    },
    {
      id: "a3",
      what: "a3 = 1/(1 + e^-z3)",
      written: "0.751",
      correct: a3,
      fromNote: sigmoid(1.106),
      deps: ["z3"],
      expect: "right",
      why: "",
    },
    {
      id: "z4",
      what: "z4 = 0.593 * 0.50 + 0.597 * 0.55 + 0.6",
      written: "1.225",
      correct: z4,
      fromNote: 0.593 * 0.5 + 0.597 * 0.55 + 0.6,
      deps: ["a1", "a2"],
      expect: "right",
      why: "",
    },
    {
      id: "a4",
      what: "a4 = 1/(1 + e^-z4)",
      written: "0.773",
      correct: a4,
      fromNote: sigmoid(1.225),
      deps: ["z4"],
      expect: "right",
      why: "",
    },
    {
      id: "J1",
      what: "J1 = ½(0.751 − 0.01)²",
      written: "0.275",
      correct: 0.5 * (a3 - y1) ** 2,
      fromNote: 0.5 * (0.751 - 0.01) ** 2,
      deps: ["a3"],
      expect: "right",
      why: "",
    },
    {
      id: "J2",
      what: "J2 = ½(0.773 − 0.99)²",
      written: "0.023",
      correct: 0.5 * (a4 - y2) ** 2,
      fromNote: 0.5 * (0.773 - 0.99) ** 2,
      deps: ["a4"],
      expect: "wrong",
      why: "0.02355 rounds to 0.024; 0.023 truncates",
    },
    {
      id: "J",
      what: "J = J1 + J2 = 0.275 + 0.023",
      written: "0.298",
      correct: s.loss,
      fromNote: 0.275 + 0.023,
      deps: ["J1", "J2"],
      expect: "right",
      why: "",
    },
    {
      id: "dJ_da3",
      what: "(1) ∂J/∂a3 = 0.751 − 0.01",
      written: "0.741",
      correct: a3 - y1,
      fromNote: 0.751 - 0.01,
      deps: ["a3"],
      expect: "right",
      why: "",
    },
    {
      id: "da3_dz3",
      what: "(2) ∂a3/∂z3 = 0.751(1 − 0.751)",
      written: "0.187",
      correct: a3 * (1 - a3),
      fromNote: 0.751 * (1 - 0.751),
      deps: ["a3"],
      expect: "right",
      why: "",
    },
    {
      id: "dz3_dw5",
      what: "(3) ∂z3/∂w5 = a1",
      written: "0.593",
      correct: a1,
      fromNote: 0.593,
      deps: ["a1"],
      expect: "follows from an earlier wrong value",
      why: "the wrong a1 again",
    },
    {
      id: "dJ_dw5",
      what: "∂J/∂w5 = 0.741 * 0.187 * 0.593",
      written: "0.0821",
      correct: u.dL_dW[1][0][0],
      fromNote: 0.741 * 0.187 * 0.593,
      deps: ["dJ_da3", "da3_dz3", "dz3_dw5"],
      expect: "follows from an earlier wrong value",
      why: "with the wrong a1 the product is 0.08217, which the note also truncates (it rounds to 0.0822); correct 0.08233",
    },
    {
      id: "w5",
      what: "w5 = 0.4 − 0.5 * 0.0821",
      written: "0.359",
      correct: u.W[1][0][0],
      fromNote: 0.4 - 0.5 * 0.0821,
      deps: ["dJ_dw5"],
      expect: "right",
      why: "correct 0.35884",
    },
    {
      id: "dz3_da1",
      what: "(4) ∂z3/∂a1 = w5",
      written: "0.40",
      correct: w5,
      expect: "right",
      why: "the weight before the update, as it must be",
    },
    {
      id: "dJ_da4",
      what: "(5) ∂J/∂a4 = 0.773 − 0.99",
      written: "-0.217",
      correct: a4 - y2,
      fromNote: 0.773 - 0.99,
      deps: ["a4"],
      expect: "right",
      why: "",
    },
    {
      id: "da4_dz4",
      what: "(6) ∂a4/∂z4 = 0.773(1 − 0.773)",
      written: "0.175",
      correct: a4 * (1 - a4),
      fromNote: 0.773 * (1 - 0.773),
      deps: ["a4"],
      expect: "right",
      why: "",
    },
    { id: "dz4_da1", what: "(7) ∂z4/∂a1 = w7", written: "0.50", correct: w7, expect: "right", why: "" },
    {
      id: "da1_dz1",
      what: "(8) ∂a1/∂z1 = 0.593(1 − 0.593)",
      written: "0.241",
      correct: a1 * (1 - a1),
      fromNote: 0.593 * (1 - 0.593),
      deps: ["a1"],
      expect: "right",
      why: "correct 0.24107; from the wrong a1 0.24135, same to 3 decimals",
    },
    { id: "dz1_dw1", what: "(9) ∂z1/∂w1 = x1", written: "0.05", correct: x1, expect: "right", why: "" },
    {
      id: "p124",
      what: "①②④ = 0.741 * 0.187 * 0.40",
      written: "0.0554",
      correct: s.dL_dz[1][0] * w5,
      fromNote: 0.741 * 0.187 * 0.4,
      deps: ["dJ_da3", "da3_dz3", "dz3_da1"],
      expect: "right",
      why: "",
    },
    {
      id: "p567",
      what: "⑤⑥⑦ = (-0.217) * 0.175 * 0.50",
      written: "-0.0190",
      correct: s.dL_dz[1][1] * w7,
      fromNote: -0.217 * 0.175 * 0.5,
      deps: ["dJ_da4", "da4_dz4", "dz4_da1"],
      expect: "right",
      why: "",
    },
    {
      id: "p89",
      what: "⑧⑨ = 0.241 * 0.05",
      written: "0.0121",
      correct: a1 * (1 - a1) * x1,
      fromNote: 0.241 * 0.05,
      deps: ["da1_dz1", "dz1_dw1"],
      expect: "right",
      why: "",
    },
    {
      id: "sum",
      what: "0.0554 − 0.0190",
      written: "0.0364",
      correct: s.dL_dz[1][0] * w5 + s.dL_dz[1][1] * w7,
      fromNote: 0.0554 - 0.019,
      deps: ["p124", "p567"],
      expect: "right",
      why: "= ∂J/∂a1",
    },
    {
      id: "dJ_dw1",
      what: "∂J/∂w1 = 0.0364 * 0.0121",
      written: "0.00044",
      correct: dJ_dw1,
      fromNote: 0.0364 * 0.0121,
      deps: ["sum", "p89"],
      expect: "right",
      why: "correct 0.00043821",
    },
    {
      id: "eta",
      what: 'η in "w1 = 0.15 − 0.05 * 0.00044"',
      written: "0.05",
      correct: eta,
      expect: "wrong",
      why: "the note's own η is 0.5",
    },
    {
      id: "step",
      what: "0.05 * 0.00044 (η·∂J/∂w1)",
      written: "0.000022",
      correct: eta * dJ_dw1,
      fromNote: 0.05 * 0.00044,
      deps: ["eta", "dJ_dw1"],
      expect: "follows from an earlier wrong value",
      why: "with η = 0.5 the step is 0.000219",
    },
    {
      id: "w1",
      what: "w1 = 0.15 − 0.000022",
      written: "0.149978",
      correct: u.W[0][0][0],
      fromNote: 0.15 - 0.05 * 0.00044,
      deps: ["step"],
      expect: "follows from an earlier wrong value",
      why: "correct 0.14978 (η = 0.5)",
    },
  ];
}

// ───────────────────────────── note 004 ─────────────────────────────

const W2_004 = [
  [0.5, 0.8, 0.2, 0.4],
  [0.5, 0.2, 0.3, -0.5],
];

export function claims004(): Claim[] {
  const u = firstUpdate("004-sigmoid-softmax.yaml");
  const s = u.samples[0];
  const a1 = s.z[0],
    h1 = s.a[0],
    a2 = s.z[1],
    yhat = s.a[1];
  const noteA1 = [2.9, 1.4, 2.1, 2.3];
  const noteH1 = [0.95, 0.8, 0.89, 0.91];
  const noteA2 = W2_004.map((row) => row.reduce((t, w, i) => t + w * noteH1[i], 0));
  const e = [Math.exp(1.66), Math.exp(0.45)];
  const noteYhat = e.map((v) => v / (e[0] + e[1]));
  const claims: Claim[] = [];
  const a1Wrong = [false, true, false, false];
  for (let j = 0; j < 4; j++) {
    claims.push({
      id: `a1_${j + 1}`,
      what: `a1 = W1·x + b1, entry ${j + 1}`,
      written: String(noteA1[j]),
      correct: a1[j],
      expect: a1Wrong[j] ? "wrong" : "right",
      why: a1Wrong[j] ? "-0.3·2 + 0.2·5 + 0.5·3 + 0.5·3 = 3.4" : "",
    });
  }
  for (let j = 0; j < 4; j++) {
    claims.push({
      id: `h1_${j + 1}`,
      what: `h1 = Sigmoid(a1), entry ${j + 1}`,
      written: noteH1[j].toFixed(2),
      correct: h1[j],
      fromNote: sigmoid(noteA1[j]),
      deps: [`a1_${j + 1}`],
      expect: a1Wrong[j] ? "follows from an earlier wrong value" : "right",
      why: a1Wrong[j] ? "σ(1.4) = 0.802; σ(3.4) = 0.968" : "",
    });
  }
  const hdeps = ["h1_1", "h1_2", "h1_3", "h1_4"];
  claims.push(
    {
      id: "a2_1",
      what: "a2 = W2·h1 + b2, entry 1",
      written: "1.66",
      correct: a2[0],
      fromNote: noteA2[0],
      deps: hdeps,
      expect: "follows from an earlier wrong value",
      why: "from the wrong h1₂ = 0.80 (0.5·0.95 + 0.8·0.80 + 0.2·0.89 + 0.4·0.91 = 1.657)",
    },
    {
      id: "a2_2",
      what: "a2 = W2·h1 + b2, entry 2",
      written: "0.45",
      correct: a2[1],
      fromNote: noteA2[1],
      deps: hdeps,
      expect: "follows from an earlier wrong value",
      why: "from the wrong h1₂ = 0.80 (0.447)",
    },
    {
      id: "yhat_1",
      what: "ŷ = Softmax(a2), entry 1",
      written: "0.77",
      correct: yhat[0],
      fromNote: noteYhat[0],
      deps: ["a2_1", "a2_2"],
      expect: "follows from an earlier wrong value",
      why: "softmax(1.66, 0.45)",
    },
    {
      id: "yhat_2",
      what: "ŷ = Softmax(a2), entry 2",
      written: "0.23",
      correct: yhat[1],
      fromNote: noteYhat[1],
      deps: ["a2_1", "a2_2"],
      expect: "follows from an earlier wrong value",
      why: "softmax(1.66, 0.45)",
    },
    {
      id: "da21_dh13",
      what: '"∂a21/∂h13 = 2" (before it writes ∂a21/∂h13 = w213)',
      written: "2",
      correct: W2_004[0][2],
      decimals: 1,
      expect: "wrong",
      why: "∂a21/∂h13 = w213 = 0.2",
    },
  );
  return claims;
}

/**
 * Note 004 sets up dL/dW212 and dL/dw131 but never evaluates them ("Substitute values ...").
 * The correct values, and what the note's formulas give (for an answer checker's wrong answers),
 * both at the correct forward values.
 */
export function unevaluated004(): { what: string; value: number }[] {
  const u = firstUpdate("004-sigmoid-softmax.yaml");
  const s = u.samples[0];
  const x = s.input,
    h = s.a[0],
    yh = s.a[1],
    y = s.target;
  const dL_dyh = yh.map((v, i) => -2 * (y[i] - v));
  const noCross = [0, 1].map((i) => dL_dyh[i] * yh[i] * (1 - yh[i])); // the note's dL/da2i
  const w213 = W2_004[0][2],
    w223 = W2_004[1][2];
  const a13 = s.z[0][2];
  return [
    { what: "dL/dW212 = ∂L/∂W2[1][2] (1-based), correct", value: u.dL_dW[1][0][1] },
    { what: "dL/dW212 by the note's chain dL/dŷ1 · ŷ1(1 − ŷ1) · h12 (no softmax cross term: exactly half here)", value: noCross[0] * h[1] },
    { what: "dL/dW212 by the note's chain with its da21/dW212 = w212·h12", value: noCross[0] * W2_004[0][1] * h[1] },
    { what: "dL/da21 = δ for output 1, correct (ŷ1ŷ2(dL/dŷ1 − dL/dŷ2))", value: s.dL_dz[1][0] },
    { what: "dL/da21 without the cross term (dL/dŷ1 · ŷ1(1 − ŷ1))", value: noCross[0] },
    { what: "dL/dw131 = ∂L/∂W1[3][1] (1-based), correct", value: u.dL_dW[0][2][0] },
    {
      what: "dL/dw131 by the note's formula (no cross terms, ∂h13/∂a13 = sigmoid(a13))",
      value: (noCross[0] * w213 + noCross[1] * w223) * sigmoid(a13) * x[0],
    },
    {
      what: "dL/dw131 without the cross terms but with σ′(a13) = σ(a13)(1 − σ(a13))",
      value: (noCross[0] * w213 + noCross[1] * w223) * h[2] * (1 - h[2]) * x[0],
    },
    {
      what: "dL/dw131 with the cross terms but ∂h13/∂a13 = sigmoid(a13)",
      value: (s.dL_dz[1][0] * w213 + s.dL_dz[1][1] * w223) * sigmoid(a13) * x[0],
    },
  ];
}

// ───────────────────────────── parameter names for the reference tables ─────────────────────────────

export interface Naming {
  weight: (l: number, j: number, i: number) => string;
  bias: (l: number, j: number) => string;
  z: (l: number, j: number) => string;
  a: (l: number, j: number) => string;
}

/** Node numbering: inputs 1..n0, then every layer's neurons in order (notes 000, 001, 003). */
function nodeNaming(sizes: number[], opts: { w?: string; b?: string; z?: string; a?: string } = {}): Naming {
  const first = sizes.map((_, l) => 1 + sizes.slice(0, l).reduce((t, n) => t + n, 0));
  const node = (l: number, j: number) => first[l] + j;
  return {
    weight: (l, j, i) => `${opts.w ?? "W"}${node(l, i)}${node(l + 1, j)}`,
    bias: (l, j) => `${opts.b ?? "b"}${node(l + 1, j)}`,
    z: (l, j) => `${opts.z ?? "z"}${node(l + 1, j)}`,
    a: (l, j) => `${opts.a ?? "Y"}${node(l + 1, j)}`,
  };
}

/** Sequential numbering, row by row per receiving neuron (note 002, Mazur). */
function sequentialNaming(sizes: number[], shared: boolean): Naming {
  const wFirst = sizes.slice(1).map((_, l) => 1 + sizes.slice(1, l + 1).reduce((t, n, k) => t + n * sizes[k], 0));
  const nFirst = sizes.slice(1).map((_, l) => 1 + sizes.slice(1, l + 1).reduce((t, n) => t + n, 0));
  return {
    weight: (l, j, i) => `w${wFirst[l] + j * sizes[l] + i}`,
    bias: (l, j) => (shared ? `b${l + 1}` : `b${nFirst[l] + j}`),
    z: (l, j) => `z${nFirst[l] + j}`,
    a: (l, j) => `a${nFirst[l] + j}`,
  };
}

export interface SeedSpec {
  file: string;
  note: string;
  naming: Naming;
}

export const SEED_SPECS: SeedSpec[] = [
  { file: "000-relu-hidden.yaml", note: "000", naming: nodeNaming([2, 2, 3]) },
  { file: "001-identity-output.yaml", note: "001", naming: nodeNaming([2, 2, 3], { w: "w", a: "y" }) },
  { file: "001-relu-output.yaml", note: "001", naming: nodeNaming([2, 2, 3], { w: "w", a: "y" }) },
  { file: "002-sigmoid-2-2-2.yaml", note: "002", naming: sequentialNaming([2, 2, 2], false) },
  {
    file: "003-relu-perceptron.yaml",
    note: "003",
    naming: { weight: (_l, _j, i) => `w${i + 1}`, bias: () => "b", z: () => "z", a: () => "Y" },
  },
  {
    file: "003-relu-chain.yaml",
    note: "003",
    naming: { weight: (l) => `w1${l + 1}`, bias: (l) => `b${l + 1}`, z: (l) => `z${l + 1}`, a: (l) => `Y${l + 1}` },
  },
  {
    file: "004-sigmoid-softmax.yaml",
    note: "004",
    naming: {
      weight: (l, j, i) => `W${l + 1}${j + 1}${i + 1}`,
      bias: (l, j) => `b${l + 1}${j + 1}`,
      z: (l, j) => `a${l + 1}${j + 1}`,
      a: (l, j) => (l === 0 ? `h1${j + 1}` : `ŷ${j + 1}`),
    },
  },
  { file: "classic-2-2-2.yaml", note: "Mazur", naming: sequentialNaming([2, 2, 2], true) },
];
