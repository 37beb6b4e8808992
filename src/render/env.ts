import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { latexEscape, markdownEscape, xmlEscape } from "./escape.js";
import { alignRows } from "./layout.js";
import type { Equation } from "./layout.js";

/** templates/ of the package: two levels up from src/render/ or dist/render/. */
export const PACKAGE_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");

/**
 * The nunjucks environment (STACK-NOTES §2): tags that do not clash with TeX braces, no
 * autoescape (TeX is not HTML: user text is escaped with |latex or |md where it is printed),
 * undefined variables are an error. A user's template directory is searched first, so it may
 * override any one template and keep the package's others.
 */
export function environment(userTemplates?: string): nunjucks.Environment {
  const paths = userTemplates ? [resolve(userTemplates), PACKAGE_TEMPLATES] : [PACKAGE_TEMPLATES];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(paths, { noCache: false }), {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
    tags: {
      blockStart: "<%",
      blockEnd: "%>",
      variableStart: "<<",
      variableEnd: ">>",
      commentStart: "<#",
      commentEnd: "#>",
    },
  });
  env.addFilter("latex", latexEscape);
  env.addFilter("md", markdownEscape);
  env.addFilter("xml", xmlEscape);
  /** The rows of an aligned environment, broken to about `width` characters. */
  env.addFilter("align", (eqs: Equation[], width: number) => alignRows(eqs, width));
  return env;
}
