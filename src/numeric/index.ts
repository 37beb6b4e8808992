export { evaluateSample, updateStep, reducedLoss, train, NumericError } from "./train.js";
export type { Params, SampleResult, UpdateResult } from "./train.js";
export { answerKey, stringifyAnswerKey } from "./answer-key.js";
export type { AnswerKey } from "./answer-key.js";
export { stateOf } from "./optimizers.js";
export { l2Term } from "./apply.js";
