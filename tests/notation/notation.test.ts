import { describe, expect, it } from "vitest";
import { math } from "../../src/derive/index.js";
import { buildNetwork } from "../../src/network/index.js";
import { LetterError, letter, makeNotation, texHandler } from "../../src/notation/index.js";
import { SEEDS } from "../render/fixtures.js";

const net = buildNetwork(SEEDS.seed000!);

describe("notations", () => {
  it("node notation names symbols as seeds 000/001/003 do", () => {
    const n = makeNotation(net, "node", "error");
    expect(n.tex("w_3_5")).toBe("W_{35}");
    expect(n.tex("a_3")).toBe("Y_{3}");
    expect(n.tex("x_1")).toBe("X_{1}");
    expect(n.tex("t_5")).toBe("\\mathrm{Ob}_{5}");
    expect(n.tex("dLda_5")).toBe("\\mathrm{Err}_{5}");
    expect(n.tex("delta_5")).toBe("\\delta_{5}");
    expect(n.tex("dL_dw_3_5")).toBe("\\frac{\\partial \\mathrm{Loss}}{\\partial W_{35}}");
    expect(n.tex("new_b_5")).toBe("b^{\\mathrm{new}}_{5}");
    expect(n.ascii("w_3_5")).toBe("W35");
    expect(n.ascii("a_3")).toBe("Y3");
    expect(n.ascii("dLda_5")).toBe("Err5");
    expect(n.ascii("delta_5")).toBe("delta5");
    expect(n.ascii("dL_dw_3_5")).toBe("dLoss/dW35");
    expect(n.text("w_3_5")).toBe("W₃₅");
  });

  it("gradient convention writes ∂L/∂a where the error convention writes Err", () => {
    const n = makeNotation(net, "node", "gradient");
    expect(n.tex("dLda_5")).toBe("\\frac{\\partial \\mathrm{Loss}}{\\partial Y_{5}}");
    expect(n.ascii("dLda_5")).toBe("dLoss/dY5");
  });

  it("sequential notation numbers weights row by row and neurons after the inputs (seed 002)", () => {
    const n = makeNotation(net, "sequential", "gradient");
    expect(n.tex("w_1_3")).toBe("w_{1}");
    expect(n.tex("w_2_3")).toBe("w_{2}");
    expect(n.tex("w_1_4")).toBe("w_{3}");
    expect(n.tex("w_4_7")).toBe("w_{10}");
    expect(n.tex("a_5")).toBe("a_{3}");
    expect(n.tex("z_3")).toBe("z_{1}");
    expect(n.tex("t_6")).toBe("y_{2}");
    expect(n.tex("b_7")).toBe("b_{5}");
    expect(n.tex("L")).toBe("J");
  });

  it("layer notation writes w_lji, a_lj, h_lj and ŷ (seed 004)", () => {
    const n = makeNotation(net, "layer", "gradient");
    expect(n.tex("w_4_6")).toBe("w_{222}");
    expect(n.tex("z_3")).toBe("a_{11}");
    expect(n.tex("a_3")).toBe("h_{11}");
    expect(n.tex("a_6")).toBe("\\hat{y}_{2}");
    expect(n.tex("t_6")).toBe("y_{2}");
    expect(n.ascii("a_6")).toBe("yhat2");
  });

  it("matrix notation puts the layer in a superscript", () => {
    const n = makeNotation(net, "matrix", "gradient");
    expect(n.tex("w_4_6")).toBe("W^{(2)}_{22}");
    expect(n.tex("new_w_4_6")).toBe("W^{(2),\\mathrm{new}}_{22}");
    expect(n.tex("delta_3")).toBe("\\delta^{(1)}_{1}");
    expect(n.ascii("w_4_6")).toBe("W(2)22");
  });

  it("letters are overridable; Greek names become commands; bad letters are refused", () => {
    const n = makeNotation(net, "node", "gradient", { weight: "omega", activation: "y", target: "ob", loss: "L" });
    expect(n.tex("w_3_5")).toBe("\\omega_{35}");
    expect(n.tex("a_5")).toBe("y_{5}");
    expect(n.tex("t_5")).toBe("\\mathrm{ob}_{5}");
    expect(n.tex("dL_db_5")).toBe("\\frac{\\partial L}{\\partial b_{5}}");
    expect(letter("yhat").tex).toBe("\\hat{y}");
    expect(() => letter("W_1")).toThrow(LetterError);
    expect(() => letter("\\input")).toThrow(LetterError);
    expect(() => makeNotation(net, "node", "gradient", { colour: "c" })).toThrow(/letters.colour/);
  });

  it("refuses symbols the network lacks", () => {
    const n = makeNotation(net, "node", "error");
    expect(() => n.tex("w_3_8")).toThrow(/internal error/);
    expect(() => n.tex("dLda_8")).toThrow(/internal error/);
    expect(() => n.tex("x_3")).toThrow(/internal error/);
    expect(n.parts("w_1_2")).toBeUndefined();
  });

  it("gives mathjs' toTex a symbol handler", () => {
    const n = makeNotation(net, "node", "gradient");
    const tex = math.parse("w_3_5 * a_3 + b_5").toTex({ handler: texHandler(n) as never });
    expect(tex).toContain("W_{35}");
    expect(tex).toContain("Y_{3}");
    expect(tex).toContain("b_{5}");
  });
});
