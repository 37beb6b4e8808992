/**
 * A formula as written, in tokens: TeX (`W_{35}`, `\frac{\partial J}{\partial \omega_5}`,
 * `\text{Err}_5`, `Relu^{'}(…)`, `\hat{y}_1`) and the plain text of OCR'd notes (`W35`,
 * `0.5x(-2.5)`, `W_{13}.X_1`, `dLoss/dY5`) alike. Every token keeps the file offset it starts at.
 * What cannot be read becomes a `bad` token; nothing here throws.
 */

export type Token =
  | { t: "num"; text: string; at: number }
  /** `isNew`: a parameter marked as the value after the update (W^{new}_{35}, w_5^{+}). */
  | { t: "id"; base: string; sub: string; prime: boolean; raw: string; at: number; isNew?: true }
  | { t: "op"; op: "+" | "-" | "*" | "/" | "^" | "=" | "(" | ")"; at: number }
  | { t: "deriv"; of: Token[]; wrt: Token[]; raw: string; at: number }
  /** An operator form d/dx[…]: read as unreadable. */
  | { t: "sep"; at: number }
  | { t: "bad"; why: string; at: number };

/** Greek letters and their reading as a name. */
const GREEK: Record<string, string> = {
  delta: "delta",
  Delta: "Delta",
  eta: "eta",
  omega: "w",
  sigma: "sigma",
  alpha: "alpha",
  beta: "beta",
  gamma: "gamma",
  lambda: "lambda",
  mu: "mu",
  rho: "rho",
  epsilon: "epsilon",
  varepsilon: "epsilon",
  theta: "theta",
  partial: "∂",
};
/** Macros that are spacing or decoration: dropped. */
const DROP = new Set([
  "left",
  "right",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  ",",
  ";",
  "!",
  ":",
  " ",
  "displaystyle",
  "textstyle",
  "nonumber",
  "notag",
  "therefore",
  "because",
  "hookrightarrow",
  "downarrow",
  "uparrow",
  "limits",
  "label",
]);
/** Macros that end one formula and start another. */
const SEPARATE = new Set([
  "quad",
  "qquad",
  "Rightarrow",
  "rightarrow",
  "to",
  "Longrightarrow",
  "implies",
  "mid",
  "geq",
  "leq",
  "approx",
  "iff",
  "hline",
]);
const TIMES = new Set(["cdot", "times", "ast", "cdotp"]);
/** Macros taking one argument read as its content. */
const TRANSPARENT = new Set([
  "boxed",
  "mathrm",
  "mathit",
  "mathbf",
  "operatorname",
  "mathsf",
  "bm",
  "boldsymbol",
  "overbrace",
  "underbrace",
  "tag",
]);
/** Macros taking one argument whose content is dropped. */
const SWALLOW = new Set(["vphantom", "phantom", "hphantom", "label", "tag"]);

export function tokenize(text: string, base: number): Token[] {
  return new Lexer(text, base).run();
}

class Lexer {
  private i = 0;
  private out: Token[] = [];
  constructor(
    private readonly s: string,
    private readonly base: number,
  ) {}

  run(): Token[] {
    const s = this.s;
    while (this.i < s.length) {
      const ch = s[this.i]!;
      const at = this.base + this.i;
      if (/\s/.test(ch) || ch === "&" || ch === "~") {
        this.i++;
      } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(s[this.i + 1] ?? "") && !this.lastIsOperand())) {
        const m = /^(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(this.i))!;
        // a trailing "." after digits (a full stop) is not part of the number
        this.out.push({ t: "num", text: m[0], at });
        this.i += m[0].length;
      } else if (ch === "\\") {
        this.macro();
      } else if (/[A-Za-z]/.test(ch)) {
        this.word();
      } else if (ch === "{" || ch === "(" || ch === "[") {
        this.out.push({ t: "op", op: "(", at });
        this.i++;
      } else if (ch === "}" || ch === ")" || ch === "]") {
        this.out.push({ t: "op", op: ")", at });
        this.i++;
      } else if (ch === "+" || ch === "=" || ch === "/" || ch === "^") {
        if (ch === "^" && this.prime()) continue;
        this.out.push({ t: "op", op: ch, at });
        this.i++;
      } else if (ch === "-" || ch === "\u2212" || ch === "\u2013") {
        this.out.push({ t: "op", op: "-", at });
        this.i++;
      } else if (ch === "*" || ch === "×" || ch === "·" || ch === "\u22c5") {
        this.out.push({ t: "op", op: "*", at });
        this.i++;
      } else if (ch === ".") {
        // a dot between operands is OCR for a product (W_{13}.X_1); at the end it is a full stop
        this.i++;
        if (this.lastIsOperand() && /^\s*[A-Za-z\\({[0-9-]/.test(s.slice(this.i))) this.out.push({ t: "op", op: "*", at });
      } else if (ch === "'" || ch === "′") {
        this.markPrime();
        this.i++;
      } else if (ch === "," || ch === ";" || ch === "|" || ch === "?" || ch === ":") {
        this.out.push({ t: "sep", at });
        this.i++;
      } else if (ch === "_") {
        // a subscript on something that is not a name (a closing bracket): unreadable
        this.i++;
        this.group();
        this.out.push({ t: "bad", why: "a subscript on an expression", at });
      } else {
        this.out.push({ t: "bad", why: `"${ch}"`, at });
        this.i++;
      }
    }
    return this.out;
  }

  private lastIsOperand(): boolean {
    const last = this.out[this.out.length - 1];
    return last !== undefined && (last.t === "num" || last.t === "id" || last.t === "deriv" || (last.t === "op" && last.op === ")"));
  }

  /** `^{'}`, `^\prime`, `^{\prime}`: a prime on the name before it. */
  private prime(): boolean {
    const m = /^\^(\{\s*('|\\prime)\s*\}|\\prime|')/.exec(this.s.slice(this.i));
    if (!m) return false;
    this.markPrime();
    this.i += m[0].length;
    return true;
  }

  private markPrime(): void {
    const last = this.out[this.out.length - 1];
    if (last?.t === "id") last.prime = true;
    else this.out.push({ t: "bad", why: "a prime on an expression", at: this.base + this.i });
  }

  /** A brace group's content (or one character/macro) after the current position, advancing past it. */
  private group(): string {
    const s = this.s;
    while (s[this.i] === " ") this.i++;
    if (s[this.i] === "{") {
      let depth = 0;
      const start = this.i;
      for (; this.i < s.length; this.i++) {
        if (s[this.i] === "\\") {
          this.i++;
          continue;
        }
        if (s[this.i] === "{") depth++;
        else if (s[this.i] === "}" && --depth === 0) {
          this.i++;
          return s.slice(start + 1, this.i - 1);
        }
      }
      return s.slice(start + 1);
    }
    if (s[this.i] === "\\") {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        return m[0];
      }
    }
    const c = s[this.i] ?? "";
    this.i++;
    return c;
  }

  /** The subscript after a name, if any: `_{35}`, `_5`, `_{\text{err}}`. */
  private subscript(): string {
    const s = this.s;
    let j = this.i;
    while (s[j] === " ") j++;
    if (s[j] !== "_") return "";
    this.i = j + 1;
    return flatten(this.group());
  }

  /** `^{\mathrm{new}}`, `^{new}`, `^{+}`, `^{(new)}` after a name: the value after the update. */
  private newMark(): boolean {
    const m = /^\s*\^\s*(\{\s*(\\(mathrm|text|operatorname)\s*\{\s*new\s*\}|new|\(new\)|\+)\s*\}|\+)/.exec(this.s.slice(this.i));
    if (!m) return false;
    this.i += m[0].length;
    return true;
  }

  /**
   * The matrix notation's layer, `^{(2)}` (or `^{(2),\mathrm{new}}` after the update): kept in the
   * name, as the notation's ASCII names keep it (`W(2)11`).
   */
  private layerMark(): { layer: string; isNew: boolean } | undefined {
    const m = /^\s*\^\s*\{\s*\((\d+)\)\s*(,\s*(\\(mathrm|text|operatorname)\s*\{\s*new\s*\}|new))?\s*\}/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return { layer: m[1]!, isNew: m[2] !== undefined };
  }

  private pushId(base: string, at: number, rawStart: number): void {
    let prime = false;
    const layer = this.layerMark();
    if (layer) base = `${base}(${layer.layer})`;
    let isNew = this.newMark() || layer?.isNew === true;
    // y'_3: a prime before the subscript
    if (this.s[this.i] === "'") {
      prime = true;
      this.i++;
    }
    let sub = this.subscript();
    // W35, Err5, net3: digits right after the letters are the indices
    if (sub === "") {
      const m = /^\d+(?:_\d+)?/.exec(this.s.slice(this.i));
      if (m) {
        sub = m[0];
        this.i += m[0].length;
      }
    }
    if (this.newMark()) isNew = true;
    // a_{1}^{(2)}: the layer after the subscript
    if (!layer && sub !== "") {
      const after = this.layerMark();
      if (after) {
        base = `${base}(${after.layer})`;
        if (after.isNew) isNew = true;
      }
    }
    // W35_new (the plain names' suffix)
    const plainNew = /^_new\b/.exec(this.s.slice(this.i));
    if (plainNew) {
      this.i += plainNew[0].length;
      isNew = true;
    }
    this.out.push({ t: "id", base, sub, prime, raw: this.s.slice(rawStart, this.i), at, ...(isNew ? { isNew: true as const } : {}) });
    if (this.s[this.i] === "^") this.prime();
  }

  private word(): void {
    const s = this.s;
    const at = this.base + this.i;
    const start = this.i;
    // OCR's "x" for times: 0.5x(-2.5), 0.6x0.37, )x(
    if (s[this.i] === "x" && this.lastIsNumberOrClose() && !/^x\s*_/.test(s.slice(this.i)) && /^x(?![A-Za-wyz])/.test(s.slice(this.i))) {
      this.out.push({ t: "op", op: "*", at });
      this.i++;
      return;
    }
    const m = /^[A-Za-z]+/.exec(s.slice(this.i))!;
    const w = m[0];
    this.i += w.length;
    // dLoss/dY5 written in plain text: a derivative
    const d = /^d([A-Za-z]+\d*(?:_\d+)?)\s*\/\s*d([A-Za-z]+\d*(?:_\d+)?)/.exec(s.slice(start));
    if (d && w.startsWith("d") && w.length > 1) {
      this.i = start + d[0].length;
      const of = tokenize(d[1]!, at + 1);
      const wrt = tokenize(d[2]!, at + d[0].indexOf("/") + 1);
      this.out.push({ t: "deriv", of, wrt, raw: d[0], at });
      return;
    }
    // a word of letters glued to a number (Y3, Err5, W35) is one name
    if (w === "x" && /^\s*_/.test(s.slice(this.i)) === false && /^\d/.test(s.slice(this.i)) === false && this.lastIsNumberOrClose()) {
      this.out.push({ t: "op", op: "*", at });
      return;
    }
    // "Ob5", "Err5": kept whole; "yhat" too
    // (but e^{(2)}_{1} is the matrix notation's error of a neuron, not Euler's e)
    if (w === "e" && s[this.i] === "^" && !/^\^\s*\{\s*\(\d+\)[^}]*\}\s*_/.test(s.slice(this.i))) {
      this.out.push({ t: "id", base: "e", sub: "", prime: false, raw: "e", at });
      return;
    }
    this.pushId(w, at, start);
  }

  private lastIsNumberOrClose(): boolean {
    const last = this.out[this.out.length - 1];
    return last !== undefined && (last.t === "num" || (last.t === "op" && last.op === ")"));
  }

  private macro(): void {
    const s = this.s;
    const at = this.base + this.i;
    const start = this.i;
    const m = /^\\([A-Za-z]+|.)/.exec(s.slice(this.i));
    if (!m) {
      this.i++;
      return;
    }
    const name = m[1]!;
    this.i += m[0].length;
    if (name === "{" || name === "}") {
      this.out.push({ t: "op", op: name === "{" ? "(" : ")", at });
      return;
    }
    if (name === "\\") {
      this.out.push({ t: "sep", at });
      return;
    }
    if (DROP.has(name)) return;
    if (name === "right" || name === "left") return;
    if (SEPARATE.has(name)) {
      this.out.push({ t: "sep", at });
      return;
    }
    if (TIMES.has(name)) {
      this.out.push({ t: "op", op: "*", at });
      return;
    }
    if (name === "prime") {
      this.markPrime();
      return;
    }
    if (SWALLOW.has(name)) {
      this.group();
      return;
    }
    if (name === "frac" || name === "dfrac" || name === "tfrac") {
      const numStart = this.i;
      const num = this.group();
      const numAt = this.base + numStart + 1;
      const denStart = this.i;
      const den = this.group();
      const denAt = this.base + denStart + 1;
      const isD = (x: string) => /^\s*(d(?!elta)|\\partial)/.test(x);
      if (isD(num) && isD(den)) {
        const ofText = num.replace(/^\s*(d|\\partial)/, "");
        const wrtText = den.replace(/^\s*(d|\\partial)/, "");
        if (ofText.trim() === "") {
          this.out.push({ t: "bad", why: "a derivative operator d/dx applied to an expression", at });
          return;
        }
        this.out.push({
          t: "deriv",
          of: tokenize(ofText, numAt + (num.length - ofText.length)),
          wrt: tokenize(wrtText, denAt + (den.length - wrtText.length)),
          raw: s.slice(start, this.i),
          at,
        });
        return;
      }
      this.out.push({ t: "op", op: "(", at });
      this.out.push({ t: "op", op: "(", at });
      this.out.push(...tokenize(num, numAt));
      this.out.push({ t: "op", op: ")", at });
      this.out.push({ t: "op", op: "/", at });
      this.out.push({ t: "op", op: "(", at });
      this.out.push(...tokenize(den, denAt));
      this.out.push({ t: "op", op: ")", at });
      this.out.push({ t: "op", op: ")", at });
      return;
    }
    if (name === "hat" || name === "widehat") {
      const inner = flatten(this.group());
      this.pushId(`${inner}hat`, at, start);
      return;
    }
    if (name === "text" || name === "textrm" || name === "textit" || name === "mathrm" || name === "operatorname" || name === "mathit") {
      const innerStart = this.i;
      const inner = this.group();
      const word = inner.trim();
      if (/^[A-Za-z]+$/.test(word) && word.length <= 8 && !/^(new|old|and|so|now|or|if|for|with|where|then|total|loss at)$/i.test(word)) {
        this.pushId(word, this.base + innerStart, start);
      } else if (/^\(\d+\)$/.test(word)) {
        // the renderer writes step labels past 99 as \text{(100)}: a label like the circled ones, not a number
        this.out.push({ t: "id", base: "bigcirc", sub: "", prime: false, raw: `\\text{${word}}`, at });
      } else if (/^[A-Za-z]+\s*_/.test(word)) {
        this.out.push(...tokenize(word, this.base + innerStart + 1));
      } else {
        // prose inside math: it ends the formula before it
        this.out.push({ t: "sep", at });
      }
      return;
    }
    if (TRANSPARENT.has(name)) {
      const innerStart = this.i;
      const inner = this.group();
      if (name === "underbrace" || name === "overbrace") {
        // the label under the brace is a remark, not part of the formula
        const save = this.i;
        while (s[this.i] === " ") this.i++;
        if (s[this.i] === "_" || s[this.i] === "^") {
          this.i++;
          this.group();
        } else this.i = save;
      }
      // a boxed equation (\boxed{dL/dW = …}) is the equation, not a bracket around it
      const bracket = !(name === "boxed" && inner.includes("="));
      if (bracket) this.out.push({ t: "op", op: "(", at });
      this.out.push(...tokenize(inner, this.base + innerStart + 1));
      if (bracket) this.out.push({ t: "op", op: ")", at });
      return;
    }
    if (name === "sqrt") {
      const innerStart = this.i;
      const inner = this.group();
      this.out.push({ t: "id", base: "sqrt", sub: "", prime: false, raw: "\\sqrt", at });
      this.out.push({ t: "op", op: "(", at });
      this.out.push(...tokenize(inner, this.base + innerStart + 1));
      this.out.push({ t: "op", op: ")", at });
      return;
    }
    if (name === "exp" || name === "ln" || name === "log") {
      this.out.push({ t: "id", base: name, sub: "", prime: false, raw: `\\${name}`, at });
      return;
    }
    if (name === "begin" || name === "end") {
      this.group();
      if (/^\s*\{/.test(s.slice(this.i)) && name === "begin") {
        // \begin{array}{cc}: the column spec
      }
      return;
    }
    const g = GREEK[name];
    if (g !== undefined) {
      this.pushId(g, at, start);
      return;
    }
    // Any other command is read as a name (\tanh is the function; \sum, \bigcirc name nothing and
    // leave the formula unreadable).
    if (/^[A-Za-z]+$/.test(name)) {
      this.out.push({ t: "id", base: name, sub: "", prime: false, raw: `\\${name}`, at });
      return;
    }
    this.out.push({ t: "bad", why: `\\${name}`, at });
  }
}

/** A subscript's or a name's text without TeX: `{3,5}` → `3_5`, `\text{err}` → `err`. */
export function flatten(x: string): string {
  return (
    x
      .replace(/\\(text|mathrm|mathit|operatorname)\s*/g, "")
      .replace(/\\omega/g, "w")
      .replace(/\\([A-Za-z]+)/g, "$1")
      .replace(/[{}\s]/g, "")
      // a layer in the subscript, v_{W^{(1)}_{11}}: W(1)11, as the matrix notation's ASCII names write it
      .replace(/\^\((\d+)\)_?/g, "($1)")
      .replace(/,/g, "_")
  );
}
