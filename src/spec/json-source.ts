import { quote } from "./describe.js";
import type { Diagnostic } from "./diagnostic.js";
import { LIMITS } from "./limits.js";
import { formatPath } from "./path.js";
import type { Path, Segment } from "./path.js";
import { LineIndex } from "./source.js";
import type { Position, ReadResult } from "./source.js";

/** Where a JSON value starts: a bare offset for a scalar, a tree for a list or object. */
type Pos = number | PosTree;
interface PosTree {
  start: number;
  items?: Pos[];
  keys?: Map<string, { key: number; value: Pos }>;
}

/**
 * JSON text → plain data plus positions. A small iterative scanner checks the syntax strictly
 * (no comments, no trailing commas), finds duplicate keys, bounds nesting and size and records
 * where every value starts; JSON.parse then builds the data. The yaml library could parse JSON
 * too, but it accepts non-JSON and costs ~20 µs per value, too slow for the weight limit.
 */
export function readJson(text: string, file: string): ReadResult {
  const lines = new LineIndex(text);
  const scan = scanJson(text);
  if (!scan.ok) {
    return {
      ok: false,
      diagnostics: scan.problems.map((p) => ({ file, path: formatPath(p.path), ...lines.position(p.offset), message: p.message })),
    };
  }
  const data: unknown = JSON.parse(text);
  const root = scan.root;
  return { ok: true, source: { data, locate: (path, target) => locateJson(root, lines, path, target) } };
}

interface ScanProblem {
  offset: number;
  path: Path;
  message: string;
}
type ScanResult = { ok: true; root: Pos } | { ok: false; problems: ScanProblem[] };

interface Frame {
  tree: PosTree;
  /** Object frames: the key whose value is being read. */
  key?: string;
  keyAt?: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanJson(text: string): ScanResult {
  const n = text.length;
  let i = 0;
  let values = 0;
  const stack: Frame[] = [];
  const duplicates: ScanProblem[] = [];
  const pathHere = (): Segment[] => stack.map((f) => (f.tree.items ? f.tree.items.length : (f.key ?? "")));
  const error = (offset: number, message: string): ScanResult => ({
    ok: false,
    problems: [{ offset: Math.min(offset, n), path: [], message: `JSON syntax error: ${message}` }],
  });
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  /** Returns the end offset of the string starting at i, or an error message. */
  const scanString = (): number | string => {
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c === 92) {
        const e = text[j + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return "\\u must be followed by four hex digits";
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else return `invalid escape \\${e ?? ""} in a string`;
      } else if (c < 32) {
        return c === 10 ? 'a string must end on the line it starts (missing closing ")' : "control character in a string";
      } else j++;
    }
    return 'a string is missing its closing "';
  };
  /** Reads one value at i; containers are pushed and finished by the loop below. */
  const readValue = (): Pos | "open" | ScanResult => {
    skipWs();
    if (i >= n) return error(i, "the text ends where a value was expected");
    if (++values > LIMITS.jsonValues) {
      return {
        ok: false,
        problems: [
          {
            offset: i,
            path: [],
            message: `holds more than ${LIMITS.jsonValues.toLocaleString("en-US")} values; far more than any spec within the limits needs`,
          },
        ],
      };
    }
    const start = i;
    const c = text[i]!;
    if (c === "{" || c === "[") {
      if (stack.length >= LIMITS.depth) {
        return {
          ok: false,
          problems: [{ offset: i, path: [], message: `nested more than ${LIMITS.depth} levels deep; a spec needs only a few` }],
        };
      }
      const tree: PosTree = c === "{" ? { start, keys: new Map() } : { start, items: [] };
      stack.push({ tree });
      i++;
      return "open";
    }
    if (c === '"') {
      const end = scanString();
      if (typeof end === "string") return error(i, end);
      i = end;
      return start;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) {
      i += m[0].length;
      return start;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return start;
      }
    }
    if (c === "'") return error(i, "strings need double quotes");
    if (c === "]" || c === "}") return error(i, `unexpected "${c}" where a value was expected (a trailing comma?)`);
    const word = /^[^\s,:\]}]{1,20}/.exec(text.slice(i, i + 20))?.[0] ?? c;
    return error(i, `unexpected ${quote(word)} where a value was expected (text must be in double quotes; NaN and Infinity are not JSON)`);
  };
  /** After "{" or ",": a key, a colon; leaves i at the value. */
  const readKey = (frame: Frame): ScanResult | undefined => {
    skipWs();
    if (text[i] !== '"') {
      return error(i, text[i] === "}" ? 'unexpected "}" after "," (a trailing comma?)' : "expected a key in double quotes");
    }
    const end = scanString();
    if (typeof end === "string") return error(i, end);
    const key = JSON.parse(text.slice(i, end)) as string;
    frame.key = key;
    frame.keyAt = i;
    i = end;
    skipWs();
    if (text[i] !== ":") return error(i, `expected ":" after the key ${quote(key)}`);
    i++;
    return undefined;
  };

  let root: Pos | undefined;
  /** Attach a finished value to the frame on top of the stack, or make it the root. */
  const attach = (value: Pos): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = value;
      return;
    }
    if (top.tree.items) top.tree.items.push(value);
    else {
      const keys = top.tree.keys!;
      const key = top.key!;
      if (keys.has(key)) {
        duplicates.push({
          offset: top.keyAt!,
          path: [...pathHere()],
          message: `duplicate key ${quote(key)}; each key may appear once`,
        });
      }
      keys.set(key, { key: top.keyAt!, value });
    }
  };

  let r = readValue();
  for (;;) {
    if (typeof r === "object" && "ok" in r) return r;
    if (r !== "open") attach(r);
    const top = stack[stack.length - 1];
    if (!top) break;
    skipWs();
    const isList = top.tree.items !== undefined;
    const count = isList ? top.tree.items!.length : top.tree.keys!.size;
    const justOpened = r === "open";
    const close = isList ? "]" : "}";
    if (text[i] === close && (justOpened || count > 0)) {
      i++;
      stack.pop();
      r = top.tree;
      continue;
    }
    if (!justOpened) {
      if (text[i] !== ",") {
        return error(
          i,
          i >= n
            ? `the text ends before the closing "${close}"`
            : `expected "," or "${close}" after ${isList ? "a list entry" : "a value"}`,
        );
      }
      i++;
    }
    if (!isList) {
      const bad = readKey(top);
      if (bad) return bad;
    } else {
      skipWs();
      if (text[i] === "]") return error(i, 'unexpected "]" after "," (a trailing comma?)');
    }
    r = readValue();
  }
  skipWs();
  if (i < n) return error(i, "unexpected text after the end of the JSON value");
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  return { ok: true, root: root! };
}

const startOf = (p: Pos): number => (typeof p === "number" ? p : p.start);

/** Like the YAML locator: the value (or key) at `path`, else the deepest ancestor that exists. */
function locateJson(root: Pos, lines: LineIndex, path: Path, target: "value" | "key" = "value"): Position {
  let node: Pos = root;
  let best = startOf(root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof node === "number") break;
    if (node.keys && typeof seg === "string") {
      const entry = node.keys.get(seg);
      if (!entry) break;
      best = i === path.length - 1 && target === "key" ? entry.key : startOf(entry.value);
      node = entry.value;
    } else if (node.items && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg]!;
      best = startOf(node);
    } else break;
  }
  return lines.position(best);
}
