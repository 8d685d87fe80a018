import type { CountyDataset } from "@dutylist/core";
import {
  type AssessmentReconciliation,
  reconcileAssessment,
  type StoredAssessment,
} from "./assessment-reconcile.ts";
import { type PlanWarning, parseAssessmentSheets } from "./assessment-sheets.ts";
import { type CountyImport, type CountyImportOptions, planCountyImport } from "./county-import.ts";
import { type ExecutionRecords, readExecutionSheet } from "./execution-sheet.ts";
import { SHEETS } from "./format.ts";
import type { InfoValues } from "./info-sheet.ts";
import { findSheet, type IssueLog } from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";

/** What is stored of the workbook's county: loaded by the caller (the core does no I/O). */
export interface StoredState {
  readonly county: CountyDataset | null;
  /** The stored plan of the workbook's 考核年度, and that year's records. */
  readonly assessment: StoredAssessment;
  /** The stored whistles, guarantees and reports (of the plan's year): rows repeating them are skipped. */
  readonly execution?: ExecutionRecords;
}

/** What importing a whole workbook would write; nothing is written while `log` has issues. */
export interface WorkbookImportPlan {
  readonly county: CountyImport;
  /** `null` when the workbook has no assessment sheet. */
  readonly assessment: AssessmentReconciliation | null;
  /** Plan problems that do not block the import (e.g. an item reclaimed part of the year). */
  readonly warnings: readonly PlanWarning[];
  /** The 履职执行记录 sheet's records not stored yet; `null` without the sheet. */
  readonly execution: ExecutionRecords | null;
}

function hasAssessmentSheets(tables: WorkbookTables): boolean {
  return [SHEETS.indicators, SHEETS.records, SHEETS.ratings, SHEETS.executionRecords].some(
    (spec) => findSheet(tables, spec) !== undefined,
  );
}

/**
 * Checks a whole workbook against what is stored and plans what to write: the county's lists
 * (created, or a newer version recorded as adjustments), then the plan, records and ratings —
 * checked against the county as the workbook leaves it, or, when its lists have problems, as far
 * as they could be read, so that every problem of every sheet is reported in one pass.
 * @example planWorkbookImport(tables, info, { county: null, assessment: { plan: null, records } }, {}, log)
 */
export function planWorkbookImport(
  tables: WorkbookTables,
  info: InfoValues,
  stored: StoredState,
  options: CountyImportOptions,
  log: IssueLog,
): WorkbookImportPlan {
  const county = planCountyImport(tables, info, stored.county, options, log);
  if (!hasAssessmentSheets(tables)) return { county, assessment: null, warnings: [], execution: null };
  const dataset = county.kind === "NONE" ? stored.county : county.dataset;
  if (dataset === null) {
    // A rejected county's problems are already logged; a workbook of assessment sheets alone
    // needs a stored county.
    if (county.kind === "REJECTED") return { county, assessment: null, warnings: [], execution: null };
    log.add(
      "MISSING_SHEET",
      { file: tables.source, sheet: SHEETS.townships.name, row: null, column: null, header: null },
      "考核指标和考核记录须对照县的清单检查:该县尚未导入,工作簿须同时包含其乡镇(街道)、部门和清单",
    );
    return { county, assessment: null, warnings: [], execution: null };
  }
  const parsed = parseAssessmentSheets(
    tables,
    {
      dataset,
      storedPlan: stored.assessment.plan,
      plan: { id: info.text("planId"), title: info.text("planTitle"), year: info.integer("planYear", log) },
    },
    log,
  );
  return {
    county,
    assessment: reconcileAssessment(parsed, stored.assessment, log),
    warnings: parsed.warnings,
    execution: readExecutionSheet(tables, dataset, stored.execution, log),
  };
}

/**
 * The workbook's 考核年度 (to load the stored plan and records of that year), without logging:
 * a malformed year is reported when the sheets are read.
 * @example workbookPlanYear(info) // 2025
 */
export function workbookPlanYear(info: InfoValues): number | null {
  const year = Number(info.text("planYear"));
  return Number.isSafeInteger(year) && year > 0 ? year : null;
}
