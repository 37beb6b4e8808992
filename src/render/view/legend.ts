import { sym } from "../../network/index.js";
import type { ViewContext } from "./context.js";
import { trainingLegend } from "./training-legend.js";

/** The symbols table: one example of each kind of symbol, in the notation chosen. */
export function legend(ctx: ViewContext): { symbol: string; meaning: string }[] {
  const n = ctx.n;
  const net = ctx.net;
  const first = net.layers[1]!.neurons[0]!;
  const inp = net.layers[0]!.neurons[0]!;
  const outN = net.layers[ctx.L]!.neurons[0]!;
  const w = net.parameters.find((p) => p.kind === "weight")!;
  const b = net.parameters.find((p) => p.kind === "bias")!;
  const rows = [
    { symbol: n.tex(sym.x(inp.node)), meaning: "an input" },
    { symbol: n.tex(sym.z(first.node)), meaning: "the net input of a neuron: its weighted inputs plus its bias" },
    {
      symbol: n.tex(sym.a(first.node)),
      meaning: first.layer === ctx.L ? "the output of a neuron" : "the activation of a neuron, $f$ of its net input",
    },
    ...(first.layer !== ctx.L ? [{ symbol: n.tex(sym.a(outN.node)), meaning: "the output of an output neuron" }] : []),
    { symbol: n.tex(sym.t(outN.node)), meaning: "the target of an output neuron" },
    { symbol: n.tex(w.id), meaning: "a weight (see the diagram for which edge it labels)" },
    { symbol: n.tex(b.id), meaning: b.kind === "bias" && b.shared ? "the bias shared by a layer's neurons" : "a bias" },
  ];
  if (ctx.err) {
    rows.push({
      symbol: n.tex(sym.dLda(outN.node)),
      meaning: `the error of a neuron, $-\\partial ${n.tex("L")}/\\partial ${n.tex(sym.a(outN.node))}$`,
    });
    rows.push({
      symbol: n.tex(sym.delta(outN.node)),
      meaning: `its delta, $-\\partial ${n.tex("L")}/\\partial ${n.tex(sym.z(outN.node))}$`,
    });
  } else {
    rows.push({
      symbol: n.tex(sym.delta(outN.node)),
      meaning: `the delta of a neuron, $\\partial ${n.tex("L")}/\\partial ${n.tex(sym.z(outN.node))}$`,
    });
  }
  rows.push({ symbol: n.tex("L"), meaning: "the loss" }, { symbol: "\\eta", meaning: "the learning rate" });
  rows.push(...trainingLegend(ctx, w.id));
  return rows;
}
