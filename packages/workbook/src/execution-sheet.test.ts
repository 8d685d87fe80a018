import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { executionSheet, readExecutionSheet } from "./execution-sheet.ts";
import { tablesOfSheets } from "./output-tables.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { Cell, OutputSheet } from "./sheet-table.ts";

// S5, H2: the whistles, guarantee deliveries and reports of 履职执行记录 read back as written,
// checked by the core's checks, each problem at its cell; stored ones are not written again.

const county = demoCounty();
const records = generateRecords(demoAssessmentPlan(), county, { seed: 2025 });
const sheet = executionSheet(records, county);

function read(
  sheets: readonly OutputSheet[],
  stored = undefined as Parameters<typeof readExecutionSheet>[2],
) {
  const log = new IssueLog();
  const read = readExecutionSheet(tablesOfSheets("x.xlsx", sheets), county, stored, log);
  return { read, issues: log.issues };
}

describe("履职执行记录 (S5, H2)", () => {
  it("S5, H2: reads back every whistle, guarantee and report as generated", () => {
    const { read: back, issues } = read([sheet]);
    expect(issues).toEqual([]);
    const strip = <T extends object>(rows: readonly T[]) => rows.map((r) => JSON.parse(JSON.stringify(r)));
    expect(strip(back?.whistles ?? [])).toEqual(strip(records.whistles));
    expect(strip(back?.guarantees ?? [])).toEqual(strip(records.guarantees));
    expect(strip(back?.pushDowns ?? [])).toEqual(strip(records.pushDowns));
    expect(strip(back?.unattended ?? [])).toEqual(strip(records.unattended));
    expect(records.whistles.length + records.guarantees.length).toBeGreaterThan(0);
  });

  it("S5: locates an unknown kind, an unknown department and a bad date; skips what is stored", () => {
    const col = (h: string) => sheet.header.indexOf(h);
    const rows = sheet.rows.map((r, i): Cell[] => {
      const copy = [...r];
      if (i === 0) copy[col("类型")] = "其他";
      if (i === 1) copy[col("部门")] = "县不存在局";
      if (i === 2) copy[col("日期")] = "2025-02-30";
      return copy;
    });
    const { issues } = read([{ ...sheet, rows }]);
    expect(issues.map((i) => [i.code, i.location.row, i.location.header])).toEqual([
      ["UNKNOWN_VALUE", 2, "类型"],
      ["UNKNOWN_DEPARTMENT", 3, "部门"],
      ["NOT_A_DATE", 4, "日期"],
    ]);
    const { read: again, issues: none } = read([sheet], records);
    expect(none).toEqual([]);
    expect(again?.whistles).toEqual([]);
  });
});
