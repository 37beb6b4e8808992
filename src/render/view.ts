// The view model lives in ./view/ (one file per part); this path stays its public entry.
export * from "./view/index.js";
