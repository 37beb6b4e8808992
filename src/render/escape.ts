/**
 * Escaping of user text (title, names). The result prints the text literally and can never
 * run a command: in LaTeX every special character becomes a harmless symbol command, so
 * `\input{/etc/passwd}` prints as written; in Markdown HTML is entity-escaped and the punctuation
 * that has a meaning is backslash-escaped, so neither tags, links, emphasis nor `$…$` math form.
 */
const LATEX: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "^": "\\textasciicircum{}",
  _: "\\_",
  "%": "\\%",
  "~": "\\textasciitilde{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  // OT1 (pdflatex's default) has no straight double quote but its typewriter font does.
  '"': "\\texttt{\\char34}",
};

// Characters pdflatex's default UTF-8 input handles; anything else would stop the compile.
const GREEK: Record<string, string> = {
  α: "\\alpha",
  β: "\\beta",
  γ: "\\gamma",
  δ: "\\delta",
  ε: "\\epsilon",
  η: "\\eta",
  θ: "\\theta",
  λ: "\\lambda",
  μ: "\\mu",
  π: "\\pi",
  σ: "\\sigma",
  τ: "\\tau",
  φ: "\\phi",
  ω: "\\omega",
  Δ: "\\Delta",
  Σ: "\\Sigma",
  Ω: "\\Omega",
};
const TYPOGRAPHIC: Record<string, string> = {
  "–": "--",
  "—": "---",
  "‘": "`",
  "’": "'",
  "“": "``",
  "”": "''",
  "…": "\\dots{}",
  "→": "$\\rightarrow$",
  "←": "$\\leftarrow$",
  "×": "$\\times$",
  "−": "$-$",
  "·": "$\\cdot$",
  "∂": "$\\partial$",
  "²": "\\textsuperscript{2}",
};

// The Latin letters (U+00C0–U+017F) that T1 and LaTeX's UTF-8 input have no glyph or mapping for:
// drawn from letters, a rule and a dot; ſ is written s, its compatibility form.
const crossed = (letter: string, raise: string, width: string, left = false): string =>
  `\\mbox{\\ooalign{${letter}\\cr${left ? "" : "\\hidewidth"}\\rule[${raise}]{${width}}{.05em}\\hidewidth\\cr}}`;
const T1_LACKS: Record<string, string> = {
  Ħ: crossed("H", "1.15ex", ".85em"),
  ħ: crossed("h", "1.3ex", ".3em", true),
  Ŧ: crossed("T", ".75ex", ".4em"),
  ŧ: crossed("t", ".45ex", ".3em"),
  Ŀ: "\\mbox{\\ooalign{L\\cr\\hidewidth\\textperiodcentered\\hidewidth\\cr}}",
  ŀ: "l\\textperiodcentered{}",
  ŉ: "\\textquoteright{}n",
  ĸ: "\\textsc{k}",
  ſ: "s",
};

export function latexEscape(value: unknown): string {
  let out = "";
  for (const ch of String(value)) {
    const code = ch.codePointAt(0)!;
    if (LATEX[ch] !== undefined) out += LATEX[ch];
    else if (code < 0x20 || code === 0x7f) out += " ";
    else if (code < 0x80) out += ch;
    else if (GREEK[ch]) out += `$${GREEK[ch]}$`;
    else if (TYPOGRAPHIC[ch]) out += TYPOGRAPHIC[ch];
    else if (T1_LACKS[ch]) out += T1_LACKS[ch];
    // Latin-1 Supplement and Latin Extended-A letters: pdflatex's UTF-8 support sets them in T1; the rest is replaced.
    else if (code >= 0xc0 && code <= 0x17f && code !== 0xd7 && code !== 0xf7) out += ch;
    else out += "?";
  }
  return out;
}

// The punctuation Markdown (CommonMark, GFM, remark-math) gives a meaning to in running text;
// `(`, `-`, `.`, `:` only matter after a `]` or at the start of a line, which user text never is.
const MD_PUNCT = /[\\`*_{}[\]#|~$]/g;

export function markdownEscape(value: unknown): string {
  return printable(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(MD_PUNCT, (c) => `\\${c}`);
}

/** XML text and attribute escaping (the SVG diagram, the Moodle quiz). */
export function xmlEscape(value: unknown): string {
  return printable(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML text and attribute escaping (the page's title and head): XML's, and the single quote too. */
export function htmlEscape(value: unknown): string {
  return xmlEscape(value).replace(/'/g, "&#39;");
}

// Unpaired UTF-16 surrogates: no character at all, in no encoding.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f\\u007f\\ufffe\\uffff]|${LONE_SURROGATE.source}`, "g");

/**
 * Control characters (U+0000–U+001F, U+007F), the noncharacters U+FFFE and U+FFFF and unpaired
 * surrogates, each replaced by a space: XML may not hold them at all (the SVG and the Moodle
 * quiz would not parse), and in Markdown they would only break lines. Every filter that prints
 * user text applies it first; LaTeX's own escape (above) does the same character by character.
 * The spec loader's messages show such characters as JSON escapes instead (spec/describe.ts).
 */
export function printable(value: unknown): string {
  return String(value).replace(UNPRINTABLE, " ");
}

const UNRESERVED = /^[A-Za-z0-9\-._~/]$/;
const utf8 = new TextEncoder();

/**
 * A relative file path as a Markdown link target: every byte but the unreserved characters and
 * `/` percent-encoded (UTF-8), so that spaces, newlines, brackets, parentheses and `<` in a spec's
 * file name can neither break the link nor start another; a reader decodes it back to the name.
 */
export function urlPath(value: unknown): string {
  let out = "";
  for (const ch of String(value).replace(LONE_SURROGATE, "\ufffd")) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const b of utf8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
