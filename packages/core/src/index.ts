export * from "./adjustment.ts";
export * from "./adjustment-publication.ts";
export {
  type AdjustmentProposal,
  approveAdjustment,
  type ProposeAdjustmentOutcome,
  proposeAdjustment,
  resemblanceProposals,
} from "./adjustment-workflow.ts";
export * from "./assessment-plan.ts";
export * from "./assessment-report.ts";
export * from "./assessment-scoring.ts";
export * from "./calendar-date.ts";
export * from "./county.ts";
export * from "./county-dataset.ts";
export { type DeterminationContext, prepareDeterminations } from "./determination-context.ts";
export * from "./domain-error.ts";
export * from "./duty-item.ts";
export * from "./exact-decimal.ts";
export * from "./failure-case.ts";
export * from "./grading.ts";
export * from "./indicator-compression.ts";
export * from "./indicator-scoring.ts";
export * from "./list-entry.ts";
export * from "./list-index.ts";
export * from "./list-report.ts";
export * from "./list-validation.ts";
export * from "./lists-as-of.ts";
export * from "./performance-record.ts";
export * from "./plan-issue.ts";
export * from "./plan-validation.ts";
export * from "./ranking.ts";
export * from "./record-judgement.ts";
export * from "./resemblance.ts";
export {
  type Determination,
  type DeterminationListType,
  determineResponsibility,
  type Factor,
  type FactorCode,
  type NamedParty,
  type PartyDetermination,
  type ReportedViolation,
  type ResponsibilityCitation,
  type Role,
  type Situation,
} from "./responsibility.ts";
export { ROLE_NAMES } from "./responsibility-outcome.ts";
export * from "./result.ts";
export * from "./rules.ts";
export { canonicalJson, sha256Hex } from "./sha256.ts";
export { SharedValues, sameJson } from "./shared-values.ts";
export * from "./temporary-task.ts";
export * from "./what-if.ts";
