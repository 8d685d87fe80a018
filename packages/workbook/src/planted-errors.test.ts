import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isoDate } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { countyWorkbook } from "./county-workbook.ts";
import { readInfo } from "./info-sheet.ts";
import { tablesOfSheets } from "./output-tables.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { Cell, OutputSheet, WorkbookIssue, WorkbookIssueCode, WorkbookTables } from "./sheet-table.ts";
import { readWorkbook, writeWorkbook } from "./workbook-files.ts";
import { planWorkbookImport } from "./workbook-import.ts";

// The sample workbook of the demo county with twenty planted errors, one in each cell below: every
// one must be reported, at its sheet, row and column, and nothing planned.

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 3, perItem: 1 });

function sample(): OutputSheet[] {
  return countyWorkbook(dataset, isoDate("2025-12-31"), plan, records);
}

interface Plant {
  readonly sheet: string;
  /** 0-based data row: the sheet row is `row + 2`. */
  readonly row: number;
  readonly header: string;
  readonly value: Cell;
  readonly code: WorkbookIssueCode;
  /** Where the problem is reported when not at the planted cell: [sheet, data row, column]. */
  readonly reportedAt?: readonly [string, number, string];
}

/** Data row index of the first row of `sheet` whose `header` cell satisfies `test`. */
function rowWhere(
  sheets: readonly OutputSheet[],
  sheet: string,
  header: string,
  test: (cell: Cell, index: number) => boolean,
) {
  const found = sheets.find((s) => s.name === sheet);
  const column = found?.header.indexOf(header) ?? -1;
  const index = found?.rows.findIndex((r, i) => test(r[column] ?? null, i)) ?? -1;
  if (index < 0) throw new Error(`no row of ${sheet} with such a ${header}`);
  return index;
}

function plants(sheets: readonly OutputSheet[]): Plant[] {
  const ratios = new Set(plan.indicators.filter((i) => i.method.kind === "RATIO").map((i) => i.code));
  // Rows 0 and 1 of 考核记录 carry other plants.
  const ratioRow = rowWhere(sheets, "考核记录", "指标编码", (c, i) => i > 1 && ratios.has(String(c)));
  const reclaimed = sheets.find((s) => s.name === "上级部门收回事项")?.rows[0];
  const basicTownship = sheets.find((s) => s.name === "基本履职事项")?.rows[0]?.[1];
  const reclaimedItem = reclaimed?.[2] ?? null;
  if (reclaimed?.[1] !== basicTownship)
    throw new Error("the first basic and reclaimed rows share a township");
  return [
    { sheet: "清单信息", row: 4, header: "内容", value: "2025-13-01", code: "NOT_A_DATE" },
    { sheet: "乡镇(街道)", row: 1, header: "类型", value: "村", code: "UNKNOWN_VALUE" },
    { sheet: "基本履职事项", row: 3, header: "乡镇(街道)", value: "不存在镇", code: "UNKNOWN_TOWNSHIP" },
    { sheet: "基本履职事项", row: 4, header: "生效日期", value: "2025-02-30", code: "NOT_A_DATE" },
    { sheet: "基本履职事项", row: 5, header: "事项名称", value: "", code: "REQUIRED" },
    {
      sheet: "基本履职事项",
      row: 0,
      header: "事项编码",
      value: reclaimedItem,
      code: "ITEM_ON_TWO_LISTS",
      // Found at the later of the two rows, which names the earlier.
      reportedAt: ["上级部门收回事项", 0, "C"],
    },
    { sheet: "基本履职事项", row: 6, header: "失效日期", value: "2024-01-01", code: "MALFORMED_INTERVAL" },
    { sheet: "配合履职事项", row: 1, header: "牵头部门", value: "", code: "COOPERATIVE_WITHOUT_LEAD" },
    { sheet: "配合履职事项", row: 2, header: "牵头部门", value: "县不存在局", code: "UNKNOWN_DEPARTMENT" },
    { sheet: "配合履职事项", row: 3, header: "镇街配合职责", value: "", code: "COOPERATIVE_WITHOUT_CONTENT" },
    { sheet: "配合履职事项", row: 4, header: "履职保障", value: "无效保障:说明", code: "UNKNOWN_VALUE" },
    { sheet: "上级部门收回事项", row: 1, header: "承接部门", value: "", code: "RECLAIMED_WITHOUT_RECEIVER" },
    { sheet: "临时性工作任务", row: 0, header: "决定机关", value: "县教育局", code: "UNKNOWN_VALUE" },
    { sheet: "临时性工作任务", row: 1, header: "计划完成日期", value: "年底", code: "NOT_A_DATE" },
    { sheet: "考核指标", row: 0, header: "分值", value: "十分", code: "NOT_A_NUMBER" },
    { sheet: "考核指标", row: 1, header: "考核内容", value: "事项:NOPE-999", code: "UNKNOWN_ITEM" },
    { sheet: "考核记录", row: 0, header: "指标编码", value: "NOPE", code: "UNKNOWN_INDICATOR" },
    { sheet: "考核记录", row: 1, header: "日期", value: "昨天", code: "NOT_A_DATE" },
    { sheet: "考核记录", row: ratioRow, header: "目标值", value: "", code: "REQUIRED" },
    { sheet: "双向评价", row: 0, header: "部门", value: "县不存在局", code: "UNKNOWN_DEPARTMENT" },
  ];
}

function plant(sheets: readonly OutputSheet[], planted: readonly Plant[]): OutputSheet[] {
  return sheets.map((sheet) => {
    const mine = planted.filter((p) => p.sheet === sheet.name);
    if (mine.length === 0) return sheet;
    return {
      ...sheet,
      rows: sheet.rows.map((row, i) => {
        const edits = mine.filter((p) => p.row === i);
        return row.map((cell, c) => edits.find((p) => sheet.header[c] === p.header)?.value ?? cell);
      }),
    };
  });
}

function check(
  sheets: readonly OutputSheet[],
  tables: WorkbookTables = tablesOfSheets("sample.xlsx", sheets),
) {
  const log = new IssueLog();
  const info = readInfo(tables, log);
  const planned = planWorkbookImport(
    tables,
    info,
    { county: null, assessment: { plan: null, records: { performance: [], ratings: [] } } },
    {},
    log,
  );
  return { planned, issues: log.issues };
}

function columnOf(sheets: readonly OutputSheet[], p: Plant): string {
  const index = sheets.find((s) => s.name === p.sheet)?.header.indexOf(p.header) ?? -1;
  return String.fromCharCode(65 + index);
}

describe("the sample workbook", () => {
  it("imports cleanly", () => {
    const { planned, issues } = check(sample());
    expect(issues).toEqual([]);
    expect(planned.county.kind).toBe("CREATE");
    expect(planned.assessment?.planToSave?.indicators).toHaveLength(plan.indicators.length);
    expect(planned.assessment?.newPerformance).toHaveLength(records.performance.length);
    expect(planned.assessment?.newRatings).toHaveLength(records.ratings.length);
  });

  it.each([
    ["in memory", false],
    ["through an XLSX file", true],
  ])(
    "with twenty planted errors reports all twenty, each at its sheet, row and column (%s)",
    async (_, viaFile) => {
      const clean = sample();
      const planted = plants(clean);
      const broken = plant(clean, planted);
      let tables: WorkbookTables | undefined;
      if (viaFile) {
        const path = join(mkdtempSync(join(tmpdir(), "planted-")), "planted.xlsx");
        await writeWorkbook(path, broken);
        tables = await readWorkbook(path);
      }
      const { planned, issues } = check(broken, tables);
      const at = (i: WorkbookIssue) => [i.location.sheet, i.location.row, i.location.column, i.code];
      const expected = planted.map((p) =>
        p.reportedAt === undefined
          ? [p.sheet, p.row + 2, columnOf(clean, p), p.code]
          : [p.reportedAt[0], p.reportedAt[1] + 2, p.reportedAt[2], p.code],
      );
      expect(issues.map(at).sort()).toEqual(expected.sort());
      expect(planned.county.kind).toBe("REJECTED");
    },
  );
});

describe("one refused row", () => {
  it("does not make the records of its item unknown", () => {
    const clean = sample();
    const cooperative = clean.find((s) => s.name === "配合履职事项");
    const itemColumn = cooperative?.header.indexOf("事项编码") ?? -1;
    const recorded = new Set(records.performance.map((r) => r.itemCode));
    // Every row of an item (one per township) refused: the item survives only in the records.
    const item = cooperative?.rows.map((r) => String(r[itemColumn])).find((code) => recorded.has(code));
    if (cooperative === undefined || item === undefined) throw new Error("a recorded cooperative item");
    const rows = cooperative.rows.flatMap((r, i) => (String(r[itemColumn]) === item ? [i] : []));
    const planted = rows.map(
      (row): Plant => ({
        sheet: "配合履职事项",
        row,
        header: "牵头部门",
        value: "县不存在局",
        code: "UNKNOWN_DEPARTMENT",
      }),
    );
    const { issues } = check(plant(clean, planted));
    expect(issues.filter((i) => i.code === "UNKNOWN_DEPARTMENT")).toHaveLength(rows.length);
    expect(issues.filter((i) => i.location.sheet === "考核记录")).toEqual([]);
  });
});
