import type nunjucks from "nunjucks";

/*
 * A problem set's documents hold one part per variant: each part is rendered on its own and kept
 * as UTF-8 bytes, and the document around them (a frame template) is rendered once. Thousands
 * of long strings alive until the end would cost the garbage collector more than the rendering,
 * and one string for a whole set could pass the longest the JavaScript engine holds.
 */

/**
 * Template output as a file: no blank lines before the first (a template's leading comment
 * leaves one), one newline at the end. One slice of the text: a regular expression would copy
 * every part once more.
 */
export function withNewline(s: string): string {
  let start = 0;
  let i = 0;
  for (; i < s.length && isSpace(s.charCodeAt(i)); i++) if (s.charCodeAt(i) === 10) start = i + 1;
  let end = s.length;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  return `${s.slice(i === s.length ? s.length : start, end)}\n`;
}

/** Space, tab, line feed, vertical tab, form feed, carriage return. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

export const utf8 = (s: string): Uint8Array => Buffer.from(s, "utf8");

/** One part per item: `template` rendered with the document's context and the item as `v`. */
export function renderParts(env: nunjucks.Environment, template: string, context: object, items: Iterable<object>): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const v of items) parts.push(utf8(withNewline(env.render(template, { ...context, v }))));
  return parts;
}

/**
 * The document: `frame` is rendered with `context` and `parts` (one marker each); the parts'
 * bytes go where the markers are.
 */
export function assemble(env: nunjucks.Environment, frame: string, parts: readonly Uint8Array[], context: object = {}): Uint8Array {
  const pieces = withNewline(env.render(frame, { ...context, parts: parts.map((_, i) => `\u0000${i}\u0000`) })).split("\u0000");
  // pieces: text, index, text, index, …, text. A document that ends with a part ends with the
  // part's own newline (withNewline gave the frame one more).
  if (pieces.length > 1 && pieces[pieces.length - 1] === "\n") pieces[pieces.length - 1] = "";
  return Buffer.concat(pieces.map((piece, k) => (k % 2 === 1 ? parts[Number(piece)]! : utf8(piece))));
}
