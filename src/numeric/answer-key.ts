import type { UpdateResult } from "./train.js";

type Bias = number[] | number;

/** The answer key of CONTRACT §3 and §5: exactly these fields, full double precision. */
export interface AnswerKey {
  format: "backprop-derive/answer-key@1";
  updates: {
    samples: { input: number[]; target: number[]; z: number[][]; a: number[][]; loss: number; dL_dz: number[][]; dL_dx: number[] }[];
    loss: number;
    dL_dW: number[][][];
    dL_db: Bias[];
    W: number[][][];
    b: Bias[];
    loss_after: number;
    step_W: number[][][];
    step_b: Bias[];
    /** v_W, v_b (momentum, nesterov) | s_W, s_b (rmsprop) | m_W, m_b, s_W, s_b (adam, adamw) | {} (sgd). */
    state: Record<string, number[][][] | Bias[]>;
  }[];
}

export function answerKey(updates: UpdateResult[]): AnswerKey {
  return {
    format: "backprop-derive/answer-key@1",
    updates: updates.map((u) => ({
      samples: u.samples.map((s) => ({
        input: s.input,
        target: s.target,
        z: s.z,
        a: s.a,
        loss: s.loss,
        dL_dz: s.dL_dz,
        dL_dx: s.dL_dx,
      })),
      loss: u.loss,
      dL_dW: u.dL_dW,
      dL_db: u.dL_db,
      W: u.W,
      b: u.b,
      loss_after: u.loss_after,
      step_W: u.step_W,
      step_b: u.step_b,
      state: Object.fromEntries(
        Object.entries(u.state).flatMap(([name, q]) => [
          [`${name}_W`, q.W],
          [`${name}_b`, q.b],
        ]),
      ),
    })),
  };
}

/**
 * The answer key as JSON text: two-space indentation, but every innermost array of numbers on
 * one line, so that a weight matrix reads as rows. Numbers are JavaScript's shortest round-trip
 * form of the double: full precision.
 */
export function stringifyAnswerKey(key: unknown): string {
  return `${JSON.stringify(key, null, 2).replace(/\[\s+([-+.\deE,\s]*?)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s*/).join(", ")}]`)}\n`;
}
