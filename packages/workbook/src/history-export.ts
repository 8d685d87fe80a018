import {
  type Adjustment,
  type AdjustmentChange,
  buildListIndex,
  type CountyDataset,
  entryInForce,
  type ListEntry,
  type ListType,
} from "@dutylist/core";
import { TRIGGER_NAMES } from "./adjustment-terms.ts";
import { INFO_FIELDS, SHEETS, type SheetSpec } from "./format.ts";
import { proposerText } from "./history-sheets.ts";
import { entryValues, headerOf, listSpecOf, rowOf, taskRow, taskSpecOf } from "./list-export.ts";
import { TOWNSHIP_KIND_NAMES } from "./reference-sheets.ts";
import type { Cell, OutputSheet } from "./sheet-table.ts";

// A county's whole history in the import format (L2): every entry ever in force with its
// interval (生效日期/失效日期) and the publication or adjustment that opened and closed it
// (来源/终止依据), the publications (清单发布), the adjustments with their approvals (清单调整)
// — a pending proposal's changes as rows whose 来源 is the proposal — and the whole task ledger.
// Importing it into an empty store gives the same county: the same answers on every date.

/** The entry a pending proposal's change would open, as its row shows it (from its proposal date). */
function proposedEntry(
  adjustment: Adjustment,
  change: AdjustmentChange,
  current: ListEntry | null,
): ListEntry | null {
  const base = {
    id: `${adjustment.id}#proposed`,
    countyCode: adjustment.countyCode,
    townshipCode: change.townshipCode,
    itemCode: change.itemCode,
    effectiveFrom: adjustment.proposedOn,
    effectiveTo: null,
    openedBy: adjustment.id,
    closedBy: null,
  };
  switch (change.kind) {
    case "ADD": {
      if (change.content === undefined) return null;
      return { ...base, terms: change.terms, content: change.content, assignment: change.assignment ?? null };
    }
    case "REMOVE":
      return null;
    case "RECLASSIFY": {
      if (current === null) return null;
      const kept = change.terms.type === "RECLAIMED" ? null : current.assignment;
      const assignment = change.assignment === undefined ? kept : change.assignment;
      return { ...base, terms: change.terms, content: current.content, assignment };
    }
    case "AMEND": {
      if (current === null) return null;
      return {
        ...base,
        terms: change.terms ?? current.terms,
        content: change.content ?? current.content,
        assignment: change.assignment === undefined ? current.assignment : change.assignment,
      };
    }
  }
}

interface Names {
  readonly township: (code: string) => string;
  readonly department: (code: string) => string;
}

function listRows(dataset: CountyDataset, names: Names): Record<ListType, Cell[][]> {
  const rows: Record<ListType, Cell[][]> = { BASIC: [], COOPERATIVE: [], RECLAIMED: [] };
  const order = new Map(dataset.townships.map((t, i) => [t.code, i]));
  const index = buildListIndex(dataset.entries);
  // An entry a pending proposal would remove names the proposal as its 终止依据.
  const removals = new Map<string, string>();
  const proposed: ListEntry[] = [];
  for (const adjustment of dataset.adjustments) {
    if (adjustment.publication !== null) continue;
    for (const change of adjustment.changes) {
      const current = entryInForce(index, change.townshipCode, change.itemCode, adjustment.proposedOn);
      if (change.kind === "REMOVE" && current !== null) removals.set(current.id, adjustment.id);
      const entry = proposedEntry(adjustment, change, current);
      if (entry !== null) proposed.push(entry);
    }
  }
  const entries = [...dataset.entries].sort(
    (a, b) =>
      (order.get(a.townshipCode) ?? 0) - (order.get(b.townshipCode) ?? 0) ||
      (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0) ||
      (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0),
  );
  for (const entry of [...entries, ...proposed]) {
    const type = entry.terms.type;
    const values = entryValues(
      entry,
      rows[type].length + 1,
      names.township(entry.townshipCode),
      names.department,
    );
    const closedBy = entry.closedBy ?? removals.get(entry.id) ?? null;
    rows[type].push(rowOf(listSpecOf(type, true), { ...values, openedBy: entry.openedBy, closedBy }));
  }
  return rows;
}

function adjustmentRow(adjustment: Adjustment, n: number, names: Names): Cell[] {
  const county = adjustment.approvals.find((a) => a.level === "COUNTY");
  const province = adjustment.approvals.find((a) => a.level === "PROVINCE");
  return rowOf(SHEETS.adjustments, {
    no: n,
    id: adjustment.id,
    title: adjustment.title,
    reason: adjustment.reason,
    trigger: TRIGGER_NAMES[adjustment.trigger.kind],
    triggerReference: adjustment.trigger.reference,
    proposer: proposerText(adjustment.proposer, names.department, names.township),
    proposedOn: adjustment.proposedOn,
    recordedOn: adjustment.recordedOn,
    countyAuthority: county?.authority ?? null,
    countyApprovedOn: county?.approvedOn ?? null,
    countyDocumentNo: county?.documentNo ?? null,
    provinceAuthority: province?.authority ?? null,
    provinceApprovedOn: province?.approvedOn ?? null,
    provinceDocumentNo: province?.documentNo ?? null,
    publishedOn: adjustment.publication?.publishedOn ?? null,
    effectiveFrom: adjustment.publication?.effectiveFrom ?? null,
  });
}

/**
 * The county's whole history in the import format: 清单信息 (the county), 乡镇(街道), 部门, the
 * three list sheets with every entry ever in force (and a pending proposal's changes), 清单发布,
 * 清单调整 and the whole 临时性工作任务 ledger. Imported into an empty store it gives the same
 * lists on every date, the same versions, adjustments and tasks.
 * @example listHistorySheets(demoCounty()).map((s) => s.name) // ["清单信息", …, "清单发布", "清单调整"]
 */
export function listHistorySheets(dataset: CountyDataset): OutputSheet[] {
  const townships = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const departments = new Map(dataset.departments.map((d) => [d.code, d.name]));
  const names: Names = {
    township: (code) => townships.get(code) ?? code,
    department: (code) => departments.get(code) ?? code,
  };
  const sheet = (spec: SheetSpec, data: Cell[][]): OutputSheet => ({
    name: spec.name,
    header: headerOf(spec),
    rows: data,
  });
  const lists = listRows(dataset, names);
  return [
    sheet(SHEETS.info, [
      [INFO_FIELDS.countyCode, dataset.county.code],
      [INFO_FIELDS.countyName, dataset.county.name],
    ]),
    sheet(
      SHEETS.townships,
      dataset.townships.map((t, i) =>
        rowOf(SHEETS.townships, { no: i + 1, code: t.code, name: t.name, kind: TOWNSHIP_KIND_NAMES[t.kind] }),
      ),
    ),
    sheet(
      SHEETS.departments,
      dataset.departments.map((d, i) => rowOf(SHEETS.departments, { no: i + 1, code: d.code, name: d.name })),
    ),
    sheet(listSpecOf("BASIC", true), lists.BASIC),
    sheet(listSpecOf("COOPERATIVE", true), lists.COOPERATIVE),
    sheet(listSpecOf("RECLAIMED", true), lists.RECLAIMED),
    sheet(
      taskSpecOf(true),
      dataset.temporaryTasks.map((task, i) => taskRow(task, i + 1, names.department, names.township, true)),
    ),
    sheet(
      SHEETS.publications,
      dataset.publications.map((p, i) =>
        rowOf(SHEETS.publications, {
          no: i + 1,
          id: p.id,
          title: p.title,
          documentNo: p.documentNo,
          publishedOn: p.publishedOn,
          effectiveFrom: p.effectiveFrom,
          recordedOn: p.recordedOn,
        }),
      ),
    ),
    sheet(
      SHEETS.adjustments,
      dataset.adjustments.map((a, i) => adjustmentRow(a, i + 1, names)),
    ),
  ];
}
