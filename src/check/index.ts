/** Checking a hand-written solution against the machine's derivation (issue 5, docs/check.md). */
export { checkClaims } from "./check.js";
export type { CheckOptions, CheckReport, Claim, ClaimResult, DiagnosisId, Verdict } from "./check.js";
export { readAnswers } from "./answers.js";
export type { AnswerEntry } from "./answers.js";
export { resolveClaims } from "./claims.js";
export { nothingToCheck, prepare } from "./prepare.js";
export type { Checkable } from "./prepare.js";
export { MISTAKES } from "./mistakes.js";
export type { MistakeId } from "./mistakes.js";
export { parseWrittenNumber, halfUnit } from "./number-text.js";
export { REPORT_FORMATS, formatList, formatReport } from "./report.js";
export type { ReportFormat } from "./report.js";
export { checkNote } from "./note-check.js";
export type { NoteFinding, NoteReport } from "./note-finding.js";
export { formatNoteReport } from "./note-report.js";
export { noteKindOf } from "./note-segments.js";
export type { NoteKind } from "./note-segments.js";
