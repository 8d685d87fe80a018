import {
  type CountyDataset,
  canonicalJson,
  closeTemporaryTask,
  type DomainError,
  type IsoDate,
  registerTemporaryTask,
  type TemporaryTask,
} from "@dutylist/core";
import type { IssueLog } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";
import type { TaskRow } from "./task-rows.ts";

// What creating and adjusting a county from a workbook share.

export function fileLocation(tables: WorkbookTables, sheet: string | null = null): CellLocation {
  return { file: tables.source, sheet: sheet ?? "", row: null, column: null, header: null };
}

export function domainIssue(log: IssueLog, error: DomainError, at: CellLocation): void {
  log.add("DOMAIN", at, error.message);
}

/** Entries of a township's lists (L1) keyed by township and item. */
export function pairKey(townshipCode: string, itemCode: string): string {
  return `${townshipCode}\u0000${itemCode}`;
}

export function maxDate(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((max, d) => (max === null || d > max ? d : max), null);
}

export function minDate(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((min, d) => (min === null || d < min ? d : min), null);
}

export function violationEntryIds(error: DomainError): readonly string[] {
  if ("entryIds" in error) return error.entryIds;
  if ("entryId" in error) return [error.entryId];
  return [];
}

/**
 * Registers the rows' new tasks and closes those the rows close (L5). Knowledge time (L2): each
 * is recorded on `recordedOn` (the import's day) when given, else on the date it states; a task
 * without a 登记日期 is registered on the import's day (登记在前: it covers nothing before it).
 */
export function applyTasks(
  dataset: CountyDataset,
  rows: readonly TaskRow[],
  log: IssueLog,
  recordedOn?: IsoDate,
): { dataset: CountyDataset; registered: number; closed: number } {
  let current = dataset;
  let registered = 0;
  let closed = 0;
  for (const row of rows) {
    const stored = current.temporaryTasks.find((t) => t.id === row.registration.id);
    if (stored === undefined) {
      const registeredOn = row.registeredOn ?? recordedOn ?? row.registration.startsOn;
      const result = registerTemporaryTask(current, {
        ...row.registration,
        registeredOn,
        recordedOn: recordedOn ?? registeredOn,
      });
      if (!result.ok) {
        for (const error of result.errors) domainIssue(log, error, row.record.where);
        continue;
      }
      current = result.value.dataset;
      registered++;
    } else if (!sameTask(stored, row)) {
      log.add(
        "HISTORY_CONFLICT",
        row.record.at("id"),
        `临时任务 ${stored.id} 已登记,内容与库中不同:台账只增不改(L5),已登记的任务只能销号`,
        "L5",
      );
      continue;
    }
    const task = current.temporaryTasks.find((t) => t.id === row.registration.id);
    if (row.closedOn !== null && task !== undefined && task.closedOn === null) {
      const result = closeTemporaryTask(
        current,
        task.id,
        row.closedOn,
        row.closingNote ?? "",
        recordedOn ?? row.closingRecordedOn ?? row.closedOn,
      );
      if (!result.ok) for (const error of result.errors) domainIssue(log, error, row.record.at("closedOn"));
      else {
        current = result.value.dataset;
        closed++;
      }
    } else if (row.closedOn !== null && task?.closedOn != null && task.closedOn !== row.closedOn) {
      log.add(
        "HISTORY_CONFLICT",
        row.record.at("closedOn"),
        `临时任务 ${task.id} 已于 ${task.closedOn} 销号`,
        "L5",
      );
    }
  }
  return { dataset: current, registered, closed };
}

/** Whether the row states the stored task (its 登记日期 only when the row gives one). */
export function sameTask(stored: TemporaryTask, row: TaskRow): boolean {
  const {
    countyCode: _c,
    closedOn: _d,
    closingNote: _n,
    closingRecordedOn: _k,
    registeredOn,
    recordedOn: _r,
    ...registration
  } = stored;
  return (
    canonicalJson(registration) === canonicalJson(row.registration) &&
    (row.registeredOn === null || row.registeredOn === registeredOn)
  );
}
