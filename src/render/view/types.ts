import type { Equation } from "../layout.js";
import type { Presentation } from "../../notation/index.js";
import type { DiagramView } from "../diagram.js";

/*
 * The view model: plain data the templates walk. Prose strings may hold inline math `$…$`
 * and nothing else special (no `%`, `&`, `#`, `_` outside math), so one string serves
 * Markdown and LaTeX alike. User text (the title) is kept raw: templates escape it.
 */

export interface Block {
  /** Prose before the equations ("" for none). */
  text: string;
  /** Display equations ([] for none). */
  equations: Equation[];
}

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ParamRow {
  symbol: string;
  old: string;
  /** With l2, the gradient the optimizer takes (λw included for a weight). */
  gradient: string;
  /** The optimizer's state after the update, one per `UpdateView.stateHeads` ([] for sgd). */
  state: string[];
  new: string;
}

export interface UpdateView {
  index: number;
  title: string;
  intro: string;
  sections: Section[];
  table: ParamRow[];
  /** The gradient column's head: "Gradient", or with l2 "Gradient $g$". */
  gradientHead: string;
  /** Heads (TeX in `$…$`) of the state columns between Gradient and After; [] for sgd. */
  stateHeads: string[];
  /** The first rows, for the slides (a slide cannot hold 50 000 rows); `tableRest` more in the article. */
  tableHead: ParamRow[];
  tableRest: number;
  /** Prose about frozen biases, or "" when the biases train. */
  frozen: string;
  lossBefore: string;
  lossAfter: string;
}

export interface LossRow {
  index: number;
  epoch: number;
  samples: string;
  before: string;
  after: string;
}

/**
 * The optimizer's state over a run of several updates: one row per state quantity and parameter,
 * one column per update (its number, or `\dots` for the updates a long run leaves out).
 */
export interface StateTable {
  /** The prose before the table ("" when there is none). */
  intro: string;
  columns: string[];
  rows: { symbol: string; values: string[] }[];
}

export interface LayerView {
  index: number;
  role: string;
  size: number;
  activation: string;
  /** TeX names of the neurons' activations (x for inputs). */
  neurons: string[];
}

export interface View {
  name: string;
  /** Raw user text: templates escape it (`|latex`, `|md`). */
  title: string;
  settings: Presentation;
  notation: { name: string; description: string };
  convention: { name: string; description: string };
  layers: LayerView[];
  loss: { label: string; equation: Equation };
  eta: string;
  hasNumbers: boolean;
  legend: { symbol: string; meaning: string }[];
  /** Matrix notation: the layer equations in vector form. */
  matrixForm: Equation[];
  diagram: DiagramView;
  /** Without numbers: the symbolic derivation. */
  symbolic: Section[];
  updates: UpdateView[];
  lossTable: LossRow[];
  /** Prose before the loss table ("" for none): with l2, that the loss is the regularised one. */
  lossNote: string;
  /** The optimizer's state over the updates (several updates of an optimizer with state, else empty). */
  stateTable: StateTable;
  /** Matrix notation: prose after the vector forms ("" for none), e.g. that the biases follow the same rule. */
  matrixNote: string;
  /** Prose summary of the whole run, e.g. "2 updates (online, 2 samples, 1 epoch)". */
  summary: string;
}

/** A value by symbol id, or undefined where the derivation has no numbers. */
export type Lookup = (id: string) => number | undefined;
