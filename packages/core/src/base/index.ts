// Calendar dates, exact decimals, results and errors, rule ids, hashing: what every concept uses.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  addDays,
  compareDates,
  type DateInterval,
  daysBetween,
  daysInMonth,
  formatInterval,
  type IsoDate,
  intervalContains,
  intervalsOverlap,
  isIsoDate,
  isoDate,
  isWellFormedInterval,
} from "./calendar-date.ts";
export {
  type ApprovalLevel,
  DOMAIN_ERROR_TAGS,
  type DomainError,
  type DomainErrorTag,
  type EntityKind,
  invalidField,
  type ListViolation,
  type NoListRecorded,
  type OperationError,
} from "./domain-error.ts";
export {
  DEFAULT_ROUNDING,
  type DecimalString,
  ExactDecimal,
  exact,
  isDecimalString,
  type RoundableFraction,
  type RoundingOptions,
  roundForPresentation,
} from "./exact-decimal.ts";
export {
  type ExactFigure,
  ExactRational,
  RATIONAL_ZERO,
  type RationalOperand,
} from "./exact-rational.ts";
export {
  RECORDING_TIME_ZONE,
  recordingDateErrors,
  recordingDay,
} from "./knowledge-time.ts";
export {
  assertNever,
  collect,
  type Err,
  err,
  type Ok,
  ok,
  type Result,
} from "./result.ts";
export {
  ACCOUNTABILITY_RULES,
  type AccountabilityRuleId,
  LIST_RULES,
  type ListRuleId,
  RULE_SUMMARIES,
  type RuleId,
} from "./rules.ts";
export {
  canonicalJson,
  sha256Hex,
} from "./sha256.ts";
