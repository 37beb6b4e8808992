/**
 * The TeX of the Markdown notes. Their formulas must typeset in KaTeX (strict) and in MathJax 3
 * with only its base and ams packages, which is what GitHub, Jupyter, Obsidian and Pandoc's HTML
 * load. The view writes two commands those lack, which the LaTeX templates define or load:
 * `\circnum{n}` and `\boldsymbol` (the boldsymbol package). Both are rewritten here.
 */
export function markdownTex(content: string): string {
  let out = content;
  if (out.includes("\\circnum{")) out = out.replace(/\\circnum\{(\d+)\}/g, (_m, k: string) => circledNumber(Number(k)));
  // \pmb is in both (and in amsmath): MathJax and KaTeX set it in the bold font, as \boldsymbol would be.
  if (out.includes("\\boldsymbol{")) out = out.replaceAll("\\boldsymbol{", "\\pmb{");
  return out;
}

/**
 * A numbered chain-rule factor (①②③, as the seed notes number them) in Markdown math. Neither
 * renderer has all of `\textcircled` (MathJax: text macros only), `\enclose` (MathJax's enclose
 * package), `\unicode` (not KaTeX) or `\mathclap` (MathJax: mathtools). So the number is laid over `\bigcirc` with kerns:
 * `\bigcirc` is 1 em (18 mu) wide and centred on the maths axis in every Computer Modern font
 * (KaTeX's, MathJax's, Latin Modern), and a digit is 0.5 em, scaled 0.7 in script style and 0.5 in
 * scriptscript style. One digit is set in script style, two in scriptscript style (two script
 * digits touch the circle); from 100 on the number is written in parentheses. The LaTeX templates
 * draw the same glyphs, centred by TeX itself (`\circnum` in templates/latex/macros.tex.njk).
 */
export function circledNumber(k: number): string {
  if (k >= 100) return `\\text{(${k})}`;
  // kern back from the circle's right edge to where the number starts, and on to the right edge again
  const [style, width] = k < 10 ? ["\\scriptstyle", 6.3] : ["\\scriptscriptstyle", 9];
  const back = 9 + width / 2;
  const on = 9 - width / 2;
  return `{\\mathord{\\bigcirc}\\mkern-${fmt(back)}mu{${style} ${k}}\\mkern${fmt(on)}mu}`;
}

const fmt = (x: number): string => String(Math.round(x * 100) / 100);
