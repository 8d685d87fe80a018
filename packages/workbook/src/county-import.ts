import type { CountyDataset } from "@dutylist/core";
import { adjustCounty } from "./county-adjust.ts";
import { createCounty } from "./county-create.ts";
import type { CountyImport, CountyImportOptions } from "./county-import-plan.ts";

export { importCountyCode } from "./county-create.ts";
export type {
  AdjustedCounty,
  CountyImport,
  CountyImportOptions,
  CreatedCounty,
} from "./county-import-plan.ts";

import { SHEETS } from "./format.ts";
import type { InfoValues } from "./info-sheet.ts";
import { LIST_SHEETS } from "./list-rows.ts";
import { findSheet, type IssueLog } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";

/** Whether the workbook has any sheet this module reads. */
function hasCountySheets(tables: WorkbookTables): boolean {
  const specs = [
    SHEETS.townships,
    SHEETS.departments,
    SHEETS.temporaryTasks,
    ...Object.values(LIST_SHEETS).map((k) => SHEETS[k]),
  ];
  return specs.some((spec) => findSheet(tables, spec) !== undefined);
}

/**
 * Plans the import of a workbook's lists, checking everything before anything is written: every
 * problem goes to `log` with its sheet, row and column, and then the plan is `REJECTED`. A county not
 * stored yet (`stored === null`) is created from the workbook; for a stored county the workbook
 * is the lists as they stand on its 版本日期 (or the latest 生效日期), and each difference
 * becomes a change of an adjustment published from the row's 生效日期 (L2, L3) — the same
 * workbook imported twice changes nothing.
 * @example planCountyImport(tables, info, null, {}, log).kind // "CREATE"
 */
export function planCountyImport(
  tables: WorkbookTables,
  info: InfoValues,
  stored: CountyDataset | null,
  options: CountyImportOptions,
  log: IssueLog,
): CountyImport {
  if (!hasCountySheets(tables)) return { kind: "NONE" };
  return stored === null
    ? createCounty(tables, info, options, log)
    : adjustCounty(tables, info, stored, options, log);
}
