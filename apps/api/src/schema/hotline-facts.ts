import type { IsoDate } from "@dutylist/core";
import { toDateColumn } from "@dutylist/store";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";

// H1: the stored work orders as flat facts for BI, one row per order with the machine's dispatch.

builder.prismaObject("WorkOrder", {
  name: "WorkOrderFact",
  description:
    "One stored 12345 order with the machine's dispatch by the lists (H1); corrections are in `correctedItemCode`",
  fields: (t) => ({
    id: t.exposeString("id"),
    townshipCode: t.exposeString("townshipCode", { nullable: true }),
    receivedOn: t.field({ type: "Date", resolve: (o) => o.receivedOn }),
    channel: t.exposeString("channel"),
    unassigned: t.exposeBoolean("unassigned"),
    unassignedReason: t.exposeString("unassignedReason", { nullable: true }),
    itemCode: t.exposeString("itemCode", { nullable: true }),
    listType: t.exposeString("listType", { nullable: true }),
    handlerKind: t.exposeString("handlerKind"),
    handlerCode: t.exposeString("handlerCode"),
    correctedItemCode: t.string({
      nullable: true,
      description: "the latest operator correction's item (null: none, or corrected to no item)",
      resolve: async (o, _args, ctx) =>
        (
          await ctx.db.prisma.workOrderCorrection.findFirst({
            where: { countyId: o.countyId, workOrderId: o.id },
            orderBy: { seq: "desc" },
            select: { itemCode: true },
          })
        )?.itemCode ?? null,
    }),
  }),
});

builder.queryField("workOrderFacts", (t) =>
  t.prismaConnection({
    authScopes: access("workOrderFacts", inCounty),
    type: "WorkOrder",
    cursor: "countyId_id",
    description:
      "A county's stored 12345 orders as flat facts, by day received then id; empty for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      from: t.arg({ type: "Date", description: "received on or after" }),
      to: t.arg({ type: "Date", description: "received before" }),
      handlerCode: t.arg.string(),
    },
    totalCount: (_root, args, ctx) => ctx.db.prisma.workOrder.count({ where: where(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.workOrder.findMany({
        ...query,
        where: where(args),
        orderBy: [{ receivedOn: "asc" }, { id: "asc" }],
      }),
  }),
);

function where(args: {
  readonly countyCode: string;
  readonly from?: string | null | undefined;
  readonly to?: string | null | undefined;
  readonly handlerCode?: string | null | undefined;
}) {
  const received = {
    ...(args.from == null ? {} : { gte: toDateColumn(args.from as IsoDate) }),
    ...(args.to == null ? {} : { lt: toDateColumn(args.to as IsoDate) }),
  };
  return {
    countyId: args.countyCode,
    ...(Object.keys(received).length === 0 ? {} : { receivedOn: received }),
    ...(args.handlerCode == null ? {} : { handlerCode: args.handlerCode }),
  };
}
