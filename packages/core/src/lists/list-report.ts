import { resemblanceProposals } from "../adjustments/adjustment-workflow.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { isTaskInForce } from "../ledger/temporary-task.ts";
import type { ListEntry } from "./list-entry.ts";
import { buildListIndex, type ListIndex } from "./list-index.ts";
import { listsAsOf } from "./lists-as-of.ts";
import {
  compareWithReclaimed,
  findResemblances,
  type Proposal,
  type ResemblanceFlag,
  reclaimedInCounty,
} from "./resemblance.ts";

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
  /**
   * Unpublished adjustments, tasks in force and reported push-downs that resemble an item
   * reclaimed in the county (L6).
   */
  readonly resemblances: readonly ResemblanceFlag[];
}

/**
 * Work a department was reported to have pushed onto a township (a `PushDownReport`, S5, A4):
 * what L6 compares with the items reclaimed on that day.
 */
export interface ReportedPushDown {
  readonly id: string;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly matter: string;
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
  /**
   * Push-down reports to review with the lists (L6): each one dated on or before the report's
   * date is compared with what was reclaimed in the county on its own date, so a reclaimed item
   * handed back down under its own or a similar name is flagged.
   */
  readonly pushDowns?: readonly ReportedPushDown[];
}

/**
 * L6 for push-down reports: the matter a department handed down, compared with every item
 * reclaimed in the county on the day it was handed down (明减暗增: a reclaimed item given back
 * under another name, 擅自向基层转嫁). Reports dated after `asOf` are left out.
 * @example pushDownResemblances(index, [{ id: "PD-1", departmentCode: "ZRZYJ", townshipCode: "QX-CG", date, matter: "非法占地行政处罚" }], date)
 */
export function pushDownResemblances(
  index: ListIndex,
  reports: readonly ReportedPushDown[],
  asOf: IsoDate,
  options: { readonly threshold?: number } = {},
): ResemblanceFlag[] {
  const byDate = new Map<IsoDate, Proposal[]>();
  for (const report of [...reports].sort(
    (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  )) {
    if (report.date > asOf) continue;
    const proposals = byDate.get(report.date) ?? [];
    proposals.push({
      ref: `下派报告 ${report.id}(${report.departmentCode},${report.date})`,
      townshipCodes: [report.townshipCode],
      itemCodes: [],
      name: report.matter,
      tasks: [report.matter],
    });
    byDate.set(report.date, proposals);
  }
  return [...byDate].flatMap(([date, proposals]) =>
    compareWithReclaimed(proposals, reclaimedInCounty(index, date), options),
  );
}

/**
 * Reviews a county's lists on `date`: items without an internal assignment (L7), and pending
 * adjustments, temporary tasks in force and the given push-down reports that closely resemble a
 * reclaimed item (L6).
 * @example buildListReport(dataset, isoDate("2025-12-31")).resemblances
 */
export function buildListReport(
  dataset: CountyDataset,
  date: IsoDate,
  options: BuildListReportOptions = {},
): ListReport {
  const threshold =
    options.resemblanceThreshold === undefined ? {} : { threshold: options.resemblanceThreshold };
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
    resemblances: [
      ...findResemblances(proposals, index, date, threshold),
      ...pushDownResemblances(index, options.pushDowns ?? [], date, threshold),
    ],
  };
}
