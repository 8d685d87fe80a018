import { buildListReport, type IsoDate, isoDate, type ListReport, type UnassignedItem } from "@dutylist/core";
import { loadPushDownReports } from "@dutylist/store";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { resemblanceOptions } from "../resemblance-options.ts";
import { ListEntryRef } from "./lists.ts";
import { ResemblanceFlagRef } from "./resemblance.ts";

// The county's list review (编办's report): items nobody inside a township is assigned to (L7),
// and what resembles an item reclaimed in the county (L6) — pending adjustments, temporary tasks
// in force and the year's push-down reports — as known on a day (L2).

const MissingAssignmentEnum = builder.enumType("MissingAssignment", {
  description: "领办 (the leading post) or 承办 (the office) (L7)",
  values: ["LEADING_POST", "OFFICE"] as const,
});

const UnassignedItemRef = builder.objectRef<UnassignedItem>("UnassignedItem").implement({
  description: "A basic or cooperative item nobody inside the township is assigned to (L7)",
  fields: (t) => ({
    ruleId: t.exposeString("ruleId"),
    townshipCode: t.exposeString("townshipCode"),
    entry: t.field({ type: ListEntryRef, resolve: (u) => u.entry }),
    missing: t.field({ type: [MissingAssignmentEnum], resolve: (u) => [...u.missing] }),
  }),
});

const ListReviewRef = builder
  .objectRef<ListReport & { readonly knownOn: IsoDate; readonly pushDownsReviewed: number }>("ListReview")
  .implement({
    description: "A county's lists reviewed on a date (L6, L7), as recorded by `knownOn` (L2)",
    fields: (t) => ({
      asOf: t.field({ type: "Date", resolve: (r) => r.asOf }),
      knownOn: t.field({ type: "Date", resolve: (r) => r.knownOn }),
      unassigned: t.field({ type: [UnassignedItemRef], resolve: (r) => [...r.unassigned] }),
      resemblances: t.field({
        type: [ResemblanceFlagRef],
        description:
          "pending adjustments, temporary tasks in force and push-down reports that resemble an item reclaimed in the county, for review, not refusals (L6)",
        resolve: (r) => [...r.resemblances],
      }),
      pushDownsReviewed: t.exposeInt("pushDownsReviewed", {
        description: "push-down reports of the year up to `asOf`, recorded by `knownOn`, that were compared",
      }),
    }),
  });

builder.queryField("listReview", (t) =>
  t.field({
    authScopes: access("listReview", inCounty),
    type: ListReviewRef,
    nullable: true,
    description:
      "Reviews a county's lists on a date: unassigned items (L7) and disguised re-impositions (明减暗增, L6) among pending adjustments, temporary tasks in force and the push-down reports dated from 1 January of that year to the date, each compared with what was reclaimed on its own date; with the county's resemblance threshold (policy, not rule). Null for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      asOf: t.arg({ type: "Date", required: true }),
      knownOn: t.arg({
        type: "Date",
        description: "review what had been recorded by this day (L2 knowledge time; default today)",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const county = await ctx.countyAsKnownOn(args.countyCode, args.knownOn);
      if (county === null) return null;
      const asOf = args.asOf as IsoDate;
      const [options, reports] = await Promise.all([
        resemblanceOptions(ctx, args.countyCode),
        loadPushDownReports(ctx.db, args.countyCode, isoDate(`${asOf.slice(0, 4)}-01-01`), asOf),
      ]);
      // L2: a report recorded after the knowledge date is not part of the answer.
      const pushDowns = reports.filter((r) => r.recordedOn === undefined || r.recordedOn <= county.knownOn);
      const report = buildListReport(county.dataset, asOf, {
        ...(options.threshold === undefined ? {} : { resemblanceThreshold: options.threshold }),
        pushDowns,
      });
      return { ...report, knownOn: county.knownOn, pushDownsReviewed: pushDowns.length };
    },
  }),
);
