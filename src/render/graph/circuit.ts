import { labelSize } from "../diagram.js";
import { layoutCircuit } from "./circuit-layout.js";
import type { Layout, Point, Rect, Segment } from "./circuit-layout.js";

/**
 * The circuit diagram as plain data, drawn by templates/markdown/circuit.svg.njk (pixels, y
 * down) and templates/latex/circuit.tex.njk (TikZ, centimetres, y up) from one layout
 * (circuit-layout.ts): inputs on the left, one box per node (its operation or expression, its
 * name under it), every wire labelled with the value it carries forward (above, upright) and the
 * gradient that flows back along it (below, italic and red: told apart in black and white too).
 */
export interface Text {
  text: string;
  tex: string;
}

export interface CircuitSource {
  leaves: { id: string; name: Text }[];
  nodes: { id: string; reads: readonly string[]; op: Text; name: Text }[];
  output: string;
  /** The value and gradient on the wire from `from` into `to` (undefined: the output's own wire); undefined when the graph has no numbers. */
  labels?: (from: string, to: string | undefined, port: number) => { value: Text; gradient: Text };
  /** The legend's words: what the value and the gradient are. */
  legend: { value: Text; gradient: Text };
}

export interface CircuitBox {
  id: string;
  op: Text;
  name: Text;
  /** TikZ: corners, centre and the baselines of the two lines (cm, y up). */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  cx: number;
  opY: number;
  nameY: number;
  /** SVG: top-left corner and size, centre, baselines (px). */
  px: number;
  py: number;
  pw: number;
  ph: number;
  pcx: number;
  opPy: number;
  namePy: number;
}

export interface CircuitLeaf {
  id: string;
  name: Text;
  /** TikZ: the point its name ends at (anchor east); SVG: the same, and the baseline. */
  x: number;
  y: number;
  px: number;
  py: number;
}

export interface CircuitWire {
  /** SVG path data and the TikZ path (without \draw and ;). */
  d: string;
  tikz: string;
}

export interface CircuitLabel {
  kind: "value" | "gradient";
  text: string;
  tex: string;
  /** Centre: TikZ (cm, y up) and SVG (px). */
  x: number;
  y: number;
  px: number;
  py: number;
  pw: number;
  ph: number;
}

export interface CircuitView {
  numbers: boolean;
  boxes: CircuitBox[];
  leaves: CircuitLeaf[];
  wires: CircuitWire[];
  labels: CircuitLabel[];
  /** The legend under the picture: a sample wire, its two labels and what they mean. */
  legend: { x1: number; x2: number; y: number; px1: number; px2: number; py: number; value: Text; gradient: Text } | undefined;
  width: number;
  height: number;
  /** Width over height of the TikZ picture (the slides scale it to fit). */
  aspect: number;
  /**
   * Centimetres per layout unit in TikZ, and the scale of its text: 1, except for a picture so
   * large (a graph of a few hundred nodes) that TeX could not hold its coordinates (TeX's
   * dimensions stop at 575 cm); such a picture is drawn smaller, as a whole, before the page
   * scales it to its width.
   */
  unit: number;
  /**
   * Whether TeX can draw the picture: a few hundred nodes whose inputs feed far to the right have
   * tens of thousands of wire pieces, beyond pdflatex's main memory (a 100-node chain fed by one
   * input, 15,000 pieces, compiles; 200 nodes, 60,000, does not). Otherwise the LaTeX says so.
   */
  tikz: boolean;
  /** The wire pieces the picture would draw (the LaTeX's sentence quotes it). */
  pieces: number;
  /** The layout itself, in centimetres with y down (the tests check that nothing overlaps). */
  layout: Layout;
}

const PX = 60;
/** The largest picture TikZ is asked to draw at full size, in centimetres (TeX's limit is about 575 cm). */
const TEX_LIMIT_CM = 400;
/** The most wire pieces a TikZ picture is given (see CircuitView.tikz). */
const TIKZ_PIECES = 20000;
/** Box text is set larger than the labels: the operation at 14px / \small, the name at 11px / \scriptsize. */
const OP_SCALE = 1.3;
const BOX_PAD = 0.4;
const MIN_BOX = { w: 1.2, h: 1.1 };
const LEGEND_H = 1.3;

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r1 = (x: number): number => Math.round(x * 10) / 10;

export function circuitView(src: CircuitSource): CircuitView {
  const layout = layoutCircuit({
    leaves: src.leaves.map((l) => {
      const s = labelSize(l.name.text, false);
      return { id: l.id, size: { w: s.w * OP_SCALE + 0.1, h: s.h * OP_SCALE } };
    }),
    nodes: src.nodes.map((n) => {
      const op = labelSize(n.op.text, false);
      const name = labelSize(n.name.text, false);
      return {
        id: n.id,
        reads: n.reads,
        size: {
          w: Math.max(MIN_BOX.w, op.w * OP_SCALE + BOX_PAD, name.w + BOX_PAD),
          h: Math.max(MIN_BOX.h, op.h * OP_SCALE + name.h + 0.3),
        },
      };
    }),
    output: src.output,
    labels: (from, to, port) => {
      if (!src.labels) return undefined;
      const l = src.labels(from, to, port);
      return { value: labelSize(l.value.text, false), gradient: labelSize(l.gradient.text, false) };
    },
  });
  const height = layout.height + (src.labels ? LEGEND_H : 0);
  // TikZ: y up, the picture's top at 0.
  const tx = (x: number): number => r3(x);
  const ty = (y: number): number => r3(-y);
  const px = (x: number): number => r1(x * PX);
  const boxes: CircuitBox[] = src.nodes.map((n) => {
    const r = layout.items.get(n.id)!;
    const cy = r.y + r.h / 2;
    return {
      id: n.id,
      op: n.op,
      name: n.name,
      x1: tx(r.x),
      y1: ty(r.y + r.h),
      x2: tx(r.x + r.w),
      y2: ty(r.y),
      cx: tx(r.x + r.w / 2),
      opY: ty(cy - 0.12),
      nameY: ty(cy + 0.3),
      px: px(r.x),
      py: px(r.y),
      pw: px(r.w),
      ph: px(r.h),
      pcx: px(r.x + r.w / 2),
      opPy: px(cy + 0.02),
      namePy: px(cy + 0.42),
    };
  });
  const leaves: CircuitLeaf[] = src.leaves.map((l) => {
    const r = layout.items.get(l.id)!;
    const cy = r.y + r.h / 2;
    return { id: l.id, name: l.name, x: tx(r.x + r.w), y: ty(cy), px: px(r.x + r.w - 0.05), py: px(cy + 0.12) };
  });
  const wires = layout.wires.map((w) => ({ d: svgPath(w.segments), tikz: tikzPath(w.segments) }));
  const labels: CircuitLabel[] = [];
  if (src.labels) {
    for (const w of layout.wires) {
      const l = src.labels(w.from, w.to, w.port);
      const put = (kind: "value" | "gradient", rect: Rect, t: Text): void => {
        const c = { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 };
        labels.push({ kind, text: t.text, tex: t.tex, x: tx(c.x), y: ty(c.y), px: px(c.x), py: px(c.y), pw: px(rect.w), ph: px(rect.h) });
      };
      put("value", w.value!, l.value);
      put("gradient", w.gradient!, l.gradient);
    }
  }
  const legendY = layout.height + 0.55;
  // the sample wire as long as the wider of its two labels
  const legendX2 = 0.4 + Math.max(labelSize(src.legend.value.text, false).w, labelSize(src.legend.gradient.text, false).w) + 0.3;
  const legend = src.labels
    ? {
        x1: 0.4,
        x2: r3(legendX2),
        y: ty(legendY),
        px1: px(0.4),
        px2: px(legendX2),
        py: px(legendY),
        value: src.legend.value,
        gradient: src.legend.gradient,
      }
    : undefined;
  const pieces = layout.wires.reduce((n, w) => n + w.segments.length, 0);
  return {
    numbers: src.labels !== undefined,
    boxes,
    leaves,
    wires,
    labels,
    legend,
    width: Math.ceil(Math.max(layout.width, src.labels ? legendX2 + 0.3 : 0) * PX),
    height: Math.ceil(height * PX),
    aspect: r3(Math.max(layout.width, src.labels ? legendX2 + 0.3 : 0) / height),
    tikz: pieces <= TIKZ_PIECES,
    pieces,
    unit: Math.min(1, Math.floor((TEX_LIMIT_CM / Math.max(layout.width, height, legendX2)) * 1000) / 1000),
    layout,
  };
}

const pt = (p: Point, f: (x: number) => number, g: (y: number) => number): string => `${f(p.x)} ${g(p.y)}`;

function svgPath(segments: readonly Segment[]): string {
  const f = (x: number): number => r1(x * PX);
  const parts: string[] = [`M ${pt(segments[0]!.from, f, f)}`];
  for (const s of segments) {
    if (s.kind === "line") parts.push(`L ${pt(s.to, f, f)}`);
    else {
      const mx = (s.from.x + s.to.x) / 2;
      parts.push(`C ${pt({ x: mx, y: s.from.y }, f, f)} ${pt({ x: mx, y: s.to.y }, f, f)} ${pt(s.to, f, f)}`);
    }
  }
  return parts.join(" ");
}

function tikzPath(segments: readonly Segment[]): string {
  const c = (p: Point): string => `(${r3(p.x)}, ${r3(-p.y)})`;
  const parts: string[] = [c(segments[0]!.from)];
  for (const s of segments) {
    if (s.kind === "line") parts.push(`-- ${c(s.to)}`);
    else {
      const mx = (s.from.x + s.to.x) / 2;
      parts.push(`.. controls ${c({ x: mx, y: s.from.y })} and ${c({ x: mx, y: s.to.y })} .. ${c(s.to)}`);
    }
  }
  return parts.join(" ");
}
