import type { RoundingOptions } from "@dutylist/core";
import type { ScoreFact } from "@dutylist/workbook";
import { resolveArrayConnection } from "@pothos/plugin-relay";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { loadAssessment, loadScoreFacts } from "../loaded-assessment.ts";
import { IndicatorMethodEnum, ScoreTrackEnum } from "./assessment-results.ts";
import { DomainErrors } from "./errors.ts";
import { EXACT, PRESENTED, presented, SAME_AS_PRESENTED, type WithRounding } from "./presented.ts";

// Flat facts for BI tools: one row per subject × indicator, computed from the assessment (not
// stored), in a stable order (subject code, then indicator code) and paged by offset cursors. The
// rows are built by `scoreFacts`, which the downloads (/export/…-scores) share.

const TownshipScoreFactRef = builder.objectRef<WithRounding<ScoreFact>>("TownshipScoreFact").implement({
  description: "One township × one indicator of a year's assessment: a flat row for BI tools",
  fields: (t) => ({
    year: t.exposeInt("year"),
    townshipCode: t.exposeString("subjectCode"),
    townshipName: t.exposeString("subjectName"),
    indicatorCode: t.string({ resolve: (f) => f.view.result.indicator.code }),
    indicatorName: t.string({ resolve: (f) => f.view.result.indicator.name }),
    firstLevelCode: t.string({ resolve: (f) => f.view.result.indicator.parentCode }),
    firstLevelName: t.string({ nullable: true, resolve: (f) => f.view.firstLevel?.name ?? null }),
    track: t.field({ type: ScoreTrackEnum, nullable: true, resolve: (f) => f.view.result.indicator.track }),
    method: t.field({ type: IndicatorMethodEnum, resolve: (f) => f.view.result.indicator.method.kind }),
    points: t.field({ type: "Decimal", resolve: (f) => f.view.result.points }),
    score: t.field({
      type: "Decimal",
      description: PRESENTED,
      resolve: (f) => presented(f.view.result.score, f.rounding),
    }),
    scoreExact: t.field({ type: "Decimal", description: EXACT, resolve: (f) => f.view.result.score }),
    scoreRounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (f) => presented(f.view.result.score, f.rounding),
    }),
    applicable: t.boolean({ resolve: (f) => f.view.result.applicable }),
    recordCount: t.int({ description: "records that count", resolve: (f) => f.view.result.recordCount }),
    excludedCount: t.int({
      description: "records on this indicator left out, with a reason (S7)",
      resolve: (f) => f.view.excludedCount,
    }),
  }),
});

const DepartmentScoreFactRef = builder.objectRef<WithRounding<ScoreFact>>("DepartmentScoreFact").implement({
  description: "One department × one indicator of a year's assessment: a flat row for BI tools",
  fields: (t) => ({
    year: t.exposeInt("year"),
    departmentCode: t.exposeString("subjectCode"),
    departmentName: t.exposeString("subjectName"),
    indicatorCode: t.string({ resolve: (f) => f.view.result.indicator.code }),
    indicatorName: t.string({ resolve: (f) => f.view.result.indicator.name }),
    firstLevelCode: t.string({ resolve: (f) => f.view.result.indicator.parentCode }),
    firstLevelName: t.string({ nullable: true, resolve: (f) => f.view.firstLevel?.name ?? null }),
    method: t.field({ type: IndicatorMethodEnum, resolve: (f) => f.view.result.indicator.method.kind }),
    points: t.field({ type: "Decimal", resolve: (f) => f.view.result.points }),
    score: t.field({
      type: "Decimal",
      description: PRESENTED,
      resolve: (f) => presented(f.view.result.score, f.rounding),
    }),
    scoreExact: t.field({ type: "Decimal", description: EXACT, resolve: (f) => f.view.result.score }),
    scoreRounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (f) => presented(f.view.result.score, f.rounding),
    }),
    applicable: t.boolean({ resolve: (f) => f.view.result.applicable }),
    recordCount: t.int({ resolve: (f) => f.view.result.recordCount }),
    excludedCount: t.int({ resolve: (f) => f.view.excludedCount }),
  }),
});

// The rows with their rounding, made once per kept row (the rows are kept with the report, the
// rounding with the policy: both by the county's revision).
const rounded = new WeakMap<ScoreFact, WithRounding<ScoreFact>>();

/** Facts with the county's rounding (loaded once per request with the facts themselves). */
function withRounding(facts: readonly ScoreFact[], rounding: RoundingOptions): WithRounding<ScoreFact>[] {
  return facts.map((fact) => {
    let row = rounded.get(fact);
    if (row?.rounding !== rounding) {
      row = { ...fact, rounding };
      rounded.set(fact, row);
    }
    return row;
  });
}

// Large pages: a BI extract reads everything, and the rows are already in memory.
const PAGE = { defaultSize: 100, maxSize: 1_000 } as const;

builder.queryField("townshipScoreFacts", (t) =>
  t.connection(
    {
      authScopes: access("townshipScoreFacts", inCounty),
      type: TownshipScoreFactRef,
      description:
        "The year's township scores as flat facts, one per township × indicator, ordered by township then indicator code",
      errors: { types: [DomainErrors] },
      args: {
        countyCode: t.arg.string({ required: true }),
        year: t.arg.int({ required: true }),
        knownOn: t.arg({ type: "Date", description: "scores from what had been recorded by this day (L2)" }),
        townshipCode: t.arg.string(),
        indicatorCode: t.arg.string(),
        firstLevelCode: t.arg.string(),
      },
      resolve: async (_root, args, ctx) => {
        const rows = await loadScoreFacts(ctx, args, "TOWNSHIP", {
          subjectCode: args.townshipCode,
          indicatorCode: args.indicatorCode,
          firstLevelCode: args.firstLevelCode,
        });
        const { rounding } = (await loadAssessment(ctx, args.countyCode, args.year, args.knownOn ?? null))
          .policy;
        return resolveArrayConnection({ args, ...PAGE }, withRounding(rows, rounding));
      },
    },
    {
      name: "TownshipScoreFactConnection",
      fields: (c) => ({
        totalCount: c.int({
          description: "rows matching the filters, on every page",
          resolve: (p) => p.totalCount,
        }),
      }),
    },
    { name: "TownshipScoreFactEdge" },
  ),
);

builder.queryField("departmentScoreFacts", (t) =>
  t.connection(
    {
      authScopes: access("departmentScoreFacts", inCounty),
      type: DepartmentScoreFactRef,
      description:
        "The year's department scores as flat facts, one per department × indicator, ordered by department then indicator code",
      errors: { types: [DomainErrors] },
      args: {
        countyCode: t.arg.string({ required: true }),
        year: t.arg.int({ required: true }),
        knownOn: t.arg({ type: "Date", description: "scores from what had been recorded by this day (L2)" }),
        departmentCode: t.arg.string(),
        indicatorCode: t.arg.string(),
        firstLevelCode: t.arg.string(),
      },
      resolve: async (_root, args, ctx) => {
        const rows = await loadScoreFacts(ctx, args, "DEPARTMENT", {
          subjectCode: args.departmentCode,
          indicatorCode: args.indicatorCode,
          firstLevelCode: args.firstLevelCode,
        });
        const { rounding } = (await loadAssessment(ctx, args.countyCode, args.year, args.knownOn ?? null))
          .policy;
        return resolveArrayConnection({ args, ...PAGE }, withRounding(rows, rounding));
      },
    },
    {
      name: "DepartmentScoreFactConnection",
      fields: (c) => ({
        totalCount: c.int({
          description: "rows matching the filters, on every page",
          resolve: (p) => p.totalCount,
        }),
      }),
    },
    { name: "DepartmentScoreFactEdge" },
  ),
);
