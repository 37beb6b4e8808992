import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { latexEscape, markdownEscape, xmlEscape } from "./escape.js";
import { alignRows } from "./layout.js";
import type { Equation } from "./layout.js";

/**
 * templates/ of the package, found from this module's own file (src/render/, dist/render/ or a
 * bundle chunk in dist/bundle/): the nearest ancestor directory that has templates/latex.
 */
export const PACKAGE_TEMPLATES = findTemplates(dirname(fileURLToPath(import.meta.url)));

function findTemplates(from: string): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "templates");
    if (existsSync(join(candidate, "latex", "article.tex.njk"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`internal error: the package's templates/ directory was not found above ${from}`);
}

const shared = new Map<string, nunjucks.Environment>();

/**
 * One environment per templates directory for the whole process, so each template is read and
 * compiled once however many documents are rendered (a problem set renders one per variant).
 * Callers must not add filters or globals to it: use `environment()` for an environment of
 * one's own.
 */
export function sharedEnvironment(userTemplates?: string): nunjucks.Environment {
  const key = userTemplates ? resolve(userTemplates) : "";
  let env = shared.get(key);
  if (!env) {
    env = environment(userTemplates);
    shared.set(key, env);
  }
  return env;
}

/**
 * A new nunjucks environment (STACK-NOTES §2): tags that do not clash with TeX braces, no
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
