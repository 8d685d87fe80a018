import {
  buildListIndex,
  type CountyDataset,
  formatCitation,
  type IsoDate,
  type ListEntry,
  type ListType,
  listsAsOf,
  TASK_AUTHORITY_NAMES,
  type TemporaryTask,
  taskAsOf,
} from "@dutylist/core";
import { HISTORY_COLUMN_KEYS, INFO_FIELDS, SHEETS, type SheetSpec } from "./format.ts";
import { guaranteeLine, LIST_SHEETS } from "./list-rows.ts";
import { TOWNSHIP_KIND_NAMES } from "./reference-sheets.ts";
import type { Cell, OutputSheet } from "./sheet-table.ts";
import { TASK_ROLE_NAMES } from "./task-rows.ts";

// The lists of a county, or of one township, as they stood on a date — in the import format, so
// that the export imports back unchanged.

export interface ListExportOptions {
  /** One township's lists; every township's by default. */
  readonly townshipCode?: string;
  /** The county's stored revision the dataset was loaded at (`countyRevision`): 数据版本. */
  readonly revision?: bigint;
  /** When the export was made (an ISO timestamp): 导出时间. */
  readonly exportedAt?: string;
}

export function headerOf(spec: SheetSpec): string[] {
  return spec.columns.map((c) => c.header);
}

export function rowOf(spec: SheetSpec, values: Readonly<Record<string, Cell>>): Cell[] {
  return spec.columns.map((c) => values[c.key] ?? null);
}

/** A list sheet without the history columns (来源, 终止依据): what an export as of a date writes. */
export function listSpecOf(type: ListType, history: boolean): SheetSpec {
  const spec: SheetSpec = SHEETS[LIST_SHEETS[type]];
  return history ? spec : { ...spec, columns: spec.columns.filter((c) => !HISTORY_COLUMN_KEYS.has(c.key)) };
}

/** The cells of an entry's row in a list sheet. */
export function entryValues(
  entry: ListEntry,
  n: number,
  townshipName: string,
  departmentName: (code: string) => string,
): Record<string, Cell> {
  const terms = entry.terms;
  const assignment = entry.assignment;
  return {
    no: n,
    township: townshipName,
    itemCode: entry.itemCode,
    category: entry.content.category,
    name: entry.content.name,
    tasks: entry.content.tasks.join("\n"),
    basis: entry.content.basis.map(formatCitation).join("\n"),
    leadingPost: assignment?.leadingPost ?? null,
    office: assignment?.office ?? null,
    assistingUnits: assignment === null ? null : assignment.assistingUnits.join("、"),
    effectiveFrom: entry.effectiveFrom,
    effectiveTo: entry.effectiveTo,
    ...(terms.type === "COOPERATIVE"
      ? {
          leadDepartments: terms.leadDepartments.map(departmentName).join("、"),
          departmentDuty: terms.departmentDuty,
          cooperationContent: terms.cooperationContent.join("\n"),
          guarantees: terms.guarantees.map(guaranteeLine).join("\n"),
        }
      : {}),
    ...(terms.type === "RECLAIMED"
      ? { receivingDepartment: departmentName(terms.receivingDepartment), wayOfWorking: terms.wayOfWorking }
      : {}),
  };
}

function infoSheet(dataset: CountyDataset, asOf: IsoDate, options: ListExportOptions): OutputSheet {
  const publication = [...dataset.publications]
    .filter((p) => p.effectiveFrom <= asOf)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  const fields: [string, Cell][] = [
    [INFO_FIELDS.countyCode, dataset.county.code],
    [INFO_FIELDS.countyName, dataset.county.name],
    [INFO_FIELDS.title, publication?.title ?? null],
    [INFO_FIELDS.documentNo, publication?.documentNo ?? null],
    [INFO_FIELDS.asOf, asOf],
    // What the export was made from: an import of it after later changes is refused (stale).
    ...(options.revision === undefined
      ? []
      : [[INFO_FIELDS.revision, String(options.revision)] as [string, Cell]]),
    ...(options.exportedAt === undefined
      ? []
      : [[INFO_FIELDS.exportedAt, options.exportedAt] as [string, Cell]]),
  ];
  return { name: SHEETS.info.name, header: headerOf(SHEETS.info), rows: fields };
}

/**
 * The lists as of `asOf` in the import format: 清单信息 (with the 版本日期, and the 数据版本 and
 * 导出时间 when given), 乡镇(街道), 部门,
 * the three list sheets (one row per township and item, parties by name) and the temporary
 * tasks decided by then, as the ledger stood that day. Importing it back changes nothing.
 * @example listSheets(demoCounty(), isoDate("2025-10-01")).map((s) => s.name) // ["清单信息", "乡镇(街道)", …]
 */
export function listSheets(
  dataset: CountyDataset,
  asOf: IsoDate,
  options: ListExportOptions = {},
): OutputSheet[] {
  const townships = dataset.townships.filter(
    (t) => options.townshipCode === undefined || t.code === options.townshipCode,
  );
  const departments = new Map(dataset.departments.map((d) => [d.code, d.name]));
  const departmentName = (code: string) => departments.get(code) ?? code;
  const index = buildListIndex(dataset.entries);
  const rows: Record<ListType, Cell[][]> = { BASIC: [], COOPERATIVE: [], RECLAIMED: [] };
  for (const township of townships) {
    const lists = listsAsOf(index, township.code, asOf);
    for (const entry of [...lists.basic, ...lists.cooperative, ...lists.reclaimed]) {
      const type = entry.terms.type;
      const spec = listSpecOf(type, false);
      rows[type].push(rowOf(spec, entryValues(entry, rows[type].length + 1, township.name, departmentName)));
    }
  }
  const inScope = new Set(townships.map((t) => t.code));
  const townshipNames = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const tasks = dataset.temporaryTasks
    .filter((task) => task.decision.decidedOn <= asOf && task.townshipCodes.some((code) => inScope.has(code)))
    .map((task) => taskAsOf(task, asOf))
    .map((task, i) => taskRow(task, i + 1, departmentName, (code) => townshipNames.get(code) ?? code));
  const sheet = (spec: SheetSpec, data: Cell[][]): OutputSheet => ({
    name: spec.name,
    header: headerOf(spec),
    rows: data,
  });
  return [
    infoSheet(dataset, asOf, options),
    sheet(
      SHEETS.townships,
      townships.map((t, i) =>
        rowOf(SHEETS.townships, { no: i + 1, code: t.code, name: t.name, kind: TOWNSHIP_KIND_NAMES[t.kind] }),
      ),
    ),
    sheet(
      SHEETS.departments,
      dataset.departments.map((d, i) => rowOf(SHEETS.departments, { no: i + 1, code: d.code, name: d.name })),
    ),
    sheet(listSpecOf("BASIC", false), rows.BASIC),
    sheet(listSpecOf("COOPERATIVE", false), rows.COOPERATIVE),
    sheet(listSpecOf("RECLAIMED", false), rows.RECLAIMED),
    sheet(taskSpecOf(false), tasks),
  ];
}

/** 临时性工作任务 without the history column (销号登记日期), or with it. */
export function taskSpecOf(history: boolean): SheetSpec {
  const spec: SheetSpec = SHEETS.temporaryTasks;
  return history ? spec : { ...spec, columns: spec.columns.filter((c) => !HISTORY_COLUMN_KEYS.has(c.key)) };
}

/** A temporary task's row of 临时性工作任务 (with 销号登记日期 when `history`). */
export function taskRow(
  task: TemporaryTask,
  n: number,
  departmentName: (code: string) => string,
  townshipName: (code: string) => string,
  history = false,
): Cell[] {
  return rowOf(taskSpecOf(history), {
    no: n,
    id: task.id,
    authority: TASK_AUTHORITY_NAMES[task.decision.authority],
    documentNo: task.decision.documentNo,
    title: task.decision.title,
    decidedOn: task.decision.decidedOn,
    requestingDepartment: departmentName(task.requestingDepartment),
    townships: task.townshipCodes.map(townshipName).join("、"),
    content: task.content,
    role: TASK_ROLE_NAMES[task.townshipRole],
    startsOn: task.startsOn,
    plannedEndOn: task.plannedEndOn,
    registeredOn: task.registeredOn,
    closedOn: task.closedOn,
    closingNote: task.closingNote,
    closingRecordedOn: task.closingRecordedOn,
  });
}
