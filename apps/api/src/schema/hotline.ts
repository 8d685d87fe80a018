import {
  type Dispatch,
  type DispatchParty,
  type DomainError,
  dispatchByLists,
  dispatchDesk,
  type IsoDate,
  unassignedDispatch,
} from "@dutylist/core";
import type { HotlineMatcher, MatchCandidate, WorkOrderMatch } from "@dutylist/hotline";
import { correctWorkOrder, loadWorkOrder, type StoredWorkOrder, saveWorkOrders } from "@dutylist/store";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import type { Context } from "../context.ts";
import { countyNotFound } from "../county-change.ts";
import { requireListRecorded } from "../domain-errors.ts";
import { hotlineMatcher } from "../hotline-matcher.ts";
import { LegalCitationRef, ListTypeEnum } from "./county.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import "./hotline-facts.ts";

// H1: 12345 work orders matched to the items in force and dispatched by the lists.

export const DispatchPartyKindEnum = builder.enumType("DispatchPartyKind", {
  description: "乡镇(街道) / 县级部门 / 县12345热线派单席 (the desk holds what no list gives anyone, A11)",
  values: ["TOWNSHIP", "DEPARTMENT", "DESK"] as const,
});

export const DispatchPartyRef = builder.objectRef<DispatchParty>("DispatchParty").implement({
  fields: (t) => ({
    kind: t.field({ type: DispatchPartyKindEnum, resolve: (p) => p.kind }),
    code: t.exposeString("code"),
    name: t.exposeString("name"),
  }),
});

const CandidateRef = builder.objectRef<MatchCandidate>("WorkOrderCandidate").implement({
  description: "An item the order's words resemble, with its BM25 score",
  fields: (t) => ({
    itemCode: t.exposeString("itemCode"),
    score: t.exposeFloat("score"),
    onLists: t.exposeBoolean("onLists", { description: "on the township's lists on the day received" }),
  }),
});

const ItemRef = builder.objectRef<{ code: string; name: string }>("WorkOrderItem").implement({
  fields: (t) => ({ code: t.exposeString("code"), name: t.exposeString("name") }),
});

const UnassignedReasonEnum = builder.enumType("UnassignedReason", {
  description:
    "NO_MATCH: no item (or a topic no list covers); NOT_ON_LISTS: the item is not on the township's lists that day",
  values: ["NO_MATCH", "NOT_ON_LISTS"] as const,
});

/** A dispatch with what the matcher saw: the GraphQL shape of both the machine's and a correction. */
interface Dispatched {
  readonly dispatch: Dispatch;
  readonly candidates: readonly MatchCandidate[];
}

const dispatchFields = builder.objectRef<Dispatched>("WorkOrderMatch").implement({
  description:
    "H1: an order matched to the items in force in its township on the day received and dispatched by the item's list type; unassigned orders stay at the county's desk (A11)",
  fields: (t) => ({
    unassigned: t.boolean({ resolve: (d) => d.dispatch.unassigned }),
    unassignedReason: t.field({
      type: UnassignedReasonEnum,
      nullable: true,
      resolve: (d) => d.dispatch.unassignedReason,
    }),
    item: t.field({
      type: ItemRef,
      nullable: true,
      resolve: (d) =>
        d.dispatch.itemCode === null ? null : { code: d.dispatch.itemCode, name: d.dispatch.itemName ?? "" },
    }),
    listType: t.field({ type: ListTypeEnum, nullable: true, resolve: (d) => d.dispatch.listType }),
    handler: t.field({
      type: DispatchPartyRef,
      description: "who handles it (the first lead department when a cooperative item has several)",
      resolve: (d) => d.dispatch.handlers[0] as DispatchParty,
    }),
    handlers: t.field({ type: [DispatchPartyRef], resolve: (d) => [...d.dispatch.handlers] }),
    assisting: t.field({
      type: [DispatchPartyRef],
      description: "the township assisting within its cooperation content (cooperative items)",
      resolve: (d) => [...d.dispatch.assisting],
    }),
    reporting: t.field({
      type: [DispatchPartyRef],
      description: "the township that only reports (reclaimed items)",
      resolve: (d) => [...d.dispatch.reporting],
    }),
    townshipPart: t.stringList({
      description: "what the township does: its cooperation content, or its way of working",
      resolve: (d) => [...d.dispatch.townshipPart],
    }),
    basis: t.field({ type: [LegalCitationRef], resolve: (d) => [...d.dispatch.basis] }),
    entryId: t.string({ nullable: true, resolve: (d) => d.dispatch.entryId }),
    reason: t.string({ resolve: (d) => d.dispatch.reason }),
    ruleIds: t.stringList({ resolve: (d) => [...d.dispatch.ruleIds] }),
    candidates: t.field({ type: [CandidateRef], resolve: (d) => [...d.candidates] }),
  }),
});

async function matcherOf(ctx: Context, countyCode: string): Promise<HotlineMatcher> {
  const matcher = await hotlineMatcher(ctx, countyCode);
  if (matcher === null) throw countyNotFound(countyCode);
  return matcher;
}

async function knownTownship(ctx: Context, countyCode: string, code: string, field: string): Promise<void> {
  const county = await ctx.county(countyCode);
  if (county === null) throw countyNotFound(countyCode);
  if (!county.determinations.directory.townships.has(code)) {
    const problem: DomainError = {
      _tag: "INVALID_FIELD",
      field,
      message: `${field}:${countyCode} 没有乡镇 ${code}`,
    };
    throw new DomainErrors([problem]);
  }
}

/** A9: an order of a day before the township's first recorded list is NO_LIST_RECORDED, not the desk's. */
async function listRecorded(
  ctx: Context,
  countyCode: string,
  townshipCode: string,
  on: string,
): Promise<void> {
  const county = await ctx.county(countyCode);
  if (county === null) throw countyNotFound(countyCode);
  const { index, directory } = county.determinations;
  requireListRecorded(
    index,
    countyCode,
    townshipCode,
    on as IsoDate,
    directory.townships.get(townshipCode)?.name,
  );
}

builder.queryField("matchWorkOrder", (t) =>
  t.field({
    authScopes: access("matchWorkOrder", inCounty),
    type: dispatchFields,
    description:
      "Matches an order's text to the items in force in the township that day and dispatches it by the lists (H1); stores nothing",
    errors: { types: [DomainErrors] },
    args: {
      countyCode: t.arg.string({ required: true }),
      townshipCode: t.arg.string({ required: true }),
      receivedOn: t.arg({ type: "Date", required: true }),
      text: t.arg.string({ required: true, description: "what the citizen said, as taken down" }),
    },
    resolve: async (_root, args, ctx) => {
      await knownTownship(ctx, args.countyCode, args.townshipCode, "townshipCode");
      await listRecorded(ctx, args.countyCode, args.townshipCode, args.receivedOn);
      const matcher = await matcherOf(ctx, args.countyCode);
      return matcher.match({
        countyCode: args.countyCode,
        townshipCode: args.townshipCode,
        receivedOn: args.receivedOn,
        text: args.text,
      });
    },
  }),
);

const WorkOrderInput = builder.inputType("WorkOrderInput", {
  fields: (t) => ({
    id: t.string({ required: true, description: "the hotline's order number, unique in the county" }),
    townshipCode: t.string({ description: "the township, when known; else the address decides" }),
    address: t.string({ description: "an address naming a township, village, community or street" }),
    receivedOn: t.field({ type: "Date", required: true }),
    channel: t.string({ required: true, description: "PHONE, WEB, WECHAT, APP …" }),
    text: t.string({ required: true }),
  }),
});

type StoredOrder = StoredWorkOrder & { readonly corrected: Dispatch | null };

const WorkOrderRef = builder.objectRef<StoredOrder>("WorkOrder").implement({
  description:
    "A received 12345 order, the machine's dispatch, and an operator's correction beside it (never over it)",
  fields: (t) => ({
    id: t.exposeString("id"),
    townshipCode: t.string({ nullable: true, resolve: (o) => o.townshipCode }),
    address: t.string({ nullable: true, resolve: (o) => o.address }),
    receivedOn: t.field({ type: "Date", resolve: (o) => o.receivedOn }),
    channel: t.exposeString("channel"),
    text: t.exposeString("text"),
    machine: t.field({
      type: dispatchFields,
      resolve: (o) => ({
        dispatch: o.dispatch,
        candidates: o.candidates.map((c) => ({ ...c, onLists: true })),
      }),
    }),
    corrected: t.field({
      type: dispatchFields,
      nullable: true,
      resolve: (o) => (o.corrected === null ? null : { dispatch: o.corrected, candidates: [] }),
    }),
  }),
});

function stored(
  countyCode: string,
  input: typeof WorkOrderInput.$inferInput,
  m: WorkOrderMatch,
): StoredOrder {
  return {
    countyCode,
    id: input.id,
    townshipCode: m.townshipCode,
    address: input.address ?? null,
    receivedOn: input.receivedOn as IsoDate,
    channel: input.channel,
    text: input.text,
    dispatch: m.dispatch,
    candidates: m.candidates.map(({ itemCode, score }) => ({ itemCode, score })),
    corrected: null,
  };
}

builder.mutationField("receiveWorkOrder", (t) =>
  t.field({
    authScopes: access("receiveWorkOrder", inCounty),
    type: WorkOrderRef,
    description: "Receives an order, matches and dispatches it by the lists of its day (H1), and stores both",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      input: t.arg({ type: WorkOrderInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const { input } = args;
      if (input.townshipCode != null)
        await knownTownship(ctx, args.countyCode, input.townshipCode, "input.townshipCode");
      const matcher = await matcherOf(ctx, args.countyCode);
      const townshipCode =
        input.townshipCode ??
        matcher.townshipOf(args.countyCode, input.address ?? "") ??
        matcher.townshipOf(args.countyCode, input.text);
      if (townshipCode !== null) await listRecorded(ctx, args.countyCode, townshipCode, input.receivedOn);
      const m = matcher.match({
        countyCode: args.countyCode,
        townshipCode,
        receivedOn: input.receivedOn,
        text: input.text,
      });
      const order = stored(args.countyCode, input, m);
      const saved = await saveWorkOrders(
        ctx.db,
        args.countyCode,
        [order],
        stampOf(ctx, "receiveWorkOrder", args),
      );
      if (!saved.ok) throw new StoreRefusal(saved.errors[0]);
      return order;
    },
  }),
);

builder.mutationField("correctWorkOrderDispatch", (t) =>
  t.field({
    authScopes: access("correctWorkOrderDispatch", inCounty),
    type: WorkOrderRef,
    description:
      "An operator's correction: the right item (dispatched by the lists of the order's day) or none (left at the desk). Stored beside the machine's dispatch; the order's words then teach later matching",
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      workOrderId: t.arg.string({ required: true }),
      itemCode: t.arg.string({ description: "the right item; omitted or null: no item covers it" }),
      townshipCode: t.arg.string({
        description: "the right township, when the order's was wrong or missing",
      }),
      note: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const order = await loadWorkOrder(ctx.db, args.countyCode, args.workOrderId);
      const county = await ctx.county(args.countyCode);
      if (order === null || county === null)
        throw new DomainErrors([
          {
            _tag: "NOT_FOUND",
            kind: "RECORD",
            id: args.workOrderId,
            message: `${args.countyCode} 没有工单 ${args.workOrderId}`,
          },
        ]);
      const dataset = county.dataset;
      const desk = dispatchDesk(dataset.county);
      const township = args.townshipCode ?? order.townshipCode;
      if (township != null) await knownTownship(ctx, args.countyCode, township, "townshipCode");
      if (township != null && args.itemCode != null)
        await listRecorded(ctx, args.countyCode, township, order.receivedOn);
      const corrected =
        args.itemCode == null || township == null
          ? unassignedDispatch(desk, "NO_MATCH", `派单员核定:${args.note ?? "该诉求不属于任何清单事项"}`)
          : dispatchByLists(
              county.determinations.index,
              county.determinations.directory,
              desk,
              township,
              order.receivedOn,
              args.itemCode,
            );
      const saved = await correctWorkOrder(
        ctx.db,
        args.countyCode,
        args.workOrderId,
        corrected,
        args.note ?? null,
        stampOf(ctx, "correctWorkOrderDispatch", args),
      );
      if (!saved.ok) throw new StoreRefusal(saved.errors[0]);
      return { ...order, corrected };
    },
  }),
);
