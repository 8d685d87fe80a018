import {
  type AssessmentPlan,
  type AssessmentReport,
  compressIndicators,
  compressionOfCounts,
  type DomainError,
  excludedTotal,
  type IndicatorCompression,
  type IndicatorReach,
  invalidField,
  type LevelCompression,
  PLAN_ISSUE_CODES,
  PLAN_ISSUE_KINDS,
  type PlanIssue,
  type PlanValidation,
  type RoundingOptions,
  validateAssessmentPlan,
} from "@dutylist/core";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import type { JudgedRecordSource } from "../judged-record-source.ts";
import { loadAssessment, loadPreviousPlan } from "../loaded-assessment.ts";
import {
  DepartmentAssessmentRef,
  ExcludedRecordRef,
  pageArgs,
  pageOf,
  TownshipAssessmentRef,
} from "./assessment-results.ts";
import { DomainErrors } from "./errors.ts";
// The what-if simulation and the BI fact connections sit beside the assessment they read.
import "./assessment-facts.ts";
import "./assessment-what-if.ts";

// ─── assessment ───────────────────────────────────────────────────────────────────────────────

interface AssessmentView {
  readonly plan: AssessmentPlan;
  readonly report: AssessmentReport;
  readonly source: JudgedRecordSource;
  /** The county's rounding (政策设定), which presents the figures (S8). */
  readonly rounding: RoundingOptions;
}

const AssessmentRef = builder.objectRef<AssessmentView>("Assessment").implement({
  description:
    "A county's annual assessment (依单考核, S1–S9): townships and departments scored, ranked and graded",
  fields: (t) => ({
    countyCode: t.string({ resolve: (a) => a.plan.countyCode }),
    year: t.int({ resolve: (a) => a.plan.year }),
    planId: t.string({ resolve: (a) => a.plan.id }),
    planTitle: t.string({ resolve: (a) => a.plan.title }),
    townships: t.field({
      type: [TownshipAssessmentRef],
      description: "in rank order, ties by code",
      resolve: (a) =>
        a.report.townships.map((report) => ({
          report,
          plan: a.plan,
          source: a.source,
          rounding: a.rounding,
        })),
    }),
    departments: t.field({
      type: [DepartmentAssessmentRef],
      description: "in rank order, ties by code",
      resolve: (a) =>
        a.report.departments.map((report) => ({
          report,
          plan: a.plan,
          source: a.source,
          rounding: a.rounding,
        })),
    }),
    excluded: t.field({
      type: [ExcludedRecordRef],
      description: "every excluded record of the year, whoever it is about (S7), in record id order",
      args: pageArgs,
      resolve: (a, args) => a.source.excluded({}, pageOf(args)),
    }),
    excludedCount: t.int({ resolve: (a) => excludedTotal(a.report.scored.exclusions) }),
  }),
});

builder.queryField("assessment", (t) =>
  t.field({
    authScopes: access("assessment", inCounty),
    type: AssessmentRef,
    description:
      "The year's assessment of a county from its stored plan and records, each record judged against the lists in force on its date (S7); with knownOn, from the lists, ledger and records recorded by that day (L2)",
    errors: { types: [DomainErrors] },
    args: {
      countyCode: t.arg.string({ required: true }),
      year: t.arg.int({ required: true }),
      knownOn: t.arg({
        type: "Date",
        description: "score from what had been recorded by this day (L2); default: everything stored",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const loaded = await loadAssessment(ctx, args.countyCode, args.year, args.knownOn ?? null);
      return {
        plan: loaded.plan,
        report: await loaded.report(),
        source: loaded.source,
        rounding: loaded.policy.rounding,
      };
    },
  }),
);

// ─── validateAssessmentPlan ───────────────────────────────────────────────────────────────────

const PlanIssueCodeEnum = builder.enumType("PlanIssueCode", { values: PLAN_ISSUE_CODES });
const PlanIssueSeverityEnum = builder.enumType("PlanIssueSeverity", {
  description: "An ERROR makes the plan invalid; a WARNING is shown to whoever compiles it",
  values: ["ERROR", "WARNING"] as const,
});

const PlanIssueRef = builder.objectRef<PlanIssue>("PlanIssue").implement({
  description: "One problem of an assessment plan, naming the indicator, the rule and the items (S1–S10)",
  fields: (t) => ({
    code: t.field({ type: PlanIssueCodeEnum, resolve: (i) => i.code }),
    severity: t.field({ type: PlanIssueSeverityEnum, resolve: (i) => i.severity }),
    title: t.string({
      description: "the code's Chinese title",
      resolve: (i) => PLAN_ISSUE_KINDS[i.code].title,
    }),
    ruleId: t.exposeString("ruleId"),
    indicatorCode: t.exposeString("indicatorCode", {
      nullable: true,
      description: "null for the plan as a whole",
    }),
    message: t.exposeString("message"),
    itemCodes: t.stringList({ resolve: (i) => [...i.itemCodes] }),
    townshipCodes: t.stringList({ resolve: (i) => [...i.townshipCodes] }),
  }),
});

const IndicatorReachRef = builder.objectRef<IndicatorReach>("IndicatorReach").implement({
  description: "What a second-level indicator resolves to on the lists of the plan's year",
  fields: (t) => ({
    indicatorCode: t.exposeString("indicatorCode"),
    boundItems: t.stringList({ resolve: (r) => [...r.boundItems] }),
    townships: t.stringList({ resolve: (r) => [...r.townships] }),
    departments: t.stringList({ resolve: (r) => [...r.departments] }),
  }),
});

const PlanValidationRef = builder
  .objectRef<{ plan: AssessmentPlan; validation: PlanValidation }>("PlanValidation")
  .implement({
    description: "The verdict on a stored plan against the county's lists of its year: every issue at once",
    fields: (t) => ({
      planId: t.string({ resolve: (v) => v.plan.id }),
      planTitle: t.string({ resolve: (v) => v.plan.title }),
      valid: t.boolean({ description: "no ERROR among the issues", resolve: (v) => v.validation.valid }),
      issues: t.field({ type: [PlanIssueRef], resolve: (v) => [...v.validation.issues] }),
      perIndicator: t.field({ type: [IndicatorReachRef], resolve: (v) => [...v.validation.perIndicator] }),
    }),
  });

builder.queryField("validateAssessmentPlan", (t) =>
  t.field({
    authScopes: access("validateAssessmentPlan", inCounty),
    type: PlanValidationRef,
    description:
      "Checks the county's stored plan of a year: township indicators bind only basic or cooperative items (S1–S3), department ones reclaimed or led items (S4–S6), methods and levels well formed (S8, S10)",
    errors: { types: [DomainErrors] },
    args: { countyCode: t.arg.string({ required: true }), year: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { plan, county } = await loadAssessment(ctx, args.countyCode, args.year);
      return { plan, validation: validateAssessmentPlan(plan, county.dataset) };
    },
  }),
);

// ─── indicatorCompression ─────────────────────────────────────────────────────────────────────

const CompressionBasisEnum = builder.enumType("CompressionBasis", {
  description:
    "What the plan was compared with: counts given in the query, or the previous year's stored plan",
  values: ["GIVEN_COUNTS", "PREVIOUS_PLAN"] as const,
});

const LevelCompressionRef = builder.objectRef<LevelCompression>("LevelCompression").implement({
  description: "How far one level of indicators went down: rate = (previous − current) / previous (S10)",
  fields: (t) => ({
    level: t.int({ description: "1 = 一级指标, 2 = 二级指标", resolve: (c) => c.level }),
    previous: t.exposeInt("previous"),
    current: t.exposeInt("current"),
    removed: t.exposeInt("removed", { description: "negative when the count grew" }),
    rate: t.field({ type: "Decimal", description: "exact fraction, e.g. 0.12", resolve: (c) => c.rate }),
    ratePercent: t.field({
      type: "Decimal",
      description: 'the rate as a percentage, rounded for presentation, e.g. "12.00"',
      resolve: (c) => c.ratePercent,
    }),
  }),
});

interface CompressionView {
  readonly plan: AssessmentPlan;
  readonly basis: "GIVEN_COUNTS" | "PREVIOUS_PLAN";
  readonly previousPlanId: string | null;
  readonly compression: IndicatorCompression;
}

const IndicatorCompressionRef = builder.objectRef<CompressionView>("IndicatorCompression").implement({
  description: "Indicator compression of a county's plan against the previous one, per level (S10)",
  fields: (t) => ({
    countyCode: t.string({ resolve: (c) => c.plan.countyCode }),
    year: t.int({ resolve: (c) => c.plan.year }),
    planId: t.string({ resolve: (c) => c.plan.id }),
    basis: t.field({ type: CompressionBasisEnum, resolve: (c) => c.basis }),
    previousPlanId: t.string({ nullable: true, resolve: (c) => c.previousPlanId }),
    firstLevel: t.field({ type: LevelCompressionRef, resolve: (c) => c.compression.firstLevel }),
    secondLevel: t.field({ type: LevelCompressionRef, resolve: (c) => c.compression.secondLevel }),
  }),
});

function checkCounts(first: number | null | undefined, second: number | null | undefined): DomainError[] {
  const problems: DomainError[] = [];
  for (const [field, value] of [
    ["previousFirstLevel", first],
    ["previousSecondLevel", second],
  ] as const) {
    if (value != null && value < 0) problems.push(invalidField(field, `${field}:指标数不能为负数(${value})`));
  }
  if ((first == null) !== (second == null)) {
    const missing = first == null ? "previousFirstLevel" : "previousSecondLevel";
    problems.push(invalidField(missing, `${missing}:上一方案的一级、二级指标数须同时给出`));
  }
  return problems;
}

builder.queryField("indicatorCompression", (t) =>
  t.field({
    authScopes: access("indicatorCompression", inCounty),
    type: IndicatorCompressionRef,
    description:
      "Indicator compression (S10) of the county's plan of a year: against the previous plan's counts when given, otherwise against the stored plan of the year before",
    errors: { types: [DomainErrors] },
    args: {
      countyCode: t.arg.string({ required: true }),
      year: t.arg.int({ required: true }),
      previousFirstLevel: t.arg.int({
        description: "一级指标 of the previous plan (with previousSecondLevel)",
      }),
      previousSecondLevel: t.arg.int({
        description: "二级指标 of the previous plan (with previousFirstLevel)",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const [first, ...rest] = checkCounts(args.previousFirstLevel, args.previousSecondLevel);
      if (first !== undefined) throw new DomainErrors([first, ...rest]);
      const { plan } = await loadAssessment(ctx, args.countyCode, args.year);
      if (args.previousFirstLevel != null && args.previousSecondLevel != null) {
        const level = <L extends 1 | 2>(level: L, previous: number, current: number) => ({
          level,
          ...compressionOfCounts(previous, current),
        });
        return {
          plan,
          basis: "GIVEN_COUNTS" as const,
          previousPlanId: null,
          compression: {
            firstLevel: level(1, args.previousFirstLevel, plan.firstLevel.length),
            secondLevel: level(2, args.previousSecondLevel, plan.indicators.length),
          },
        };
      }
      const previous = await loadPreviousPlan(ctx, plan);
      if (previous === null) {
        throw new DomainErrors([
          {
            _tag: "NOT_FOUND",
            kind: "COUNTY",
            id: `${plan.countyCode}/${plan.year - 1}`,
            message: `${plan.countyCode} 没有 ${plan.year - 1} 年度考核方案:请给出上一方案的指标数 previousFirstLevel、previousSecondLevel`,
          },
        ]);
      }
      return {
        plan,
        basis: "PREVIOUS_PLAN" as const,
        previousPlanId: previous.id,
        compression: compressIndicators(previous, plan),
      };
    },
  }),
);
