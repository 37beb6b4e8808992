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

/**
 * nunjucks' `Frame.set` splits every name on dots, and a `for` loop sets seven `loop.*` names
 * per iteration: with a problem set's thousands of documents it took a tenth of the run. The
 * same assignments without the splitting (a name with more than one dot, or one written
 * through to an outer frame, still takes nunjucks' own path). Tested against stock nunjucks.
 */
function fasterFrameSet(): void {
  const frame = (nunjucks as unknown as { runtime?: { Frame?: { prototype: FrameProto } } }).runtime?.Frame?.prototype;
  if (!frame || typeof frame.set !== "function" || (frame.set as { fast?: true }).fast) return;
  const original = frame.set;
  const split = new Map<string, [string, string] | undefined>();
  const fast = function (this: FrameLike, name: string, val: unknown, resolveUp?: boolean): void {
    if (!resolveUp) {
      const dot = name.indexOf(".");
      if (dot === -1) {
        this.variables[name] = val;
        return;
      }
      let parts = split.get(name);
      if (parts === undefined && !split.has(name)) {
        parts = name.indexOf(".", dot + 1) === -1 ? [name.slice(0, dot), name.slice(dot + 1)] : undefined;
        split.set(name, parts);
      }
      if (parts) {
        const owner = (this.variables[parts[0]] ||= {}) as Record<string, unknown>;
        owner[parts[1]] = val;
        return;
      }
    }
    original.call(this, name, val, resolveUp);
  };
  frame.set = Object.assign(fast, { fast: true as const });
}

interface FrameLike {
  variables: Record<string, unknown>;
}
interface FrameProto {
  set: (this: FrameLike, name: string, val: unknown, resolveUp?: boolean) => void;
}

fasterFrameSet();
