/**
 * The layout of a circuit diagram (a layered drawing, after Sugiyama): inputs in the first
 * column, every node one column right of the furthest of its inputs (the longest path), the
 * order within a column chosen to cross few wires (barycentre sweeps), and the heights chosen
 * to keep wires level (each column placed as near its neighbours as the boxes allow).
 *
 * It is built so that nothing overlaps by construction, which the tests check on random graphs:
 *
 *   - a wire that skips columns passes each of them through a slot of its own (a "dummy");
 *   - every wire enters its box (or a dummy slot) along a level lead-in, and its two labels (the
 *     value above the wire, the gradient below) sit on that lead-in, inside the vertical span of
 *     the box's port: ports are at least two labels apart, boxes in a column never overlap, so
 *     labels never overlap each other nor a box;
 *   - between two columns is a band holding nothing but the wires' curves, each a cubic whose
 *     control points lie inside the rectangle of its ends (so the curve does too).
 *
 * Units are centimetres, y downwards; the circuit view turns them into SVG pixels and TikZ
 * coordinates.
 */

export interface Size {
  w: number;
  h: number;
}

export interface LayoutLeaf {
  id: string;
  size: Size;
}

export interface LayoutNode {
  id: string;
  reads: readonly string[];
  size: Size;
}

export interface LayoutInput {
  leaves: readonly LayoutLeaf[];
  nodes: readonly LayoutNode[];
  output: string;
  /** The labels of the wire from `from` into `to`'s port (`to` undefined: the output's own wire), or undefined for none. */
  labels(from: string, to: string | undefined, port: number): { value: Size; gradient: Size } | undefined;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A piece of a wire: level (a line) or from one column to the next (a cubic with level tangents). */
export type Segment = { kind: "line"; from: Point; to: Point } | { kind: "curve"; from: Point; to: Point };

export interface PlacedWire {
  from: string;
  /** The node it enters, or undefined for the output's own wire out to the right. */
  to: string | undefined;
  port: number;
  segments: Segment[];
  /** Where its labels go (their centres): above and below the lead-in. */
  value?: Rect;
  gradient?: Rect;
}

export interface Layout {
  /** Every leaf and node: its rectangle (top-left corner, size). */
  items: Map<string, Rect>;
  wires: PlacedWire[];
  width: number;
  height: number;
}

const MARGIN = 0.3;
/** The band between two columns, where only the wires' curves are. */
const BAND = 1.0;
/** Vertical room between two things stacked in a column. */
const GAP = 0.35;
/** A wire's slot through a column it skips. */
const DUMMY_H = 0.3;
/** Room between a label and the wire it sits on, and on each side of it along the lead-in. */
const LABEL_PAD = 0.05;
const LEAD_PAD = 0.2;
/** A lead-in without labels: room for the arrow head. */
const BARE_LEAD = 0.35;
/** Ports without labels: this far apart. */
const BARE_PORT = 0.5;

interface Item {
  id: string;
  kind: "leaf" | "box" | "dummy" | "sink";
  col: number;
  w: number;
  h: number;
  ports: number;
  /** Centre, y (set by the vertical placement). */
  y: number;
}

interface Edge {
  from: string;
  to: string | undefined;
  /** The item it enters in the end (a box or the sink). */
  target: string;
  port: number;
  /** Items it passes, source first, target last (dummies in between). */
  chain: string[];
  labels?: { value: Size; gradient: Size };
}

const SINK = "\u0000sink";

export function layoutCircuit(input: LayoutInput): Layout {
  const items = new Map<string, Item>();
  const col = new Map<string, number>();
  for (const leaf of input.leaves) {
    col.set(leaf.id, 0);
    items.set(leaf.id, { id: leaf.id, kind: "leaf", col: 0, w: leaf.size.w, h: leaf.size.h, ports: 0, y: 0 });
  }
  for (const n of input.nodes) {
    const c = 1 + Math.max(0, ...n.reads.map((r) => col.get(r)!));
    col.set(n.id, c);
    items.set(n.id, { id: n.id, kind: "box", col: c, w: n.size.w, h: n.size.h, ports: n.reads.length, y: 0 });
  }
  const last = extreme(col.values(), (c) => c, Math.max, 0) + 1;
  items.set(SINK, { id: SINK, kind: "sink", col: last, w: 0, h: 0, ports: 1, y: 0 });

  // Every wire, in reading order, and the output's own wire to the right.
  const edges: Edge[] = [];
  let dummies = 0;
  const addEdge = (from: string, to: string | undefined, port: number): void => {
    const target = to ?? SINK;
    const chain = [from];
    for (let c = col.get(from)! + 1; c < items.get(target)!.col; c++) {
      const id = `\u0000d${dummies++}`;
      items.set(id, { id, kind: "dummy", col: c, w: 0, h: DUMMY_H, ports: 1, y: 0 });
      chain.push(id);
    }
    chain.push(target);
    const labels = input.labels(from, to, port);
    edges.push({ from, to, target, port, chain, ...(labels ? { labels } : {}) });
  };
  for (const n of input.nodes) n.reads.forEach((r, i) => addEdge(r, n.id, i));
  addEdge(input.output, undefined, 0);

  // Heights: ports far enough apart for their labels, a box at least as tall as its own text.
  const labelH = extreme(edges, (e) => (e.labels ? Math.max(e.labels.value.h, e.labels.gradient.h) : 0), Math.max, 0);
  const portGap = labelH > 0 ? 2 * (labelH + LABEL_PAD) + 0.12 : BARE_PORT;
  for (const it of items.values()) {
    if (it.kind === "box") it.h = Math.max(it.h, it.ports * portGap);
    if (it.kind === "sink") it.h = portGap;
    if (it.kind === "leaf") it.h = Math.max(it.h, Math.min(portGap, 0.9));
  }

  const columns: Item[][] = Array.from({ length: last + 1 }, () => []);
  for (const it of items.values()) columns[it.col]!.push(it);
  order(columns, edges, items);

  // Columns left to right: the lead-ins (as wide as their widest label), then the items.
  const leadOf = new Array<number>(last + 1).fill(BARE_LEAD);
  for (const e of edges) {
    if (!e.labels) continue;
    const c = items.get(e.target)!.col;
    leadOf[c] = Math.max(leadOf[c]!, Math.max(e.labels.value.w, e.labels.gradient.w) + 2 * LEAD_PAD);
  }
  const left: number[] = [];
  const right: number[] = [];
  for (let c = 0; c <= last; c++) {
    const width = extreme(columns[c]!, (it) => it.w, Math.max, 0);
    left[c] = c === 0 ? MARGIN : right[c - 1]! + BAND + leadOf[c]!;
    right[c] = left[c]! + width;
  }

  place(columns, edges, items);

  // Shift everything down so that the top is at the margin.
  const top = extreme(items.values(), (it) => it.y - it.h / 2, Math.min, Infinity);
  for (const it of items.values()) it.y += MARGIN - top;
  const bottom = extreme(items.values(), (it) => it.y + it.h / 2, Math.max, -Infinity);

  const rectOf = (it: Item): Rect => {
    const c = it.col;
    // Leaves stand right-aligned at the column's edge (their wires start there); boxes are centred.
    const x = it.kind === "leaf" ? right[c]! - it.w : (left[c]! + right[c]!) / 2 - it.w / 2;
    return { x, y: it.y - it.h / 2, w: it.w, h: it.h };
  };
  const portY = (it: Item, port: number): number => {
    const r = rectOf(it);
    return r.y + ((port + 0.5) * r.h) / Math.max(it.ports, 1);
  };

  const wires: PlacedWire[] = edges.map((e) => {
    const source = items.get(e.from)!;
    const s = rectOf(source);
    const segments: Segment[] = [];
    let at: Point = { x: s.x + s.w, y: source.y };
    const lineTo = (p: Point): void => {
      if (p.x !== at.x || p.y !== at.y) segments.push({ kind: "line", from: at, to: p });
      at = p;
    };
    const curveTo = (p: Point): void => {
      segments.push({ kind: "curve", from: at, to: p });
      at = p;
    };
    lineTo({ x: right[source.col]!, y: source.y });
    for (const id of e.chain.slice(1)) {
      const it = items.get(id)!;
      const c = it.col;
      const y = it.kind === "dummy" ? it.y : portY(it, e.port);
      curveTo({ x: left[c]! - leadOf[c]!, y });
      if (it.kind === "dummy") lineTo({ x: right[c]!, y });
      else if (it.kind === "sink") lineTo({ x: left[c]!, y });
      else lineTo({ x: rectOf(it).x, y });
    }
    const wire: PlacedWire = { from: e.from, to: e.to, port: e.port, segments };
    if (e.labels) {
      const target = items.get(e.target)!;
      const c = target.col;
      const y = portY(target, e.port);
      const cx = left[c]! - leadOf[c]! / 2;
      const v = e.labels.value;
      const g = e.labels.gradient;
      wire.value = { x: cx - v.w / 2, y: y - LABEL_PAD - v.h, w: v.w, h: v.h };
      wire.gradient = { x: cx - g.w / 2, y: y + LABEL_PAD, w: g.w, h: g.h };
    }
    return wire;
  });

  const placed = new Map<string, Rect>();
  for (const it of items.values()) if (it.kind === "leaf" || it.kind === "box") placed.set(it.id, rectOf(it));
  return { items: placed, wires, width: right[last]! + MARGIN, height: bottom + MARGIN };
}

/**
 * The largest (or smallest) of f over the items, from `start`: a loop, because a wide graph's
 * layout has tens of thousands of wire pieces, too many to spread into Math.max's arguments.
 */
function extreme<T>(xs: Iterable<T>, f: (x: T) => number, pick: (a: number, b: number) => number, start: number): number {
  let m = start;
  for (const x of xs) m = pick(m, f(x));
  return m;
}

/** What comes before and after each item, through the wires' chains (with the port, for the order within a box). */
function neighbours(edges: readonly Edge[]): {
  pred: Map<string, { id: string; port: number }[]>;
  succ: Map<string, { id: string; port: number }[]>;
} {
  const pred = new Map<string, { id: string; port: number }[]>();
  const succ = new Map<string, { id: string; port: number }[]>();
  const push = (m: Map<string, { id: string; port: number }[]>, k: string, v: { id: string; port: number }) => {
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(v);
  };
  for (const e of edges) {
    for (let i = 0; i + 1 < e.chain.length; i++) {
      const [a, b] = [e.chain[i]!, e.chain[i + 1]!];
      const port = i + 1 === e.chain.length - 1 ? e.port : 0;
      push(pred, b, { id: a, port });
      push(succ, a, { id: b, port });
    }
  }
  return { pred, succ };
}

/**
 * Crossings between consecutive columns: pairs of wire pieces whose ends are in opposite orders.
 * Counted per column as the inversions of a merge sort, so that a graph whose leaves feed nodes
 * far to the right (many pieces per column) still lays out in O(P log P).
 */
function crossings(columns: Item[][], edges: readonly Edge[], items: Map<string, Item>): number {
  const pos = new Map<string, number>();
  for (const column of columns) column.forEach((it, i) => pos.set(it.id, i));
  const byColumn: [number, number][][] = columns.map(() => []);
  for (const e of edges) {
    for (let i = 0; i + 1 < e.chain.length; i++) {
      const a = e.chain[i]!;
      const b = e.chain[i + 1]!;
      const port = i + 1 === e.chain.length - 1 ? e.port / Math.max(items.get(b)!.ports, 1) : 0;
      byColumn[items.get(a)!.col]!.push([pos.get(a)!, pos.get(b)! + port]);
    }
  }
  let n = 0;
  for (const pieces of byColumn) {
    // Two pieces cross when their left ends and right ends are in strictly opposite orders: sorted
    // by the left end (ties by the right end, which then never count), the strict inversions of
    // the right ends.
    pieces.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    n += inversions(pieces.map((p) => p[1]));
  }
  return n;
}

/** Pairs i < j with xs[i] > xs[j] (strictly), by merge sort. */
export function inversions(xs: number[]): number {
  if (xs.length < 2) return 0;
  const mid = xs.length >> 1;
  const left = xs.slice(0, mid);
  const right = xs.slice(mid);
  let n = inversions(left) + inversions(right);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    if (right[j]! < left[i]!) {
      n += left.length - i;
      xs[k++] = right[j++]!;
    } else xs[k++] = left[i++]!;
  }
  while (i < left.length) xs[k++] = left[i++]!;
  while (j < right.length) xs[k++] = right[j++]!;
  return n;
}

/**
 * The order within each column: barycentre sweeps, down and up, keeping the order with the
 * fewest crossings. Sorting is stable and starts from the spec's order, so the result is the
 * same on every machine.
 */
function order(columns: Item[][], edges: readonly Edge[], items: Map<string, Item>): void {
  const { pred, succ } = neighbours(edges);
  const pos = new Map<string, number>();
  // After a column is sorted only its own positions change: re-indexing every column there
  // would make the sweeps quadratic in a wide layout.
  const indexColumn = (column: Item[]): void => column.forEach((it, i) => pos.set(it.id, i));
  const index = (): void => columns.forEach(indexColumn);
  const sortBy = (column: Item[], near: Map<string, { id: string; port: number }[]>, portOf: (it: Item, port: number) => number) => {
    const key = new Map<string, number>();
    for (const it of column) {
      const list = near.get(it.id) ?? [];
      key.set(
        it.id,
        list.length === 0 ? pos.get(it.id)! : list.reduce((s, p) => s + pos.get(p.id)! + portOf(items.get(p.id)!, p.port), 0) / list.length,
      );
    }
    column.sort((a, b) => key.get(a.id)! - key.get(b.id)!);
  };
  index();
  let best = columns.map((c) => [...c]);
  let fewest = crossings(columns, edges, items);
  for (let round = 0; round < 8 && fewest > 0; round++) {
    for (let c = 1; c < columns.length; c++) {
      sortBy(columns[c]!, pred, () => 0);
      indexColumn(columns[c]!);
    }
    for (let c = columns.length - 2; c >= 0; c--) {
      // the wire into port k of n ports enters k/n of the way down its box
      sortBy(columns[c]!, succ, (it, port) => port / Math.max(it.ports, 1));
      indexColumn(columns[c]!);
    }
    const n = crossings(columns, edges, items);
    if (n < fewest) {
      fewest = n;
      best = columns.map((c) => [...c]);
    }
  }
  best.forEach((c, i) => (columns[i] = c));
}

/**
 * Heights: each column is placed as near as it can to where its wires come from (then, going
 * back, to where they go), keeping its order and the gaps: the least-squares placement under
 * those constraints (pool adjacent violators).
 */
function place(columns: Item[][], edges: readonly Edge[], items: Map<string, Item>): void {
  const { pred, succ } = neighbours(edges);
  // The offset of a port from its item's centre.
  const portOffset = (it: Item, port: number): number => (it.kind === "box" ? (port + 0.5) * (it.h / it.ports) - it.h / 2 : 0);
  const stack = (column: Item[]): void => {
    let y = 0;
    for (const it of column) {
      it.y = y + it.h / 2;
      y += it.h + GAP;
    }
  };
  const fit = (column: Item[], want: (it: Item) => number | undefined): void => {
    const desired = column.map((it) => want(it) ?? it.y);
    const offsets: number[] = [];
    let off = 0;
    column.forEach((it, i) => {
      if (i > 0) off += column[i - 1]!.h / 2 + GAP + it.h / 2;
      offsets.push(off);
    });
    const z = isotonic(desired.map((d, i) => d - offsets[i]!));
    column.forEach((it, i) => (it.y = z[i]! + offsets[i]!));
  };
  const mean = (xs: number[]): number | undefined => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);
  const fromLeft = (it: Item): number | undefined =>
    mean((pred.get(it.id) ?? []).map((p) => items.get(p.id)!.y - portOffset(it, it.kind === "box" ? p.port : 0)));
  const fromRight = (it: Item): number | undefined =>
    mean((succ.get(it.id) ?? []).map((s) => items.get(s.id)!.y + portOffset(items.get(s.id)!, s.port)));
  for (const column of columns) stack(column);
  for (let c = 1; c < columns.length; c++) fit(columns[c]!, fromLeft);
  for (let c = columns.length - 2; c >= 0; c--)
    fit(columns[c]!, (it) => mean([fromRight(it), it.y].filter((v): v is number => v !== undefined)));
  for (let c = 1; c < columns.length; c++)
    fit(columns[c]!, (it) => mean([fromLeft(it), fromRight(it)].filter((v): v is number => v !== undefined)));
}

/** The non-decreasing sequence nearest to `xs` in least squares (pool adjacent violators). */
export function isotonic(xs: readonly number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  for (const x of xs) {
    blocks.push({ sum: x, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.n <= b.sum / b.n) break;
      blocks.pop();
      a.sum += b.sum;
      a.n += b.n;
    }
  }
  const out: number[] = [];
  for (const b of blocks) for (let i = 0; i < b.n; i++) out.push(b.sum / b.n);
  return out;
}
