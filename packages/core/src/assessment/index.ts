// The annual assessment (S1–S10): plans and their validation, records, scoring, ranking, grading, compression, what-if.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  type AssessmentPlan,
  type AssessmentSubject,
  type FirstLevelIndicator,
  type Indicator,
  type IndicatorBinding,
  type ListExecutionAspect,
  type ScoringMethod,
  type ScoringMethodKind,
  type TownshipTrack,
  TRACK_LIST_TYPE,
} from "./assessment-plan.ts";
export {
  type AssessmentReport,
  type AssessOptions,
  assess,
  type DepartmentReport,
  describeExclusions,
  describeIndicatorResult,
  EXCLUSION_REASON_NAMES,
  type TownshipReport,
} from "./assessment-report.ts";
export {
  type DepartmentAssessment,
  type IndicatorResult,
  type ScoreAssessmentOptions,
  type ScoredYear,
  scoreAssessment,
  type TownshipAssessment,
  type TrackScore,
} from "./assessment-scoring.ts";
export {
  type CountyPolicy,
  countyPolicyOf,
  DEFAULT_COUNTY_POLICY,
  describeCountyPolicy,
  type InvalidCountyPolicy,
  validateCountyPolicy,
} from "./county-policy.ts";
export {
  type DeterminedPushDown,
  determinedPushDowns,
  type ExcludedExecutionInput,
  type ExecutionExclusionReason,
  type JudgedExecutionInputs,
  judgeExecutionInputs,
} from "./execution-inputs.ts";
export {
  checkDepartmentRating,
  checkGuaranteeDelivery,
  checkPushDownReport,
  checkUnattendedReport,
  checkWhistleRequest,
  type RatingField,
} from "./execution-record-checks.ts";
export {
  DEFAULT_GRADING,
  type Graded,
  type GradeRankedOptions,
  type GradeThreshold,
  type GradingRule,
  gradeRanked,
  type InvalidGradingRule,
  type QuotaGrading,
  type QuotaTiePolicy,
  type SingleGrade,
  type ThresholdGrading,
  validateGradingRule,
} from "./grading.ts";
export {
  type CompressionOptions,
  type CountCompression,
  compressIndicators,
  compressionOfCounts,
  type IndicatorCompression,
  type IndicatorLevels,
  type LevelCompression,
} from "./indicator-compression.ts";
export {
  type MethodScore,
  type MethodTally,
  scoreTally,
} from "./indicator-scoring.ts";
export type {
  AssessmentRecords,
  DepartmentRating,
  GuaranteeDelivery,
  PerformanceRecord,
  PushDownReport,
  RecordValue,
  UnattendedReport,
  WhistleRequest,
} from "./performance-record.ts";
export {
  checkPerformanceRecord,
  checkValueFields,
  type PerformanceCheckContext,
  type PerformanceField,
  type PerformanceRecordDraft,
  type RecordPlan,
  recordValueOf,
  VALUE_FIELDS_OF,
  type ValueField,
} from "./performance-record-checks.ts";
export {
  type IndicatorReach,
  PLAN_ISSUE_CODES,
  PLAN_ISSUE_KINDS,
  type PlanIssue,
  type PlanIssueCode,
  type PlanIssueSeverity,
  type PlanRuleId,
  type PlanValidation,
} from "./plan-issue.ts";
export { validateAssessmentPlan } from "./plan-validation.ts";
export {
  publishedScore,
  type RankByScoreOptions,
  type Ranked,
  rankByScore,
  type ScoredSubject,
} from "./ranking.ts";
export {
  type RepeatedRating,
  repeatedRatings,
} from "./rating-uniqueness.ts";
export {
  type AmountBounds,
  checkAmount,
  checkCount,
  checkKnown,
  checkNotBefore,
  checkText,
  type DecimalColumn,
  type RecordCheckContext,
  type RecordColumns,
  type RecordDraft,
  type RecordProblem,
  type RecordProblemCode,
  type RecordReferenceKind,
  type RecordRuleId,
  type RepeatedRecordId,
  repeatedRecordIds,
  STORED_RECORD_COLUMNS,
} from "./record-checks.ts";
export {
  type ExcludedRecord,
  type ExclusionReason,
  type IncludedRecord,
  indicatorBinds,
  type Judgement,
  judgeRecord,
} from "./record-judgement.ts";
export {
  canonicalTallies,
  type ExclusionCount,
  excludedTotal,
  type JudgedEntry,
  type RecordTally,
  tallyRecords,
} from "./record-tallies.ts";
export {
  recordedAsStated,
  recordsAsKnownOn,
} from "./records-as-known-on.ts";
export {
  type DeterminationChange,
  type ScoreChange,
  type TownshipScoreChange,
  type WhatIfOutcome,
  type WhatIfScenario,
  whatIf,
} from "./what-if.ts";
