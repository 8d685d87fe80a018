// @dutylist/hotline: 12345 work orders matched to the duty items in force and dispatched by the lists (H1).

export { crossValidate, type FoldResult } from "./cross-validation.ts";
export {
  dispatchLabel,
  type Evaluation,
  evaluate,
  matchOrder,
  type Tally,
} from "./evaluate.ts";
export { evaluationTable } from "./evaluation-table.ts";
export {
  DEFAULT_SETTINGS,
  HotlineMatcher,
  type HotlinePhrase,
  type HotlinePlace,
  type MatchCandidate,
  type MatcherSettings,
  NONE_TOPIC,
  type WorkOrderMatch,
} from "./matcher.ts";
export { bigramsOf, termsOf } from "./segment.ts";
