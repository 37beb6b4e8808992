/**
 * The seed specs of specs/, read when the workbench is built (scripts/bundle-web.mjs makes this
 * module): the editor's examples to start from.
 */
declare module "virtual:backprop-derive/seeds" {
  export const SEEDS: { name: string; text: string }[];
}
