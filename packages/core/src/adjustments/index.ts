// Adjustments of the lists and their approval routes (L3, L4): propose, approve, publish.
// The names this concept offers the rest of the core and the package index; the others are its own.
export {
  publishAdjustment,
  type PublishAdjustmentOptions,
  type PublishAdjustmentOutcome,
} from "./adjustment-publication.ts";
export {
  type AdjustmentProposal,
  approveAdjustment,
  proposeAdjustment,
  type ProposeAdjustmentOutcome,
  resemblanceProposals,
} from "./adjustment-workflow.ts";
export {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentChangeKind,
  type AdjustmentPublication,
  type AdjustmentRoute,
  type AdjustmentRouteKind,
  adjustmentRouteOfRecord,
  type AdjustmentStatus,
  adjustmentStatus,
  type AdjustmentTrigger,
  type Approval,
  changeAddsDuties,
  deriveAdjustmentRoute,
  type Proposer,
  type TriggerKind,
} from "./adjustment.ts";
