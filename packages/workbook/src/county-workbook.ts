import type { AssessmentPlan, AssessmentRecords, CountyDataset, IsoDate } from "@dutylist/core";
import { assessmentSheets } from "./assessment-export.ts";
import { type ExecutionRecords, executionSheet } from "./execution-sheet.ts";
import { INFO_FIELDS, SHEETS } from "./format.ts";
import { listHistorySheets } from "./history-export.ts";
import { type ListExportOptions, listSheets } from "./list-export.ts";
import type { OutputSheet } from "./sheet-table.ts";

export interface CountyWorkbookOptions extends ListExportOptions {
  /**
   * The county's whole history (`listHistorySheets`: every entry with its interval and source,
   * 清单发布, 清单调整, the whole ledger) instead of its lists as of `asOf`, and, with a plan, the
   * records' whistles, guarantees and reports (履职执行记录) — so that importing the workbook gives
   * the same answers on every date and the same scores. The sample workbook is written so.
   */
  readonly history?: boolean;
}

/**
 * A county's whole workbook: its lists as of `asOf` (or, with `history`, its whole history) and, with a plan, the plan's indicators, the
 * records and the two-way ratings — with the plan's id, title and year in 清单信息, so that it
 * imports back as it was. The sample workbook and generated workbooks are written with it.
 * @example countyWorkbook(demoCounty(), isoDate("2025-12-31"), demoAssessmentPlan(), records).length // 10
 */
export function countyWorkbook(
  dataset: CountyDataset,
  asOf: IsoDate,
  plan: AssessmentPlan | null,
  records: Pick<AssessmentRecords, "performance" | "ratings"> & Partial<ExecutionRecords>,
  options: CountyWorkbookOptions = {},
): OutputSheet[] {
  const { history, ...listOptions } = options;
  const lists = history === true ? listHistorySheets(dataset) : listSheets(dataset, asOf, listOptions);
  if (plan === null) return lists;
  const planInfo = [
    [INFO_FIELDS.planId, plan.id],
    [INFO_FIELDS.planTitle, plan.title],
    [INFO_FIELDS.planYear, plan.year],
  ];
  const withPlan = lists.map((sheet) =>
    sheet.name === SHEETS.info.name ? { ...sheet, rows: [...sheet.rows, ...planInfo] } : sheet,
  );
  const execution: ExecutionRecords = {
    whistles: records.whistles ?? [],
    guarantees: records.guarantees ?? [],
    pushDowns: records.pushDowns ?? [],
    unattended: records.unattended ?? [],
  };
  return [
    ...withPlan,
    ...assessmentSheets(plan, records, dataset),
    ...(history === true ? [executionSheet(execution, dataset)] : []),
  ];
}
