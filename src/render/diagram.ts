import type { Network } from "../network/index.js";
import { sym } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { texNumber, textNumber } from "./numbers.js";

/**
 * The network diagram as plain data: TikZ (centimetres, y up) and SVG (pixels, y down) are
 * drawn from the same coordinates by the templates. Every edge carries its weight's symbol
 * and, with numbers, its value. Past MAX_EDGES edges the labels could not be read any more:
 * the diagram then shows each layer as one box (the weights are all in the tables).
 */
export interface DiagramNode {
  id: string;
  layer: number;
  x: number;
  y: number;
  px: number;
  py: number;
  tex: string;
  text: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** TeX label, e.g. `W_{13} = 0.5`. */
  tex: string;
  text: string;
  /** Where along the edge the label sits (0 = start), staggered so labels do not overlap. */
  pos: number;
  /** Many edges between two layers: a smaller label font. */
  dense: boolean;
  /** SVG label position. */
  px: number;
  py: number;
  /** SVG angle of the edge, degrees. */
  angle: number;
  x1: number; y1: number; x2: number; y2: number;
}

export interface DiagramBox {
  layer: number;
  x: number;
  px: number;
  tex: string;
  text: string;
}

export interface DiagramView {
  compact: boolean;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  boxes: DiagramBox[];
  /** Layer captions (activation) under each column. */
  captions: { x: number; y: number; px: number; py: number; text: string; tex: string }[];
  width: number;
  height: number;
  /** Width over height of the TikZ picture (the slides scale it to fit). */
  aspect: number;
}

export const MAX_EDGES = 120;
const MAX_WIDTH = 14;
const DY_SMALL = 1.7;
const DY_LARGE = 2.3;
const PX = 60;

export function diagramView(net: Network, n: Notation, weights: number[][][] | undefined, precision: number): DiagramView {
  const edgesCount = net.parameters.filter((p) => p.kind === "weight").length;
  const maxSize = Math.max(...net.layers.map((l) => l.neurons.length));
  const compact = edgesCount > MAX_EDGES || maxSize > 12;
  const DX = Math.min(6.5, MAX_WIDTH / Math.max(net.layers.length - 1, 1));
  const DY = maxSize >= 4 ? DY_LARGE : DY_SMALL;
  const top = ((maxSize - 1) / 2) * DY;
  const toPx = (x: number, y: number) => ({ px: Math.round(40 + x * PX), py: Math.round(50 + (top - y) * PX) });
  const width = Math.round(80 + (net.layers.length - 1) * DX * PX);
  const height = compact ? 200 : Math.round(120 + top * 2 * PX);
  const captions = net.layers.map((l) => {
    const x = l.index * DX;
    const y = compact ? -1.2 : -top - 1;
    const label = l.index === 0 ? "input" : `${l.activation!.label}`;
    const size = `${l.neurons.length} ${l.neurons.length === 1 ? "neuron" : "neurons"}`;
    return { x, y, ...toPx(x, y), text: compact ? `${label}, ${size}` : label, tex: compact ? `${label}, ${size}` : label };
  });
  if (compact) {
    const boxes = net.layers.map((l) => {
      const x = l.index * DX;
      const first = l.neurons[0]!;
      const last = l.neurons[l.neurons.length - 1]!;
      const id = (nr: typeof first) => (nr.layer === 0 ? sym.x(nr.node) : sym.a(nr.node));
      const one = l.neurons.length === 1;
      return {
        layer: l.index, x, px: toPx(x, 0).px,
        tex: one ? n.tex(id(first)) : `${n.tex(id(first))} \\dots ${n.tex(id(last))}`,
        text: one ? n.text(id(first)) : `${n.text(id(first))} … ${n.text(id(last))}`,
      };
    });
    return { compact, nodes: [], edges: [], boxes, captions, width, height, aspect: width / height };
  }
  const nodes: DiagramNode[] = [];
  const pos = new Map<number, { x: number; y: number; px: number; py: number }>();
  for (const l of net.layers) {
    l.neurons.forEach((nr, i) => {
      const x = l.index * DX;
      const y = ((l.neurons.length - 1) / 2 - i) * DY;
      const p = { x, y, ...toPx(x, y) };
      pos.set(nr.node, p);
      const id = l.index === 0 ? sym.x(nr.node) : sym.a(nr.node);
      nodes.push({ id: `n${nr.node}`, layer: l.index, ...p, tex: n.tex(id), text: n.text(id) });
    });
  }
  const edges: DiagramEdge[] = [];
  const labelPos = new Map<number, number>();
  for (const p of net.parameters) {
    if (p.kind !== "weight") continue;
    const a = pos.get(p.from.node)!;
    const b = pos.get(p.to.node)!;
    const cols = net.layers[p.layer - 1]!.neurons.length;
    const rows = net.layers[p.layer]!.neurons.length;
    const t = labelPos.get(p.layer) ?? bestLabelPos(net.layers[p.layer - 1]!.neurons.map((m) => pos.get(m.node)!.y), net.layers[p.layer]!.neurons.map((m) => pos.get(m.node)!.y));
    labelPos.set(p.layer, t);
    const value = weights ? weights[p.layer - 1]![p.row]![p.col]! : undefined;
    const angle = (Math.atan2(b.py - a.py, b.px - a.px) * 180) / Math.PI;
    edges.push({
      from: `n${p.from.node}`, to: `n${p.to.node}`,
      tex: value === undefined ? n.tex(p.id) : `${n.tex(p.id)} = ${texNumber(value, precision)}`,
      text: value === undefined ? n.text(p.id) : `${n.text(p.id)} = ${textNumber(value, precision)}`,
      pos: Math.round(t * 100) / 100,
      dense: cols * rows > 8,
      px: Math.round(a.px + (b.px - a.px) * t), py: Math.round(a.py + (b.py - a.py) * t),
      angle: Math.round(angle * 10) / 10,
      x1: a.px, y1: a.py, x2: b.px, y2: b.py,
    });
  }
  return { compact, nodes, edges, boxes: [], captions, width, height, aspect: width / height };
}

/**
 * All labels between two layers sit at the same fraction t along their edges, so they share
 * one column; t is chosen so that their heights there, (1 − t)·y_from + t·y_to, are as far
 * apart as possible (and labels stay clear of the circles).
 */
function bestLabelPos(from: number[], to: number[]): number {
  let best = 0.7;
  let bestGap = -Infinity;
  for (let t = 0.55; t <= 0.8001; t += 0.025) {
    const ys = from.flatMap((a) => to.map((b) => (1 - t) * a + t * b)).sort((x, y) => x - y);
    let gap = Infinity;
    for (let i = 1; i < ys.length; i++) gap = Math.min(gap, ys[i]! - ys[i - 1]!);
    if (gap > bestGap + 1e-9) {
      bestGap = gap;
      best = Math.round(t * 1000) / 1000;
    }
  }
  return best;
}
