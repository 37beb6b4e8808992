import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import type { Alias, Document, Node, Pair } from "yaml";
import type { Diagnostic } from "./diagnostic.js";
import { LIMITS } from "./limits.js";
import { quote } from "./describe.js";
import { formatPath } from "./path.js";
import type { Path, Segment } from "./path.js";
import { prescanYaml } from "./prescan.js";
import { LineIndex } from "./source.js";
import type { Position, ReadResult, Source } from "./source.js";

type AnyNode = Node | Pair | null | undefined | unknown;

/** What a file is, in messages: "a spec", "an answers file". */
export type FileKind = "a spec" | "an answers file";

/**
 * YAML (or JSON) text → the yaml library's document, with the problems any reader of this
 * project's files reports located: nesting past the depth limit and sizes past the value limit
 * (both found by a linear prescan, before the library recurses), syntax errors, several
 * documents, duplicate keys (with the key's path).
 */
export function parseYaml(
  text: string,
  file: string,
  kind: FileKind = "a spec",
): { ok: true; doc: Document.Parsed; lines: LineIndex } | { ok: false; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text);
  const at = (offset: number, path: Path, message: string): Diagnostic => ({
    file,
    path: formatPath(path),
    ...lines.position(offset),
    message,
  });
  const failed = (d: Diagnostic) => ({ ok: false as const, diagnostics: [d] });

  const shape = prescanYaml(text, LIMITS.depth);
  if (shape.tooDeepAt !== undefined) {
    return failed(at(shape.tooDeepAt, [], `nested more than ${LIMITS.depth} levels deep; ${kind} needs only a few`));
  }
  if (shape.values > LIMITS.yamlValues) {
    return failed({
      file,
      path: "",
      message:
        `holds about ${shape.values.toLocaleString("en-US")} values; ${kind === "a spec" ? "YAML specs" : "answers files"} ` +
        `are limited to ${LIMITS.yamlValues.toLocaleString("en-US")}${kind === "a spec" ? " (write a spec this large as JSON)" : ""}`,
    });
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      version: "1.2",
      schema: "core",
      merge: false,
      stringKeys: true,
      uniqueKeys: false, // we report duplicates ourselves, with the key's path
      prettyErrors: false,
      strict: true,
    });
  } catch (err) {
    return failed({ file, path: "", message: `could not be read as YAML (${(err as Error).message})` });
  }
  // One syntax error per line: the library often reports a second, consequential one beside it.
  const syntax = [...doc.errors, ...doc.warnings]
    .map((e) => at(e.pos[0], [], yamlMessage(e.code, e.message, kind)))
    .filter((d, i, all) => all.findIndex((o) => o.line === d.line) === i);
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  const duplicates = findDuplicateKeys(doc, lines).map((p) => at(p.offset, p.path, p.message));
  if (duplicates.length > 0) return { ok: false, diagnostics: duplicates };
  return { ok: true, doc, lines };
}

/** YAML text → plain data plus positions; syntax errors, duplicate keys and alias bombs located. */
export function readYaml(text: string, file: string): ReadResult {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const { doc, lines } = parsed;
  const at = (offset: number, path: Path, message: string): Diagnostic => ({
    file,
    path: formatPath(path),
    ...lines.position(offset),
    message,
  });

  const structural = findAliasProblems(doc).map((p) => at(p.offset, p.path, p.message));
  if (structural.length > 0) return { ok: false, diagnostics: structural };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (err) {
    // findAliasProblems mirrors the library's own count, so this is a safety net.
    return fail({ file, path: "", message: `could not be read as YAML (${(err as Error).message})` });
  }
  const source: Source = { data, locate: (path, target) => locateYaml(doc, lines, path, target) };
  return { ok: true, source };
}

const fail = (d: Diagnostic): ReadResult => ({ ok: false, diagnostics: [d] });

/** The library's messages, minus position suffixes, with the common ones in plainer words. */
function yamlMessage(code: string, message: string, kind: FileKind): string {
  const text = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "").trim();
  switch (code) {
    case "MULTIPLE_DOCS":
      return `YAML syntax error: the file holds more than one document (a second \`---\`); ${kind} is one document`;
    case "TAB_AS_INDENT":
      return "YAML syntax error: tabs are not allowed for indentation; use spaces";
    case "TAG_RESOLVE_FAILED":
      return `YAML tag not supported: ${text.replace(/^Unresolved tag: /, "")}`;
    case "NON_STRING_KEY":
      return "YAML syntax error: keys must be plain names, not lists or mappings";
    default:
      return /Maximum call stack/.test(text)
        ? `nested more than ${LIMITS.depth} levels deep; ${kind} needs only a few`
        : `YAML syntax error: ${text}`;
  }
}

interface Located {
  offset: number;
  path: Path;
  message: string;
}

const keyName = (key: unknown): string => (isScalar(key) ? String(key.value) : String(key));

/** Each child of a node, in document order, with the path segment that reaches it. */
function children(node: AnyNode): [Segment, AnyNode, Pair | undefined][] {
  if (isMap(node)) return node.items.map((p) => [keyName(p.key), p.value, p]);
  if (isSeq(node)) return node.items.map((item, i) => [i, item, undefined]);
  return [];
}

function findDuplicateKeys(doc: Document.Parsed, lines: LineIndex): Located[] {
  const found: Located[] = [];
  const walk = (node: AnyNode, path: Segment[]): void => {
    if (isMap(node)) {
      const first = new Map<string, number>();
      for (const pair of node.items) {
        const name = keyName(pair.key);
        const offset = rangeStart(pair.key) ?? rangeStart(node) ?? 0;
        const prior = first.get(name);
        if (prior === undefined) first.set(name, offset);
        else {
          const { line } = lines.position(prior);
          found.push({
            offset,
            path: [...path, name],
            message: `duplicate key ${quote(name)} (first given on line ${line}); each key may appear once`,
          });
        }
      }
    }
    for (const [seg, child] of children(node)) walk(child, [...path, seg]);
  };
  walk(doc.contents, []);
  return found;
}

/**
 * Mirrors the yaml library's alias accounting (Alias.resolve / getAliasCount) in document
 * order, so an alias bomb is reported at the alias that tips it over, and an alias whose
 * anchor is missing is reported instead of crashing toJS().
 */
function findAliasProblems(doc: Document.Parsed): Located[] {
  const anchors = new Map<string, Node>();
  const data = new Map<Node, { count: number; aliasCount: number }>();
  const aliasCount = (node: AnyNode): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const d = target && data.get(target);
      return d ? d.count * d.aliasCount : 0;
    }
    if (isMap(node) || isSeq(node)) {
      let c = 0;
      for (const item of node.items as AnyNode[]) c = Math.max(c, aliasCount(item));
      return c;
    }
    if (isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };
  let problem: Located | undefined;
  const walk = (node: AnyNode, path: Segment[]): void => {
    if (problem) return;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const d = target && data.get(target);
      if (!d) {
        problem = {
          offset: rangeStart(node) ?? 0,
          path,
          message: `alias *${node.source} refers to no anchor &${node.source} defined before it`,
        };
        return;
      }
      d.count += 1;
      if (d.aliasCount === 0) d.aliasCount = aliasCount(target);
      if (d.count * d.aliasCount > LIMITS.aliases) {
        problem = {
          offset: rangeStart(node) ?? 0,
          path,
          message:
            `alias *${node.source} repeats its anchor too often (more than ${LIMITS.aliases} copies in all); ` +
            "nested aliases like these can expand to billions of values, so they are refused",
        };
      }
      return;
    }
    if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) {
      anchors.set(node.anchor, node);
      data.set(node, { count: 1, aliasCount: 0 });
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        walk(pair.key, path);
        walk(pair.value, [...path, keyName(pair.key)]);
      }
    } else {
      for (const [seg, child] of children(node)) walk(child, [...path, seg]);
    }
  };
  walk(doc.contents, []);
  return problem ? [problem] : [];
}

function rangeStart(node: AnyNode): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * The position of `path`: its value (or its key, for "key", or when the value is a block list
 * or mapping), else the deepest node on the way. An empty value (`activation:` with nothing after it) is reported at its key. The walk stops
 * at an alias: the place the alias is used is where the reader will look.
 */
function locateYaml(doc: Document.Parsed, lines: LineIndex, path: Path, target: "value" | "key" = "value"): Position | undefined {
  let node: AnyNode = doc.contents;
  let best = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isAlias(node as Alias)) break;
    if (isMap(node)) {
      const pair = [...node.items].reverse().find((p) => keyName(p.key) === String(seg));
      if (!pair) break;
      const keyAt = rangeStart(pair.key);
      const value = pair.value as AnyNode;
      const empty = value === null || value === undefined || (isScalar(value) && value.value === null && value.source === "");
      // A block list or mapping starts on the line below its key; the key is where one looks.
      const block = (isMap(value) || isSeq(value)) && !value.flow;
      if ((last && (target === "key" || block)) || empty) {
        best = keyAt ?? best;
        if (empty) break;
      } else {
        best = rangeStart(value) ?? keyAt ?? best;
      }
      node = value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg] as AnyNode;
      best = rangeStart(node) ?? best;
    } else {
      break;
    }
  }
  return best === undefined ? undefined : lines.position(best);
}
