/** One step into the document: a mapping key or a list index. */
export type Segment = string | number;
export type Path = readonly Segment[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** ["layers", 2, "activation"] → `layers[2].activation`; odd keys are quoted: `letters["a b"]`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The value at `path` in plain data, or undefined when some step does not exist. */
export function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!Array.isArray(v)) return undefined;
      v = v[seg];
    } else {
      if (!isMapping(v) || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
      v = v[seg];
    }
  }
  return v;
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
