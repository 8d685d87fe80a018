import type { AssessmentPlan, CountyDataset } from "@dutylist/core";
import { type Cell, INFO_FIELDS, type OutputSheet, SHEETS } from "@dutylist/workbook";

/** 清单信息 rows naming the plan of the 考核指标 sheet: its id, title and year. */
function planRows(plan: AssessmentPlan): Cell[][] {
  return [
    [INFO_FIELDS.planId, plan.id],
    [INFO_FIELDS.planTitle, plan.title],
    [INFO_FIELDS.planYear, plan.year],
  ];
}

/**
 * Sheets with the plan named in 清单信息 (added to the sheet `listSheets` writes, or a new one
 * naming the county), so that a workbook with a 考核指标 sheet imports on its own.
 * @example withPlanInfo(listSheets(dataset, asOf), plan, dataset)[0]?.rows.at(-1) // ["考核年度", 2025]
 */
export function withPlanInfo(
  sheets: readonly OutputSheet[],
  plan: AssessmentPlan,
  dataset: CountyDataset,
): OutputSheet[] {
  const name = SHEETS.info.name;
  if (sheets.some((s) => s.name === name)) {
    return sheets.map((s) => (s.name === name ? { ...s, rows: [...s.rows, ...planRows(plan)] } : s));
  }
  const info: OutputSheet = {
    name,
    header: SHEETS.info.columns.map((c) => c.header),
    rows: [
      [INFO_FIELDS.countyCode, dataset.county.code],
      [INFO_FIELDS.countyName, dataset.county.name],
      ...planRows(plan),
    ],
  };
  return [info, ...sheets];
}
