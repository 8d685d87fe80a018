import type { RecordProblem, RecordProblemCode } from "@dutylist/core";
import type { IssueLog, SheetRecord } from "./sheet-reader.ts";
import type { WorkbookIssueCode } from "./sheet-table.ts";

// The core's record checks (the same the API runs on its batches) say what is wrong with a
// record's field; the workbook says where that field sits — its row and column — and which of its
// issue codes the problem is. A Record over the core's codes: a new one without a mapping does
// not compile.

const ISSUE_CODES: Readonly<Record<RecordProblemCode, WorkbookIssueCode>> = {
  UNKNOWN_TOWNSHIP: "UNKNOWN_TOWNSHIP",
  UNKNOWN_DEPARTMENT: "UNKNOWN_DEPARTMENT",
  UNKNOWN_ITEM: "UNKNOWN_ITEM",
  UNKNOWN_INDICATOR: "UNKNOWN_INDICATOR",
  NO_PLAN: "UNKNOWN_INDICATOR",
  SUBJECT_MISMATCH: "DOMAIN",
  TOWNSHIP_MISMATCH: "DOMAIN",
  VALUE_MISMATCH: "UNKNOWN_VALUE",
  VALUE_MISSING: "REQUIRED",
  VALUE_NOT_EXPECTED: "UNKNOWN_VALUE",
  OUT_OF_RANGE: "UNKNOWN_VALUE",
  TOO_PRECISE: "UNKNOWN_VALUE",
  TEXT_REQUIRED: "REQUIRED",
  DATE_ORDER: "DOMAIN",
  DUPLICATE_ID: "DUPLICATE_CODE",
};

/**
 * Logs the core's problems of the record read from `row`, each at the cell of its field
 * (`columns` maps the record's fields to the sheet's columns).
 * @example logRecordProblems(row, checkDepartmentRating(rating, context), { score: "score", … }, log)
 */
export function logRecordProblems<F extends string, K extends string>(
  row: SheetRecord<K>,
  problems: readonly RecordProblem<F>[],
  columns: Readonly<Record<F, K>>,
  log: IssueLog,
): void {
  for (const problem of problems)
    log.add(ISSUE_CODES[problem.code], row.at(columns[problem.field]), problem.message, problem.ruleId);
}
