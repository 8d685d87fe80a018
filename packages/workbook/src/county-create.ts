import {
  type CountyDataset,
  type DutyItem,
  type IsoDate,
  type ItemContent,
  type ListPublication,
  validateCountyLists,
} from "@dutylist/core";
import type { CountyImport, CountyImportOptions } from "./county-import-plan.ts";
import { INFO_FIELDS, SHEETS } from "./format.ts";
import { adjustmentsOfHistory } from "./history-changes.ts";
import { entriesOfHistory } from "./history-entries.ts";
import { type HistorySheets, readHistorySheets } from "./history-sheets.ts";
import { applyTasks, domainIssue, fileLocation, minDate, violationEntryIds } from "./import-support.ts";
import type { InfoValues } from "./info-sheet.ts";
import { type ListRow, readListRows } from "./list-rows.ts";
import { readReferenceData } from "./reference-sheets.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";
import { readTaskRows } from "./task-rows.ts";

// A county not yet stored: created from the workbook — its first publication, or, with the
// history sheets and columns, every publication and adjustment it records (L2, L3).

/**
 * The county a workbook is about: 清单信息's 县(市、区)编码, else the option.
 * @example importCountyCode(info, {}) // "QX"
 */
export function importCountyCode(info: InfoValues, options: CountyImportOptions): string | null {
  return info.text("countyCode") ?? options.countyCode ?? null;
}

/**
 * The county's publications: its 清单发布 sheet, or else one publication from 清单信息 (清单名称,
 * 发布文号, 发布日期) from its 生效日期 or the earliest row's — as a workbook without history has
 * always been read. `null` after logging when no date can be found.
 */
function publicationsOf(
  tables: WorkbookTables,
  info: InfoValues,
  code: string,
  name: string,
  history: HistorySheets,
  rows: readonly ListRow[],
  declaredFrom: IsoDate | null,
  options: CountyImportOptions,
  log: IssueLog,
): ListPublication[] | null {
  if (history.publications !== null && history.publications.length > 0)
    return history.publications.map(({ record: _r, recordedOn, ...p }) => ({
      ...p,
      countyCode: code,
      recordedOn: recordedOn ?? p.publishedOn,
    }));
  const effectiveFrom = declaredFrom ?? minDate(rows.map((r) => r.effectiveFrom)) ?? options.asOf ?? null;
  if (effectiveFrom === null) {
    log.add(
      "REQUIRED",
      fileLocation(tables, SHEETS.info.name),
      "无法确定清单的生效日期:请在“清单信息”中填写生效日期",
    );
    return null;
  }
  const publishedOn = info.date("publishedOn", log) ?? effectiveFrom;
  return [
    {
      id: `${code}-LIST-${effectiveFrom}`,
      countyCode: code,
      title: info.text("title") ?? `${name}乡镇(街道)履行职责事项清单`,
      documentNo: info.text("documentNo"),
      publishedOn,
      effectiveFrom,
      recordedOn: options.recordedOn ?? publishedOn,
    },
  ];
}

/** The dataset as far as it read, with the items refused rows name (to check the other sheets). */
function withRefusedItems(
  dataset: CountyDataset,
  refusedItems: ReadonlyMap<string, ItemContent>,
): CountyDataset {
  const known = new Set(dataset.items.map((i) => i.code));
  const named = [...refusedItems]
    .filter(([itemCode]) => !known.has(itemCode))
    .map(
      ([itemCode, content]): DutyItem => ({
        code: itemCode,
        countyCode: dataset.county.code,
        townshipCode: null,
        content,
      }),
    );
  return { ...dataset, items: [...dataset.items, ...named] };
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
  const history = readHistorySheets(tables, refs, log);
  const proposals = new Set(
    (history.adjustments ?? []).filter((a) => a.effectiveFrom === null).map((a) => a.id),
  );
  const declaredFrom = info.date("effectiveFrom", log);
  const { rows, refusedItems } = readListRows(
    tables,
    refs,
    declaredFrom ?? options.asOf ?? null,
    log,
    proposals,
  );
  const taskRows = readTaskRows(tables, refs, log) ?? [];
  // Knowledge time (L2): a workbook with the history sheets is the county's record as kept — each
  // step recorded on its 登记日期, else on the date it states — not recorded on the import's day.
  const withHistory = history.publications !== null || history.adjustments !== null;
  const recordedOn = withHistory ? undefined : options.recordedOn;
  const publications = publicationsOf(tables, info, code, name, history, rows, declaredFrom, options, log);
  if (publications === null) return { kind: "REJECTED", dataset: null };
  const built = entriesOfHistory(code, rows, { publications, adjustments: history.adjustments ?? [] }, log);
  const readCleanly = log.size === 0;
  const { adjustments, entries, entryRows } = adjustmentsOfHistory(
    code,
    built,
    history.adjustments ?? [],
    recordedOn,
    log,
  );
  const items = built.items;
  const dataset: CountyDataset = {
    county: { code, name },
    townships: refs.townships,
    departments: refs.departments,
    items,
    publications,
    entries,
    adjustments,
    temporaryTasks: [],
  };
  // With problems already found, the rows that did read — and the items refused rows name —
  // still check the workbook's other sheets, without a cascade of unknown items.
  if (!readCleanly || log.size > 0)
    return { kind: "REJECTED", dataset: withRefusedItems(dataset, refusedItems) };
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
  const withTasks = applyTasks(dataset, taskRows, log, recordedOn);
  return log.size > 0 ? { kind: "REJECTED", dataset } : { kind: "CREATE", dataset: withTasks.dataset };
}
