import type { Network } from "../../src/network/index.js";
import type { Notation } from "../../src/notation/index.js";

/**
 * Reads rendered TeX back: every `letter^{sup}_{sub}` of the notation's letters, parsed into
 * indices and checked against the network. Returns the symbols that name nothing it has.
 */
export function unknownSymbols(tex: string, net: Network, n: Notation): string[] {
  const L = net.layers.length - 1;
  const sizes = net.layers.map((l) => l.neurons.length);
  const nodeLayer = new Map<number, number>();
  for (const l of net.layers) for (const nr of l.neurons) nodeLayer.set(nr.node, l.index);
  const params = new Set(net.parameters.map((p) => p.id));
  const nWeights = net.parameters.filter((p) => p.kind === "weight").length;
  const nBiases = net.parameters.length - nWeights;
  const nonInput = net.nodeCount - sizes[0]!;

  const byLetter = new Map<string, string[]>();
  for (const [role, letter] of Object.entries(n.letters)) {
    byLetter.set(letter.tex, [...(byLetter.get(letter.tex) ?? []), role]);
  }
  const bad: string[] = [];
  for (const [letterTex, roles] of byLetter) {
    const esc = letterTex.replace(/[\\{}^$.*+?()[\]|]/g, (c) => `\\${c}`);
    const re = new RegExp(
      `(?<![a-zA-Z\\\\]|\\\\hat\\{|\\\\mathbf\\{|\\\\boldsymbol\\{)${esc}(?![a-zA-Z])(?:\\^\\{((?:[^{}]|\\{[^{}]*\\})*)\\})?_\\{([^{}]*)\\}`,
      "g",
    );
    for (const m of tex.matchAll(re)) {
      const sup = m[1];
      const sub = m[2]!;
      // Generic indices in prose ($W_{ij}$, $w_{lji}$) name no particular parameter.
      if (/^[a-z,]+$/.test(sub)) continue;
      const layerSup = sup !== undefined ? /\((\d+)\)/.exec(sup)?.[1] : undefined;
      const ok = roles.some((role) => valid(role, sub, layerSup === undefined ? undefined : Number(layerSup)));
      if (!ok) bad.push(m[0]);
    }
  }
  return bad;

  function split(sub: string, arity: number): number[] | undefined {
    if (!/^\d+(,\d+)*$/.test(sub)) return undefined;
    if (sub.includes(",")) return sub.split(",").map(Number);
    if (arity === 1) return [Number(sub)];
    return sub.length === arity ? [...sub].map(Number) : undefined;
  }

  function valid(role: string, sub: string, sup: number | undefined): boolean {
    switch (n.name) {
      case "node": {
        if (role === "weight") {
          const ij = split(sub, 2);
          return !!ij && params.has(`w_${ij[0]}_${ij[1]}`);
        }
        const [k] = split(sub, 1) ?? [];
        if (k === undefined) return false;
        const layer = nodeLayer.get(k);
        if (layer === undefined) return false;
        if (role === "input") return layer === 0;
        if (role === "target") return layer === L;
        if (role === "bias") return params.has(`b_${k}`);
        if (role === "output") return layer === L;
        if (role === "hidden") return layer > 0 && layer < L;
        return layer > 0;
      }
      case "sequential": {
        const [k] = split(sub, 1) ?? [];
        if (k === undefined || k < 1) return false;
        if (role === "input") return k <= sizes[0]!;
        if (role === "target") return k <= sizes[L]!;
        if (role === "weight") return k <= nWeights;
        if (role === "bias") return k <= nBiases;
        return k <= nonInput;
      }
      case "layer": {
        if (role === "weight") {
          const lji = split(sub, 3);
          return (
            !!lji &&
            lji[0]! >= 1 &&
            lji[0]! <= L &&
            lji[1]! >= 1 &&
            lji[1]! <= sizes[lji[0]!]! &&
            lji[2]! >= 1 &&
            lji[2]! <= sizes[lji[0]! - 1]!
          );
        }
        if (role === "input") return inRange(split(sub, 1)?.[0], sizes[0]!);
        if (role === "target" || role === "output") return inRange(split(sub, 1)?.[0], sizes[L]!);
        if (role === "bias" && !sub.includes(",") && sub.length === 1 && net.layers[Number(sub)]?.sharedBias) return true;
        const lj = split(sub, 2);
        if (!lj || lj[0]! < 1 || lj[0]! > L || !inRange(lj[1], sizes[lj[0]!]!)) return false;
        if (role === "hidden") return lj[0]! < L;
        if (role === "bias") return !net.layers[lj[0]!]!.sharedBias;
        return true;
      }
      case "matrix": {
        if (role === "input") return sup === undefined && inRange(split(sub, 1)?.[0], sizes[0]!);
        if (role === "target") return sup === undefined && inRange(split(sub, 1)?.[0], sizes[L]!);
        if (sup === undefined || sup < 1 || sup > L) return false;
        if (role === "weight") {
          const ji = split(sub, 2);
          return !!ji && inRange(ji[0], sizes[sup]!) && inRange(ji[1], sizes[sup - 1]!);
        }
        if (role === "bias" && net.layers[sup]!.sharedBias) return false;
        return inRange(split(sub, 1)?.[0], sizes[sup]!);
      }
    }
    return false;
  }
}

const inRange = (k: number | undefined, max: number): boolean => k !== undefined && k >= 1 && k <= max;
