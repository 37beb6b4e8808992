/**
 * A tiny, strict XML reader for the Moodle export tests (no package): elements, attributes,
 * text with the five predefined entities and numeric references, CDATA, comments and the
 * XML declaration. Anything malformed (a mismatched or unclosed tag, a bare `<` or `&`) throws.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The concatenated text directly inside this element (entities decoded). */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

const isNameChar = (c: string): boolean =>
  (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_" || c === "-" || c === "." || c === ":";
const isSpace = (c: string): boolean => c === " " || c === "\n" || c === "\t" || c === "\r";

export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    const line = src.slice(0, i).split("\n").length;
    throw new Error(`XML line ${line}: ${msg}`);
  };
  const startsWith = (s: string): boolean => src.startsWith(s, i);
  const skipSpace = (): void => {
    while (i < src.length && isSpace(src[i]!)) i++;
  };
  const name = (): string => {
    const start = i;
    while (i < src.length && isNameChar(src[i]!)) i++;
    if (i === start) fail(`expected a name at ${JSON.stringify(src.slice(i, i + 10))}`);
    return src.slice(start, i);
  };
  const decode = (raw: string): string => {
    let out = "";
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k]!;
      if (c === "<") fail("a bare < in text");
      if (c !== "&") {
        out += c;
        continue;
      }
      const end = raw.indexOf(";", k);
      if (end === -1) fail("an unterminated entity");
      const ent = raw.slice(k + 1, end);
      if (ent.startsWith("#x")) out += String.fromCodePoint(parseInt(ent.slice(2), 16));
      else if (ent.startsWith("#")) out += String.fromCodePoint(parseInt(ent.slice(1), 10));
      else if (ENTITIES[ent] !== undefined) out += ENTITIES[ent];
      else fail(`unknown entity &${ent};`);
      k = end;
    }
    return out;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith("<?")) {
        const e = src.indexOf("?>", i);
        if (e === -1) fail("unterminated <?");
        i = e + 2;
      } else if (startsWith("<!--")) {
        const e = src.indexOf("-->", i);
        if (e === -1) fail("unterminated comment");
        i = e + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (src[i] !== "<") fail("expected <");
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: "" };
    for (;;) {
      skipSpace();
      if (startsWith("/>")) {
        i += 2;
        return el;
      }
      if (src[i] === ">") {
        i++;
        break;
      }
      const key = name();
      skipSpace();
      if (src[i] !== "=") fail(`attribute ${key} without =`);
      i++;
      skipSpace();
      const q = src[i];
      if (q !== '"' && q !== "'") fail(`attribute ${key} not quoted`);
      const end = src.indexOf(q!, i + 1);
      if (end === -1) fail("unterminated attribute");
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      el.attrs[key] = decode(src.slice(i + 1, end));
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`<${el.name}> is never closed`);
      if (startsWith("</")) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (src[i] !== ">") fail("expected >");
        i++;
        return el;
      }
      if (startsWith("<![CDATA[")) {
        const e = src.indexOf("]]>", i);
        if (e === -1) fail("unterminated CDATA");
        el.text += src.slice(i + 9, e);
        i = e + 3;
      } else if (startsWith("<!--")) {
        const e = src.indexOf("-->", i);
        if (e === -1) fail("unterminated comment");
        i = e + 3;
      } else if (src[i] === "<") {
        el.children.push(element());
      } else {
        const e = src.indexOf("<", i);
        el.text += decode(src.slice(i, e === -1 ? src.length : e));
        i = e === -1 ? src.length : e;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== src.length) fail("content after the root element");
  return root;
}

/** Direct children with this name. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

/** The one direct child with this name (throws when there is not exactly one). */
export function child(el: XmlElement, name: string): XmlElement {
  const list = childrenNamed(el, name);
  if (list.length !== 1) throw new Error(`<${el.name}> has ${list.length} <${name}>, expected 1`);
  return list[0]!;
}
