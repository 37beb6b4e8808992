/**
 * The circuit diagram's layout (src/render/graph/circuit-layout.ts): on random graphs of up to
 * 30 nodes, no two boxes, input names or wire labels overlap, no wire runs through a box or a
 * label, and every wire goes left to right. The rectangles are the layout's own (centimetres,
 * y down); the label sizes are the estimates the layout reserved room with.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveGraph } from "../../src/derive/index.js";
import { graphNames } from "../../src/render/graph/names.js";
import { graphView } from "../../src/render/graph/view.js";
import { inversions, isotonic } from "../../src/render/graph/circuit-layout.js";
import type { Layout, Rect, Segment } from "../../src/render/graph/circuit-layout.js";
import { SpecError, parseAnySpec } from "../../src/spec/index.js";
import type { GraphSpec } from "../../src/spec/index.js";
import { everyForm, sampleGraphs } from "../helpers/random-graph.js";
import { GRAPHS } from "./fixtures.js";

const EPS = 1e-9;

/** The two rectangles share some area (touching edges do not count). */
const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;

/** A wire piece's extent: a level line is a rectangle of no height; a curve stays inside the rectangle of its ends. */
function extent(s: Segment): Rect {
  const x = Math.min(s.from.x, s.to.x);
  const y = Math.min(s.from.y, s.to.y);
  return { x, y, w: Math.abs(s.to.x - s.from.x), h: Math.abs(s.to.y - s.from.y) };
}

/** A piece crosses the inside of a rectangle (a level line along its edge does not). */
function crosses(s: Segment, r: Rect): boolean {
  const e = extent(s);
  if (e.h === 0) return e.y > r.y + EPS && e.y < r.y + r.h - EPS && e.x < r.x + r.w - EPS && r.x < e.x + e.w - EPS;
  return overlap(e, r);
}

function problemsOf(layout: Layout): string[] {
  const problems: string[] = [];
  const things: { what: string; r: Rect }[] = [];
  for (const [id, r] of layout.items) things.push({ what: `item ${id}`, r });
  layout.wires.forEach((w, i) => {
    if (w.value) things.push({ what: `value label of wire ${i} (${w.from} → ${w.to ?? "out"})`, r: w.value });
    if (w.gradient) things.push({ what: `gradient label of wire ${i} (${w.from} → ${w.to ?? "out"})`, r: w.gradient });
  });
  for (let i = 0; i < things.length; i++) {
    for (let j = i + 1; j < things.length; j++) {
      if (overlap(things[i]!.r, things[j]!.r)) problems.push(`${things[i]!.what} overlaps ${things[j]!.what}`);
    }
  }
  layout.wires.forEach((w, i) => {
    for (const s of w.segments) {
      if (s.to.x < s.from.x - EPS) problems.push(`wire ${i} goes right to left`);
      for (const t of things) {
        // a wire starts at its source's edge and ends at its box's edge: it never goes inside either
        if (crosses(s, t.r)) problems.push(`wire ${i} (${w.from} → ${w.to ?? "out"}) runs through ${t.what}`);
      }
    }
    const inside = (r: Rect) => r.x >= -EPS && r.y >= -EPS && r.x + r.w <= layout.width + EPS && r.y + r.h <= layout.height + EPS;
    if (![...w.segments.map(extent)].every(inside)) problems.push(`wire ${i} leaves the picture`);
  });
  for (const t of things) {
    if (t.r.x < -EPS || t.r.y < -EPS || t.r.x + t.r.w > layout.width + EPS || t.r.y + t.r.h > layout.height + EPS) {
      problems.push(`${t.what} leaves the picture`);
    }
  }
  return problems;
}

function layoutOf(spec: GraphSpec, notation: "partial" | "adjoint" = "partial"): Layout | undefined {
  try {
    const d = deriveGraph(spec);
    return graphView(d, graphNames(spec, notation), 4, "g").diagram.layout;
  } catch (err) {
    // a random graph whose numbers are not finite is refused (located): nothing to draw
    if (err instanceof SpecError) return undefined;
    throw err;
  }
}

describe("the circuit diagram's layout", () => {
  it("the specs' circuits: nothing overlaps", () => {
    for (const [name, spec] of Object.entries(GRAPHS)) expect(problemsOf(layoutOf(spec)!), name).toEqual([]);
  });

  it("random graphs of up to 30 nodes, with and without numbers: nothing overlaps, no wire runs through a box or a label", () => {
    const graphs = [
      everyForm(),
      ...sampleGraphs(40, { minNodes: 1, maxNodes: 30 }, 21),
      ...sampleGraphs(10, { minNodes: 20, maxNodes: 30 }, 22),
      ...sampleGraphs(10, { maxNodes: 30, symbolic: true }, 23),
    ];
    let drawn = 0;
    let nodes = 0;
    for (const [i, spec] of graphs.entries()) {
      const layout = layoutOf(spec);
      if (!layout) continue;
      drawn++;
      nodes = Math.max(nodes, spec.nodes.length);
      expect(problemsOf(layout), `graph ${i}: ${spec.nodes.map((n) => `${n.name} = ${n.text}`).join("; ")}`).toEqual([]);
    }
    expect(drawn).toBeGreaterThan(45);
    expect(nodes).toBeGreaterThanOrEqual(25);
  });

  it("every wire of a node starts at its source and ends at the node's port, one wire per name read, and one out of the output", () => {
    const spec = GRAPHS["012-circuit-staged-sigmoid.yaml"]!;
    const layout = layoutOf(spec)!;
    // sigy, num, sigx, xpy, xpysqr, den, invden and f read 1, 2, 1, 2, 1, 2, 1 and 2 names; and the output's own wire
    expect(layout.wires.length).toBe(12 + 1);
    for (const w of layout.wires) {
      const first = w.segments[0]!.from;
      const last = w.segments[w.segments.length - 1]!.to;
      const source = layout.items.get(w.from)!;
      expect(first.x).toBeCloseTo(source.x + source.w, 9);
      if (w.to !== undefined) expect(last.x).toBeCloseTo(layout.items.get(w.to)!.x, 9);
    }
  });

  it("the check itself finds a label moved onto a box and a wire through a box", () => {
    const layout = layoutOf(GRAPHS["010-circuit-add-multiply.yaml"]!)!;
    const q = layout.items.get("q")!;
    const moved: Layout = {
      ...layout,
      wires: layout.wires.map((w, i) => (i === 0 ? { ...w, value: { ...w.value!, x: q.x + 0.1, y: q.y + 0.1 } } : w)),
    };
    expect(problemsOf(moved).some((p) => p.startsWith("item q overlaps value label"))).toBe(true);
    const through: Layout = {
      ...layout,
      wires: [
        ...layout.wires,
        {
          from: "x",
          to: "f",
          port: 0,
          segments: [{ kind: "line", from: { x: 0, y: q.y + q.h / 2 }, to: { x: layout.width, y: q.y + q.h / 2 } }],
        },
      ],
    };
    expect(problemsOf(through).some((p) => p.includes("runs through item q"))).toBe(true);
  });

  it("pools adjacent violators: the nearest non-decreasing sequence", () => {
    expect(isotonic([1, 3, 2, 4])).toEqual([1, 2.5, 2.5, 4]);
    expect(isotonic([3, 2, 1])).toEqual([2, 2, 2]);
    expect(isotonic([])).toEqual([]);
  });

  it("counts crossings as strict inversions: the same as comparing every pair", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), (xs) => {
        let pairs = 0;
        for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (xs[i]! > xs[j]!) pairs++;
        expect(inversions([...xs])).toBe(pairs);
      }),
    );
  });

  it("lays out a 200-node chain fed by one input in well under a second (no pairwise crossing count)", () => {
    const nodes: Record<string, string>[] = [];
    const inputs: Record<string, number> = { x: 0.5 };
    for (let i = 1; i <= 100; i++) {
      nodes.push({ [`z${i}`]: `w${i} * ${i === 1 ? "x" : `h${i - 1}`} + x` }, { [`h${i}`]: `tanh(z${i})` });
      inputs[`w${i}`] = Math.round(Math.sin(i) * 1000) / 1000;
    }
    const spec = parseAnySpec(JSON.stringify({ title: "chain", graph: { inputs, nodes } }), "chain.json") as GraphSpec;
    const t0 = performance.now();
    expect(layoutOf(spec)?.items.size).toBe(301);
    // Generous: the old pairwise count took 20 s here; this is a guard against quadratic work, not a benchmark.
    expect(performance.now() - t0).toBeLessThan(15000);
  });
});
