/*
 * Showing a new derivation by replacing only the blocks that changed. Most of the time an edit
 * takes goes into the browser building the page's elements (KaTeX writes dozens per formula),
 * and an edit changes some blocks only: a new learning rate leaves the forward and backward
 * passes as they were, a new title only the heading.
 */

const shown = new WeakMap<HTMLElement, { html: string; nodes: ChildNode[] }[]>();

/** Makes `box` show `blocks` (HTML strings from the renderer, in order), reusing the elements of blocks it shows already. */
export function showBlocks(box: HTMLElement, blocks: readonly string[]): void {
  const before = shown.get(box) ?? [];
  const pool = new Map<string, { html: string; nodes: ChildNode[] }[]>();
  for (const b of before) {
    const same = pool.get(b.html);
    if (same) same.push(b);
    else pool.set(b.html, [b]);
  }
  if (before.length === 0) box.replaceChildren();
  const template = document.createElement("template");
  const after = blocks.map((html) => {
    const kept = pool.get(html)?.shift();
    if (kept) return kept;
    template.innerHTML = html;
    return { html, nodes: [...template.content.childNodes] };
  });
  // every block not reused goes; the rest are put in order (a node moved is not rebuilt)
  const keep = new Set(after.flatMap((b) => b.nodes));
  for (const b of before) for (const n of b.nodes) if (!keep.has(n)) n.remove();
  let cursor: ChildNode | null = box.firstChild;
  for (const b of after) {
    for (const n of b.nodes) {
      if (n === cursor) cursor = cursor.nextSibling;
      else box.insertBefore(n, cursor);
    }
  }
  while (cursor) {
    const next: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
  shown.set(box, after);
}
