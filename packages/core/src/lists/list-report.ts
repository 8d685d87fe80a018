import { resemblanceProposals } from "../adjustments/adjustment-workflow.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { isTaskInForce } from "../ledger/temporary-task.ts";
import type { ListEntry } from "./list-entry.ts";
import { buildListIndex, type ListIndex } from "./list-index.ts";
import { listsAsOf } from "./lists-as-of.ts";
import { findResemblances, type Proposal, type ResemblanceFlag } from "./resemblance.ts";

/** An item a township must do or help with that nobody inside the township is assigned to (L7). */
export interface UnassignedItem {
  readonly ruleId: "L7";
  readonly townshipCode: string;
  readonly entry: ListEntry;
  /** What is missing: the leading post (领办), the office (承办), or both. */
  readonly missing: readonly ("LEADING_POST" | "OFFICE")[];
}

/**
 * Basic and cooperative entries in force on `date` with no leading post or no office (L7).
 * Reclaimed items are not done by the township, so they need no internal assignment.
 * @example findUnassignedItems(index, ["CGZ"], isoDate("2025-03-01")).length // 0 when all are assigned
 */
export function findUnassignedItems(
  index: ListIndex,
  townshipCodes: readonly string[],
  date: IsoDate,
): UnassignedItem[] {
  const found: UnassignedItem[] = [];
  for (const townshipCode of [...townshipCodes].sort()) {
    const lists = listsAsOf(index, townshipCode, date);
    for (const entry of [...lists.basic, ...lists.cooperative]) {
      const missing: ("LEADING_POST" | "OFFICE")[] = [];
      if (entry.assignment?.leadingPost == null) missing.push("LEADING_POST");
      if (entry.assignment?.office == null) missing.push("OFFICE");
      if (missing.length > 0) found.push({ ruleId: "L7", townshipCode, entry, missing });
    }
  }
  return found;
}

/** The review report of a county's lists on a date (L6, L7). */
export interface ListReport {
  readonly asOf: IsoDate;
  readonly unassigned: readonly UnassignedItem[];
  /** Unpublished adjustments and tasks in force that resemble an item reclaimed from the township. */
  readonly resemblances: readonly ResemblanceFlag[];
}

/**
 * Options of `buildListReport`.
 * @example buildListReport(dataset, date, { resemblanceThreshold: Number(policy.resemblanceThreshold) })
 */
export interface BuildListReportOptions {
  /**
   * County policy, not a rule (`CountyPolicy.resemblanceThreshold`): the similarity at or above
   * which a resemblance is flagged; `findResemblances`' default (0.6) when absent.
   */
  readonly resemblanceThreshold?: number;
}

/**
 * Reviews a county's lists on `date`: items without an internal assignment (L7), and pending
 * adjustments and temporary tasks in force that closely resemble a reclaimed item (L6).
 * @example buildListReport(dataset, isoDate("2025-12-31")).resemblances
 */
export function buildListReport(
  dataset: CountyDataset,
  date: IsoDate,
  options: BuildListReportOptions = {},
): ListReport {
  const index = buildListIndex(dataset.entries);
  const items = new Map(dataset.items.map((item) => [item.code, item]));
  const proposals: Proposal[] = [];
  for (const adjustment of dataset.adjustments) {
    if (adjustment.publication === null) proposals.push(...resemblanceProposals(adjustment, items));
  }
  for (const task of dataset.temporaryTasks) {
    const townships = task.townshipCodes.filter((code) => isTaskInForce(task, code, date));
    if (townships.length === 0) continue;
    proposals.push({
      ref: `临时任务 ${task.id}`,
      townshipCodes: townships,
      itemCodes: [],
      name: task.content,
      tasks: [task.content],
    });
  }
  return {
    asOf: date,
    unassigned: findUnassignedItems(
      index,
      dataset.townships.map((t) => t.code),
      date,
    ),
    resemblances: findResemblances(
      proposals,
      index,
      date,
      options.resemblanceThreshold === undefined ? {} : { threshold: options.resemblanceThreshold },
    ),
  };
}
