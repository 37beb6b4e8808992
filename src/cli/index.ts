/** The commands a library user may call as functions (the CLI's entry is main.ts). */
export { checkCommand } from "./check.js";
