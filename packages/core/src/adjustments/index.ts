// Adjustments of the lists and their approval routes (L3, L4): propose, approve, publish.
// The names this concept offers the rest of the core and the package index; the others are its own.

export {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentChangeKind,
  type AdjustmentPublication,
  type AdjustmentRoute,
  type AdjustmentRouteKind,
  type AdjustmentStatus,
  type AdjustmentTrigger,
  type Approval,
  type ApprovalSigner,
  adjustmentRouteOfRecord,
  adjustmentStatus,
  type CitedDocument,
  changeAddsDuties,
  citedDocument,
  deriveAdjustmentRoute,
  type Proposer,
  type TriggerKind,
} from "./adjustment.ts";
export {
  type PublishAdjustmentOptions,
  type PublishAdjustmentOutcome,
  publishAdjustment,
} from "./adjustment-publication.ts";
export {
  type AdjustmentProposal,
  approveAdjustment,
  type ProposeAdjustmentOutcome,
  proposeAdjustment,
  resemblanceProposals,
} from "./adjustment-workflow.ts";
