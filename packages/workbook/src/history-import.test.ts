import { type CountyDataset, canonicalJson, isoDate } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { type CountyImport, planCountyImport } from "./county-import.ts";
import { SHEETS } from "./format.ts";
import { listHistorySheets } from "./history-export.ts";
import { readInfo } from "./info-sheet.ts";
import { listSheets } from "./list-export.ts";
import { tablesOfSheets } from "./output-tables.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { Cell, OutputSheet, WorkbookIssue } from "./sheet-table.ts";

// L2: a workbook carrying the county's history (来源/终止依据, 清单发布, 清单调整) imports into an
// empty store as the same county; bad intervals are located and nothing is created.

function plan(sheets: readonly OutputSheet[], stored: CountyDataset | null = null) {
  const tables = tablesOfSheets("history.xlsx", sheets);
  const log = new IssueLog();
  const outcome: CountyImport = planCountyImport(tables, readInfo(tables, log), stored, {}, log);
  return { outcome, issues: log.issues };
}

function created(sheets: readonly OutputSheet[]): CountyDataset {
  const { outcome, issues } = plan(sheets);
  expect(issues).toEqual([]);
  if (outcome.kind !== "CREATE") throw new Error(`expected CREATE, got ${outcome.kind}`);
  return outcome.dataset;
}

const byId = <T extends { readonly id: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => canonicalJson(r));

/** The sheet's rows changed by `edit` at the row whose 事项编码/乡镇 match. */
function editRow(
  sheets: readonly OutputSheet[],
  name: string,
  match: (row: readonly Cell[], col: (header: string) => number) => boolean,
  edit: (row: Cell[], col: (header: string) => number) => void,
): OutputSheet[] {
  return sheets.map((s) => {
    if (s.name !== name) return s;
    const col = (header: string) => s.header.indexOf(header);
    return {
      ...s,
      rows: s.rows.map((row) => {
        if (!match(row, col)) return row;
        const copy = [...row];
        edit(copy, col);
        return copy;
      }),
    };
  });
}

const cgBasicCJ001 = (row: readonly Cell[], col: (h: string) => number) =>
  row[col("乡镇(街道)")] === "城关镇" && row[col("事项编码")] === "CJ-001";

describe("a workbook with the county's history (L2)", () => {
  const demo = demoCounty();
  const sheets = listHistorySheets(demo);

  it("imports as the same entries, publications, adjustments (with their changes and approvals) and ledger", () => {
    const dataset = created(sheets);
    expect(byId(dataset.entries)).toEqual(byId(demo.entries));
    expect(byId(dataset.publications)).toEqual(byId(demo.publications));
    expect(byId(dataset.adjustments)).toEqual(byId(demo.adjustments));
    // The ledger, with the day each closing was recorded (销号登记日期, L2).
    expect(byId(dataset.temporaryTasks)).toEqual(byId(demo.temporaryTasks));
    expect(dataset.items.map((i) => i.code).sort()).toEqual(demo.items.map((i) => i.code).sort());
  });

  it("still reads a workbook without the interval and source columns as one publication", () => {
    const dataset = created(listSheets(demo, isoDate("2025-03-01")));
    expect(dataset.publications).toHaveLength(1);
    expect(new Set(dataset.entries.map((e) => e.openedBy))).toEqual(new Set([dataset.publications[0]?.id]));
    expect(dataset.adjustments).toEqual([]);
  });

  it("locates an end before the start, an unparseable date and an unknown source, and creates nothing", () => {
    const bad = editRow(sheets, SHEETS.basic.name, cgBasicCJ001, (row, col) => {
      row[col("失效日期")] = "2024-12-01";
    });
    const worse = editRow(
      bad,
      SHEETS.basic.name,
      (row, col) => row[col("事项编码")] === "DJ-001" && row[col("乡镇(街道)")] === "白沙镇",
      (row, col) => {
        row[col("生效日期")] = "2025-13-45";
        row[col("来源")] = "QX-NOWHERE";
      },
    );
    const { outcome, issues } = plan(worse);
    expect(outcome.kind).toBe("REJECTED");
    const where = (i: WorkbookIssue) => `${i.code} ${i.location.sheet} ${i.location.header}`;
    expect(issues.map(where)).toEqual(
      expect.arrayContaining([
        `MALFORMED_INTERVAL ${SHEETS.basic.name} 失效日期`,
        `NOT_A_DATE ${SHEETS.basic.name} 生效日期`,
      ]),
    );
    expect(issues.every((i) => i.location.file === "history.xlsx" && i.location.row !== null)).toBe(true);
  });

  it("refuses overlapping entries of one township and item (L1) at their row", () => {
    // 城关镇's CJ-001 left open on the basic list: it overlaps its reclaimed entry from 2025-07-01.
    const overlapping = editRow(sheets, SHEETS.basic.name, cgBasicCJ001, (row, col) => {
      row[col("失效日期")] = null;
      row[col("终止依据")] = null;
    });
    const { outcome, issues } = plan(overlapping);
    expect(outcome.kind).toBe("REJECTED");
    const clash = issues.find((i) => i.code === "ITEM_ON_TWO_LISTS");
    expect(clash?.ruleId).toBe("L1");
    expect(clash?.location.sheet).toBe(SHEETS.reclaimed.name);
    expect(clash?.location.column).not.toBeNull();
  });

  it("refuses an entry whose end does not match the adjustment that closed it", () => {
    const moved = editRow(sheets, SHEETS.basic.name, cgBasicCJ001, (row, col) => {
      row[col("失效日期")] = "2025-08-01";
    });
    const { outcome, issues } = plan(moved);
    expect(outcome.kind).toBe("REJECTED");
    expect(issues.some((i) => i.code === "MALFORMED_INTERVAL" && i.location.header === "失效日期")).toBe(
      true,
    );
  });

  it("refuses a published access-route adjustment without its provincial approval (L4)", () => {
    const unapproved = editRow(
      sheets,
      SHEETS.adjustments.name,
      (row, col) => row[col("调整编号")] === "QX-ADJ-2025-02",
      (row, col) => {
        row[col("省级审批机关")] = null;
        row[col("省级审批日期")] = null;
        row[col("省级审批文号")] = null;
      },
    );
    const { outcome, issues } = plan(unapproved);
    expect(outcome.kind).toBe("REJECTED");
    const missing = issues.find((i) => i.ruleId === "L4");
    expect(missing?.location.sheet).toBe(SHEETS.adjustments.name);
    expect(missing?.location.header).toBe("省级审批机关");
  });

  it("imported again into the county it made, changes nothing", () => {
    const dataset = created(sheets);
    const { outcome, issues } = plan(sheets, dataset);
    expect(issues).toEqual([]);
    expect(outcome.kind).toBe("UNCHANGED");
  });
});
