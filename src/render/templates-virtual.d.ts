/**
 * The package's templates, compiled by nunjucks when the browser workbench is built
 * (scripts/bundle-web.mjs makes this module): template name → its compiled root function.
 */
declare module "virtual:backprop-derive/templates" {
  export const TEMPLATES: Record<string, { root: (...args: unknown[]) => void }>;
}
