import { describe, expect, it } from "vitest";
import { buildNetwork } from "../../src/network/index.js";
import { makeNotation } from "../../src/notation/index.js";
import { join } from "node:path";
import fc from "fast-check";
import { drawNumber, widestWeights } from "../../src/problems/draw.js";
import { generate } from "../../src/problems/generate.js";
import { loadProblemSource } from "../../src/problems/load.js";
import { sfc32 } from "../../src/problems/prng.js";
import { notationOf } from "../../src/problems/sheet.js";
import type { ProblemsConfig } from "../../src/problems/types.js";
import { DENSE_EDGES, MAX_EDGES, diagramView, labelSize } from "../../src/render/diagram.js";
import { textNumber } from "../../src/render/numbers.js";
import { ROOT } from "../problems/setup.js";
import type { DiagramEdge, DiagramView } from "../../src/render/diagram.js";
import type { NetworkSpec } from "../../src/spec/types.js";
import { SEEDS } from "./fixtures.js";

/** A network of the given layer sizes with weights whose values have long decimals. */
function spec(sizes: number[], numbers = true): NetworkSpec {
  const layers = sizes.map((size, i) => ({ size, activation: i === 0 ? ("identity" as const) : ("sigmoid" as const) }));
  const weights = sizes
    .slice(1)
    .map((rows, l) => [...Array(rows).keys()].map((j) => [...Array(sizes[l]!).keys()].map((i) => -0.1234 * (i + 1) + 0.0567 * j)));
  return {
    ...SEEDS.seed000!,
    layers,
    biases: sizes.slice(1).map((s) => new Array<number>(s).fill(0)),
    samples: [{ input: new Array<number>(sizes[0]!).fill(1), target: new Array<number>(sizes[sizes.length - 1]!).fill(0) }],
    ...(numbers ? { weights } : { weights: undefined }),
  } as NetworkSpec;
}

function view(sizes: number[], notation: "node" | "layer" | "matrix" | "sequential" = "layer", numbers = true): DiagramView {
  const s = spec(sizes, numbers);
  const net = buildNetwork(s);
  return diagramView(net, makeNotation(net, notation, "gradient"), numbers ? s.weights : undefined, 4);
}

/** The SVG label's corners (pixels): its white box turned by its angle about its centre. */
function corners(e: DiagramEdge): [number, number][] {
  const a = (e.angle * Math.PI) / 180;
  return [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([u, v]) => {
    const x = (u! * e.pw) / 2;
    const y = (v! * e.ph) / 2;
    return [e.px + x * Math.cos(a) - y * Math.sin(a), e.py + x * Math.sin(a) + y * Math.cos(a)];
  });
}

/** Separating axes on the SVG boxes (a check apart from the layout's own). */
function overlaps(a: DiagramEdge, b: DiagramEdge): boolean {
  const ca = corners(a);
  const cb = corners(b);
  for (const poly of [ca, cb]) {
    for (let k = 0; k < 4; k++) {
      const [x1, y1] = poly[k]!;
      const [x2, y2] = poly[(k + 1) % 4]!;
      const nx = y1 - y2;
      const ny = x2 - x1;
      const pa = ca.map(([x, y]) => x * nx + y * ny);
      const pb = cb.map(([x, y]) => x * nx + y * ny);
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  }
  return true;
}

function expectLegible(d: DiagramView): void {
  expect(d.compact).toBe(false);
  for (let i = 0; i < d.edges.length; i++) {
    const e = d.edges[i]!;
    for (let k = 0; k < i; k++) expect(overlaps(e, d.edges[k]!), `${e.text} overlaps ${d.edges[k]!.text}`).toBe(false);
    // no label covers a neuron (r = 22px)
    for (const n of d.nodes) {
      const cs = corners(e);
      const inside = cs.some(([x, y]) => Math.hypot(x - n.px, y - n.py) < 22);
      const centre = Math.abs(e.px - n.px) < e.pw / 2 + 22 && Math.abs(e.py - n.py) < e.ph / 2 + 22 && e.angle === 0;
      expect(inside || centre, `${e.text} covers ${n.text}`).toBe(false);
    }
    // the label sits on its own edge
    const t = e.pos;
    expect(Math.abs(e.x1 + (e.x2 - e.x1) * t - e.px)).toBeLessThanOrEqual(1);
    expect(Math.abs(e.y1 + (e.y2 - e.y1) * t - e.py)).toBeLessThanOrEqual(1);
  }
}

describe("network diagram", () => {
  it("labels every edge of a sparse layer pair with symbol and value, along the edge", () => {
    const d = view([2, 2, 3], "node");
    expect(d.edges).toHaveLength(10);
    expect(d.edges.every((e) => !e.dense && e.sloped && e.tex.includes(" = "))).toBe(true);
    expect(d.tables).toEqual([]);
    expectLegible(d);
  });

  it("a dense pair carries symbols only and its values in a weight table under the diagram", () => {
    const d = view([4, 4, 2]);
    const dense = d.edges.filter((e) => e.dense);
    expect(dense).toHaveLength(16);
    expect(dense.every((e) => !e.tex.includes("=") && !e.sloped && e.angle === 0)).toBe(true);
    expect(d.edges.filter((e) => !e.dense).every((e) => e.tex.includes(" = "))).toBe(true);
    expect(d.tables).toHaveLength(1);
    const t = d.tables[0]!;
    expect(t.layer).toBe(1);
    expect(t.head.map((h) => h.tex)).toEqual(["x_{1}", "x_{2}", "x_{3}", "x_{4}"]);
    expect(t.rows.map((r) => r.tex)).toEqual(["h_{11}", "h_{12}", "h_{13}", "h_{14}"]);
    expect(t.rows[1]!.cells.map((c) => c.text)).toEqual(["−0.0667", "−0.1901", "−0.3135", "−0.4369"]);
    // under the captions, inside the SVG
    expect(t.top).toBeGreaterThan(Math.max(...d.captions.map((c) => c.py)));
    expect(t.bottom).toBeLessThanOrEqual(d.height);
    expect(t.right).toBeLessThanOrEqual(d.width);
    expectLegible(d);
  });

  it("without numbers a dense pair has no table", () => {
    const d = view([4, 4, 2], "layer", false);
    expect(d.tables).toEqual([]);
    expect(d.edges.every((e) => !e.tex.includes("="))).toBe(true);
    expectLegible(d);
  });

  const shapes = [
    [3, 3, 3],
    [3, 4, 1],
    [2, 5],
    [5, 2],
    [1, 12, 1],
    [12, 1],
    [10, 12],
    [12, 10],
    [6, 8, 6],
    [12, 4, 12],
    [4, 12, 4, 2],
    [3, 3, 3, 3, 3, 3],
  ];
  for (const sizes of shapes) {
    it(`keeps every label of a ${sizes.join("-")} network apart`, () => {
      const weights = sizes.slice(1).reduce((s, n, i) => s + n * sizes[i]!, 0);
      expect(weights).toBeLessThanOrEqual(MAX_EDGES);
      for (const notation of ["layer", "node", "matrix", "sequential"] as const) {
        const d = view(sizes, notation);
        expectLegible(d);
        const densePairs = sizes.slice(1).filter((n, i) => n * sizes[i]! > DENSE_EDGES).length;
        expect(d.tables).toHaveLength(densePairs);
      }
    });
  }

  it("a problem set's variants share one layout, made for the widest numbers their ranges can draw", async () => {
    const src = await loadProblemSource(join(ROOT, "specs/000-relu-hidden.yaml"));
    const variants = generate(src, { seed: 5, count: 40 });
    const geometry = (d: DiagramView) => [d.nodes.map((n) => [n.px, n.py]), d.edges.map((e) => [e.px, e.py, e.angle])];
    for (const precision of [12, 2]) {
      const views = variants.map((v) =>
        diagramView(v.net, notationOf(v.net), v.net.spec.weights, precision, widestWeights(v.net.spec, src.config)),
      );
      for (const d of views) {
        expectLegible(d);
        expect(geometry(d)).toEqual(geometry(views[0]!));
      }
      // each variant's own numbers on the edges
      expect(new Set(views.map((d) => d.edges.map((e) => e.text).join())).size).toBe(variants.length);
    }
  });

  it("the widest number of a range is written at least as wide as any number the range gives", () => {
    const range = fc
      .record({
        a: fc.integer({ min: -2000, max: 2000 }),
        b: fc.integer({ min: -2000, max: 2000 }),
        decimals: fc.integer({ min: 0, max: 6 }),
      })
      .map(({ a, b, decimals }) => ({ min: Math.min(a, b) / 10, max: Math.max(a, b) / 10, decimals, nonzero: false }));
    fc.assert(
      fc.property(range, fc.integer({ min: 0, max: 2 ** 31 }), (r, seed) => {
        const cfg = { weights: { kind: "range", range: r } } as unknown as ProblemsConfig;
        const [[[widest]]] = widestWeights({ weights: [[[0]]] } as NetworkSpec, cfg) as number[][][];
        const v = drawNumber(sfc32(seed), r);
        const width = (x: number) => labelSize(`W₁₃ = ${textNumber(x, 12)}`, false).w;
        expect(width(v)).toBeLessThanOrEqual(width(widest!));
      }),
      { numRuns: 500 },
    );
  });

  it("past the limit the layers are boxes", () => {
    expect(view([12, 11]).compact).toBe(true);
    expect(view([2, 13, 2]).compact).toBe(true);
  });
});
