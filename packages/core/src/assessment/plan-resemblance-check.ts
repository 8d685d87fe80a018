// L6 on an assessment plan: township indicators that resemble an item reclaimed in the county.
import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import { compareWithReclaimed, type Proposal } from "../lists/resemblance.ts";
import type { AssessmentPlan } from "./assessment-plan.ts";
import type { PlanChecker } from "./plan-checker.ts";

/** Entries reclaimed on some day of `[from, to)`, in any township of the county. */
function reclaimedDuring(entries: readonly ListEntry[], from: IsoDate, to: IsoDate): ListEntry[] {
  return entries.filter(
    (e) =>
      e.terms.type === "RECLAIMED" &&
      e.effectiveFrom < to &&
      (e.effectiveTo === null || e.effectiveTo > from),
  );
}

/**
 * L6 (明减暗增): a township indicator whose name closely resembles an item reclaimed anywhere in
 * the county during the plan's year — a reclaimed duty assessed under a new name — is flagged
 * for review (a WARNING; binding a reclaimed item is S1's error). The items an indicator binds
 * are not compared with themselves.
 * @example checkResemblances(checker, plan, dataset) // 指标 T04-1「非法占用土地行政处罚」… ZR-002 … 相似度 100%
 */
export function checkResemblances(
  checker: PlanChecker,
  plan: AssessmentPlan,
  dataset: CountyDataset,
  from: IsoDate,
  to: IsoDate,
): void {
  const proposals: Proposal[] = plan.indicators
    .filter((indicator) => indicator.subject === "TOWNSHIP")
    .map((indicator) => ({
      ref: `指标 ${indicator.code}`,
      townshipCodes: [],
      itemCodes: indicator.binding.kind === "ITEMS" ? indicator.binding.itemCodes : [],
      name: indicator.name,
      tasks: [],
    }));
  if (proposals.length === 0) return;
  const flags = compareWithReclaimed(proposals, reclaimedDuring(dataset.entries, from, to));
  for (const flag of flags) {
    const indicatorCode = flag.proposalRef.slice("指标 ".length);
    checker.report("RESEMBLES_RECLAIMED", "L6", indicatorCode, flag.message, [flag.itemCode]);
  }
}
