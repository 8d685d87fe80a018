import { buildListIndex, type CountyDataset, type IsoDate, isoDate, listsAsOf } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { type CountyImport, planCountyImport } from "./county-import.ts";
import { SHEETS } from "./format.ts";
import { readInfo } from "./info-sheet.ts";
import { listSheets } from "./list-export.ts";
import { tablesOfSheets } from "./output-tables.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { Cell, OutputSheet, WorkbookIssue } from "./sheet-table.ts";

function plan(
  sheets: readonly OutputSheet[],
  stored: CountyDataset | null,
): { outcome: CountyImport; issues: WorkbookIssue[] } {
  const tables = tablesOfSheets("lists.xlsx", sheets);
  const log = new IssueLog();
  const info = readInfo(tables, log);
  const outcome = planCountyImport(tables, info, stored, {}, log);
  return { outcome, issues: log.issues };
}

/** What a township's lists hold on a date, in a form two datasets can be compared by. */
function listing(dataset: CountyDataset, date: IsoDate) {
  const index = buildListIndex(dataset.entries);
  return dataset.townships.map((t) => {
    const lists = listsAsOf(index, t.code, date);
    return [...lists.basic, ...lists.cooperative, ...lists.reclaimed].map((e) => ({
      township: e.townshipCode,
      item: e.itemCode,
      terms: e.terms,
      content: e.content,
      assignment: e.terms.type === "RECLAIMED" ? null : e.assignment,
      from: e.effectiveFrom,
    }));
  });
}

function sheetNamed(sheets: readonly OutputSheet[], name: string): OutputSheet {
  const sheet = sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet;
}

function column(sheet: OutputSheet, header: string): number {
  const index = sheet.header.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${sheet.name}`);
  return index;
}

function withRows(
  sheets: readonly OutputSheet[],
  name: string,
  rows: readonly (readonly Cell[])[],
): OutputSheet[] {
  return sheets.map((s) => (s.name === name ? { ...s, rows } : s));
}

function setInfo(sheets: readonly OutputSheet[], fields: Readonly<Record<string, Cell>>): OutputSheet[] {
  const info = sheetNamed(sheets, SHEETS.info.name);
  const kept = info.rows.filter((r) => !(String(r[0]) in fields));
  return withRows(sheets, info.name, [...kept, ...Object.entries(fields).map(([k, v]) => [k, v])]);
}

const OCTOBER = isoDate("2025-10-01");

describe("importing a county not yet stored", () => {
  it("creates the county whose lists on the export date are those exported", () => {
    const demo = demoCounty();
    const { outcome, issues } = plan(listSheets(demo, OCTOBER), null);
    expect(issues).toEqual([]);
    if (outcome.kind !== "CREATE") throw new Error(`expected CREATE, got ${outcome.kind}`);
    expect(outcome.dataset.county).toEqual(demo.county);
    expect(outcome.dataset.townships).toEqual(demo.townships);
    expect(outcome.dataset.departments).toEqual(demo.departments);
    expect(listing(outcome.dataset, OCTOBER)).toEqual(listing(demo, OCTOBER));
    expect(outcome.dataset.temporaryTasks.map((t) => t.id)).toEqual(
      demo.temporaryTasks.filter((t) => t.decision.decidedOn <= OCTOBER).map((t) => t.id),
    );
  });

  it("expands 全部 to every township of the workbook", () => {
    const sheets = listSheets(demoCounty(), OCTOBER, { townshipCode: "QX-CG" });
    const basic = sheetNamed(sheets, SHEETS.basic.name);
    const townshipColumn = column(basic, "乡镇(街道)");
    const rows = basic.rows.map((r) => r.map((c, i) => (i === townshipColumn ? "全部" : c)));
    const onlyBasic = withRows(
      withRows(
        withRows(listSheets(demoCounty(), OCTOBER), SHEETS.basic.name, rows),
        SHEETS.cooperative.name,
        [],
      ),
      SHEETS.reclaimed.name,
      [],
    );
    const { outcome, issues } = plan(onlyBasic, null);
    expect(issues.map((i) => i.message)).toEqual([]);
    if (outcome.kind !== "CREATE") throw new Error(outcome.kind);
    expect(outcome.dataset.entries).toHaveLength(rows.length * demoCounty().townships.length);
  });
});

describe("importing into a stored county (L2, L3)", () => {
  it.each([
    ["2025-03-01", undefined],
    ["2025-10-01", undefined],
    ["2025-12-31", undefined],
    ["2025-10-01", "QX-BS"],
  ])("changes nothing when the lists exported as of %s (%s) come back", (date, townshipCode) => {
    const demo = demoCounty();
    const sheets = listSheets(demo, isoDate(date), townshipCode === undefined ? {} : { townshipCode });
    const { outcome, issues } = plan(sheets, demo);
    expect(issues).toEqual([]);
    expect(outcome.kind).toBe("UNCHANGED");
  });

  it("records a newer version as adjustments from the rows' dates, and then it comes back unchanged", () => {
    const demo = demoCounty();
    const sheets = listSheets(demo, OCTOBER);
    const basic = sheetNamed(sheets, SHEETS.basic.name);
    const from = column(basic, "生效日期");
    const name = column(basic, "事项名称");
    const [first, second, ...rest] = basic.rows;
    if (first === undefined || second === undefined) throw new Error("demo has basic rows");
    // 2026 version: the first row renamed (AMEND), the second dropped (REMOVE on the version date).
    const amended = first.map((c, i) =>
      i === name ? `${String(c)}(2026年版)` : i === from ? "2026-01-01" : c,
    );
    const newer = setInfo(withRows(sheets, basic.name, [amended, ...rest]), {
      版本日期: "2026-01-01",
      调整理由: "2026年清单动态调整",
      调整依据类型: "法律法规立改废释",
      调整依据文件: "《某某条例》(2025年修订)",
    });
    const { outcome, issues } = plan(newer, demo);
    expect(issues).toEqual([]);
    if (outcome.kind !== "ADJUST") throw new Error(`expected ADJUST, got ${outcome.kind}`);
    expect(outcome.adjustments).toHaveLength(1);
    const [adjustment] = outcome.adjustments;
    expect(adjustment?.publication?.effectiveFrom).toBe("2026-01-01");
    expect(adjustment?.trigger.kind).toBe("LAW_CHANGE");
    expect(adjustment?.changes.map((c) => c.kind).sort()).toEqual(["AMEND", "REMOVE"]);
    // History is kept: the lists of October are those of before.
    expect(listing(outcome.dataset, OCTOBER)).toEqual(listing(demo, OCTOBER));
    const again = plan(listSheets(outcome.dataset, isoDate("2026-01-01")), outcome.dataset);
    expect(again.issues).toEqual([]);
    expect(again.outcome.kind).toBe("UNCHANGED");
  });

  it("refuses a new duty without provincial approval and names its row (L4)", () => {
    const demo = demoCounty();
    const sheets = listSheets(demo, OCTOBER);
    const basic = sheetNamed(sheets, SHEETS.basic.name);
    const [first] = basic.rows;
    if (first === undefined) throw new Error("demo has basic rows");
    const code = column(basic, "事项编码");
    const from = column(basic, "生效日期");
    const added = first.map((c, i) => (i === code ? "XZ-NEW-001" : i === from ? "2026-01-01" : c));
    const newer = setInfo(withRows(sheets, basic.name, [...basic.rows, added]), { 版本日期: "2026-01-01" });
    const refused = plan(newer, demo);
    expect(refused.outcome.kind).toBe("REJECTED");
    expect(refused.issues).toHaveLength(1);
    expect(refused.issues[0]?.ruleId).toBe("L4");
    expect(refused.issues[0]?.location).toMatchObject({ sheet: "基本履职事项", row: basic.rows.length + 2 });

    const approved = plan(setInfo(newer, { 省级审批机关: "省委编办", 省级审批日期: "2025-12-20" }), demo);
    expect(approved.issues).toEqual([]);
    if (approved.outcome.kind !== "ADJUST") throw new Error(approved.outcome.kind);
    expect(approved.outcome.adjustments[0]?.approvals.map((a) => a.level)).toEqual(["COUNTY", "PROVINCE"]);
  });

  it("refuses to rewrite an entry already published from the same date", () => {
    const demo = demoCounty();
    const sheets = listSheets(demo, OCTOBER);
    const basic = sheetNamed(sheets, SHEETS.basic.name);
    const name = column(basic, "事项名称");
    const [first, ...rest] = basic.rows;
    if (first === undefined) throw new Error("demo has basic rows");
    const rewritten = first.map((c, i) => (i === name ? "改写的名称" : c));
    const { outcome, issues } = plan(withRows(sheets, basic.name, [rewritten, ...rest]), demo);
    expect(outcome.kind).toBe("REJECTED");
    expect(issues.map((i) => [i.code, i.ruleId, i.location.row])).toEqual([["HISTORY_CONFLICT", "L2", 2]]);
  });
});

describe("located errors", () => {
  it("reports every problem with its sheet, row and column, and plans nothing", () => {
    const sheets = listSheets(demoCounty(), OCTOBER);
    const cooperative = sheetNamed(sheets, SHEETS.cooperative.name);
    const leads = column(cooperative, "牵头部门");
    const from = column(cooperative, "生效日期");
    const [first, second, ...rest] = cooperative.rows;
    if (first === undefined || second === undefined) throw new Error("demo has cooperative rows");
    const broken = withRows(sheets, cooperative.name, [
      first.map((c, i) => (i === leads ? "" : c)),
      second.map((c, i) => (i === leads ? "县不存在局" : i === from ? "2025-13-45" : c)),
      ...rest,
    ]);
    const { outcome, issues } = plan(broken, null);
    expect(outcome.kind).toBe("REJECTED");
    expect(issues.map((i) => [i.code, i.location.sheet, i.location.row, i.location.column])).toEqual([
      ["COOPERATIVE_WITHOUT_LEAD", "配合履职事项", 2, "H"],
      ["UNKNOWN_DEPARTMENT", "配合履职事项", 3, "H"],
      ["NOT_A_DATE", "配合履职事项", 3, expect.any(String)],
    ]);
  });
});
