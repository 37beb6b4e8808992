/**
 * Compares an answer key (CONTRACT §3), number by number, with the independent oracle.
 *
 * - gradients (dL_dz, dL_dW, dL_db) against central finite differences: FD_TOL (rel 1e-6, abs 1e-9);
 * - everything else (input, target, z, a, loss, W, b, loss_after) against direct evaluation:
 *   DIRECT_TOL (rel 1e-12, abs 1e-12).
 *
 * Both along the oracle's own trajectory and, update by update, from the parameters the key
 * itself started that update from — so an error is reported where it is made, not only in every
 * later update — including the update rule W = W_before − η·dL_dW with the key's own gradient.
 * Returns readable mismatch lines (empty = the key is right).
 */
import { DIRECT_TOL, FD_TOL, mismatches } from "./compare.js";
import {
  fdNetInputGradients,
  fdParamGradients,
  forward,
  lossValue,
  normalizeSpec,
  reducedLoss,
  referenceAnswerKey,
  updateGroups,
  type AnswerKey,
  type Params,
} from "./reference.js";

export function checkAnswerKey(spec: unknown, got: AnswerKey): string[] {
  const problems: string[] = [];
  if (got?.format !== "backprop-derive/answer-key@1") problems.push(`format: got ${JSON.stringify(got?.format)}`);
  const s = normalizeSpec(spec);
  const fd = referenceAnswerKey(spec);
  const exact = referenceAnswerKey(spec, { gradients: "analytic" });
  if (!Array.isArray(got?.updates) || got.updates.length !== fd.updates.length) {
    problems.push(`updates: got ${got?.updates?.length} updates, expected ${fd.updates.length}`);
    return problems;
  }
  const groups = updateGroups(s);
  let before: Params = { W: s.W, b: s.b };
  got.updates.forEach((u, k) => {
    const at = `updates[${k}]`;
    const ref = exact.updates[k];
    const fdu = fd.updates[k];
    // ── along the oracle's trajectory ──
    problems.push(...mismatches(u.samples?.length, ref.samples.length, DIRECT_TOL, `${at}.samples.length`));
    (u.samples ?? []).forEach((smp, i) => {
      const r = ref.samples[i];
      if (!r) return;
      const p = `${at}.samples[${i}]`;
      problems.push(...mismatches(smp.input, r.input, DIRECT_TOL, `${p}.input`));
      problems.push(...mismatches(smp.target, r.target, DIRECT_TOL, `${p}.target`));
      problems.push(...mismatches(smp.z, r.z, DIRECT_TOL, `${p}.z`));
      problems.push(...mismatches(smp.a, r.a, DIRECT_TOL, `${p}.a`));
      problems.push(...mismatches(smp.loss, r.loss, DIRECT_TOL, `${p}.loss`));
      problems.push(...mismatches(smp.dL_dz, fdu.samples[i].dL_dz, FD_TOL, `${p}.dL_dz (vs finite differences)`));
    });
    problems.push(...mismatches(u.loss, ref.loss, DIRECT_TOL, `${at}.loss`));
    problems.push(...mismatches(u.dL_dW, fdu.dL_dW, FD_TOL, `${at}.dL_dW (vs finite differences)`));
    problems.push(...mismatches(u.dL_db, fdu.dL_db, FD_TOL, `${at}.dL_db (vs finite differences)`));
    problems.push(...mismatches(u.W, ref.W, DIRECT_TOL, `${at}.W`));
    problems.push(...mismatches(u.b, ref.b, DIRECT_TOL, `${at}.b`));
    problems.push(...mismatches(u.loss_after, ref.loss_after, DIRECT_TOL, `${at}.loss_after`));

    // ── step by step, from the parameters the key itself used ──
    const local = `${at} (from the key's own previous parameters)`;
    const group = groups[k];
    group.forEach((smp, i) => {
      const f = forward(s, before, smp.input);
      const c = u.samples?.[i];
      problems.push(...mismatches(c?.z, f.z, DIRECT_TOL, `${local}.samples[${i}].z`));
      problems.push(...mismatches(c?.a, f.a, DIRECT_TOL, `${local}.samples[${i}].a`));
      problems.push(...mismatches(c?.loss, lossValue(s.loss, f.a[f.a.length - 1], smp.target), DIRECT_TOL, `${local}.samples[${i}].loss`));
      problems.push(...mismatches(c?.dL_dz, fdNetInputGradients(s, before, smp), FD_TOL, `${local}.samples[${i}].dL_dz`));
    });
    problems.push(...mismatches(u.loss, reducedLoss(s, before, group).loss, DIRECT_TOL, `${local}.loss`));
    const g = fdParamGradients(s, before, group);
    problems.push(...mismatches(u.dL_dW, g.dW, FD_TOL, `${local}.dL_dW`));
    problems.push(...mismatches(u.dL_db, g.db, FD_TOL, `${local}.dL_db`));
    // the update rule with the key's own gradient: W ← W − η·∂loss/∂W (biases only if trained)
    const eta = s.learning_rate;
    if (Array.isArray(u.dL_dW) && Array.isArray(u.dL_db)) {
      const W = before.W.map((m, l) => m.map((row, j) => row.map((w, i) => w - eta * u.dL_dW[l]?.[j]?.[i])));
      const b = before.b.map((bl, l) => {
        if (!s.train_biases) return bl;
        const gl = u.dL_db[l];
        return typeof bl === "number" ? bl - eta * (gl as number) : bl.map((v, j) => v - eta * (gl as number[])?.[j]);
      });
      problems.push(...mismatches(u.W, W, DIRECT_TOL, `${local}.W = W − η·dL_dW`));
      problems.push(...mismatches(u.b, b, DIRECT_TOL, `${local}.b = b − η·dL_db`));
    }
    if (Array.isArray(u.W) && Array.isArray(u.b)) {
      problems.push(...mismatches(u.loss_after, reducedLoss(s, { W: u.W, b: u.b }, group).loss, DIRECT_TOL, `${local}.loss_after`));
      before = { W: u.W, b: u.b };
    }
  });
  return problems;
}
