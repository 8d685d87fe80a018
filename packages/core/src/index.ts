export * from "./adjustments/adjustment.ts";
export * from "./adjustments/adjustment-publication.ts";
export {
  type AdjustmentProposal,
  approveAdjustment,
  type ProposeAdjustmentOutcome,
  proposeAdjustment,
  resemblanceProposals,
} from "./adjustments/adjustment-workflow.ts";
export * from "./assessment/assessment-plan.ts";
export * from "./assessment/assessment-report.ts";
export * from "./assessment/assessment-scoring.ts";
export * from "./assessment/grading.ts";
export * from "./assessment/indicator-compression.ts";
export * from "./assessment/indicator-scoring.ts";
export * from "./assessment/performance-record.ts";
export * from "./assessment/plan-issue.ts";
export * from "./assessment/plan-validation.ts";
export * from "./assessment/ranking.ts";
export * from "./assessment/record-judgement.ts";
export * from "./assessment/what-if.ts";
export * from "./base/calendar-date.ts";
export * from "./base/domain-error.ts";
export * from "./base/exact-decimal.ts";
export * from "./base/result.ts";
export * from "./base/rules.ts";
export { canonicalJson, sha256Hex } from "./base/sha256.ts";
export { SharedValues, sameJson } from "./base/shared-values.ts";
export * from "./county/county.ts";
export * from "./county/county-dataset.ts";
export * from "./county/duty-item.ts";
export { type DeterminationContext, prepareDeterminations } from "./internal/determination-context.ts";
export * from "./ledger/task-registration.ts";
export * from "./ledger/temporary-task.ts";
export * from "./lists/list-entry.ts";
export * from "./lists/list-index.ts";
export * from "./lists/list-report.ts";
export * from "./lists/list-validation.ts";
export * from "./lists/lists-as-of.ts";
export * from "./lists/resemblance.ts";
export type {
  Determination,
  DeterminationListType,
  Factor,
  FactorCode,
  NamedParty,
  PartyDetermination,
  ReportedViolation,
  ResponsibilityCitation,
  Role,
  Situation,
} from "./responsibility/determination.ts";
export * from "./responsibility/failure-case.ts";
export { determineResponsibility } from "./responsibility/responsibility.ts";
export { ROLE_NAMES } from "./responsibility/responsibility-outcome.ts";
