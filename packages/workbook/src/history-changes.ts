import {
  type Adjustment,
  type AdjustmentChange,
  adjustmentRouteOfRecord,
  buildListIndex,
  type IsoDate,
  type ListEntry,
} from "@dutylist/core";
import type { HistoryEntries, RowEntry } from "./history-entries.ts";
import type { AdjustmentRow } from "./history-sheets.ts";
import { pairKey } from "./import-support.ts";
import type { ListRow } from "./list-rows.ts";
import { sameJson } from "./shared-values.ts";
import type { IssueLog } from "./sheet-reader.ts";

// The adjustments of a workbook's history (L3): each 清单调整 row with the changes its list rows
// give — an entry it opened is an ADD, a RECLASSIFY or an AMEND of the entry it closed on the same
// day; an entry it closed with none opened is a REMOVE. A pending proposal's rows (来源 = the
// proposal) are the changes it asks for, compared with the lists in force on their 生效日期.

type EntryShape = Pick<ListEntry, "townshipCode" | "itemCode" | "terms" | "content" | "assignment">;

function changeOf(
  next: EntryShape,
  before: ListEntry | null,
  row: ListRow,
  adjustmentId: string,
  log: IssueLog,
): AdjustmentChange | undefined {
  const { townshipCode, itemCode, terms, content, assignment } = next;
  if (before === null)
    return {
      kind: "ADD",
      townshipCode,
      itemCode,
      terms,
      content,
      ...(assignment === null ? {} : { assignment }),
    };
  if (before.terms.type !== terms.type) {
    if (!sameJson(before.content, content)) {
      log.add(
        "HISTORY_CONFLICT",
        row.record.at("name"),
        `调整 ${adjustmentId} 改变了事项 ${itemCode} 的清单类型,又改了其内容:一项调整对一个事项只能调整类型或修改内容之一`,
        "L3",
      );
      return undefined;
    }
    const kept = terms.type === "RECLAIMED" ? null : before.assignment;
    return {
      kind: "RECLASSIFY",
      townshipCode,
      itemCode,
      terms,
      ...(sameJson(kept, assignment) ? {} : { assignment }),
    };
  }
  return {
    kind: "AMEND",
    townshipCode,
    itemCode,
    ...(sameJson(before.terms, terms) ? {} : { terms }),
    ...(sameJson(before.content, content) ? {} : { content }),
    ...(sameJson(before.assignment, assignment) ? {} : { assignment }),
  };
}

function inForce(group: readonly RowEntry[], date: IsoDate): ListEntry | null {
  const found = group.find(
    (e) => e.entry.effectiveFrom <= date && (e.entry.effectiveTo === null || date < e.entry.effectiveTo),
  );
  return found?.entry ?? null;
}

/** The changes of a published adjustment; numbers the entries it opened (`<调整编号>#<n>`). */
function publishedChanges(
  row: AdjustmentRow,
  from: IsoDate,
  built: HistoryEntries,
  pairs: ReadonlyMap<string, RowEntry[]>,
  log: IssueLog,
): AdjustmentChange[] {
  const changes: AdjustmentChange[] = [];
  for (const opened of built.entries) {
    if (opened.entry.openedBy !== row.id) continue;
    const group = pairs.get(pairKey(opened.entry.townshipCode, opened.entry.itemCode)) ?? [];
    const before = group.find((e) => e !== opened && e.entry.effectiveTo === from);
    if (before !== undefined) {
      if (before.entry.closedBy !== null && before.entry.closedBy !== row.id) {
        log.add(
          "HISTORY_CONFLICT",
          before.row.record.at("closedBy"),
          `该条目终止于 ${from},终止依据却是 ${before.entry.closedBy},而同日接替它的条目来自调整 ${row.id}`,
          "L2",
        );
        continue;
      }
      before.entry = { ...before.entry, closedBy: row.id };
    }
    const change = changeOf(opened.entry, before?.entry ?? null, opened.row, row.id, log);
    if (change === undefined) continue;
    changes.push(change);
    opened.entry = { ...opened.entry, id: `${row.id}#${changes.length}` };
  }
  for (const closed of built.entries) {
    if (closed.entry.closedBy !== row.id) continue;
    const group = pairs.get(pairKey(closed.entry.townshipCode, closed.entry.itemCode)) ?? [];
    if (group.some((e) => e.entry.openedBy === row.id)) continue;
    changes.push({
      kind: "REMOVE",
      townshipCode: closed.entry.townshipCode,
      itemCode: closed.entry.itemCode,
    });
  }
  return changes;
}

/** The changes a pending proposal asks for. */
function proposedChanges(
  row: AdjustmentRow,
  built: HistoryEntries,
  pairs: ReadonlyMap<string, RowEntry[]>,
  log: IssueLog,
): AdjustmentChange[] {
  const changes: AdjustmentChange[] = [];
  for (const asked of built.proposalRows) {
    if (asked.openedBy !== row.id) continue;
    for (const townshipCode of asked.townshipCodes) {
      const current = inForce(pairs.get(pairKey(townshipCode, asked.itemCode)) ?? [], asked.effectiveFrom);
      const change = changeOf({ ...asked, townshipCode }, current, asked, row.id, log);
      if (change !== undefined) changes.push(change);
    }
  }
  for (const { row: listRow, entry } of built.entries) {
    if (listRow.closedBy === row.id)
      changes.push({ kind: "REMOVE", townshipCode: entry.townshipCode, itemCode: entry.itemCode });
  }
  return changes;
}

/**
 * The adjustments of the 清单调整 sheet with the changes the list rows give, and the entries with
 * their final ids and closings. Every published adjustment must carry the approvals its route
 * requires (L4). Knowledge time (L2): the stated 登记日期, else the import's day, else the date
 * each step states.
 * @example adjustmentsOfHistory("QX", built, rows, undefined, log).adjustments.length // 4
 */
export function adjustmentsOfHistory(
  countyCode: string,
  built: HistoryEntries,
  rows: readonly AdjustmentRow[],
  recordedOn: IsoDate | undefined,
  log: IssueLog,
): { adjustments: Adjustment[]; entries: ListEntry[]; entryRows: ListRow[] } {
  const pairs = new Map<string, RowEntry[]>();
  for (const e of built.entries) {
    const key = pairKey(e.entry.townshipCode, e.entry.itemCode);
    pairs.set(key, [...(pairs.get(key) ?? []), e]);
  }
  const adjustments: Adjustment[] = [];
  for (const row of rows) {
    const from = row.effectiveFrom;
    const changes =
      from === null
        ? proposedChanges(row, built, pairs, log)
        : publishedChanges(row, from, built, pairs, log);
    if (changes.length === 0) {
      log.add(
        "REQUIRED",
        row.record.at("id"),
        `调整 ${row.id} 没有任何变更:清单中没有来源或终止依据为它的行`,
        "L3",
      );
      continue;
    }
    adjustments.push({
      id: row.id,
      countyCode,
      title: row.title,
      reason: row.reason,
      trigger: row.trigger,
      proposer: row.proposer,
      proposedOn: row.proposedOn,
      recordedOn: row.recordedOn ?? recordedOn ?? row.proposedOn,
      changes,
      approvals: row.approvals.map((a) => ({ ...a, recordedOn: recordedOn ?? a.approvedOn })),
      publication:
        from === null || row.publishedOn === null
          ? null
          : { publishedOn: row.publishedOn, effectiveFrom: from, recordedOn: recordedOn ?? row.publishedOn },
    });
  }
  const entries = built.entries.map((e) => e.entry);
  checkApprovals(adjustments, rows, entries, log);
  return { adjustments, entries, entryRows: built.entries.map((e) => e.row) };
}

/** L4: a published adjustment carries every approval its route requires. */
function checkApprovals(
  adjustments: readonly Adjustment[],
  rows: readonly AdjustmentRow[],
  entries: readonly ListEntry[],
  log: IssueLog,
): void {
  const index = buildListIndex(entries);
  for (const adjustment of adjustments) {
    if (adjustment.publication === null) continue;
    const route = adjustmentRouteOfRecord(adjustment, index);
    const row = rows.find((r) => r.id === adjustment.id);
    for (const level of route.requiredApprovals) {
      if (row === undefined || adjustment.approvals.some((a) => a.level === level)) continue;
      const column = level === "COUNTY" ? "countyAuthority" : "provinceAuthority";
      log.add(
        "REQUIRED",
        row.record.at(column),
        `调整 ${adjustment.id} 已发布,却没有${level === "COUNTY" ? "县级" : "省级"}审批:${route.reason}`,
        "L4",
      );
    }
  }
}
