// The public API of @dutylist/workbook, named: reading workbooks and CSV into tables with located
// issues, planning an import against what is stored, and writing lists, results and determinations.
export { assessmentSheets } from "./assessment-export.ts";
export type { AssessmentReconciliation } from "./assessment-reconcile.ts";
export type { PlanWarning } from "./assessment-sheets.ts";
export { importCountyCode } from "./county-create.ts";
export { planCountyImport } from "./county-import.ts";
export type {
  CountyImport,
  CountyImportOptions,
} from "./county-import-plan.ts";
export { type CountyWorkbookOptions, countyWorkbook } from "./county-workbook.ts";
export {
  CSV_BOM,
  CsvSyntaxError,
  csvRecord,
  parseCsv,
  toCsv,
} from "./csv.ts";
export { type DeterminationSheetOptions, determinationSheet } from "./determination-sheet.ts";
export { type ExecutionRecords, executionSheet } from "./execution-sheet.ts";
export {
  type ColumnKey,
  INFO_FIELDS,
  SHEETS,
  type SheetKey,
} from "./format.ts";
export { listHistorySheets } from "./history-export.ts";
export { readInfo } from "./info-sheet.ts";
export {
  type ListExportOptions,
  listSheets,
} from "./list-export.ts";
export { LIST_SHEETS } from "./list-rows.ts";
export { tablesOfSheets } from "./output-tables.ts";
export { countyPolicySheet, POLICY_SHEET_NAME } from "./policy-sheet.ts";
export {
  assessmentResultSheets,
  departmentRankingSheet,
  departmentScoreSheet,
  excludedRecordSheet,
  townshipRankingSheet,
  townshipScoreSheet,
} from "./result-sheets.ts";
export {
  type IndicatorView,
  indicatorViews,
  type ScoreFact,
  type ScoreFactFilter,
  scoreFacts,
} from "./score-facts.ts";
export {
  findSheet,
  IssueLog,
  omittedIssues,
} from "./sheet-reader.ts";
export {
  type Cell,
  type CellLocation,
  type ColumnFormat,
  formatIssue,
  formatLocation,
  type OutputSheet,
  type SheetTable,
  type WorkbookIssue,
  type WorkbookIssueCode,
  type WorkbookTables,
} from "./sheet-table.ts";
export { whistleSheet } from "./whistle-sheet.ts";
export type { WorkbookFileError } from "./workbook-file-error.ts";
export {
  EXCEL_MAX_ROWS,
  readWorkbook,
  readWorkbookFile,
  workbookBuffer,
  writeWorkbook,
} from "./workbook-files.ts";
export {
  planWorkbookImport,
  type StoredState,
  workbookPlanYear,
} from "./workbook-import.ts";
