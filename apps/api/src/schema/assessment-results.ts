import {
  type AssessmentPlan,
  type DepartmentReport,
  describeIndicatorResult,
  EXCLUSION_REASON_NAMES,
  type ExcludedExecutionInput,
  type ExcludedRecord,
  type ExclusionReason,
  excludedTotal,
  type IncludedRecord,
  type JudgedEntry,
  type RecordValue,
  type RoundingOptions,
  type TownshipReport,
  type TrackScore,
} from "@dutylist/core";
import { type IndicatorView, indicatorViews } from "@dutylist/workbook";
import { builder } from "../builder.ts";
import type { JudgedRecordSource, RecordPage } from "../judged-record-source.ts";
import { LegalCitationRef, ListTypeEnum } from "./county.ts";
import { EXACT, PRESENTED, presented, SAME_AS_PRESENTED, type WithRounding } from "./presented.ts";

// The computed results of an assessment (S2–S9) as object refs over the core's types.

export const ScoreTrackEnum = builder.enumType("ScoreTrack", {
  description:
    "核心考核得分 (CORE, from basic items, S2) or 协同评价得分 (COLLABORATIVE, from cooperative items, S3)",
  values: ["CORE", "COLLABORATIVE"] as const,
});

export const IndicatorMethodEnum = builder.enumType("IndicatorMethod", {
  description: "比率法 / 扣分法 / 评分法 / 达标法 (S8)",
  values: ["RATIO", "DEDUCTION", "GRADED", "PASS_FAIL"] as const,
});

export const ExclusionReasonEnum = builder.enumType("ExclusionReason", {
  description: "Why a record does not count (S7); the Chinese name is `reasonName`",
  values: Object.keys(EXCLUSION_REASON_NAMES) as ExclusionReason[],
});

/** The arguments of a list of records fetched a page at a time (in record id order). */
export const pageArgs = builder.args((t) => ({
  first: t.int({ description: "at most this many records (default: all)" }),
  after: t.string({ description: "the records after this record id (the last one of the page before)" }),
}));

/** The page `pageArgs` ask for. */
export const pageOf = (args: {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
}): RecordPage => ({
  first: args.first ?? null,
  after: args.after ?? null,
});

const RecordValueRef = builder.objectRef<RecordValue>("AssessedRecordValue").implement({
  description: "What a record carries, in its indicator's method: fields of other methods are null",
  fields: (t) => ({
    kind: t.field({ type: IndicatorMethodEnum, resolve: (v) => v.kind }),
    achieved: t.field({
      type: "Decimal",
      nullable: true,
      resolve: (v) => (v.kind === "RATIO" ? v.achieved : null),
    }),
    target: t.field({
      type: "Decimal",
      nullable: true,
      resolve: (v) => (v.kind === "RATIO" ? v.target : null),
    }),
    events: t.int({ nullable: true, resolve: (v) => (v.kind === "DEDUCTION" ? v.events : null) }),
    score: t.field({
      type: "Decimal",
      nullable: true,
      resolve: (v) => (v.kind === "GRADED" ? v.score : null),
    }),
    passed: t.boolean({ nullable: true, resolve: (v) => (v.kind === "PASS_FAIL" ? v.passed : null) }),
  }),
});

const JudgedEntryRef = builder.objectRef<JudgedEntry>("JudgedEntry").implement({
  description: "A list entry in force on the dates of an indicator's records, which made them count (S7)",
  fields: (t) => ({
    entryId: t.string({ resolve: (j) => j.entry.id }),
    itemCode: t.string({ resolve: (j) => j.entry.itemCode }),
    itemName: t.string({ resolve: (j) => j.entry.content.name }),
    category: t.string({ resolve: (j) => j.entry.content.category }),
    listType: t.field({ type: ListTypeEnum, resolve: (j) => j.entry.terms.type }),
    effectiveFrom: t.field({ type: "Date", resolve: (j) => j.entry.effectiveFrom }),
    effectiveTo: t.field({ type: "Date", nullable: true, resolve: (j) => j.entry.effectiveTo }),
    // An item cites one to three documents.
    basis: t.field({
      type: [LegalCitationRef],
      complexity: { field: 1, multiplier: 2 },
      resolve: (j) => [...j.entry.content.basis],
    }),
    recordCount: t.int({ description: "records judged on this entry", resolve: (j) => j.recordCount }),
  }),
});

const AssessedRecordRef = builder.objectRef<IncludedRecord>("AssessedRecord").implement({
  description: "A record that counts, with the entry in force on its date (S7)",
  fields: (t) => ({
    id: t.string({ resolve: (r) => r.record.id }),
    date: t.field({ type: "Date", resolve: (r) => r.record.date }),
    itemCode: t.string({ resolve: (r) => r.entry.itemCode }),
    entryId: t.string({ resolve: (r) => r.entry.id }),
    value: t.field({ type: RecordValueRef, resolve: (r) => r.record.value }),
  }),
});

export const ExcludedRecordRef = builder.objectRef<ExcludedRecord>("ExcludedRecord").implement({
  description: "A record left out of the scores, with the reason (S7): reported, never dropped silently",
  fields: (t) => ({
    recordId: t.string({ resolve: (e) => e.record.id }),
    date: t.field({ type: "Date", resolve: (e) => e.record.date }),
    indicatorCode: t.string({ resolve: (e) => e.record.indicatorCode }),
    subjectKind: t.string({ description: "TOWNSHIP or DEPARTMENT", resolve: (e) => e.record.subject.kind }),
    subjectCode: t.string({ resolve: (e) => e.record.subject.code }),
    townshipCode: t.string({ resolve: (e) => e.record.townshipCode }),
    itemCode: t.string({ nullable: true, resolve: (e) => e.record.itemCode }),
    matter: t.string({ nullable: true, resolve: (e) => e.record.matter }),
    reason: t.field({ type: ExclusionReasonEnum, resolve: (e) => e.reason }),
    reasonName: t.string({
      description: "e.g. 清单外事项",
      resolve: (e) => EXCLUSION_REASON_NAMES[e.reason],
    }),
    ruleId: t.exposeString("ruleId"),
    message: t.exposeString("message"),
  }),
});

const ExcludedExecutionInputRef = builder
  .objectRef<ExcludedExecutionInput>("ExcludedExecutionInput")
  .implement({
    description:
      "A whistle or push-down report that does not count against the department it names, with the reason (S5): judged against the lists and the ledger of its date, reported, never dropped silently",
    fields: (t) => ({
      kind: t.exposeString("kind", { description: "WHISTLE or PUSH_DOWN" }),
      id: t.exposeString("id"),
      departmentCode: t.exposeString("departmentCode"),
      townshipCode: t.exposeString("townshipCode"),
      date: t.field({ type: "Date", resolve: (e) => e.date }),
      reason: t.exposeString("reason", {
        description: "BASIC_ITEM, OFF_LIST_ITEM, NOT_RESPONSIBLE or REGISTERED_TASK",
      }),
      ruleId: t.exposeString("ruleId"),
      message: t.exposeString("message"),
    }),
  });

/** An indicator's result for one subject, with where its records are fetched from. */
export interface IndicatorResultView extends IndicatorView {
  readonly subjectCode: string;
  readonly source: JudgedRecordSource;
  readonly rounding: RoundingOptions;
}

/** The breakdown of a subject, for the API. */
function breakdownOf(
  plan: AssessmentPlan,
  assessment: TownshipReport["assessment"] | DepartmentReport["assessment"],
  subjectCode: string,
  source: JudgedRecordSource,
  rounding: RoundingOptions,
): IndicatorResultView[] {
  return indicatorViews(plan, assessment.indicators, assessment.exclusions).map((view) => ({
    ...view,
    subjectCode,
    source,
    rounding,
  }));
}

export const IndicatorResultRef = builder.objectRef<IndicatorResultView>("IndicatorResult").implement({
  description:
    "One indicator's score for one township or department, explainable down to its records (S8, S9)",
  fields: (t) => ({
    indicatorCode: t.string({ resolve: (v) => v.result.indicator.code }),
    indicatorName: t.string({ resolve: (v) => v.result.indicator.name }),
    firstLevelCode: t.string({ resolve: (v) => v.result.indicator.parentCode }),
    firstLevelName: t.string({ nullable: true, resolve: (v) => v.firstLevel?.name ?? null }),
    track: t.field({
      type: ScoreTrackEnum,
      nullable: true,
      description: "null for department indicators",
      resolve: (v) => v.result.indicator.track,
    }),
    method: t.field({ type: IndicatorMethodEnum, resolve: (v) => v.result.indicator.method.kind }),
    points: t.field({ type: "Decimal", resolve: (v) => v.result.points }),
    score: t.field({
      type: "Decimal",
      description: PRESENTED,
      resolve: (v) => presented(v.result.score, v.rounding),
    }),
    scoreExact: t.field({ type: "Decimal", description: EXACT, resolve: (v) => v.result.score }),
    scoreRounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (v) => presented(v.result.score, v.rounding),
    }),
    applicable: t.boolean({
      description: "whether the indicator concerns this subject at all",
      resolve: (v) => v.result.applicable,
    }),
    working: t.string({ description: "the computation, in Chinese", resolve: (v) => v.result.working }),
    description: t.string({
      description: "the result as one Chinese line: points, method, computation, items and basis",
      resolve: (v) => describeIndicatorResult(v.result),
    }),
    recordCount: t.int({ resolve: (v) => v.result.recordCount }),
    excludedCount: t.int({ resolve: (v) => v.excludedCount }),
    // An indicator's records of one subject lie on a few entries (one per item and interval).
    items: t.field({
      type: [JudgedEntryRef],
      complexity: { field: 1, multiplier: 3 },
      description: "the list entries the records were judged on",
      resolve: (v) => [...v.result.judgedEntries],
    }),
    records: t.field({
      type: [AssessedRecordRef],
      description: "the records that count, in record id order, fetched a page at a time",
      args: pageArgs,
      resolve: (v, args) =>
        v.source.counted(
          { subjectCode: v.subjectCode, indicatorCode: v.result.indicator.code },
          pageOf(args),
        ),
    }),
    excluded: t.field({
      type: [ExcludedRecordRef],
      description: "this subject's records on this indicator that do not count, in record id order",
      args: pageArgs,
      resolve: (v, args) =>
        v.source.excluded(
          { subjectCode: v.subjectCode, indicatorCode: v.result.indicator.code },
          pageOf(args),
        ),
    }),
  }),
});

const TrackScoreRef = builder.objectRef<WithRounding<TrackScore>>("TrackScore").implement({
  description: "A township's core (S2) or collaborative (S3) score",
  fields: (t) => ({
    track: t.field({ type: ScoreTrackEnum, resolve: (s) => s.track }),
    score: t.field({
      type: "Decimal",
      description: `${PRESENTED}; prorated to the plan's points when some indicators do not apply`,
      resolve: (s) => presented(s.score, s.rounding),
    }),
    scoreExact: t.field({ type: "Decimal", description: EXACT, resolve: (s) => s.score }),
    scoreRounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (s) => presented(s.score, s.rounding),
    }),
    raw: t.field({
      type: "Decimal",
      description: `the sum before prorating, ${PRESENTED}`,
      resolve: (s) => presented(s.raw, s.rounding),
    }),
    rawExact: t.field({ type: "Decimal", description: EXACT, resolve: (s) => s.raw }),
    applicablePoints: t.field({ type: "Decimal", resolve: (s) => s.applicablePoints }),
    planPoints: t.field({ type: "Decimal", resolve: (s) => s.planPoints }),
  }),
});

/** A township's report with the plan it was scored on (for the headings of its breakdown). */
export interface TownshipView {
  readonly report: TownshipReport;
  readonly plan: AssessmentPlan;
  readonly source: JudgedRecordSource;
  /** The county's rounding (政策设定), which presents the figures (S8). */
  readonly rounding: RoundingOptions;
}

/** A department's report with the plan it was scored on. */
export interface DepartmentView {
  readonly report: DepartmentReport;
  readonly plan: AssessmentPlan;
  readonly source: JudgedRecordSource;
  readonly rounding: RoundingOptions;
}

export const TownshipAssessmentRef = builder.objectRef<TownshipView>("TownshipAssessment").implement({
  description: "A township's year: core and collaborative scores, total, rank and grade (S2, S3, S9)",
  fields: (t) => ({
    code: t.string({ resolve: (v) => v.report.assessment.townshipCode }),
    name: t.string({ resolve: (v) => v.report.name }),
    core: t.field({
      type: TrackScoreRef,
      resolve: (v) => ({ ...v.report.assessment.core, rounding: v.rounding }),
    }),
    collaborative: t.field({
      type: TrackScoreRef,
      resolve: (v) => ({ ...v.report.assessment.collaborative, rounding: v.rounding }),
    }),
    total: t.field({
      type: "Decimal",
      description: PRESENTED,
      resolve: (v) => presented(v.report.assessment.total, v.rounding),
    }),
    totalExact: t.field({ type: "Decimal", description: EXACT, resolve: (v) => v.report.assessment.total }),
    totalRounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (v) => presented(v.report.assessment.total, v.rounding),
    }),
    rank: t.int({ description: "ties share a rank: 1, 2, 2, 4", resolve: (v) => v.report.rank }),
    grade: t.string({ resolve: (v) => v.report.grade }),
    gradeReason: t.string({ resolve: (v) => v.report.gradeReason }),
    summary: t.string({ resolve: (v) => v.report.summary }),
    breakdown: t.field({
      type: [IndicatorResultRef],
      resolve: (v) =>
        breakdownOf(v.plan, v.report.assessment, v.report.assessment.townshipCode, v.source, v.rounding),
    }),
    excluded: t.field({
      type: [ExcludedRecordRef],
      description:
        "every record about this township that does not count, with the reason (S7), in record id order",
      args: pageArgs,
      resolve: (v, args) =>
        v.source.excluded({ subjectCode: v.report.assessment.townshipCode }, pageOf(args)),
    }),
    excludedCount: t.int({
      resolve: (v) => excludedTotal(v.report.assessment.exclusions),
    }),
  }),
});

export const DepartmentAssessmentRef = builder.objectRef<DepartmentView>("DepartmentAssessment").implement({
  description:
    "A department's year: reclaimed items (S4), list execution (S5), two-way rating (S6); rank and grade",
  fields: (t) => ({
    code: t.string({ resolve: (v) => v.report.assessment.departmentCode }),
    name: t.string({ resolve: (v) => v.report.name }),
    total: t.field({
      type: "Decimal",
      description: PRESENTED,
      resolve: (v) => presented(v.report.assessment.total, v.rounding),
    }),
    totalExact: t.field({ type: "Decimal", description: EXACT, resolve: (v) => v.report.assessment.total }),
    totalRounded: t.field({
      type: "Decimal",
      deprecationReason: SAME_AS_PRESENTED,
      resolve: (v) => presented(v.report.assessment.total, v.rounding),
    }),
    raw: t.field({
      type: "Decimal",
      description: `the sum before prorating, ${PRESENTED}`,
      resolve: (v) => presented(v.report.assessment.raw, v.rounding),
    }),
    rawExact: t.field({ type: "Decimal", description: EXACT, resolve: (v) => v.report.assessment.raw }),
    applicablePoints: t.field({ type: "Decimal", resolve: (v) => v.report.assessment.applicablePoints }),
    planPoints: t.field({ type: "Decimal", resolve: (v) => v.report.assessment.planPoints }),
    rank: t.int({ resolve: (v) => v.report.rank }),
    grade: t.string({ resolve: (v) => v.report.grade }),
    gradeReason: t.string({ resolve: (v) => v.report.gradeReason }),
    summary: t.string({ resolve: (v) => v.report.summary }),
    breakdown: t.field({
      type: [IndicatorResultRef],
      resolve: (v) =>
        breakdownOf(v.plan, v.report.assessment, v.report.assessment.departmentCode, v.source, v.rounding),
    }),
    excluded: t.field({
      type: [ExcludedRecordRef],
      description:
        "every record about this department that does not count, with the reason (S7), in record id order",
      args: pageArgs,
      resolve: (v, args) =>
        v.source.excluded({ subjectCode: v.report.assessment.departmentCode }, pageOf(args)),
    }),
    excludedCount: t.int({
      resolve: (v) => excludedTotal(v.report.assessment.exclusions),
    }),
    excludedExecution: t.field({
      type: [ExcludedExecutionInputRef],
      description:
        "whistles and push-down reports naming this department that do not count, with the reason (S5)",
      resolve: (v) => [...v.report.assessment.excludedExecution],
    }),
  }),
});
