import type { DecimalString } from "../base/exact-decimal.ts";
import type { ListType } from "../lists/list-entry.ts";

/** Who an indicator assesses. */
export type AssessmentSubject = "TOWNSHIP" | "DEPARTMENT";

/**
 * Which part of a township's score an indicator feeds: basic items the core score (核心考核指标,
 * S2), cooperative items the collaborative score (协同评价, S3).
 */
export type TownshipTrack = "CORE" | "COLLABORATIVE";

/** The list type a township track is judged on. */
export const TRACK_LIST_TYPE: Readonly<Record<TownshipTrack, ListType>> = {
  CORE: "BASIC",
  COLLABORATIVE: "COOPERATIVE",
};

/** How an indicator turns records into points (S8). */
export type ScoringMethod =
  /** points × achieved / target, capped at the points */
  | { readonly kind: "RATIO" }
  /** points minus `perEvent` for each event, never below zero */
  | { readonly kind: "DEDUCTION"; readonly perEvent: DecimalString }
  /** the assessor's score, at most the points (the mean when several) */
  | { readonly kind: "GRADED" }
  /** the points when every record passed, else zero */
  | { readonly kind: "PASS_FAIL" };

export type ScoringMethodKind = ScoringMethod["kind"];

/** What a department's list execution is measured on (S5). */
export type ListExecutionAspect =
  /** guarantees of the cooperative items it leads delivered (履职保障落实) */
  | "GUARANTEES_DELIVERED"
  /** whistles answered within their time limit (吹哨报到) */
  | "WHISTLES_ANSWERED"
  /** off-list tasks pushed onto townships without registration (擅自向基层转嫁任务) */
  | "UNREGISTERED_PUSH_DOWNS"
  /** reclaimed items left unattended (收回事项承接缺位) */
  | "RECLAIMED_UNATTENDED";

/** What an indicator is bound to. Township indicators may only bind list items (S1). */
export type IndicatorBinding =
  /** named items of the catalogue */
  | { readonly kind: "ITEMS"; readonly itemCodes: readonly string[] }
  /** every item of a list type, optionally of one category, e.g. all basic items in 民生服务 */
  | { readonly kind: "SELECTOR"; readonly listType: ListType; readonly category: string | null }
  /** a department's list execution (S5) */
  | { readonly kind: "LIST_EXECUTION"; readonly aspect: ListExecutionAspect }
  /** the townships' ratings of a department (双向评价, S6) */
  | { readonly kind: "TWO_WAY_RATING" };

/** A first-level indicator (一级指标): a heading that groups second-level ones. */
export interface FirstLevelIndicator {
  readonly code: string;
  readonly name: string;
  readonly subject: AssessmentSubject;
}

/** A second-level indicator (二级指标): what is scored, with its points and method. */
export interface Indicator {
  readonly code: string;
  readonly parentCode: string;
  readonly name: string;
  readonly subject: AssessmentSubject;
  /** For township indicators: the score it feeds (S2, S3); `null` for department indicators. */
  readonly track: TownshipTrack | null;
  readonly points: DecimalString;
  readonly method: ScoringMethod;
  readonly binding: IndicatorBinding;
}

/** A county's assessment plan for one year (考核方案). */
export interface AssessmentPlan {
  readonly id: string;
  readonly countyCode: string;
  readonly year: number;
  readonly title: string;
  readonly firstLevel: readonly FirstLevelIndicator[];
  readonly indicators: readonly Indicator[];
}
