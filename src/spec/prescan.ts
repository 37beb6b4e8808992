/**
 * A cheap linear pass over YAML text before the yaml library sees it. The library recurses per
 * nesting level and spends ~20 µs and 1–2 KB per value, so `[[[[…` ten million deep or a
 * 64 MiB list of numbers would exhaust memory instead of failing cleanly. This pass estimates
 * both; it only has to be exact enough that real specs (depth ~5) are never refused.
 */
export interface YamlShape {
  /** Offset where nesting first went past the limit, if it did. */
  tooDeepAt?: number;
  /** Upper estimate of the number of values: flow commas plus non-blank lines. */
  values: number;
}

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t";
/** A flow collection or quoted scalar can only start a node: after these, or at line start. */
const startsNode = (prev: string | undefined): boolean =>
  prev === undefined ||
  prev === " " ||
  prev === "\t" ||
  prev === "\n" ||
  prev === "[" ||
  prev === "{" ||
  prev === "," ||
  prev === ":" ||
  prev === "-" ||
  prev === "?";

export function prescanYaml(text: string, maxDepth: number): YamlShape {
  let values = 0;
  let flow = 0;
  /** Indentation of each enclosing block level on the current path. */
  const indents: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Line start: measure indentation and compact "- - -" / "? " indicators.
    let indent = 0;
    while (i < n && text[i] === " ") {
      indent++;
      i++;
    }
    if (i >= n) break;
    if (text[i] === "\n" || text[i] === "\r" || text[i] === "#") {
      i = skipLine(text, i);
      continue;
    }
    values++;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while ((text[i] === "-" || text[i] === "?") && (isSpace(text[i + 1]) || text[i + 1] === "\n" || i + 1 >= n)) {
        compact++;
        i++;
        while (isSpace(text[i])) i++;
      }
      if (indents.length + compact > maxDepth) return { tooDeepAt: i, values };
    }
    // Rest of the line (and any quoted scalar or flow collection running past it).
    let prev: string | undefined = text[i - 1];
    while (i < n) {
      const c = text[i]!;
      if (c === "\n") {
        i++;
        break;
      }
      if (c === "#" && (prev === undefined || isSpace(prev))) {
        i = skipLine(text, i);
        break;
      }
      if ((c === '"' || c === "'") && startsNode(prev)) {
        i = skipQuoted(text, i);
        prev = c;
        continue;
      }
      if ((c === "[" || c === "{") && (flow > 0 || startsNode(prev))) {
        flow++;
        if (indents.length + flow > maxDepth) return { tooDeepAt: i, values };
      } else if ((c === "]" || c === "}") && flow > 0) {
        flow--;
      } else if (c === "," && flow > 0) {
        values++;
      }
      prev = c;
      i++;
    }
  }
  return { values };
}

function skipLine(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl === -1 ? text.length : nl + 1;
}

/** Past the closing quote ('' escapes in single quotes, \ in double), or to the end. */
function skipQuoted(text: string, i: number): number {
  const q = text[i];
  i++;
  while (i < text.length) {
    const c = text[i];
    if (q === '"' && c === "\\") {
      i += 2;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}
