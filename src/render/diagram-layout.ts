/**
 * Where the weight labels of the network diagram go (see diagram.ts): the search for a layout in
 * which no two labels overlap and none covers a neuron. It depends only on the network's shape
 * and the labels' sizes, so a layout is remembered by those: the variants of a problem set, laid
 * out for the same room, share one search.
 */

/** Neuron radius (cm; TikZ minimum size 9mm, SVG r = 22px) plus a margin. */
export const RADIUS = 0.45;
const MARGIN = 0.1;
/** Labels keep clear of the neurons and of the arrowheads (cm beyond the circle). */
const ARROW = 0.35;

export interface Size {
  w: number;
  h: number;
}

/** A label's place: centre (cm, y up), size, angle (radians, counter-clockwise). */
export interface Box {
  dense: boolean;
  /** Written along the edge (else level). */
  sloped: boolean;
  /** Where along the edge, centre to centre (0 = start). */
  t: number;
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

/** The labels between layers l − 1 and l: each weight's sending column and receiving row, and its label's size. */
export interface PairLabels {
  dense: boolean;
  labels: { col: number; row: number; size: Size }[];
}

export interface LabelLayout {
  /** Column x of each layer (cm). */
  xs: number[];
  /** The label boxes of each layer pair, in the order given. */
  boxes: Box[][];
}

const cache = new Map<string, LabelLayout>();
const CACHE_LIMIT = 256;

/**
 * Lays out the layer pairs from left to right: for each, the first distance between the layers
 * (from `dx` up, in steps of 0.25 cm) at which some candidate placement is free, or up to
 * 0.5 cm more if that gives labels that fewer other edges run through. `ys(l)` are the neuron
 * heights of layer l.
 */
export function labelLayout(dx: number, ys: (l: number) => number[], pairs: PairLabels[]): LabelLayout {
  const key = JSON.stringify([dx, pairs.map((_, l) => ys(l)), ys(pairs.length), pairs]);
  const known = cache.get(key);
  if (known) return known;
  const xs = [0];
  const placed: Box[] = [];
  const boxes = pairs.map((pair, k) => {
    const l = k + 1;
    const chosen = pairLayout(pair, ys(l - 1), ys(l), xs[l - 1]!, dx, placed);
    if (!chosen) throw new Error(`internal: no legible layout for the labels of layer ${l}`);
    xs.push(Math.round((xs[l - 1]! + chosen.d) * 100) / 100);
    placed.push(...chosen.boxes);
    return chosen.boxes;
  });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const layout = { xs, boxes };
  cache.set(key, layout);
  return layout;
}

function pairLayout({ dense, labels }: PairLabels, from: number[], to: number[], x0: number, dx: number, placed: Box[]) {
  const circles = (d: number) => [
    ...from.map((y) => ({ x: x0, y, r: RADIUS + ARROW })),
    ...to.map((y) => ({ x: x0 + d, y, r: RADIUS + ARROW })),
  ];
  const cols = from.length;
  const rows = to.length;
  const candidates: ((i: number, j: number) => number)[] = [];
  if (!dense) {
    const t = bestLabelPos(from, to);
    candidates.push(() => t);
  }
  for (const [lo, hi] of [
    [0.55, 0.85],
    [0.5, 0.8],
    [0.4, 0.85],
    [0.3, 0.85],
    [0.2, 0.85],
    [0.15, 0.75],
    [0.3, 0.7],
    [0.15, 0.6],
  ] as const) {
    const f = (k: number, m: number) => (m === 1 ? (lo + hi) / 2 : hi - (k * (hi - lo)) / (m - 1));
    candidates.push(
      (i) => f(i, cols),
      (i) => f(cols - 1 - i, cols),
      (_i, j) => f(j, rows),
      (_i, j) => f(rows - 1 - j, rows),
    );
  }
  const seen = new Set<string>();
  const unique = candidates
    .map((c) => labels.map(({ col, row }) => round2(c(col, row))))
    .filter((ts) => !seen.has(ts.join()) && !!seen.add(ts.join()));
  let chosen: { boxes: Box[]; d: number; crossings: number } | undefined;
  for (let d = dx; d <= dx + 60 && !(chosen && (chosen.crossings === 0 || d > chosen.d + 0.5001)); d += 0.25) {
    for (const ts of unique) {
      const boxes = labels.map(({ col, row, size }, k) =>
        place(size, { x: x0, y: from[col]! }, { x: x0 + d, y: to[row]! }, ts[k]!, !dense),
      );
      if (!free(boxes, circles(d), placed)) continue;
      const crossings = boxes.reduce(
        (sum, b, i) =>
          sum + labels.filter(({ col, row }, k) => k !== i && crosses(b, { x: x0, y: from[col]! }, { x: x0 + d, y: to[row]! })).length,
        0,
      );
      if (!chosen || crossings < chosen.crossings) chosen = { boxes, d, crossings };
    }
  }
  return chosen;
}

function place(size: Size, a: { x: number; y: number }, b: { x: number; y: number }, t: number, sloped: boolean): Box {
  const angle = sloped ? Math.atan2(b.y - a.y, b.x - a.x) : 0;
  return { dense: !sloped, sloped, t, cx: a.x + (b.x - a.x) * t, cy: a.y + (b.y - a.y) * t, w: size.w, h: size.h, angle };
}

/** No two labels overlap, none covers a neuron, none overlaps a label already placed. */
function free(boxes: Box[], circles: { x: number; y: number; r: number }[], placed: Box[]): boolean {
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i]!;
    for (const c of circles) if (hitsCircle(b, c, c.r)) return false;
    for (let k = 0; k < i; k++) if (overlap(b, boxes[k]!)) return false;
    for (const q of placed) if (overlap(b, q)) return false;
  }
  return true;
}

/** Separating axes: do two rotated rectangles (grown by MARGIN / 2 each) overlap? */
export function overlap(
  a: { cx: number; cy: number; w: number; h: number; angle: number },
  b: { cx: number; cy: number; w: number; h: number; angle: number },
): boolean {
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  if (Math.hypot(dx, dy) > (Math.hypot(a.w, a.h) + Math.hypot(b.w, b.h)) / 2 + MARGIN) return false;
  const axes = [a.angle, a.angle + Math.PI / 2, b.angle, b.angle + Math.PI / 2];
  for (const th of axes) {
    const ux = Math.cos(th);
    const uy = Math.sin(th);
    const r = (o: typeof a) => Math.abs((o.w / 2) * Math.cos(o.angle - th)) + Math.abs((o.h / 2) * Math.sin(o.angle - th));
    if (Math.abs(dx * ux + dy * uy) >= r(a) + r(b) + MARGIN) return false;
  }
  return true;
}

/** Does the segment a–b run through the label's box (Liang–Barsky in the box's frame)? */
function crosses(
  b: { cx: number; cy: number; w: number; h: number; angle: number },
  a: { x: number; y: number },
  e: { x: number; y: number },
): boolean {
  const cos = Math.cos(b.angle);
  const sin = Math.sin(b.angle);
  const frame = (q: { x: number; y: number }) => ({
    u: (q.x - b.cx) * cos + (q.y - b.cy) * sin,
    v: -(q.x - b.cx) * sin + (q.y - b.cy) * cos,
  });
  const p = frame(a);
  const q = frame(e);
  const du = q.u - p.u;
  const dv = q.v - p.v;
  const ps = [-du, du, -dv, dv];
  const qs = [p.u + b.w / 2, b.w / 2 - p.u, p.v + b.h / 2, b.h / 2 - p.v];
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 4; k++) {
    const pk = ps[k]!;
    const qk = qs[k]!;
    if (Math.abs(pk) < 1e-12) {
      if (qk < 0) return false;
    } else if (pk < 0) lo = Math.max(lo, qk / pk);
    else hi = Math.min(hi, qk / pk);
  }
  return lo < hi;
}

function hitsCircle(b: { cx: number; cy: number; w: number; h: number; angle: number }, c: { x: number; y: number }, r: number): boolean {
  const dx = c.x - b.cx;
  const dy = c.y - b.cy;
  const u = dx * Math.cos(b.angle) + dy * Math.sin(b.angle);
  const v = -dx * Math.sin(b.angle) + dy * Math.cos(b.angle);
  const cu = Math.max(-b.w / 2, Math.min(b.w / 2, u));
  const cv = Math.max(-b.h / 2, Math.min(b.h / 2, v));
  return Math.hypot(u - cu, v - cv) < r;
}

/**
 * All labels between two layers at the same fraction t along their edges (a sparse pair's
 * first try): t is chosen so that their heights there, (1 − t)·y_from + t·y_to, are as far
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

const round2 = (v: number) => Math.round(v * 100) / 100;
