import type { UpdateResult } from "./train.js";

/** The answer key of CONTRACT §3: exactly these fields, full double precision. */
export interface AnswerKey {
  format: "backprop-derive/answer-key@1";
  updates: {
    samples: { input: number[]; target: number[]; z: number[][]; a: number[][]; loss: number; dL_dz: number[][] }[];
    loss: number;
    dL_dW: number[][][];
    dL_db: (number[] | number)[];
    W: number[][][];
    b: (number[] | number)[];
    loss_after: number;
  }[];
}

export function answerKey(updates: UpdateResult[]): AnswerKey {
  return {
    format: "backprop-derive/answer-key@1",
    updates: updates.map((u) => ({
      samples: u.samples.map((s) => ({
        input: s.input, target: s.target, z: s.z, a: s.a, loss: s.loss, dL_dz: s.dL_dz,
      })),
      loss: u.loss,
      dL_dW: u.dL_dW,
      dL_db: u.dL_db,
      W: u.W,
      b: u.b,
      loss_after: u.loss_after,
    })),
  };
}
