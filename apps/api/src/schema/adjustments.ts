import {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentRoute,
  type AdjustmentStatus,
  type Approval,
  type ApprovalSigner,
  adjustmentRouteOfRecord,
  adjustmentStatus,
  approveAdjustment,
  buildListIndex,
  type CountyDataset,
  type ItemContent,
  type ListEntry,
  type ListIndex,
  type Proposer,
  proposeAdjustment,
  publishAdjustment,
  type ResemblanceFlag,
} from "@dutylist/core";
import { access, inCounty, proposalTarget, signerOf } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import { changeCounty } from "../county-change.ts";
import { resemblanceOptions } from "../resemblance-options.ts";
import {
  AdjustmentChangeKindEnum,
  AdjustmentProposalInput,
  ProposerKindEnum,
  TriggerKindEnum,
  toAdjustmentProposal,
} from "./adjustment-input.ts";
import { LegalCitationRef, ListTypeEnum } from "./county.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import { ListEntryRef } from "./lists.ts";
import { ResemblanceFlagRef } from "./resemblance.ts";

/** An adjustment with the route and status the core derives for it. */
interface AdjustmentView {
  readonly adjustment: Adjustment;
  readonly route: AdjustmentRoute;
  readonly status: AdjustmentStatus;
}

function viewAdjustment(adjustment: Adjustment, index: ListIndex): AdjustmentView {
  const route = adjustmentRouteOfRecord(adjustment, index);
  return { adjustment, route, status: adjustmentStatus(adjustment, route) };
}

/** The adjustment as stored after a write. */
function storedAdjustment(county: CountyDataset, id: string): AdjustmentView {
  const adjustment = county.adjustments.find((a) => a.id === id);
  if (adjustment === undefined) throw new Error(`adjustment ${id} was written but is not stored`);
  return viewAdjustment(adjustment, buildListIndex(county.entries));
}

const ApprovalLevelEnum = builder.enumType("ApprovalLevel", {
  description: "县级 / 省级",
  values: ["COUNTY", "PROVINCE"] as const,
});

const AdjustmentStatusEnum = builder.enumType("AdjustmentStatus", {
  description: "proposed; approved at every level its route requires; published (L4)",
  values: ["PROPOSED", "APPROVED", "PUBLISHED"] as const,
});

const AdjustmentRouteKindEnum = builder.enumType("AdjustmentRouteKind", {
  description: "职责准入 (county and provincial approval) / 动态调整 (county approval) (L4)",
  values: ["ACCESS", "DYNAMIC"] as const,
});

const ItemContentRef = builder.objectRef<ItemContent>("ItemContent").implement({
  description: "An item's content as a change states it",
  fields: (t) => ({
    category: t.exposeString("category"),
    name: t.exposeString("name"),
    tasks: t.stringList({ resolve: (c) => [...c.tasks] }),
    basis: t.field({ type: [LegalCitationRef], resolve: (c) => [...c.basis] }),
  }),
});

const termsOf = (c: AdjustmentChange) => (c.kind === "REMOVE" ? undefined : c.terms);

const AdjustmentChangeRef = builder.objectRef<AdjustmentChange>("AdjustmentChange").implement({
  description: "One change of an adjustment (L3) with the new list type and parties it sets",
  fields: (t) => ({
    kind: t.field({ type: AdjustmentChangeKindEnum, resolve: (c) => c.kind }),
    townshipCode: t.exposeString("townshipCode"),
    itemCode: t.exposeString("itemCode"),
    listType: t.field({
      type: ListTypeEnum,
      nullable: true,
      description: "the new list type; null for a removal or an amendment of content only",
      resolve: (c) => termsOf(c)?.type ?? null,
    }),
    leadDepartments: t.stringList({
      resolve: (c) => {
        const terms = termsOf(c);
        return terms?.type === "COOPERATIVE" ? [...terms.leadDepartments] : [];
      },
    }),
    departmentDuty: t.string({
      nullable: true,
      resolve: (c) => {
        const terms = termsOf(c);
        return terms?.type === "COOPERATIVE" ? terms.departmentDuty : null;
      },
    }),
    cooperationContent: t.stringList({
      resolve: (c) => {
        const terms = termsOf(c);
        return terms?.type === "COOPERATIVE" ? [...terms.cooperationContent] : [];
      },
    }),
    receivingDepartment: t.string({
      nullable: true,
      resolve: (c) => {
        const terms = termsOf(c);
        return terms?.type === "RECLAIMED" ? terms.receivingDepartment : null;
      },
    }),
    wayOfWorking: t.string({
      nullable: true,
      resolve: (c) => {
        const terms = termsOf(c);
        return terms?.type === "RECLAIMED" ? terms.wayOfWorking : null;
      },
    }),
    content: t.field({
      type: ItemContentRef,
      nullable: true,
      description: "new content (an item new to the catalogue, or amended tasks or basis)",
      resolve: (c) => (c.kind === "ADD" || c.kind === "AMEND" ? (c.content ?? null) : null),
    }),
  }),
});

const TriggerRef = builder.objectRef<Adjustment["trigger"]>("AdjustmentTrigger").implement({
  description: "What set the adjustment off (调整依据), with its document",
  fields: (t) => ({
    kind: t.field({ type: TriggerKindEnum, resolve: (tr) => tr.kind }),
    reference: t.exposeString("reference"),
  }),
});

const ProposerRef = builder.objectRef<Proposer>("Proposer").implement({
  fields: (t) => ({
    kind: t.field({ type: ProposerKindEnum, resolve: (p) => p.kind }),
    code: t.string({
      nullable: true,
      description: "the proposing department or township",
      resolve: (p) =>
        p.kind === "DEPARTMENT" ? p.departmentCode : p.kind === "TOWNSHIP" ? p.townshipCode : null,
    }),
  }),
});

const ApprovalSignerRef = builder.objectRef<ApprovalSigner>("ApprovalSigner").implement({
  description: "The signed-in user who gave an approval, as their token named them",
  fields: (t) => ({
    subject: t.exposeString("subject", { description: "the identity provider's id of the user" }),
    name: t.exposeString("name"),
    role: t.exposeString("role", { description: "the role they approved in (AccessRole)" }),
  }),
});

const ApprovalRef = builder.objectRef<Approval>("Approval").implement({
  description: "An approval on the record (审批记录)",
  fields: (t) => ({
    level: t.field({ type: ApprovalLevelEnum, resolve: (a) => a.level }),
    authority: t.exposeString("authority"),
    signedBy: t.field({
      type: ApprovalSignerRef,
      nullable: true,
      description: "who gave the approval through the API; null for an approval imported from a workbook",
      resolve: (a) => a.signedBy ?? null,
    }),
    approvedOn: t.field({ type: "Date", resolve: (a) => a.approvedOn }),
    documentNo: t.exposeString("documentNo", { nullable: true }),
  }),
});

const PublicationRef = builder
  .objectRef<NonNullable<Adjustment["publication"]>>("AdjustmentPublication")
  .implement({
    fields: (t) => ({
      publishedOn: t.field({ type: "Date", resolve: (p) => p.publishedOn }),
      effectiveFrom: t.field({ type: "Date", resolve: (p) => p.effectiveFrom }),
    }),
  });

const AdjustmentRouteRef = builder.objectRef<AdjustmentRoute>("AdjustmentRoute").implement({
  description: "The approval route the adjustment takes (L4), and why",
  fields: (t) => ({
    route: t.field({ type: AdjustmentRouteKindEnum, resolve: (r) => r.route }),
    requiredApprovals: t.field({ type: [ApprovalLevelEnum], resolve: (r) => [...r.requiredApprovals] }),
    dutyAddingChanges: t.field({
      type: ["Int"],
      description: "positions (from 0) of the changes that add duties to a township",
      resolve: (r) => [...r.dutyAddingChanges],
    }),
    reason: t.exposeString("reason"),
  }),
});

const AdjustmentRef = builder.objectRef<AdjustmentView>("Adjustment").implement({
  description: "A proposed, approved or published adjustment of a county's lists (L3, L4)",
  fields: (t) => ({
    id: t.string({ resolve: (v) => v.adjustment.id }),
    countyCode: t.string({ resolve: (v) => v.adjustment.countyCode }),
    title: t.string({ resolve: (v) => v.adjustment.title }),
    reason: t.string({ resolve: (v) => v.adjustment.reason }),
    trigger: t.field({ type: TriggerRef, resolve: (v) => v.adjustment.trigger }),
    proposer: t.field({ type: ProposerRef, resolve: (v) => v.adjustment.proposer }),
    proposedOn: t.field({ type: "Date", resolve: (v) => v.adjustment.proposedOn }),
    changes: t.field({ type: [AdjustmentChangeRef], resolve: (v) => [...v.adjustment.changes] }),
    approvals: t.field({ type: [ApprovalRef], resolve: (v) => [...v.adjustment.approvals] }),
    publication: t.field({ type: PublicationRef, nullable: true, resolve: (v) => v.adjustment.publication }),
    route: t.field({ type: AdjustmentRouteRef, resolve: (v) => v.route }),
    status: t.field({ type: AdjustmentStatusEnum, resolve: (v) => v.status }),
  }),
});

builder.queryField("adjustments", (t) =>
  t.field({
    authScopes: access("adjustments", inCounty),
    type: [AdjustmentRef],
    nullable: true,
    description: "A county's adjustments by id, each with its route and status; null for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      status: t.arg({ type: AdjustmentStatusEnum }),
    },
    resolve: async (_root, args, ctx) => {
      const county = await ctx.county(args.countyCode);
      if (county === null) return null;
      const views = county.dataset.adjustments.map((a) => viewAdjustment(a, county.determinations.index));
      return args.status == null ? views : views.filter((v) => v.status === args.status);
    },
  }),
);

const ProposedAdjustmentRef = builder
  .objectRef<{
    adjustment: AdjustmentView;
    route: AdjustmentRoute;
    resemblances: readonly ResemblanceFlag[];
  }>("ProposedAdjustment")
  .implement({
    fields: (t) => ({
      adjustment: t.field({ type: AdjustmentRef, resolve: (p) => p.adjustment }),
      route: t.field({ type: AdjustmentRouteRef, resolve: (p) => p.route }),
      resemblances: t.field({
        type: [ResemblanceFlagRef],
        description: "changes that resemble an item reclaimed from the township (L6)",
        resolve: (p) => [...p.resemblances],
      }),
    }),
  });

const PublishedAdjustmentRef = builder
  .objectRef<{ adjustment: AdjustmentView; closed: readonly ListEntry[]; opened: readonly ListEntry[] }>(
    "PublishedAdjustment",
  )
  .implement({
    fields: (t) => ({
      adjustment: t.field({ type: AdjustmentRef, resolve: (p) => p.adjustment }),
      closed: t.field({
        type: [ListEntryRef],
        description: "entries closed on the effective date",
        resolve: (p) => [...p.closed],
      }),
      opened: t.field({
        type: [ListEntryRef],
        description: "entries opened on the effective date",
        resolve: (p) => [...p.opened],
      }),
    }),
  });

builder.mutationField("proposeAdjustment", (t) =>
  t.field({
    authScopes: access("proposeAdjustment", (a) => proposalTarget(a.countyCode, a.input)),
    type: ProposedAdjustmentRef,
    description: "Records a proposed adjustment (L3) with its route (L4) and resemblance flags (L6)",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      input: t.arg({ type: AdjustmentProposalInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const proposal = toAdjustmentProposal(args.input, ctx.today());
      if (!proposal.ok) throw new DomainErrors(proposal.errors);
      const options = await resemblanceOptions(ctx, args.countyCode);
      const { outcome, county } = await changeCounty(
        ctx,
        args.countyCode,
        (d) => proposeAdjustment(d, proposal.value, options),
        stampOf(ctx, "proposeAdjustment", args),
      );
      return {
        adjustment: storedAdjustment(county, outcome.adjustment.id),
        route: outcome.route,
        resemblances: outcome.resemblances,
      };
    },
  }),
);

builder.mutationField("approveAdjustment", (t) =>
  t.field({
    authScopes: access("approveAdjustment", (a) => ({ countyCode: a.countyCode, approvalLevel: a.level })),
    type: AdjustmentRef,
    description: "Puts an approval on an unpublished adjustment's record (L3); one per level",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      adjustmentId: t.arg.string({ required: true }),
      level: t.arg({
        type: ApprovalLevelEnum,
        required: true,
        description: "COUNTY by the list office (编办), PROVINCE by a provincial approver only (L4)",
      }),
      approvedOn: t.arg({ type: "Date", required: true }),
      documentNo: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      // Signed by who gives it (granted by the access check, so there is an actor): the authority
      // is the signer's name, never free text.
      const signer = signerOf(ctx);
      const approval: Approval = {
        level: args.level,
        authority: signer.name,
        signedBy: signer,
        approvedOn: args.approvedOn,
        documentNo: args.documentNo ?? null,
        recordedOn: ctx.today(),
      };
      const { county } = await changeCounty(
        ctx,
        args.countyCode,
        (d) => approveAdjustment(d, args.adjustmentId, approval),
        stampOf(ctx, "approveAdjustment", args),
      );
      return storedAdjustment(county, args.adjustmentId);
    },
  }),
);

builder.mutationField("publishAdjustment", (t) =>
  t.field({
    authScopes: access("publishAdjustment", inCounty),
    type: PublishedAdjustmentRef,
    description:
      "Publishes an adjustment with the approvals its route requires (L4): closes and opens list entries from the effective date (L2), all or nothing",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      adjustmentId: t.arg.string({ required: true }),
      publishedOn: t.arg({ type: "Date", required: true }),
      effectiveFrom: t.arg({ type: "Date", description: "defaults to the publication date" }),
    },
    resolve: async (_root, args, ctx) => {
      const options = {
        publishedOn: args.publishedOn,
        recordedOn: ctx.today(),
        ...(args.effectiveFrom == null ? {} : { effectiveFrom: args.effectiveFrom }),
      };
      const { outcome, county } = await changeCounty(
        ctx,
        args.countyCode,
        (d) => publishAdjustment(d, args.adjustmentId, options),
        stampOf(ctx, "publishAdjustment", args),
      );
      return {
        adjustment: storedAdjustment(county, args.adjustmentId),
        closed: outcome.closed,
        opened: outcome.opened,
      };
    },
  }),
);
