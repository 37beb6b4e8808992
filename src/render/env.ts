import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { configuredEnvironment } from "./configure.js";

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
 * A new nunjucks environment (configure.ts) over the package's templates. A user's template
 * directory is searched first, so it may override any one template and keep the package's others.
 */
export function environment(userTemplates?: string): nunjucks.Environment {
  const paths = userTemplates ? [resolve(userTemplates), PACKAGE_TEMPLATES] : [PACKAGE_TEMPLATES];
  return configuredEnvironment(new ConfinedLoader(paths), (env) => {
    if (userTemplates) compileAll(env, resolve(userTemplates));
  });
}

/**
 * Compiles every template of the user's folder up front. nunjucks reports a syntax error in a
 * template that another includes only asynchronously, after a synchronous render has already
 * returned null; compiled here, the error is thrown at once, located in its file.
 */
function compileAll(env: nunjucks.Environment, dir: string, sub = ""): void {
  let entries;
  try {
    entries = readdirSync(join(dir, sub), { withFileTypes: true });
  } catch {
    return; // a folder that cannot be listed: its templates are read (and refused) when used
  }
  for (const e of entries) {
    const name = sub === "" ? e.name : `${sub}/${e.name}`;
    if (e.isDirectory()) compileAll(env, dir, name);
    else if (e.name.endsWith(".njk")) env.getTemplate(name, true);
  }
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * nunjucks' FileSystemLoader, kept to its folders: a template (or an include, import or extends)
 * is read only when its real path, symbolic links followed, lies inside the folder it was found
 * in, and only when it is a regular file. nunjucks' own check compares the unresolved path by
 * prefix (so `DIR2/x` passed for `DIR`) and follows links anywhere. A template found outside is
 * refused as `(PATH)\n  why`, the shape of nunjucks' own errors, which the command line reports
 * located. This keeps a template folder from reading files elsewhere by accident; templates
 * still run as code (docs/rendering.md).
 */
class ConfinedLoader extends nunjucks.FileSystemLoader {
  private readonly folders: { path: string; real: string }[];

  constructor(paths: string[]) {
    super(paths, { noCache: false });
    this.folders = paths.map((p) => ({ path: resolve(p), real: realOrSame(resolve(p)) }));
  }

  // nunjucks' types say LoaderSource, but null (not found here: try the next loader) is its contract
  override getSource(name: string): nunjucks.LoaderSource {
    for (const folder of this.folders) {
      const path = resolve(folder.path, name);
      if (!inside(path, folder.path) || !existsSync(path)) continue;
      const real = realpathSync(path);
      if (!inside(real, folder.real)) {
        throw new Error(
          `(${path})\n  resolves to ${real}, outside the templates folder ${folder.path}; a template may only include files inside its folder`,
        );
      }
      if (!statSync(real).isFile()) throw new Error(`(${path})\n  is not a regular file`);
      (this as unknown as { pathsToNames: Record<string, string> }).pathsToNames[path] = name;
      return { src: readFileSync(real, "utf8"), path, noCache: false };
    }
    // a relative include (`../x`) reaches nunjucks resolved; out of every folder, it is refused
    if (isAbsolute(name) && existsSync(name)) {
      throw new Error(
        `(${name})\n  ${name} lies outside the templates folder${this.folders.length > 1 ? "s" : ""} ${this.folders.map((f) => f.path).join(", ")}; a template may only include files inside its folder`,
      );
    }
    return null as unknown as nunjucks.LoaderSource;
  }
}

const realOrSame = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};
