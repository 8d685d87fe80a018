import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assess, exact, roundForPresentation } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { assessmentSheets } from "./assessment-export.ts";
import { type AssessmentSheetContext, parseAssessmentSheets } from "./assessment-sheets.ts";
import { RESULT_SHEET_NAMES, townshipRankingSheet } from "./result-sheets.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { OutputSheet } from "./sheet-table.ts";
import { readWorkbook, workbookBuffer, writeWorkbook } from "./workbook-files.ts";
import { xlsxCell } from "./xlsx-cells.ts";

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 7, perItem: 2 });

/** A record or rating with its decimals written canonically, for comparing by value. */
function byValue(row: object): unknown {
  return JSON.parse(JSON.stringify(row), (_key, value: unknown) =>
    typeof value === "string" && /^-?\d+\.\d+$/.test(value) ? exact(value).toString() : value,
  );
}

async function loaded(sheets: readonly OutputSheet[]): Promise<ExcelJS.Workbook> {
  const buffer = await workbookBuffer(sheets);
  // exceljs declares its own `Buffer` (an ArrayBuffer), which a Node Buffer does not satisfy.
  return new ExcelJS.Workbook().xlsx.load(Uint8Array.from(buffer).buffer);
}

function worksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe("xlsxCell: how a cell is typed", () => {
  it("writes decimal strings of a number column as numbers shown with their places, exact only", () => {
    expect(xlsxCell("78.50", "number")).toEqual({ value: 78.5, numFmt: "0.00" });
    expect(xlsxCell("80", "number")).toEqual({ value: 80, numFmt: "0" });
    expect(xlsxCell("0.1250", "number")).toEqual({ value: 0.125, numFmt: "0.0000" });
    expect(xlsxCell("-3.10", "number")).toEqual({ value: -3.1, numFmt: "0.00" });
    // A figure a double cannot hold stays text, every digit kept.
    const long = "61.58246436972464369724643697246436972465";
    expect(xlsxCell(long, "number")).toEqual({ value: long, numFmt: null });
    expect(xlsxCell("12345678901234567890", "number")).toEqual({
      value: "12345678901234567890",
      numFmt: null,
    });
    // Codes stay text in text columns; numbers and dates are typed whatever the column.
    expect(xlsxCell("007", "text")).toEqual({ value: "007", numFmt: null });
    expect(xlsxCell("007", undefined)).toEqual({ value: "007", numFmt: null });
    expect(xlsxCell(3, undefined)).toEqual({ value: 3, numFmt: "0" });
    expect(xlsxCell(null, "number")).toBeNull();
  });

  it("writes calendar dates of a date column as UTC-midnight Excel dates, and leaves other text", () => {
    expect(xlsxCell("2025-07-01", "date")).toEqual({
      value: new Date(Date.UTC(2025, 6, 1)),
      numFmt: "yyyy-mm-dd",
    });
    expect(xlsxCell("2025-02-30", "date")).toEqual({ value: "2025-02-30", numFmt: null });
    expect(xlsxCell("2025-07-01", "text")).toEqual({ value: "2025-07-01", numFmt: null });
  });
});

describe("typed .xlsx exports", () => {
  it("S8: writes a ranking's presented figures as numbers with 2 places, under a frozen, filtered header", async () => {
    const report = assess(plan, dataset, records);
    const sheet = townshipRankingSheet(report);
    const ranking = worksheet(await loaded([sheet]), RESULT_SHEET_NAMES.townshipRanking);
    expect(ranking.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ranking.autoFilter).toBe(`A1:I1`);
    const first = [...report.townships].sort((a, b) => a.rank - b.rank)[0];
    if (first === undefined) throw new Error("no township");
    const total = ranking.getCell("F2");
    // The number is the figure presented once (S8), and Excel shows it with the same 2 places.
    expect(total.value).toBe(Number(roundForPresentation(first.assessment.total)));
    expect(total.numFmt).toBe("0.00");
    expect(ranking.getCell("A2").value).toBe(first.rank);
    expect(ranking.getCell("A2").numFmt).toBe("0");
    expect(ranking.getCell("B2").value).toBe(first.assessment.townshipCode);
    // Excel's SUM over the column adds the figures shown.
    const column = sheet.rows.map((row) => Number(row[5]));
    const written = sheet.rows.map((_, i) => ranking.getCell(`F${i + 2}`).value);
    expect(written).toEqual(column);
  });

  it("writes the assessment sheets with typed dates and numbers, and imports them back unchanged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dutylist-typed-"));
    try {
      const file = path.join(dir, "assessment.xlsx");
      const sheets = assessmentSheets(plan, records, dataset);
      // The streaming writer, as the CLI writes files.
      await writeWorkbook(file, sheets);
      const written = worksheet(await new ExcelJS.Workbook().xlsx.readFile(file), "考核记录");
      const dateColumn = sheets[1]?.header.indexOf("日期") ?? -1;
      expect(dateColumn).toBeGreaterThan(-1);
      const date = written.getRow(2).getCell(dateColumn + 1);
      expect(date.value).toEqual(new Date(`${records.performance[0]?.date}T00:00:00Z`));
      expect(date.numFmt).toBe("yyyy-mm-dd");
      expect(written.autoFilter).toMatch(/^A1:[A-Z]+1$/);

      const context: AssessmentSheetContext = {
        dataset,
        storedPlan: null,
        plan: { id: plan.id, title: plan.title, year: plan.year },
      };
      const log = new IssueLog();
      const parsed = parseAssessmentSheets(await readWorkbook(file), context, log);
      expect(log.issues).toEqual([]);
      expect(parsed.plan).toEqual(plan);
      // A typed cell holds the number, not its written places: "14.40" reads back as "14.4", equal
      // by value (S8), as the import's reconciliation compares decimals.
      expect(parsed.performance.map(byValue)).toEqual(records.performance.map(byValue));
      expect(parsed.performance.map((r) => r.value)).not.toEqual(records.performance.map((r) => r.value));
      expect(parsed.ratings.map(byValue)).toEqual(records.ratings.map(byValue));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
