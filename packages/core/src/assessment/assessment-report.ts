import { DEFAULT_ROUNDING, type RoundingOptions, roundForPresentation } from "../base/exact-decimal.ts";
import type { ExactRational } from "../base/exact-rational.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { formatBasis } from "../county/duty-item.ts";
import { LIST_TYPE_NAMES } from "../lists/list-entry.ts";
import type { AssessmentPlan } from "./assessment-plan.ts";
import {
  type DepartmentAssessment,
  type IndicatorResult,
  type ScoreAssessmentOptions,
  type ScoredYear,
  scoreAssessment,
  type TownshipAssessment,
} from "./assessment-scoring.ts";
import { type CountyPolicy, DEFAULT_COUNTY_POLICY } from "./county-policy.ts";
import { type GradingRule, gradeRanked } from "./grading.ts";
import type { AssessmentRecords } from "./performance-record.ts";
import { rankByScore } from "./ranking.ts";
import type { ExclusionReason } from "./record-judgement.ts";
import { type ExclusionCount, excludedTotal } from "./record-tallies.ts";

export const EXCLUSION_REASON_NAMES: Readonly<Record<ExclusionReason, string>> = {
  UNKNOWN_INDICATOR: "指标不在方案内",
  OUTSIDE_YEAR: "不在考核年度",
  SUBJECT_MISMATCH: "考核对象不符",
  VALUE_MISMATCH: "记录值与计分方法不符",
  OTHER_TOWNSHIP: "其他乡镇的事项",
  OFF_LIST: "清单外事项",
  RECLAIMED_BY_THEN: "已收回事项",
  WRONG_TRACK: "清单类型与指标不符",
  NOT_BOUND: "非指标绑定事项",
  NOT_DEPARTMENTS_ITEM: "非本部门承接或牵头事项",
};

const METHOD_NAMES = { RATIO: "比率法", DEDUCTION: "扣分法", GRADED: "评分法", PASS_FAIL: "达标法" } as const;

export interface TownshipReport {
  readonly assessment: TownshipAssessment;
  readonly name: string;
  readonly rank: number;
  readonly grade: string;
  readonly gradeReason: string;
  /** A short Chinese summary of the township's result. */
  readonly summary: string;
}

export interface DepartmentReport {
  readonly assessment: DepartmentAssessment;
  readonly name: string;
  readonly rank: number;
  readonly grade: string;
  readonly gradeReason: string;
  readonly summary: string;
}

export interface AssessmentReport {
  readonly scored: ScoredYear;
  readonly townships: readonly TownshipReport[];
  readonly departments: readonly DepartmentReport[];
}

/**
 * Options of `assess`. The county's `policy` (default `DEFAULT_COUNTY_POLICY`) decides grading,
 * ties at a quota's cut and rounding; the fields below override it one by one.
 */
export interface AssessOptions extends ScoreAssessmentOptions {
  /** Overrides `policy.townshipGrading`. */
  readonly townshipGrading?: GradingRule;
  /** Overrides `policy.departmentGrading`. */
  readonly departmentGrading?: GradingRule;
  /** Overrides `policy.rounding`. */
  readonly rounding?: RoundingOptions;
}

/** Counts excluded records by reason, e.g. `已收回事项1条、清单外事项2条`. */
export function describeExclusions(
  excluded: readonly { readonly reason: ExclusionReason; readonly count?: number }[],
): string {
  const counts = new Map<ExclusionReason, number>();
  for (const e of excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + (e.count ?? 1));
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, n]) => `${EXCLUSION_REASON_NAMES[reason]}${n}条`)
    .join("、");
}

/**
 * One indicator's result as a Chinese line: its points and method, the computation, and the
 * items its records were judged on, with list type, entry date and basis.
 * @example describeIndicatorResult(result) // "T-MS「低保审核」10.00分,比率法:10.00 × 45/50 = 9.00;依据事项 MS-001「…」(基本履职事项,自2025-01-01起;《社会救助暂行办法》第十一条)"
 */
export function describeIndicatorResult(
  result: IndicatorResult,
  rounding: RoundingOptions = DEFAULT_ROUNDING,
): string {
  const head = `${result.indicator.code}「${result.indicator.name}」${roundForPresentation(result.points, rounding)}分,${METHOD_NAMES[result.indicator.method.kind]}:${result.working}`;
  const items = result.judgedEntries.map(
    ({ entry: e }) =>
      `${e.itemCode}「${e.content.name}」(${LIST_TYPE_NAMES[e.terms.type]},自${e.effectiveFrom}起;${formatBasis(e.content.basis)})`,
  );
  return items.length === 0 ? head : `${head};依据事项 ${items.join("、")}`;
}

/**
 * Ranks subjects by their published total (S9: totals published equal are tied) and grades them by
 * the rule (default: DEFAULT_GRADING).
 */
function rankAndGrade<T extends { readonly total: ExactRational }>(
  subjects: readonly T[],
  code: (subject: T) => string,
  rule: GradingRule,
  rounding: RoundingOptions,
  quotaTies: CountyPolicy["quotaTies"],
) {
  return gradeRanked(
    rankByScore(
      subjects.map((subject) => ({ subject, score: subject.total })),
      code,
      { rounding },
    ),
    rule,
    { rounding, quotaTies },
  );
}

/** `;排除记录3条:…` after a summary, or nothing. */
function excludedClause(exclusions: readonly ExclusionCount[]): string {
  const n = excludedTotal(exclusions);
  return n === 0 ? "" : `;排除记录${n}条:${describeExclusions(exclusions)}`;
}

/**
 * The year's assessment as presented: scores (S2–S8), ranks shared on ties and grades (S9), and a
 * Chinese summary per township and department. Rounding happens here, once, for the text; the
 * figures stay exact.
 * @example assess(plan, dataset, records).townships.map((t) => [t.name, t.rank, t.grade])
 */
export function assess(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  records: AssessmentRecords,
  options: AssessOptions = {},
): AssessmentReport {
  const scored = scoreAssessment(plan, dataset, records, options);
  const policy = options.policy ?? DEFAULT_COUNTY_POLICY;
  const rounding = options.rounding ?? policy.rounding;
  const show = (value: Parameters<typeof roundForPresentation>[0]) => roundForPresentation(value, rounding);
  const townshipNames = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const departmentNames = new Map(dataset.departments.map((d) => [d.code, d.name]));

  const townshipGrades = rankAndGrade(
    scored.townships,
    (t) => t.townshipCode,
    options.townshipGrading ?? policy.townshipGrading,
    rounding,
    policy.quotaTies,
  );
  const townships = townshipGrades.map(({ subject, rank, grade, reason }): TownshipReport => {
    const name = townshipNames.get(subject.townshipCode) ?? subject.townshipCode;
    const track = (label: string, list: string, t: TownshipAssessment["core"]) =>
      `${label}${show(t.score)}(${list},满分${show(t.planPoints)}${t.applicablePoints.equals(t.planPoints) ? "" : `,适用${show(t.applicablePoints)}分按比例折算`})`;
    const excluded = excludedClause(subject.exclusions);
    return {
      assessment: subject,
      name,
      rank,
      grade,
      gradeReason: reason,
      summary: `${name}:${track("核心得分", "基本履职事项", subject.core)},${track("协同得分", "配合履职事项", subject.collaborative)},合计${show(subject.total)},排名第${rank}/${scored.townships.length},${grade}${excluded}。`,
    };
  });

  const departmentGrades = rankAndGrade(
    scored.departments,
    (d) => d.departmentCode,
    options.departmentGrading ?? policy.departmentGrading,
    rounding,
    policy.quotaTies,
  );
  const departments = departmentGrades.map(({ subject, rank, grade, reason }): DepartmentReport => {
    const name = departmentNames.get(subject.departmentCode) ?? subject.departmentCode;
    const parts = subject.indicators
      .filter((r) => r.applicable)
      .map((r) => `${r.indicator.name}${show(r.score)}/${show(r.points)}`)
      .join("、");
    const excluded = excludedClause(subject.exclusions);
    return {
      assessment: subject,
      name,
      rank,
      grade,
      gradeReason: reason,
      summary: `${name}:得分${show(subject.total)}(${parts}),排名第${rank}/${scored.departments.length},${grade}${excluded}。`,
    };
  });
  return { scored, townships, departments };
}
