import {
  type AssessmentPlan,
  type AssessmentReport,
  type CountyDataset,
  type CountyPolicy,
  compressIndicators,
  compressionOfCounts,
  type IndicatorCompression,
  type IndicatorLevels,
  type WhistleFigures,
} from "@dutylist/core";

/**
 * Indicator compression (S10) as the report shows it: what the plan was compared with, and the
 * figures per level (`compressIndicators` against the previous stored plan, or `compressionOfCounts`
 * of counts the caller gives, as the API's `indicatorCompression` field does).
 * @example const compression: ReportCompression = { basis: "PREVIOUS_PLAN", compression: compressIndicators(plan2024, plan2025) };
 */
export interface ReportCompression {
  readonly basis: "PREVIOUS_PLAN" | "GIVEN_COUNTS";
  readonly compression: IndicatorCompression;
}

/**
 * Everything the annual report shows, already computed: the report renders and never computes a
 * score, a rank or a grade itself.
 * @example const input: AssessmentReportInput = { report: assess(plan, dataset, records), plan, dataset };
 */
export interface AssessmentReportInput {
  /**
   * The year's assessment (`assess`). Scored from records, it lists each excluded record (S7);
   * scored from tallies, only their counts by reason.
   */
  readonly report: AssessmentReport;
  readonly plan: AssessmentPlan;
  /** The county: its name and its townships', departments' and items' names. */
  readonly dataset: CountyDataset;
  /** The county's policy the year was assessed with: its rounding (S8) and its settings listed; the default when absent. */
  readonly policy?: CountyPolicy;
  /** Indicator compression (S10); the section says it was not computed when absent or null. */
  readonly compression?: ReportCompression | null;
  /** The year's whistle figures (H2, `allWhistleFigures`); the section is left out when absent or null. */
  readonly whistles?: readonly WhistleFigures[] | null;
  /** A line under the title, e.g. `数据截至 2026-01-15`; the report reads no clock itself. */
  readonly note?: string | null;
}

/** Options of `renderAssessmentReportHtml`. */
export interface RenderAssessmentReportOptions {
  /**
   * At most this many excluded records are listed one by one (default 200); all of them are
   * counted by reason, and the note under the list says how many more the workbook holds.
   */
  readonly maxExcludedRows?: number;
}

/** The previous plan's indicator counts, when the caller knows them but no previous plan is stored. */
export interface PreviousIndicatorCounts {
  readonly firstLevel: number;
  readonly secondLevel: number;
}

/**
 * Indicator compression (S10) for the report, decided as the API's `indicatorCompression` field
 * decides: against the counts given, else against the previous plan, else none (null).
 * @example reportCompression(demoPlan, null, { firstLevel: 10, secondLevel: 64 })?.compression.secondLevel.ratePercent // "73.44"
 */
export function reportCompression(
  plan: IndicatorLevels,
  previousPlan: IndicatorLevels | null,
  givenCounts: PreviousIndicatorCounts | null = null,
): ReportCompression | null {
  if (givenCounts !== null)
    return {
      basis: "GIVEN_COUNTS",
      compression: {
        firstLevel: { level: 1, ...compressionOfCounts(givenCounts.firstLevel, plan.firstLevel.length) },
        secondLevel: { level: 2, ...compressionOfCounts(givenCounts.secondLevel, plan.indicators.length) },
      },
    };
  return previousPlan === null
    ? null
    : { basis: "PREVIOUS_PLAN", compression: compressIndicators(previousPlan, plan) };
}
