export { makeNotation, joinIndices } from "./notation.js";
export { letter, resolveLetters, LetterError } from "./letters.js";
export { texHandler } from "./tex-handler.js";
export { LETTER_KEYS } from "./types.js";
export type { Notation, Letter, LetterKey, SymbolParts } from "./types.js";
export { resolvePresentation, DEFAULT_PRESENTATION, MAX_PRECISION, PresentationError } from "./presentation.js";
export type { Presentation, PresentationChoices } from "./presentation.js";
