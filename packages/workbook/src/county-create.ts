import {
  type CountyDataset,
  type DutyItem,
  type EntryTerms,
  type InternalAssignment,
  type ItemContent,
  type ListEntry,
  type ListPublication,
  validateCountyLists,
} from "@dutylist/core";
import type { CountyImport, CountyImportOptions } from "./county-import-plan.ts";
import { INFO_FIELDS, SHEETS } from "./format.ts";
import { applyTasks, domainIssue, fileLocation, minDate, violationEntryIds } from "./import-support.ts";
import type { InfoValues } from "./info-sheet.ts";
import { type ListRow, readListRows } from "./list-rows.ts";
import { readReferenceData } from "./reference-sheets.ts";
import { SharedValues } from "./shared-values.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";
import { readTaskRows } from "./task-rows.ts";

// A county not yet stored: created from the workbook as its first publication.

/**
 * The county a workbook is about: 清单信息's 县(市、区)编码, else the option.
 * @example importCountyCode(info, {}) // "QX"
 */
export function importCountyCode(info: InfoValues, options: CountyImportOptions): string | null {
  return info.text("countyCode") ?? options.countyCode ?? null;
}

export function createCounty(
  tables: WorkbookTables,
  info: InfoValues,
  options: CountyImportOptions,
  log: IssueLog,
): CountyImport {
  const code = importCountyCode(info, options);
  if (code === null) {
    log.add(
      "REQUIRED",
      info.at("countyCode") ?? fileLocation(tables, SHEETS.info.name),
      `新导入的县须在“${SHEETS.info.name}”中填写“${INFO_FIELDS.countyCode}”(或用 --county 指定)`,
    );
    return { kind: "REJECTED", dataset: null };
  }
  const name = info.text("countyName") ?? options.countyName ?? code;
  const refs = readReferenceData(tables, code, null, log);
  const declaredFrom = info.date("effectiveFrom", log);
  const { rows, refusedItems } = readListRows(tables, refs, declaredFrom ?? options.asOf ?? null, log);
  const taskRows = readTaskRows(tables, refs, log) ?? [];
  const readCleanly = log.size === 0;
  const effectiveFrom = declaredFrom ?? minDate(rows.map((r) => r.effectiveFrom)) ?? options.asOf ?? null;
  if (effectiveFrom === null) {
    log.add(
      "REQUIRED",
      fileLocation(tables, SHEETS.info.name),
      "无法确定清单的生效日期:请在“清单信息”中填写生效日期",
    );
    return { kind: "REJECTED", dataset: null };
  }
  const publishedOn = info.date("publishedOn", log) ?? effectiveFrom;
  const publication: ListPublication = {
    id: `${code}-LIST-${effectiveFrom}`,
    countyCode: code,
    title: info.text("title") ?? `${name}乡镇(街道)履行职责事项清单`,
    documentNo: info.text("documentNo"),
    publishedOn,
    effectiveFrom,
    recordedOn: options.recordedOn ?? publishedOn,
  };
  const { items, entries, entryRows } = entriesOfRows(code, rows, publication.id);
  const dataset: CountyDataset = {
    county: { code, name },
    townships: refs.townships,
    departments: refs.departments,
    items,
    publications: [publication],
    entries,
    adjustments: [],
    temporaryTasks: [],
  };
  // With problems already found, the rows that did read — and the items refused rows name —
  // still check the workbook's other sheets, without a cascade of unknown items.
  if (!readCleanly) {
    const known = new Set(items.map((i) => i.code));
    const named = [...refusedItems]
      .filter(([itemCode]) => !known.has(itemCode))
      .map(
        ([itemCode, content]): DutyItem => ({
          code: itemCode,
          countyCode: code,
          townshipCode: null,
          content,
        }),
      );
    return { kind: "REJECTED", dataset: { ...dataset, items: [...items, ...named] } };
  }
  let rowOfEntry: Map<string, ListRow | undefined> | null = null;
  for (const violation of validateCountyLists(dataset)) {
    // Which row made an entry: looked up only when a violation names entries.
    rowOfEntry ??= new Map(entries.map((entry, n) => [entry.id, entryRows[n]]));
    const rows = rowOfEntry;
    const row = violationEntryIds(violation)
      .map((id) => rows.get(id))
      .find((r) => r !== undefined);
    domainIssue(log, violation, row?.record.where ?? fileLocation(tables));
  }
  const withTasks = applyTasks(dataset, taskRows, log, options.recordedOn);
  return log.size > 0 ? { kind: "REJECTED", dataset } : { kind: "CREATE", dataset: withTasks.dataset };
}

function entriesOfRows(
  countyCode: string,
  rows: readonly ListRow[],
  openedBy: string,
): { items: DutyItem[]; entries: ListEntry[]; entryRows: ListRow[] } {
  const items = new Map<string, DutyItem>();
  // Rows per item and township: an entry's id carries its start date only when its pair has
  // several rows.
  const rowsPerPair = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let perTownship = rowsPerPair.get(row.itemCode);
    if (perTownship === undefined) {
      perTownship = new Map();
      rowsPerPair.set(row.itemCode, perTownship);
    }
    for (const t of row.townshipCodes) perTownship.set(t, (perTownship.get(t) ?? 0) + 1);
  }
  const entries: ListEntry[] = [];
  // The row of each entry, by position.
  const entryRows: ListRow[] = [];
  // Rows repeat an item's content, terms and assignment for township after township: equal ones
  // are kept as one object (each entry still has its content, L1; amended content stays apart).
  const contents = new SharedValues<ItemContent>();
  const terms = new SharedValues<EntryTerms>();
  const assignments = new SharedValues<InternalAssignment>();
  for (const row of rows) {
    const content = contents.share(row.itemCode, row.content);
    // The catalogue learns an item from its first row (L1).
    if (!items.has(row.itemCode))
      items.set(row.itemCode, { code: row.itemCode, countyCode, townshipCode: null, content });
    const shared = {
      terms: terms.share(row.itemCode, row.terms),
      assignment: row.assignment === null ? null : assignments.share(row.itemCode, row.assignment),
    };
    const perTownship = rowsPerPair.get(row.itemCode);
    for (const townshipCode of row.townshipCodes) {
      const single = perTownship?.get(townshipCode) === 1;
      const id = single
        ? `${townshipCode}/${row.itemCode}`
        : `${townshipCode}/${row.itemCode}@${row.effectiveFrom}`;
      entryRows.push(row);
      entries.push({
        id,
        countyCode,
        townshipCode,
        itemCode: row.itemCode,
        terms: shared.terms,
        content,
        assignment: shared.assignment,
        effectiveFrom: row.effectiveFrom,
        effectiveTo: row.effectiveTo,
        openedBy,
        closedBy: null,
      });
    }
  }
  return { items: [...items.values()], entries, entryRows };
}
