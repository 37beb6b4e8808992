import nunjucks from "nunjucks";
import { htmlEscape, latexEscape, markdownEscape, urlPath, xmlEscape } from "./escape.js";
import { alignRows } from "./layout.js";
import type { Equation } from "./layout.js";

/*
 * The nunjucks environment's settings and filters, apart from where its templates come from:
 * the command line reads them from templates/ (env.ts), the browser workbench from a copy
 * inlined when it is built (env-browser.ts). Nothing here touches the file system.
 */

/** The compiler's settings: the browser's templates are compiled with them when it is built. */
export const ENVIRONMENT_OPTIONS: nunjucks.ConfigureOptions = {
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
};

/**
 * A new nunjucks environment (STACK-NOTES §2) over `loader`: tags that do not clash with TeX
 * braces, no autoescape (TeX is not HTML: user text is escaped with |latex, |md, |xml or |html
 * where it is printed), undefined variables are an error. `prepare` runs after the filters are
 * added and before the render guard (the command line compiles a user's templates there).
 */
export function configuredEnvironment(loader: nunjucks.ILoaderAny, prepare?: (env: nunjucks.Environment) => void): nunjucks.Environment {
  const env = new nunjucks.Environment(loader, ENVIRONMENT_OPTIONS);
  env.addFilter("latex", latexEscape);
  env.addFilter("md", markdownEscape);
  env.addFilter("xml", xmlEscape);
  env.addFilter("html", htmlEscape);
  /** A file path as a link target (the diagram beside the Markdown), percent-encoded. */
  env.addFilter("url", urlPath);
  /** The rows of an aligned environment, broken to about `width` characters. */
  env.addFilter("align", (eqs: Equation[], width: number) => alignRows(eqs, width));
  prepare?.(env);
  guardRender(env);
  return env;
}

/** A synchronous render that returns null failed in a way nunjucks did not throw: never pass it on. */
function guardRender(env: nunjucks.Environment): void {
  const render = env.render.bind(env) as (name: string, context?: object) => string | null;
  env.render = ((name: string, context?: object, cb?: unknown) => {
    if (cb !== undefined) return (env.constructor.prototype.render as (...a: unknown[]) => unknown).call(env, name, context, cb);
    const out = render(name, context);
    if (out === null) throw new Error(`(${name})\n  the template rendered nothing: an error in a template it includes`);
    return out;
  }) as typeof env.render;
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
