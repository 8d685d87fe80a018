import {
  type AssessmentPlan,
  type AssessmentReport,
  type AssessmentSubject,
  type ExclusionCount,
  excludedTotal,
  type FirstLevelIndicator,
  type IndicatorResult,
} from "@dutylist/core";

// The flat facts of an assessment: one row per subject × indicator. The GraphQL facts
// connections and the downloads build their rows here, so that both narrow by the same filters.

/** One indicator's result, with the plan's heading it sits under and its excluded records counted. */
export interface IndicatorView {
  readonly result: IndicatorResult;
  readonly firstLevel: FirstLevelIndicator | null;
  /** The subject's records on this indicator that do not count, by reason (S7). */
  readonly exclusions: readonly ExclusionCount[];
  readonly excludedCount: number;
}

/**
 * The breakdown of a subject: one view per indicator, in the core's order, exclusions matched
 * by indicator code.
 * @example indicatorViews(plan, township.assessment.indicators, township.assessment.exclusions)[0]?.firstLevel?.name // "核心考核指标"
 */
export function indicatorViews(
  plan: AssessmentPlan,
  results: readonly IndicatorResult[],
  exclusions: readonly ExclusionCount[],
): IndicatorView[] {
  const headings = new Map(plan.firstLevel.map((f) => [f.code, f]));
  return results.map((result) => {
    const own = exclusions.filter((e) => e.indicatorCode === result.indicator.code);
    return {
      result,
      firstLevel: headings.get(result.indicator.parentCode) ?? null,
      exclusions: own,
      excludedCount: excludedTotal(own),
    };
  });
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
  readonly exclusions: readonly ExclusionCount[];
}

function scoredSubjects(report: AssessmentReport, kind: AssessmentSubject): ScoredSubject[] {
  return kind === "TOWNSHIP"
    ? report.townships.map((t) => ({
        code: t.assessment.townshipCode,
        name: t.name,
        indicators: t.assessment.indicators,
        exclusions: t.assessment.exclusions,
      }))
    : report.departments.map((d) => ({
        code: d.assessment.departmentCode,
        name: d.name,
        indicators: d.assessment.indicators,
        exclusions: d.assessment.exclusions,
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
      indicatorViews(plan, s.indicators, s.exclusions)
        .filter(
          (v) =>
            (filter.indicatorCode == null || v.result.indicator.code === filter.indicatorCode) &&
            (filter.firstLevelCode == null || v.result.indicator.parentCode === filter.firstLevelCode),
        )
        .map((view) => ({ year: plan.year, subjectCode: s.code, subjectName: s.name, view })),
    );
}
