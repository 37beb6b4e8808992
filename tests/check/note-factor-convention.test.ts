import { describe, expect, it } from "vitest";
import { checkNote } from "../../src/check/index.js";
import type { NoteReport } from "../../src/check/index.js";
import { loadSpec } from "../../src/spec/index.js";

/**
 * A factor counted twice, and corrections written in the note's own convention, on notes written
 * by hand in Markdown and LaTeX. The right formulas in the expectations are written from the
 * definitions (δ = ∂L/∂z, or −∂L/∂z in the error convention; w ← w − η ∂L/∂w = w + η δ x), not
 * copied from the checker's output.
 */
const onLine = (r: NoteReport, line: number) => r.findings.filter((f) => f.line === line && f.verdict !== "ok");

const MD_GRADIENT = `$$\\delta_3 = (a_3 - y_1) \\sigma'(z_3) \\sigma'(z_3)$$

$$w_5 = w_5 - \\eta \\eta \\frac{\\partial J}{\\partial w_5}$$

$$w_6 = w_6 - \\frac{\\partial J}{\\partial w_6}$$

$$\\delta_3 = (a_3 - y_1) \\sigma'(z_3)$$

$$w_7 = w_7 + \\eta \\frac{\\partial J}{\\partial w_7}$$
`;

const TEX_GRADIENT = `\\documentclass{article}
\\begin{document}
\\begin{align}
w_5 &= w_5 - \\eta \\eta \\frac{\\partial J}{\\partial w_5} \\\\
\\delta_4 &= (a_4 - y_2) \\sigma'(z_4) \\sigma'(z_4)
\\end{align}
\\[ \\delta_3 = (a_3 - y_1) \\sigma'(z_3) \\]
\\end{document}
`;

const TEX_ERROR = `\\documentclass{article}
\\begin{document}
\\begin{align}
W_{35} &= W_{35} + \\eta \\eta \\delta_5 Y_3 \\\\
\\delta_3 &= (\\delta_5 W_{35} + \\delta_6 W_{36} + \\delta_7 W_{37}) W_{35} \\operatorname{Relu}'(W_{13} X_1 + W_{23} X_2 + b_3)
\\end{align}
\\[ W_{36} = W_{36} + Y_3 \\delta_6 \\]
\\[ \\frac{dLoss}{dW_{35}} = -\\delta_5 Y_3 \\]
\\[ W_{37} = W_{37} + \\eta \\delta_7 Y_3 \\]
\\[ W_{45} = W_{45} - \\eta \\delta_5 Y_4 \\]
\\[ \\frac{dLoss}{dW_{46}} = \\delta_6 Y_4 \\]
\\[ \\delta_5 = \\text{Err}_5 \\]
\\end{document}
`;

const MD_ERROR = `$$W_{35} = W_{35} + \\eta\\, \\eta\\, \\text{Err}_5 Y_3$$

$$W_{36} = W_{36} + \\eta\\, \\delta_6 Y_3$$

$$b_5 = b_5 - \\eta\\, \\delta_5$$

$$\\frac{dLoss}{db_6} = -\\delta_6$$

$$W_{47} = W_{47} + \\eta\\, \\delta_7 Y_4$$
`;

describe("a factor counted twice is found on its line", () => {
  it("Markdown, gradient convention: f′ twice in δ, η twice in an update", async () => {
    const r = await checkNote(await loadSpec("specs/002-sigmoid-2-2-2.yaml"), MD_GRADIENT, "markdown");
    expect(onLine(r, 1)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 3)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 3)[0]?.message).toMatch(/η/);
    expect(onLine(r, 5)[0]?.diagnosis).toBe("missing-eta");
    expect(onLine(r, 7)).toEqual([]);
  });

  it("LaTeX, gradient convention", async () => {
    const r = await checkNote(await loadSpec("specs/002-sigmoid-2-2-2.yaml"), TEX_GRADIENT, "latex");
    expect(onLine(r, 4)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 5)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 7)).toEqual([]);
  });

  it("LaTeX, error convention: η twice, a weight twice in a hidden δ", async () => {
    const r = await checkNote(await loadSpec("specs/000-relu-hidden.yaml"), TEX_ERROR, "latex");
    expect(onLine(r, 4)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 5)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 5)[0]?.message).toMatch(/W₃₅/);
  });

  it("Markdown, error convention", async () => {
    const r = await checkNote(await loadSpec("specs/000-relu-hidden.yaml"), MD_ERROR, "markdown");
    expect(onLine(r, 1)[0]?.diagnosis).toBe("factor-twice");
    expect(onLine(r, 3)).toEqual([]);
    expect(onLine(r, 7)).toEqual([]);
  });
});

describe("the correction is written in the note's own convention", () => {
  it("error convention: w ← w + η δ x, ∂L/∂w = −δ x", async () => {
    const r = await checkNote(await loadSpec("specs/000-relu-hidden.yaml"), TEX_ERROR, "latex");
    expect(onLine(r, 7)[0]?.diagnosis).toBe("missing-eta");
    expect(onLine(r, 7)[0]?.message).toMatch(/W₃₆ \(new\) = W₃₆ \+ η·δ₆·Y₃/);
    expect(onLine(r, 8)).toEqual([]);
    expect(onLine(r, 9)).toEqual([]);
    expect(onLine(r, 10)[0]?.diagnosis).toBe("sign-update");
    expect(onLine(r, 10)[0]?.message).toMatch(/θ − η·δ·x instead of θ \+ η·δ·x/);
    expect(onLine(r, 10)[0]?.message).toMatch(/W₄₅ \+ η·δ₅·Y₄/);
    expect(onLine(r, 11)[0]?.message).toMatch(/∂Loss\/∂W₄₆ = -δ₆·Y₄/);
    expect(onLine(r, 12)).toEqual([]);
  });

  it("error convention in Markdown: a bias update with the gradient's sign", async () => {
    const r = await checkNote(await loadSpec("specs/000-relu-hidden.yaml"), MD_ERROR, "markdown");
    expect(onLine(r, 5)[0]?.diagnosis).toBe("sign-update");
    expect(onLine(r, 5)[0]?.message).toMatch(/b₅ \(new\) = b₅ \+ η·δ₅/);
  });

  it("gradient convention: w ← w − η ∂L/∂w", async () => {
    const r = await checkNote(await loadSpec("specs/002-sigmoid-2-2-2.yaml"), MD_GRADIENT, "markdown");
    expect(onLine(r, 5)[0]?.message).toMatch(/w₆ \(new\) = w₆ - η·∂J\/∂w₆/);
    expect(onLine(r, 9)[0]?.diagnosis).toBe("sign-update");
    expect(onLine(r, 9)[0]?.message).toMatch(/θ \+ η·∂Loss\/∂θ instead of θ − η·∂Loss\/∂θ/);
    expect(onLine(r, 9)[0]?.message).toMatch(/w₇ \(new\) = w₇ - η·∂J\/∂w₇/);
  });
});
