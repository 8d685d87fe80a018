import type {
  AssessmentPlan,
  AssessmentReport,
  AssessmentSubject,
  ExcludedRecord,
  FirstLevelIndicator,
  IndicatorResult,
} from "@dutylist/core";

// The flat facts of an assessment: one row per subject × indicator. The GraphQL facts
// connections and the downloads build their rows here, so that both narrow by the same filters.

/** One indicator's result, with the plan's heading it sits under and the records it excluded. */
export interface IndicatorView {
  readonly result: IndicatorResult;
  readonly firstLevel: FirstLevelIndicator | null;
  readonly excluded: readonly ExcludedRecord[];
}

/**
 * The breakdown of a subject: one view per indicator, in the core's order, excluded records
 * matched by indicator code.
 * @example indicatorViews(plan, township.assessment.indicators, township.assessment.excluded)[0]?.firstLevel?.name // "核心考核指标"
 */
export function indicatorViews(
  plan: AssessmentPlan,
  results: readonly IndicatorResult[],
  excluded: readonly ExcludedRecord[],
): IndicatorView[] {
  const headings = new Map(plan.firstLevel.map((f) => [f.code, f]));
  return results.map((result) => ({
    result,
    firstLevel: headings.get(result.indicator.parentCode) ?? null,
    excluded: excluded.filter((e) => e.record.indicatorCode === result.indicator.code),
  }));
}

/** One subject's result on one indicator, as a flat row. */
export interface ScoreFact {
  readonly year: number;
  readonly subjectCode: string;
  readonly subjectName: string;
  readonly view: IndicatorView;
}

/** What the rows are narrowed to; null or absent: no narrowing. */
export interface ScoreFactFilter {
  /** One township's or department's code. */
  readonly subjectCode?: string | null | undefined;
  /** One second-level indicator. */
  readonly indicatorCode?: string | null | undefined;
  /** The second-level indicators under one first-level indicator. */
  readonly firstLevelCode?: string | null | undefined;
}

/** A township or department as scored. */
interface ScoredSubject {
  readonly code: string;
  readonly name: string;
  readonly indicators: readonly IndicatorResult[];
  readonly excluded: readonly ExcludedRecord[];
}

function scoredSubjects(report: AssessmentReport, kind: AssessmentSubject): ScoredSubject[] {
  return kind === "TOWNSHIP"
    ? report.townships.map((t) => ({
        code: t.assessment.townshipCode,
        name: t.name,
        indicators: t.assessment.indicators,
        excluded: t.assessment.excluded,
      }))
    : report.departments.map((d) => ({
        code: d.assessment.departmentCode,
        name: d.name,
        indicators: d.assessment.indicators,
        excluded: d.assessment.excluded,
      }));
}

/**
 * The year's townships' (or departments') results as flat facts, one per subject × indicator,
 * ordered by subject code, then in the core's order of the subject's indicators; narrowed by
 * the filter.
 * @example scoreFacts(plan, assess(plan, dataset, records), "TOWNSHIP", { subjectCode: "QX-CG" }).length // the plan's township indicators
 */
export function scoreFacts(
  plan: AssessmentPlan,
  report: AssessmentReport,
  kind: AssessmentSubject,
  filter: ScoreFactFilter = {},
): ScoreFact[] {
  return scoredSubjects(report, kind)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .filter((s) => filter.subjectCode == null || s.code === filter.subjectCode)
    .flatMap((s) =>
      indicatorViews(plan, s.indicators, s.excluded)
        .filter(
          (v) =>
            (filter.indicatorCode == null || v.result.indicator.code === filter.indicatorCode) &&
            (filter.firstLevelCode == null || v.result.indicator.parentCode === filter.firstLevelCode),
        )
        .map((view) => ({ year: plan.year, subjectCode: s.code, subjectName: s.name, view })),
    );
}
