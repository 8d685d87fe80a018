import type { AssessmentPlan, CountyDataset, PerformanceRecord } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { assessmentSheets } from "./assessment-export.ts";
import { reconcileAssessment } from "./assessment-reconcile.ts";
import {
  type AssessmentSheetContext,
  type ParsedAssessment,
  parseAssessmentSheets,
} from "./assessment-sheets.ts";
import { SHEETS } from "./format.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { Cell, OutputSheet, WorkbookIssue, WorkbookTables } from "./sheet-table.ts";

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 7, perItem: 2 });
const context: AssessmentSheetContext = {
  dataset,
  storedPlan: null,
  plan: { id: plan.id, title: plan.title, year: plan.year },
};

/** Sheets as a workbook reader hands them over: the header on row 1, data from row 2. */
function tablesOf(sheets: readonly OutputSheet[]): WorkbookTables {
  return {
    source: "assessment.xlsx",
    sheets: sheets.map((s) => ({
      name: s.name,
      rows: [s.header, ...s.rows].map((cells, i) => ({ rowNumber: i + 1, cells })),
    })),
  };
}

function parse(
  sheets: readonly OutputSheet[],
  options: { context?: AssessmentSheetContext } = {},
): { parsed: ParsedAssessment; issues: WorkbookIssue[] } {
  const log = new IssueLog();
  const parsed = parseAssessmentSheets(tablesOf(sheets), options.context ?? context, log);
  return { parsed, issues: log.issues };
}

/** What a test asserts of an issue: code, sheet, row, column letter, rule. */
function cite(issue: WorkbookIssue): [string, string, number | null, string | null, string | null] {
  return [issue.code, issue.location.sheet, issue.location.row, issue.location.column, issue.ruleId];
}

function sorted<T>(rows: T[]): T[] {
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function sheetNamed(sheets: readonly OutputSheet[], name: string): OutputSheet {
  const sheet = sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Sets cells of data rows (0-based row index, column by key); the row number is index + 2. */
function edit(
  sheets: readonly OutputSheet[],
  name: string,
  changes: readonly [number, string, Cell][],
): OutputSheet[] {
  return sheets.map((sheet) => {
    if (sheet.name !== name) return sheet;
    const spec = Object.values(SHEETS).find((s) => s.name === name);
    const rows = sheet.rows.map((row) => [...row]);
    for (const [index, key, value] of changes) {
      const column = spec?.columns.findIndex((c) => c.key === key) ?? -1;
      const row = rows[index];
      if (row === undefined || column < 0) throw new Error(`no cell ${name}[${index}].${key}`);
      row[column] = value;
    }
    return { ...sheet, rows };
  });
}

function rowOf(predicate: (r: PerformanceRecord) => boolean, from = 0): number {
  const index = records.performance.findIndex((r, i) => i >= from && predicate(r));
  if (index < 0) throw new Error("no such record");
  return index;
}

function only<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined || rows.length !== 1) throw new Error("expected one row");
  return row;
}

const exported = assessmentSheets(plan, records, dataset);
const indicatorRow = (code: string) => plan.indicators.findIndex((i) => i.code === code);

describe("assessmentSheets → parseAssessmentSheets", () => {
  it("round-trips the demo plan, its records and ratings with no issue", () => {
    expect(exported.map((s) => s.name)).toEqual(["考核指标", "考核记录", "双向评价"]);
    const { parsed, issues } = parse(exported);
    expect(issues).toEqual([]);
    expect(parsed.plan).toEqual(plan);
    expect(parsed.performance).toEqual(records.performance);
    expect(parsed.ratings).toEqual(records.ratings);
    // Off-list matters and items reclaimed by then are valid input: scoring excludes them (S7).
    expect(parsed.performance.some((r) => r.itemCode === null && r.matter !== null)).toBe(true);
    expect(
      parsed.performance.some(
        (r) => r.indicatorCode === "T04-2" && r.townshipCode === "QX-CG" && r.date >= "2025-07-01",
      ),
    ).toBe(true);
    // The plan's one warning is shown at its 考核内容 cell, without blocking.
    expect(
      parsed.warnings.map((w) => [w.code, w.location.sheet, w.location.row, w.location.column, w.ruleId]),
    ).toEqual([["PARTLY_RECLAIMED", "考核指标", indicatorRow("T04-2") + 2, "K", "S1"]]);
  });

  it("writes bindings, methods and parties in the documented words", () => {
    const sheet = sheetNamed(exported, "考核指标");
    const cells = (code: string) => sheet.rows[indicatorRow(code)] ?? [];
    expect(cells("T02-1").slice(5)).toEqual([
      "乡镇",
      "核心考核",
      "15",
      "按比例",
      null,
      "清单:基本履职事项/民生服务",
    ]);
    expect(cells("T04-2").slice(8)).toEqual(["扣分", "2", "事项:CJ-001"]);
    expect(cells("T04-3").at(-1)).toBe("事项:SM-TS-001、BS-TS-001");
    expect(cells("D02-1").slice(5)).toEqual(["部门", null, "15", "按比例", null, "履职执行:履职保障落实"]);
    expect(cells("D03-1").at(-1)).toBe("双向评价");
    const rating = sheetNamed(exported, "双向评价").rows[0];
    expect(rating?.slice(3)).toEqual(["城关镇", "县民政局", records.ratings[0]?.score]);
  });

  it("accepts the other words: full-width colons, English names, short forms", () => {
    const sheets = edit(exported, "考核指标", [
      [indicatorRow("T01-1"), "binding", "事项：DJ-001"],
      [indicatorRow("T01-1"), "subject", "乡镇（街道）"],
      [indicatorRow("T01-1"), "track", "CORE"],
      [indicatorRow("T02-1"), "binding", "selector: BASIC／民生服务"],
      [indicatorRow("T02-1"), "method", "比例"],
      [indicatorRow("T05-1"), "track", "协同"],
      [indicatorRow("T05-1"), "method", "DEDUCTION"],
      [indicatorRow("D01-1"), "binding", "清单:收回"],
      [indicatorRow("D02-2"), "binding", "LIST_EXECUTION:WHISTLES_ANSWERED"],
      [indicatorRow("D02-3"), "binding", "履职执行：擅自向基层转嫁任务"],
      [indicatorRow("D03-1"), "binding", "TWO_WAY_RATING"],
      [indicatorRow("D03-1"), "subject", "DEPARTMENT"],
    ]);
    const { parsed, issues } = parse(sheets);
    expect(issues).toEqual([]);
    expect(parsed.plan).toEqual(plan);
  });
});

describe("parseAssessmentSheets: located problems", () => {
  const ratio = rowOf((r) => r.indicatorCode === "T03-1");
  const unknown = rowOf((r) => r.indicatorCode === "T05-2");
  const badDate = rowOf((r) => r.indicatorCode === "D01-2");
  const duplicate = rowOf((r) => r.indicatorCode === "T04-1");
  const firstId = records.performance[0]?.id ?? "";

  it("reports each planted error at its sheet, row and column, and nothing else", () => {
    let sheets = edit(exported, "考核指标", [
      [indicatorRow("T01-1"), "track", null],
      [indicatorRow("T02-1"), "binding", "清单:不存在的清单"],
    ]);
    sheets = edit(sheets, "考核记录", [
      [ratio, "target", null],
      [unknown, "indicatorCode", "X99"],
      [badDate, "date", "2025-02-30"],
      [duplicate, "id", firstId],
    ]);
    sheets = edit(sheets, "双向评价", [[0, "department", "县不存在局"]]);
    const { parsed, issues } = parse(sheets);
    expect(sorted(issues.map(cite))).toEqual(
      sorted([
        ["REQUIRED", "考核指标", indicatorRow("T01-1") + 2, "G", "S2"],
        ["UNKNOWN_VALUE", "考核指标", indicatorRow("T02-1") + 2, "K", null],
        ["REQUIRED", "考核记录", ratio + 2, "J", "S8"],
        ["UNKNOWN_INDICATOR", "考核记录", unknown + 2, "C", null],
        ["NOT_A_DATE", "考核记录", badDate + 2, "H", null],
        ["DUPLICATE_CODE", "考核记录", duplicate + 2, "B", null],
        ["UNKNOWN_DEPARTMENT", "双向评价", 2, "E", null],
      ]),
    );
    const message = (code: string) => issues.find((i) => i.code === code)?.message ?? "";
    expect(message("REQUIRED")).toContain("核心考核");
    expect(message("UNKNOWN_VALUE")).toContain("不存在的清单");
    expect(message("NOT_A_DATE")).toContain("2025-07-01");
    expect(message("DUPLICATE_CODE")).toContain("第2行");
    expect(message("UNKNOWN_DEPARTMENT")).toContain("县不存在局");
    expect(issues.find((i) => i.location.column === "J")?.message).toContain("大于 0");
    // A plan with an unreadable row is not returned; bad rows are left out, the rest still read.
    expect(parsed.plan).toBeNull();
    const ids = new Set(parsed.performance.map((r) => r.id));
    for (const index of [ratio, unknown, badDate])
      expect(ids.has(records.performance[index]?.id ?? "")).toBe(false);
    expect(parsed.ratings).toHaveLength(records.ratings.length - 1);
  });

  it("reports plan validation at the row and cell of the indicator it names", () => {
    const sheets = edit(exported, "考核指标", [
      [indicatorRow("T03-1"), "binding", "清单:上级部门收回事项"],
      [indicatorRow("T05-3"), "binding", "事项:LY-001、NO-SUCH"],
      [indicatorRow("D01-2"), "track", "核心考核"],
      [indicatorRow("D02-1"), "perEvent", "2"],
    ]);
    const { parsed, issues } = parse(sheets);
    expect(sorted(issues.map(cite))).toEqual(
      sorted([
        ["PLAN_INVALID", "考核指标", indicatorRow("T03-1") + 2, "K", "S1"],
        ["UNKNOWN_ITEM", "考核指标", indicatorRow("T05-3") + 2, "K", "S1"],
        ["UNKNOWN_VALUE", "考核指标", indicatorRow("D01-2") + 2, "G", "S4"],
        ["UNKNOWN_VALUE", "考核指标", indicatorRow("D02-1") + 2, "J", "S8"],
      ]),
    );
    expect(issues.find((i) => i.code === "PLAN_INVALID")?.message).toContain("严禁将上级部门收回事项");
    expect(issues.find((i) => i.code === "UNKNOWN_ITEM")?.message).toContain("NO-SUCH");
    expect(parsed.plan).toBeNull();
  });

  it("checks a heading keeps its name and a year is known", () => {
    const sheets = edit(exported, "考核指标", [[indicatorRow("T04-2"), "parentName", "城乡建设"]]);
    const noYear: AssessmentSheetContext = { ...context, plan: { id: null, title: null, year: null } };
    const { parsed, issues } = parse(sheets, { context: noYear });
    expect(sorted(issues.map(cite))).toEqual(
      sorted([
        ["DUPLICATE_CODE", "考核指标", indicatorRow("T04-2") + 2, "C", "S10"],
        ["REQUIRED", "考核指标", null, null, null],
      ]),
    );
    expect(parsed.plan).toBeNull();
    // The records are still checked against the sheet's indicators.
    expect(parsed.performance).toHaveLength(records.performance.length);
  });

  it("reads records against the stored plan without a 考核指标 sheet, and says so when there is none", () => {
    const withoutPlan = exported.filter((s) => s.name !== "考核指标");
    const stored = parse(withoutPlan, { context: { ...context, storedPlan: plan } });
    expect(stored.issues).toEqual([]);
    expect(stored.parsed.plan).toBeNull();
    expect(stored.parsed.performance).toEqual(records.performance);
    const none = parse(withoutPlan);
    expect(none.issues.map(cite)).toEqual([["UNKNOWN_INDICATOR", "考核记录", null, null, null]]);
    expect(none.parsed.performance).toEqual([]);
    expect(none.parsed.ratings).toEqual(records.ratings);
  });

  it("names the plan from the county when nothing else does", () => {
    const { parsed, issues } = parse(exported, {
      context: { ...context, plan: { id: null, title: null, year: 2025 } },
    });
    expect(issues).toEqual([]);
    expect(parsed.plan?.id).toBe("QX-2025");
    expect(parsed.plan?.title).toBe("青溪县2025年度考核方案");
  });

  it("S1/S6/S7/S8: checks records and ratings as the API does (the core's record checks), at the cell of each field", () => {
    const ratio = rowOf((r) => r.indicatorCode === "T02-1");
    const departmentRecord = rowOf((r) => r.indicatorCode === "D01-1");
    const township = rowOf((r) => r.subject.kind === "TOWNSHIP" && r.townshipCode !== "QX-BS");
    const item = rowOf((r) => r.itemCode !== null, township + 1);
    let sheets = edit(exported, "考核记录", [
      [ratio, "achieved", "1.1234567"],
      [ratio, "target", "0"],
      [departmentRecord, "subject", "城关镇"],
      [township, "township", "白沙镇"],
      [item, "itemCode", "ZZ-999"],
    ]);
    sheets = edit(sheets, "双向评价", [
      [0, "score", "90.12345"],
      [1, "year", "0"],
    ]);
    const { issues } = parse(sheets);
    expect(sorted(issues.map(cite))).toEqual(
      sorted([
        ["UNKNOWN_VALUE", "考核记录", ratio + 2, "I", "S8"],
        ["UNKNOWN_VALUE", "考核记录", ratio + 2, "J", "S8"],
        ["DOMAIN", "考核记录", departmentRecord + 2, "D", "S1"],
        ["DOMAIN", "考核记录", township + 2, "E", "S7"],
        ["UNKNOWN_ITEM", "考核记录", item + 2, "F", null],
        ["UNKNOWN_VALUE", "双向评价", 2, "F", "S6"],
        ["UNKNOWN_VALUE", "双向评价", 3, "C", null],
      ]),
    );
    const at = (sheet: string, row: number, column: string) =>
      issues.find((i) => i.location.sheet === sheet && i.location.row === row && i.location.column === column)
        ?.message;
    expect(at("考核记录", ratio + 2, "I")).toBe("完成值最多 6 位小数(1.1234567)");
    expect(at("考核记录", ratio + 2, "J")).toBe("目标值须大于 0(0)");
    expect(at("考核记录", item + 2, "F")).toBe("QX 没有事项 ZZ-999:清单外事项不填事项编码,写明事项内容");
    expect(at("双向评价", 2, "F")).toBe("评分最多 4 位小数(90.12345)");
  });

  it("finds a subject that is both a township and a department ambiguous", () => {
    const county: CountyDataset = {
      ...dataset,
      departments: [...dataset.departments, { code: "BSJ", countyCode: "QX", name: "白沙镇" }],
    };
    const index = rowOf((r) => r.subject.kind === "TOWNSHIP");
    const sheets = edit(assessmentSheets(plan, records, county), "考核记录", [[index, "subject", "白沙镇"]]);
    const { issues } = parse(sheets, { context: { ...context, dataset: county } });
    expect(issues.map(cite)).toEqual([["AMBIGUOUS_NAME", "考核记录", index + 2, "D", null]]);
  });
});

describe("reconcileAssessment", () => {
  const parsed = parse(exported).parsed;

  function reconcile(storedPlan: AssessmentPlan | null, stored: typeof records = records) {
    const log = new IssueLog();
    const result = reconcileAssessment(parsed, { plan: storedPlan, records: stored }, log);
    return { result, issues: log.issues };
  }

  it("changes nothing when the same workbook is imported again (decimals by value, order aside)", () => {
    const storedPlan: AssessmentPlan = {
      ...plan,
      indicators: [...plan.indicators].reverse().map((i) => ({ ...i, points: `${i.points}.00` })),
    };
    const graded = rowOf((r) => r.value.kind === "GRADED");
    const performance = records.performance.map((r, i) =>
      i === graded && r.value.kind === "GRADED"
        ? { ...r, value: { ...r.value, score: `${r.value.score}0` } }
        : r,
    );
    const ratings = records.ratings.map((r) => ({ ...r, score: `${r.score}.0` }));
    const { result, issues } = reconcile(storedPlan, { ...records, performance, ratings });
    expect(issues).toEqual([]);
    expect(result).toEqual({
      planToSave: null,
      newPerformance: [],
      newRatings: [],
      unchanged: { performance: records.performance.length, ratings: records.ratings.length },
    });
  });

  it("keeps new rows and reports a stored record whose content changed", () => {
    const graded = rowOf((r) => r.value.kind === "GRADED");
    const missing = records.performance.at(-1);
    const performance = records.performance
      .slice(0, -1)
      .map((r, i) => (i === graded ? { ...r, value: { kind: "GRADED" as const, score: "1.5" } } : r));
    const { result, issues } = reconcile(plan, { ...records, performance });
    expect(issues.map(cite)).toEqual([["DOMAIN", "考核记录", graded + 2, "L", null]]);
    expect(issues[0]?.message).toContain("库中为“1.5”");
    expect(result.newPerformance).toEqual(missing === undefined ? [] : [missing]);
    expect(result.unchanged).toEqual({
      performance: records.performance.length - 2,
      ratings: records.ratings.length,
    });
    expect(result.planToSave).toBeNull();
  });

  it("refuses a new rating repeating a stored one's township, department and year, at its row", () => {
    const [first, ...rest] = records.ratings;
    if (first === undefined) throw new Error("demo has ratings");
    // Stored under another id: the workbook's row for that township, department and year is new
    // by id but takes the one place the database keeps for it.
    const { result, issues } = reconcile(plan, {
      ...records,
      ratings: [{ ...first, id: "STORED-1" }, ...rest],
    });
    expect(issues.map(cite)).toEqual([["DUPLICATE_CODE", "双向评价", 2, "B", "S6"]]);
    expect(issues[0]?.message).toContain("库中的记录 STORED-1");
    expect(result.newRatings).toEqual([]);
  });

  it("saves a changed plan, unless it drops an indicator stored records use or takes another id", () => {
    const retitled = reconcile({ ...plan, title: "旧名称" });
    expect(retitled.issues).toEqual([]);
    expect(retitled.result.planToSave).toEqual(plan);

    const extra = { ...only(plan.indicators.slice(0, 1)), code: "T01-9" };
    const used: PerformanceRecord = {
      ...only(records.performance.slice(0, 1)),
      id: "OLD-1",
      indicatorCode: "T01-9",
    };
    const dropped = reconcile(
      { ...plan, indicators: [...plan.indicators, extra] },
      { ...records, performance: [...records.performance, used] },
    );
    expect(dropped.issues.map(cite)).toEqual([["PLAN_INVALID", "考核指标", null, null, null]]);
    expect(dropped.issues[0]?.message).toContain("T01-9");

    const other = reconcile({ ...plan, id: "QX-OTHER" });
    expect(other.issues.map(cite)).toEqual([["PLAN_INVALID", "考核指标", null, null, null]]);
    expect(other.result.planToSave).toBeNull();
  });
});
