import type { Network, Parameter } from "../network/index.js";
import { sym } from "../network/index.js";
import type { Notation } from "../notation/index.js";
import { labelLayout, RADIUS } from "./diagram-layout.js";
import type { Box, Size } from "./diagram-layout.js";
import { texNumber, textNumber } from "./numbers.js";

type Weight = Extract<Parameter, { kind: "weight" }>;

/**
 * The network diagram as plain data: TikZ (centimetres, y up) and SVG (pixels, y down) are
 * drawn from the same coordinates by the templates. Every edge carries its weight's symbol
 * and, with numbers, its value. Past MAX_EDGES edges the labels could not be read any more:
 * the diagram then shows each layer as one box (the weights are all in the tables).
 *
 * Legibility: the labels between two layers are laid out so that no two of them overlap and
 * none covers a neuron (the boxes are estimated from the text, see `labelSize`). A sparse
 * layer pair (at most DENSE_EDGES edges) gets `symbol = value` written along each edge; a
 * dense pair gets the symbol only, written level, and its values in a weight table (rows:
 * receiving neuron, columns: sending neuron) under the diagram. Each label sits at a fraction
 * of its edge that depends on the sending neuron (labels out of one neuron share a column,
 * labels into one neuron are in different columns); if the labels still collide, the layers
 * are moved apart until they do not.
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
  /** TeX label, e.g. `W_{13} = 0.5` (the symbol only when `dense`). */
  tex: string;
  text: string;
  /** Where along the edge, centre to centre, the label sits (0 = start). */
  pos: number;
  /** Many edges between the two layers: symbol only, written level, smaller font; the value is in a weight table. */
  dense: boolean;
  /** The label is written along the edge (else level). */
  sloped: boolean;
  /** SVG label centre. */
  px: number;
  py: number;
  /** SVG rotation of the label, degrees (0 when level). */
  angle: number;
  /** SVG size of the label's white background. */
  pw: number;
  ph: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface DiagramBox {
  layer: number;
  x: number;
  px: number;
  tex: string;
  text: string;
}

/** The values of a dense layer pair's weights, as a matrix under the diagram. */
export interface DiagramTable {
  /** The receiving layer. */
  layer: number;
  caption: string;
  /** TikZ: the caption's centre and the table's top centre (cm). */
  x: number;
  y: number;
  tableY: number;
  /** Column heads: the sending neurons. */
  head: { tex: string; text: string; px: number }[];
  /** One row per receiving neuron. */
  rows: { tex: string; text: string; py: number; cells: { tex: string; text: string; px: number }[] }[];
  /** SVG: the caption's centre, the head row's baseline, the table's frame. */
  px: number;
  py: number;
  headPy: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** SVG x of the rule between the row heads and the values. */
  rulePx: number;
}

export interface DiagramView {
  compact: boolean;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  boxes: DiagramBox[];
  /** Weight tables of the dense layer pairs (with numbers only). */
  tables: DiagramTable[];
  /** Layer captions (activation) under each column. */
  captions: { x: number; y: number; px: number; py: number; text: string; tex: string }[];
  width: number;
  height: number;
  /** Width over height of the TikZ picture (the slides scale it to fit). */
  aspect: number;
  /** The TikZ picture would be taller than TALL_CM: the template scales it to 0.85\\textheight. */
  tall: boolean;
  /** The picture in words (the SVG's <desc>, for screen readers). */
  description: string;
}

export const MAX_EDGES = 120;
/** Above this many edges between two layers, the edges carry their symbols only and the values go into a table. */
export const DENSE_EDGES = 9;
const MAX_WIDTH = 14;
const TALL_CM = 18;
const DY_SMALL = 1.7;
const DY_LARGE = 2.3;
const PX = 60;
/** Label fonts: TeX \scriptsize / \tiny in points, SVG pixels. */
const TEX_PT = { sparse: 7, dense: 7 };
const SVG_PX = { sparse: 11, dense: 10 };

/**
 * `room`: numbers at least as wide as any weight this diagram will show (a problem set passes the
 * widest its ranges can draw). The labels are laid out for the wider of the two, so every
 * variant of a set gets the same layout and the search runs once per set.
 */
export function diagramView(
  net: Network,
  n: Notation,
  weights: number[][][] | undefined,
  precision: number,
  room?: number[][][],
): DiagramView {
  const edgesCount = net.parameters.filter((p) => p.kind === "weight").length;
  const maxSize = Math.max(...net.layers.map((l) => l.neurons.length));
  const compact = edgesCount > MAX_EDGES || maxSize > 12;
  const DX = Math.min(6.5, MAX_WIDTH / Math.max(net.layers.length - 1, 1));
  // many neurons in a layer: a little closer, so that the picture stays within a page
  const DY = maxSize >= 4 ? Math.min(DY_LARGE, Math.round((18 / (maxSize - 1)) * 100) / 100) : DY_SMALL;
  const top = ((maxSize - 1) / 2) * DY;
  const toPx = (x: number, y: number) => ({ px: Math.round(40 + x * PX), py: Math.round(50 + (top - y) * PX) });
  const captionY = compact ? -1.2 : -top - 1;
  const caption = (x: number, l: Network["layers"][number]) => {
    const label = l.index === 0 ? "input" : `${l.activation!.label}`;
    const size = `${l.neurons.length} ${l.neurons.length === 1 ? "neuron" : "neurons"}`;
    return {
      x,
      y: captionY,
      ...toPx(x, captionY),
      text: compact ? `${label}, ${size}` : label,
      tex: compact ? `${label}, ${size}` : label,
    };
  };
  if (compact) {
    const width = Math.round(80 + (net.layers.length - 1) * DX * PX);
    const height = 200;
    const captions = net.layers.map((l) => caption(l.index * DX, l));
    const boxes = net.layers.map((l) => {
      const x = l.index * DX;
      const first = l.neurons[0]!;
      const last = l.neurons[l.neurons.length - 1]!;
      const id = (nr: typeof first) => (nr.layer === 0 ? sym.x(nr.node) : sym.a(nr.node));
      const one = l.neurons.length === 1;
      return {
        layer: l.index,
        x,
        px: toPx(x, 0).px,
        tex: one ? n.tex(id(first)) : `${n.tex(id(first))} \\dots ${n.tex(id(last))}`,
        text: one ? n.text(id(first)) : `${n.text(id(first))} … ${n.text(id(last))}`,
      };
    });
    const description = describeDiagram(net, "Each box stands for a whole layer, from its first neuron to its last.");
    return { compact, nodes: [], edges: [], boxes, tables: [], captions, width, height, aspect: width / height, tall: false, description };
  }

  const ys = (l: number) => net.layers[l]!.neurons.map((_, i) => ((net.layers[l]!.neurons.length - 1) / 2 - i) * DY);
  const weightsOf = (l: number) => net.parameters.filter((p): p is Weight => p.kind === "weight" && p.layer === l);
  const value = (p: Weight) => (weights ? weights[p.layer - 1]![p.row]![p.col]! : undefined);

  // Lay out the layer pairs (searched once per shape and label sizes, see `labelLayout`).
  const pairs = net.layers.slice(1).map((layer) => {
    const ws = weightsOf(layer.index);
    const dense = ws.length > DENSE_EDGES;
    const labelText = (p: Weight, v: number | undefined) =>
      v === undefined ? n.text(p.id) : `${n.text(p.id)} = ${textNumber(v, precision)}`;
    const labels = ws.map((p) => {
      const text = labelText(p, dense ? undefined : value(p));
      const size = labelSize(text, dense);
      const roomy = dense || !room ? size : labelSize(labelText(p, room[p.layer - 1]![p.row]![p.col]!), dense);
      return { p, text, size, room: { w: Math.max(size.w, roomy.w), h: Math.max(size.h, roomy.h) } };
    });
    return { dense, labels };
  });
  const layout = labelLayout(
    DX,
    ys,
    pairs.map(({ dense, labels }) => ({ dense, labels: labels.map((l) => ({ col: l.p.col, row: l.p.row, size: l.room })) })),
  );
  const xs = layout.xs;
  const labels = new Map<string, { text: string; size: Size; box: Box }>();
  pairs.forEach(({ labels: ls }, k) => ls.forEach((l, i) => labels.set(l.p.id, { text: l.text, size: l.size, box: layout.boxes[k]![i]! })));

  const nodes: DiagramNode[] = [];
  const pos = new Map<number, { x: number; y: number; px: number; py: number }>();
  for (const l of net.layers) {
    const y = ys(l.index);
    l.neurons.forEach((nr, i) => {
      const p = { x: xs[l.index]!, y: y[i]!, ...toPx(xs[l.index]!, y[i]!) };
      pos.set(nr.node, p);
      const id = l.index === 0 ? sym.x(nr.node) : sym.a(nr.node);
      nodes.push({ id: `n${nr.node}`, layer: l.index, ...p, tex: n.tex(id), text: n.text(id) });
    });
  }
  const edges: DiagramEdge[] = [];
  for (const p of net.parameters) {
    if (p.kind !== "weight") continue;
    const a = pos.get(p.from.node)!;
    const b = pos.get(p.to.node)!;
    const { text, size, box } = labels.get(p.id)!;
    const v = box.dense ? undefined : value(p);
    const c = toPx(box.cx, box.cy);
    edges.push({
      from: `n${p.from.node}`,
      to: `n${p.to.node}`,
      tex: v === undefined ? n.tex(p.id) : `${n.tex(p.id)} = ${texNumber(v, precision)}`,
      text,
      pos: box.t,
      dense: box.dense,
      sloped: box.sloped,
      px: c.px,
      py: c.py,
      angle: box.sloped ? Math.round(((-box.angle * 180) / Math.PI) * 10) / 10 : 0,
      pw: Math.round(size.w * PX),
      ph: Math.round(size.h * PX),
      x1: a.px,
      y1: a.py,
      x2: b.px,
      y2: b.py,
    });
  }

  const right = xs[xs.length - 1]!;
  const captions = net.layers.map((l) => caption(xs[l.index]!, l));
  const tables = weights ? weightTables(net, n, weights, precision, xs, captionY, toPx) : [];
  const tablesRight = Math.max(0, ...tables.map((t) => t.right));
  const tablesBottom = Math.max(0, ...tables.map((t) => t.bottom));
  const width = Math.max(Math.round(80 + right * PX), tablesRight + 20);
  const height = Math.max(Math.round(120 + top * 2 * PX), tablesBottom + 20);
  // the TikZ picture: neurons ± radius, captions, tables (their height in cm from the SVG's)
  const texWidth = Math.max(right + 2 * RADIUS, ...tables.map((t) => (t.right - 40) / PX + 0.2));
  const lowest = Math.min(-top - RADIUS, captionY - 0.3, ...tables.map((t) => t.y - (t.bottom - t.py) / PX));
  const texHeight = top + RADIUS + 0.1 - lowest;
  return {
    compact,
    nodes,
    edges,
    boxes: [],
    tables,
    captions,
    width,
    height,
    aspect: Math.round((texWidth / texHeight) * 1000) / 1000,
    tall: texHeight > TALL_CM,
    description: describeDiagram(
      net,
      tables.length > 0
        ? "Each edge is labelled with its weight; where two layers have many edges, the edges carry the weights' names and a table under the picture their values."
        : weights
          ? "Each edge is labelled with its weight and the weight's value."
          : "Each edge is labelled with its weight.",
    ),
  };
}

/** The layers in words, left to right, and how the edges are labelled. */
function describeDiagram(net: Network, edges: string): string {
  const L = net.layers.length - 1;
  const layers = net.layers.map((l) => {
    const count = l.neurons.length;
    const plural = count === 1 ? "" : "s";
    if (l.index === 0) return `${count} input${plural}`;
    return `${count} ${l.index === L ? "output" : "hidden"} neuron${plural} (${l.activation!.label})`;
  });
  return `A network drawn left to right: ${layers.join(", then ")}. ${edges}`;
}

const SMALL = /[\u2080-\u209c\u2070-\u207f\u1d62-\u1d6a,]/u;
/** Width of a character in em: sub- and superscripts, digits, operators, letters. */
function charEm(ch: string, svg: boolean): number {
  if (SMALL.test(ch)) return svg ? 0.45 : 0.38;
  if (ch === " ") return svg ? 0.32 : 0.28;
  if (ch === "=" || ch === "−" || ch === "-" || ch === "+") return svg ? 0.84 : 0.78;
  if (ch === ".") return 0.32;
  if (/[0-9]/.test(ch)) return svg ? 0.64 : 0.5;
  if (/[A-Z]/.test(ch)) return svg ? 0.72 : 0.75;
  return svg ? 0.62 : 0.55;
}

// The same labels come back in every variant of a problem set: their sizes are remembered.
const sizes = new Map<string, Size>();
const SIZES_LIMIT = 1 << 14;

/** A label's box (cm): the wider of the TeX and SVG estimates, 1pt padding each side as in TikZ. */
export function labelSize(text: string, dense: boolean): Size {
  const key = dense ? `d${text}` : `s${text}`;
  let size = sizes.get(key);
  if (!size) {
    if (sizes.size >= SIZES_LIMIT) sizes.clear();
    size = measureLabel(text, dense);
    sizes.set(key, size);
  }
  return size;
}

function measureLabel(text: string, dense: boolean): Size {
  const chars = [...text.normalize("NFC")].filter((c) => !/\p{M}/u.test(c));
  const pt = 0.03515;
  // TeX math sets wider than these widths suggest (measured: about 15 %)
  const tex = (chars.reduce((s, c) => s + charEm(c, false), 0) * (dense ? TEX_PT.dense : TEX_PT.sparse) * 1.15 + 2) * pt;
  const svg = (chars.reduce((s, c) => s + charEm(c, true), 0) * (dense ? SVG_PX.dense : SVG_PX.sparse) + 4) / PX;
  const h = Math.max(((dense ? TEX_PT.dense : TEX_PT.sparse) * 1.45 + 2) * pt, ((dense ? SVG_PX.dense : SVG_PX.sparse) * 1.3 + 2) / PX);
  return { w: Math.round(Math.max(tex, svg) * 1000) / 1000, h: Math.round(h * 1000) / 1000 };
}

/** The values of every dense layer pair, one matrix each, under the diagram. */
function weightTables(
  net: Network,
  n: Notation,
  weights: number[][][],
  precision: number,
  xs: number[],
  captionY: number,
  toPx: (x: number, y: number) => { px: number; py: number },
): DiagramTable[] {
  const tables: DiagramTable[] = [];
  const node = (l: number, i: number) => {
    const nr = net.layers[l]!.neurons[i]!;
    return l === 0 ? sym.x(nr.node) : sym.a(nr.node);
  };
  // widths in pixels, the wider of SVG (11px) and TeX (\scriptsize, 7pt, \arraycolsep 5pt each side)
  const pt = 0.03515 * PX;
  const em = (s: string) =>
    Math.max([...s].reduce((w, c) => w + charEm(c, true), 0) * 11 + 14, ([...s].reduce((w, c) => w + charEm(c, false), 0) * 7 + 10) * pt);
  const rowH = 18;
  // tables side by side under the diagram; one that would reach past the diagram's right edge starts a new row
  const rightEdge = xs[xs.length - 1]! + RADIUS;
  let nextLeft = -Infinity;
  let rowTop = captionY - 0.7;
  let rowBottom = rowTop;
  for (let l = 1; l < net.layers.length; l++) {
    const cols = net.layers[l - 1]!.neurons.length;
    const rows = net.layers[l]!.neurons.length;
    if (cols * rows <= DENSE_EDGES) continue;
    const W = weights[l - 1]!;
    const cells = W.map((r) => r.map((v) => ({ tex: texNumber(v, precision), text: textNumber(v, precision) })));
    const headW = Math.max(...net.layers[l]!.neurons.map((_, j) => em(n.text(node(l, j)))));
    const colW = [...Array(cols).keys()].map((i) => Math.max(em(n.text(node(l - 1, i))), ...cells.map((r) => em(r[i]!.text))));
    const tableW = headW + colW.reduce((a, b) => a + b, 0);
    const captionText = `Weights, layer ${l - 1} → ${l} (row: to, column: from)`;
    const widthCm = Math.max(tableW, em(captionText)) / PX;
    const mid = (xs[l - 1]! + xs[l]!) / 2;
    const at = (left: number) => Math.max(mid, left + widthCm / 2, widthCm / 2 - RADIUS);
    if (nextLeft > -Infinity && at(nextLeft) + widthCm / 2 > rightEdge) {
      nextLeft = -Infinity;
      rowTop = rowBottom - 0.4;
    }
    const x = Math.round(at(nextLeft) * 100) / 100;
    nextLeft = x + widthCm / 2 + 0.5;
    const y = Math.round(rowTop * 100) / 100;
    const c = toPx(x, y);
    const left = Math.round(c.px - tableW / 2);
    let cursor = left + headW;
    const colPx = colW.map((w) => {
      const p = Math.round(cursor + w / 2);
      cursor += w;
      return p;
    });
    const headPy = c.py + 22;
    const bottom = headPy + rows * rowH + 6;
    rowBottom = Math.min(rowBottom, y - (bottom - c.py) / PX);
    tables.push({
      layer: l,
      caption: captionText,
      x,
      y,
      tableY: Math.round((y - 0.3) * 100) / 100,
      head: colPx.map((px, i) => ({ tex: n.tex(node(l - 1, i)), text: n.text(node(l - 1, i)), px })),
      rows: cells.map((r, j) => ({
        tex: n.tex(node(l, j)),
        text: n.text(node(l, j)),
        py: headPy + (j + 1) * rowH,
        cells: r.map((cell, i) => ({ ...cell, px: colPx[i]! })),
      })),
      px: c.px,
      py: c.py,
      headPy,
      left,
      right: Math.round(left + tableW),
      top: headPy - 13,
      bottom,
      rulePx: Math.round(left + headW),
    });
  }
  return tables;
}
