// A stored county and a workbook of its lists: each difference becomes a change of an
// adjustment from the row's date (L2, L3); nothing published is rewritten.
import {
  type AdjustmentChange,
  buildListIndex,
  type CountyDataset,
  entryInForce,
  formatCitation,
  type IsoDate,
  type ListEntry,
  type ListIndex,
  type ListType,
  listsAsOf,
} from "@dutylist/core";
import { pairKey } from "./import-support.ts";
import type { ListRow } from "./list-rows.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { CellLocation } from "./sheet-table.ts";

function contentKey(entry: Pick<ListEntry, "content">): string {
  const { category, name, tasks, basis } = entry.content;
  return JSON.stringify([category, name, tasks, basis.map(formatCitation)]);
}

function assignmentKey(entry: Pick<ListEntry, "assignment" | "terms">): string {
  const a = entry.terms.type === "RECLAIMED" ? null : entry.assignment;
  if (a === null || (a.leadingPost === null && a.office === null && a.assistingUnits.length === 0))
    return "null";
  return JSON.stringify([a.leadingPost, a.office, a.assistingUnits]);
}

function termsKey(entry: Pick<ListEntry, "terms">): string {
  const t = entry.terms;
  switch (t.type) {
    case "BASIC":
      return "BASIC";
    case "COOPERATIVE":
      return JSON.stringify([
        t.type,
        t.leadDepartments,
        t.departmentDuty,
        t.cooperationContent,
        t.guarantees.map((g) => [g.kind, g.description]),
      ]);
    case "RECLAIMED":
      return JSON.stringify([t.type, t.receivingDepartment, t.wayOfWorking]);
  }
}

export interface PlannedChange {
  readonly change: AdjustmentChange;
  /** The row that asks for the change (for a removal, the version date that implies it). */
  readonly at: CellLocation;
}

export function changesOfRows(
  stored: CountyDataset,
  rows: readonly ListRow[],
  scope: { readonly townships: readonly string[]; readonly listTypes: ReadonlySet<ListType> },
  asOf: { readonly date: IsoDate; readonly at: CellLocation },
  log: IssueLog,
): Map<IsoDate, PlannedChange[]> {
  const index = buildListIndex(stored.entries);
  const byDate = new Map<IsoDate, PlannedChange[]>();
  const plan: Plan = (date, change, at) => {
    const planned = byDate.get(date) ?? [];
    planned.push({ change, at: "record" in at ? at.record.where : at });
    byDate.set(date, planned);
  };
  const covered = new Set<string>();
  for (const row of rows)
    for (const townshipCode of row.townshipCodes)
      planRow(index, row, townshipCode, asOf.date, covered, plan, log);
  // An item in force on the version date that the workbook no longer lists for a township it
  // covers is taken off that township's lists from that date — only for the lists whose sheets
  // the workbook has (a workbook of basic items alone says nothing of the other two lists).
  for (const townshipCode of scope.townships) {
    const lists = listsAsOf(index, townshipCode, asOf.date);
    for (const entry of [...lists.basic, ...lists.cooperative, ...lists.reclaimed]) {
      if (!scope.listTypes.has(entry.terms.type) || covered.has(pairKey(townshipCode, entry.itemCode)))
        continue;
      plan(asOf.date, { kind: "REMOVE", townshipCode, itemCode: entry.itemCode }, asOf.at);
    }
  }
  return byDate;
}

type Plan = (date: IsoDate, change: AdjustmentChange, at: ListRow | CellLocation) => void;

/**
 * L2, L3: what one row asks of one township's item — nothing when the stored entry in force on
 * the row's date is the same, else the change (add, reclassify, amend, and a removal at the row's
 * end) from that date; a row that would rewrite published history is logged instead.
 */
function planRow(
  index: ListIndex,
  row: ListRow,
  townshipCode: string,
  asOfDate: IsoDate,
  covered: Set<string>,
  plan: Plan,
  log: IssueLog,
): void {
  const itemCode = row.itemCode;
  if (row.effectiveFrom <= asOfDate && (row.effectiveTo === null || asOfDate < row.effectiveTo))
    covered.add(pairKey(townshipCode, itemCode));
  const current = entryInForce(index, townshipCode, itemCode, row.effectiveFrom);
  const listed = { terms: row.terms, content: row.content, assignment: row.assignment };
  const sameTerms = current !== null && termsKey(current) === termsKey(listed);
  const sameRest =
    current !== null &&
    contentKey(current) === contentKey(listed) &&
    assignmentKey(current) === assignmentKey(listed);
  const remove: AdjustmentChange = { kind: "REMOVE", townshipCode, itemCode };
  if (current !== null && sameTerms && sameRest) {
    // A row without an end says nothing about a closing that came later (an older export).
    if (row.effectiveTo !== null && row.effectiveTo !== current.effectiveTo) {
      if (current.effectiveTo === null) plan(row.effectiveTo, remove, row);
      else
        log.add(
          "HISTORY_CONFLICT",
          row.record.at("effectiveTo"),
          `条目 ${current.id} 在库中于 ${current.effectiveTo} 失效,此处为 ${row.effectiveTo}:导入不改写已发布的清单(L2)`,
          "L2",
        );
    }
    return;
  }
  if (current !== null && current.effectiveFrom === row.effectiveFrom) {
    log.add(
      "HISTORY_CONFLICT",
      row.record.where,
      `乡镇(街道) ${townshipCode} 的事项 ${itemCode} 自 ${row.effectiveFrom} 起在库中已有条目 ${current.id},内容与此行不同:导入不改写已发布的清单(L2);新版本请以新的生效日期列出`,
      "L2",
    );
    return;
  }
  const change = changeOfRow(current, row, townshipCode);
  if ("conflict" in change) {
    log.add("HISTORY_CONFLICT", row.record.where, change.conflict, "L3");
    return;
  }
  plan(row.effectiveFrom, change, row);
  if (row.effectiveTo !== null && row.effectiveTo !== current?.effectiveTo)
    plan(row.effectiveTo, remove, row);
}

/** L3: the one change a row makes to the entry in force on its date, or why it cannot be one. */
function changeOfRow(
  current: ListEntry | null,
  row: ListRow,
  townshipCode: string,
): AdjustmentChange | { readonly conflict: string } {
  const { itemCode, terms, content, assignment } = row;
  if (current === null) return { kind: "ADD", townshipCode, itemCode, terms, content, assignment };
  if (current.terms.type === terms.type)
    return { kind: "AMEND", townshipCode, itemCode, terms, content, assignment };
  if (contentKey(current) !== contentKey(row))
    return {
      conflict: `事项 ${itemCode} 在乡镇(街道) ${townshipCode} 同日既改变清单类型又修改内容:一次调整对一个事项只能有一项变更(L3),请分两个生效日期列出`,
    };
  return { kind: "RECLASSIFY", townshipCode, itemCode, terms, assignment };
}
