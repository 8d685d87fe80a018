import {
  type AssessmentPlan,
  type AssessmentReport,
  type CountyDataset,
  type CountyPolicy,
  DEFAULT_COUNTY_POLICY,
  DEFAULT_ROUNDING,
  describeExclusions,
  describeIndicatorResult,
  EXCLUSION_REASON_NAMES,
  type ExactFigure,
  type RoundingOptions,
  roundForPresentation,
  type ScoringMethodKind,
  type TownshipTrack,
  type WhistleFigures,
} from "@dutylist/core";
import { countyPolicySheet } from "./policy-sheet.ts";
import { type ScoreFact, scoreFacts } from "./score-facts.ts";
import { type Cell, type ColumnFormat, type OutputSheet, typedHeader } from "./sheet-table.ts";
import { whistleSheet } from "./whistle-sheet.ts";

// Results as sheets for organisation departments' reports and BI tools: the year's rankings and
// breakdowns. Figures are decimal strings as the core presents them (S8: rounded once, by the
// county's rounding), written to .xlsx as numbers shown with those places; 精确得分 keeps the exact
// figure as text, which a double cannot hold. Nothing here rounds on its own.

/**
 * The names of the result sheets, as the downloads and the workbook write them.
 * @example RESULT_SHEET_NAMES.townshipRanking // "乡镇排名"
 */
export const RESULT_SHEET_NAMES = {
  townshipRanking: "乡镇排名",
  townshipScores: "乡镇得分明细",
  departmentRanking: "部门排名",
  departmentScores: "部门得分明细",
  excluded: "排除记录",
  determinations: "责任认定",
} as const;

/** A figure as the core presents it (S8): by the county's rounding, half-up to 2 places by default. */
const shown = (value: ExactFigure, rounding: RoundingOptions): string =>
  roundForPresentation(value, rounding);

const text = (header: string): readonly [string, ColumnFormat] => [header, "text"];
const number = (header: string): readonly [string, ColumnFormat] => [header, "number"];

/** The exact figure, never in exponent notation (a spreadsheet would read `1e-7` as text). */
const exactText = (value: ExactFigure): string => value.toFixed();

/** 考核类别 (S2, S3), as the plan's headings name the two scores. */
const TRACK_NAMES: Readonly<Record<TownshipTrack, string>> = { CORE: "核心考核", COLLABORATIVE: "协同评价" };

/** 计分方法 (S8), in the words of the core's 计算说明. */
const METHOD_NAMES: Readonly<Record<ScoringMethodKind, string>> = {
  RATIO: "比率法",
  DEDUCTION: "扣分法",
  GRADED: "评分法",
  PASS_FAIL: "达标法",
};

const yesNo = (value: boolean): string => (value ? "是" : "否");

/** Subjects in rank order; ties (equal ranks) by code, as the core ranks them (S9). */
function byRank<T extends { readonly rank: number }>(subjects: readonly T[], code: (s: T) => string): T[] {
  return [...subjects].sort(
    (a, b) => a.rank - b.rank || (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0),
  );
}

/**
 * 乡镇排名: one row per township in rank order, with its core and collaborative scores (S2, S3),
 * total, grade and the core's reasons (S9).
 * @example townshipRankingSheet(report).rows[0]?.[0] // 1
 */
export function townshipRankingSheet(
  report: AssessmentReport,
  rounding: RoundingOptions = DEFAULT_ROUNDING,
): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.townshipRanking,
    ...typedHeader([
      number("名次"),
      ...["乡镇(街道)编码", "乡镇(街道)"].map(text),
      ...["核心得分", "协同得分", "总分"].map(number),
      ...["等次", "等次依据", "说明"].map(text),
    ]),
    rows: byRank(report.townships, (t) => t.assessment.townshipCode).map((t) => [
      t.rank,
      t.assessment.townshipCode,
      t.name,
      shown(t.assessment.core.score, rounding),
      shown(t.assessment.collaborative.score, rounding),
      shown(t.assessment.total, rounding),
      t.grade,
      t.gradeReason,
      t.summary,
    ]),
  };
}

/**
 * 部门排名: one row per department in rank order, with its total (S4–S6), the points that apply
 * to it, grade and the core's reasons (S9).
 * @example departmentRankingSheet(report).header[3] // "得分"
 */
export function departmentRankingSheet(
  report: AssessmentReport,
  rounding: RoundingOptions = DEFAULT_ROUNDING,
): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.departmentRanking,
    ...typedHeader([
      number("名次"),
      ...["部门编码", "部门"].map(text),
      ...["得分", "适用分值", "方案分值"].map(number),
      ...["等次", "等次依据", "说明"].map(text),
    ]),
    rows: byRank(report.departments, (d) => d.assessment.departmentCode).map((d) => [
      d.rank,
      d.assessment.departmentCode,
      d.name,
      shown(d.assessment.total, rounding),
      shown(d.assessment.applicablePoints, rounding),
      shown(d.assessment.planPoints, rounding),
      d.grade,
      d.gradeReason,
      d.summary,
    ]),
  };
}

/** The columns a township's and a department's breakdown share, after the subject's. */
const FACT_COLUMNS = [
  text("计分方法"),
  ...["分值", "得分"].map(number),
  // The exact score, as text: a double would cut a 40-digit figure (S8).
  text("精确得分"),
  text("是否适用"),
  ...["计入记录数", "排除记录数"].map(number),
  ...["排除原因", "计算说明"].map(text),
] as const;

function factCells(fact: ScoreFact, rounding: RoundingOptions): Cell[] {
  const { result, exclusions, excludedCount } = fact.view;
  return [
    METHOD_NAMES[result.indicator.method.kind],
    shown(result.points, rounding),
    shown(result.score, rounding),
    exactText(result.score),
    yesNo(result.applicable),
    result.recordCount,
    excludedCount,
    excludedCount === 0 ? null : describeExclusions(exclusions),
    describeIndicatorResult(result),
  ];
}

const HEADING_COLUMNS = ["一级指标编码", "一级指标", "指标编码", "二级指标"].map(text);

function headingCells(fact: ScoreFact): Cell[] {
  const { result, firstLevel } = fact.view;
  return [
    result.indicator.parentCode,
    firstLevel?.name ?? null,
    result.indicator.code,
    result.indicator.name,
  ];
}

/**
 * 乡镇得分明细 from the facts `scoreFacts(…, "TOWNSHIP", filter)` gives (the rows of the
 * `townshipScoreFacts` connection): one row per township × indicator.
 * @example townshipScoreSheet(scoreFacts(plan, report, "TOWNSHIP", { subjectCode: "QX-CG" })).rows.length // the plan's township indicators
 */
export function townshipScoreSheet(
  facts: readonly ScoreFact[],
  rounding: RoundingOptions = DEFAULT_ROUNDING,
): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.townshipScores,
    ...typedHeader([
      number("年度"),
      ...["乡镇(街道)编码", "乡镇(街道)"].map(text),
      ...HEADING_COLUMNS,
      text("考核类别"),
      ...FACT_COLUMNS,
    ]),
    rows: facts.map((f) => {
      const track = f.view.result.indicator.track;
      return [
        f.year,
        f.subjectCode,
        f.subjectName,
        ...headingCells(f),
        track === null ? null : TRACK_NAMES[track],
        ...factCells(f, rounding),
      ];
    }),
  };
}

/**
 * 部门得分明细 from the facts `scoreFacts(…, "DEPARTMENT", filter)` gives (the rows of the
 * `departmentScoreFacts` connection): one row per department × indicator.
 * @example departmentScoreSheet(scoreFacts(plan, report, "DEPARTMENT", { firstLevelCode: "D03" })).name // "部门得分明细"
 */
export function departmentScoreSheet(
  facts: readonly ScoreFact[],
  rounding: RoundingOptions = DEFAULT_ROUNDING,
): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.departmentScores,
    ...typedHeader([number("年度"), ...["部门编码", "部门"].map(text), ...HEADING_COLUMNS, ...FACT_COLUMNS]),
    rows: facts.map((f) => [
      f.year,
      f.subjectCode,
      f.subjectName,
      ...headingCells(f),
      ...factCells(f, rounding),
    ]),
  };
}

export const SUBJECT_KIND_NAMES = { TOWNSHIP: "乡镇(街道)", DEPARTMENT: "部门" } as const;

/**
 * 排除记录: every record the year's scores left out, with its reason and rule (S7), subjects by
 * name from the dataset.
 * @example excludedRecordSheet(report, plan, dataset).rows.length === report.scored.excluded.length // true
 */
export function excludedRecordSheet(
  report: AssessmentReport,
  plan: AssessmentPlan,
  dataset: CountyDataset,
): OutputSheet {
  const townships = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const departments = new Map(dataset.departments.map((d) => [d.code, d.name]));
  const indicators = new Map(plan.indicators.map((i) => [i.code, i.name]));
  return {
    name: RESULT_SHEET_NAMES.excluded,
    ...typedHeader([
      text("记录编号"),
      ["日期", "date"],
      ...["指标编码", "二级指标", "考核对象类型", "考核对象编码", "考核对象", "乡镇(街道)"].map(text),
      ...["事项编码", "事项说明", "排除原因", "规则", "说明"].map(text),
    ]),
    rows: report.scored.excluded.map(({ record, reason, ruleId, message }) => [
      record.id,
      record.date,
      record.indicatorCode,
      indicators.get(record.indicatorCode) ?? null,
      SUBJECT_KIND_NAMES[record.subject.kind],
      record.subject.code,
      (record.subject.kind === "TOWNSHIP" ? townships : departments).get(record.subject.code) ?? null,
      townships.get(record.townshipCode) ?? record.townshipCode,
      record.itemCode,
      record.matter,
      EXCLUSION_REASON_NAMES[reason],
      ruleId,
      message,
    ]),
  };
}

/**
 * The year's results as a workbook: 乡镇排名, 乡镇得分明细, 部门排名, 部门得分明细 (every
 * subject × indicator), 排除记录 (S7) and the county's 政策设定(非规则) the year was scored with.
 * @example assessmentResultSheets(assess(plan, dataset, records), plan, dataset).map((s) => s.name) // ["乡镇排名", "乡镇得分明细", "部门排名", "部门得分明细", "排除记录", "政策设定(非规则)"]
 */
export function assessmentResultSheets(
  report: AssessmentReport,
  plan: AssessmentPlan,
  dataset: CountyDataset,
  policy: CountyPolicy = DEFAULT_COUNTY_POLICY,
  whistles: readonly WhistleFigures[] | null = null,
): OutputSheet[] {
  return [
    townshipRankingSheet(report, policy.rounding),
    townshipScoreSheet(scoreFacts(plan, report, "TOWNSHIP"), policy.rounding),
    departmentRankingSheet(report, policy.rounding),
    departmentScoreSheet(scoreFacts(plan, report, "DEPARTMENT"), policy.rounding),
    excludedRecordSheet(report, plan, dataset),
    // H2: the whistle loop's figures of the year, beside the S5 scores they feed.
    ...(whistles === null ? [] : [whistleSheet(whistles, dataset)]),
    countyPolicySheet(policy),
  ];
}
