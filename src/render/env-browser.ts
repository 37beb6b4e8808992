import nunjucks from "nunjucks";
import { TEMPLATES } from "virtual:backprop-derive/templates";
import { configuredEnvironment } from "./configure.js";

/*
 * env.ts for the browser workbench, put in its place when the workbench is bundled
 * (scripts/bundle-web.mjs): the same settings and filters (configure.ts) over the package's
 * templates compiled when the workbench was built, so the page reads no files and evaluates no
 * code at run time. Nothing else of the renderer differs. A user's template folder has no
 * meaning here.
 */

export const PACKAGE_TEMPLATES = "templates/";

let shared: nunjucks.Environment | undefined;

export function sharedEnvironment(userTemplates?: string): nunjucks.Environment {
  shared ??= environment(userTemplates);
  return shared;
}

export function environment(userTemplates?: string): nunjucks.Environment {
  if (userTemplates !== undefined) throw new Error("the browser has the package's own templates only");
  return configuredEnvironment(new nunjucks.PrecompiledLoader(TEMPLATES as unknown as unknown[]));
}
