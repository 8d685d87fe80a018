import { buildListIndex, type CountyDataset, type IsoDate, isoDate, listsAsOf } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { type CountyImport, type CountyImportOptions, planCountyImport } from "./county-import.ts";
import { SHEETS } from "./format.ts";
import { readInfo } from "./info-sheet.ts";
import { listSheets } from "./list-export.ts";
import { tablesOfSheets } from "./output-tables.ts";
import { IssueLog } from "./sheet-reader.ts";
import type { Cell, OutputSheet, WorkbookIssue } from "./sheet-table.ts";

function plan(
  sheets: readonly OutputSheet[],
  stored: CountyDataset | null,
  options: CountyImportOptions = {},
): { outcome: CountyImport; issues: WorkbookIssue[] } {
  const tables = tablesOfSheets("lists.xlsx", sheets);
  const log = new IssueLog();
  const info = readInfo(tables, log);
  const outcome = planCountyImport(tables, info, stored, options, log);
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

/** The county approval a workbook must carry for its changes to be published (no default). */
const APPROVED = {
  县级审批机关: "青溪县委机构编制委员会",
  县级审批日期: "2025-08-25",
  县级审批文号: "青编发〔2025〕9号",
} as const;

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
    // A December version: the first row renamed (AMEND), the second dropped (REMOVE on the version date).
    const amended = first.map((c, i) =>
      i === name ? `${String(c)}(2026年版)` : i === from ? "2025-12-01" : c,
    );
    const newer = setInfo(withRows(sheets, basic.name, [amended, ...rest]), {
      版本日期: "2025-12-01",
      调整理由: "2026年清单动态调整",
      调整依据类型: "法律法规立改废释",
      调整依据文件: "《某某条例》(2025年修订)",
      ...APPROVED,
    });
    const { outcome, issues } = plan(newer, demo);
    expect(issues).toEqual([]);
    if (outcome.kind !== "ADJUST") throw new Error(`expected ADJUST, got ${outcome.kind}`);
    expect(outcome.adjustments).toHaveLength(1);
    const [adjustment] = outcome.adjustments;
    expect(adjustment?.publication?.effectiveFrom).toBe("2025-12-01");
    expect(adjustment?.trigger.kind).toBe("LAW_CHANGE");
    expect(adjustment?.changes.map((c) => c.kind).sort()).toEqual(["AMEND", "REMOVE"]);
    // History is kept: the lists of October are those of before.
    expect(listing(outcome.dataset, OCTOBER)).toEqual(listing(demo, OCTOBER));
    const again = plan(listSheets(outcome.dataset, isoDate("2025-12-01")), outcome.dataset);
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
    const added = first.map((c, i) => (i === code ? "XZ-NEW-001" : i === from ? "2025-12-01" : c));
    const newer = setInfo(withRows(sheets, basic.name, [...basic.rows, added]), {
      版本日期: "2025-12-01",
      ...APPROVED,
    });
    const refused = plan(newer, demo);
    expect(refused.outcome.kind).toBe("REJECTED");
    expect(refused.issues).toHaveLength(1);
    expect(refused.issues[0]?.ruleId).toBe("L4");
    expect(refused.issues[0]?.location).toMatchObject({ sheet: "基本履职事项", row: basic.rows.length + 2 });

    const approved = plan(setInfo(newer, { 省级审批机关: "省委编办", 省级审批日期: "2025-11-20" }), demo);
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

function townshipRows(sheet: OutputSheet, townshipName: string): (readonly Cell[])[] {
  const at = column(sheet, "乡镇(街道)");
  return sheet.rows.filter((r) => r[at] === townshipName);
}

describe("imports that would undo or empty what is stored", () => {
  it("refuses an export older than the stored county, listing what it would undo; --allow-stale accepts it", () => {
    const demo = demoCounty();
    const old = listSheets(demo, OCTOBER, { revision: 7n, exportedAt: "2025-10-02T08:00:00.000Z" });
    expect(sheetNamed(old, SHEETS.info.name).rows).toEqual(
      expect.arrayContaining([
        ["数据版本", "7"],
        ["导出时间", "2025-10-02T08:00:00.000Z"],
      ]),
    );
    // Since the export: a new duty of 城关镇 from 2025-09-01, approved by county and province (L4).
    const basic = sheetNamed(old, SHEETS.basic.name);
    const [first] = basic.rows;
    if (first === undefined) throw new Error("demo has basic rows");
    const code = column(basic, "事项编码");
    const from = column(basic, "生效日期");
    const added = first.map((c, i) => (i === code ? "XZ-NEW-001" : i === from ? "2025-09-01" : c));
    const since = plan(
      setInfo(withRows(old, basic.name, [...basic.rows, added]), {
        ...APPROVED,
        清单名称: "新增事项的调整",
        省级审批机关: "省委编办",
        省级审批日期: "2025-08-28",
      }),
      demo,
      { storedRevision: 7n },
    );
    expect(since.issues).toEqual([]);
    if (since.outcome.kind !== "ADJUST") throw new Error(since.outcome.kind);
    const adjusted = since.outcome.dataset;

    const refused = plan(old, adjusted, { storedRevision: 9n });
    expect(refused.outcome.kind).toBe("REJECTED");
    expect(refused.issues.map((i) => i.code)).toEqual(["STALE_WORKBOOK"]);
    const message = refused.issues[0]?.message ?? "";
    expect(message).toContain("数据版本 7");
    expect(message).toContain("9");
    expect(message).toMatch(/QX-IMP-2025-09-01.*2025-09-01.*新增事项的调整/);
    expect(message).toMatch(/城关镇.*XZ-NEW-001.*取消/);
    expect(message).toContain("--allow-stale");

    const accepted = plan(old, adjusted, { storedRevision: 9n, allowStale: true });
    expect(accepted.issues).toEqual([]);
    if (accepted.outcome.kind !== "ADJUST") throw new Error(accepted.outcome.kind);
    expect(accepted.outcome.adjustments.flatMap((a) => a.changes)).toEqual([
      { kind: "REMOVE", townshipCode: "QX-CG", itemCode: "XZ-NEW-001" },
    ]);
    // A workbook of the current revision is not stale.
    expect(plan(old, demo, { storedRevision: 7n }).outcome.kind).toBe("UNCHANGED");
  });

  it("refuses emptying a list (基本履职事项 cut to its header row), printing the diff; confirmed, it goes on", () => {
    const demo = demoCounty();
    const cut = setInfo(withRows(listSheets(demo, OCTOBER), SHEETS.basic.name, []), APPROVED);
    const refused = plan(cut, demo);
    expect(refused.outcome.kind).toBe("REJECTED");
    expect(refused.issues.map((i) => [i.code, i.location.sheet])).toEqual(
      demo.townships.map(() => ["MASS_REMOVAL", "基本履职事项"]),
    );
    const cg = refused.issues[0]?.message ?? "";
    expect(cg).toContain("城关镇(QX-CG)");
    expect(cg).toContain("基本履职事项的全部 4 项");
    const cgBasic = listsAsOf(buildListIndex(demo.entries), "QX-CG", OCTOBER).basic;
    for (const entry of cgBasic)
      expect(cg).toContain(`基本履职事项 ${entry.itemCode} ${entry.content.name}:自 2025-10-01 起取消`);
    expect(cg).toContain("--confirm-removals");

    const confirmed = plan(cut, demo, { confirmRemovals: true });
    expect(confirmed.issues).toEqual([]);
    if (confirmed.outcome.kind !== "ADJUST") throw new Error(confirmed.outcome.kind);
    const removed = confirmed.outcome.adjustments.flatMap((a) => a.changes);
    expect(removed.every((c) => c.kind === "REMOVE")).toBe(true);
    expect(removed).toHaveLength(24);
  });

  it("refuses removing more than the allowed share of a township's entries; the share is an option", () => {
    const demo = demoCounty();
    const sheets = setInfo(listSheets(demo, OCTOBER), APPROVED);
    const basic = sheetNamed(sheets, SHEETS.basic.name);
    // 3 of 城关镇's 12 entries (25 %), not the whole of its basic list (4).
    const dropped = new Set(townshipRows(basic, "城关镇").slice(0, 3));
    const fewer = withRows(
      sheets,
      basic.name,
      basic.rows.filter((r) => !dropped.has(r)),
    );
    const refused = plan(fewer, demo);
    expect(refused.issues.map((i) => i.code)).toEqual(["MASS_REMOVAL"]);
    expect(refused.issues[0]?.message).toMatch(/城关镇\(QX-CG\).*3 项.*12 项.*25%.*20%/);
    const allowed = plan(fewer, demo, { maxRemovalShare: 0.3 });
    expect(allowed.issues).toEqual([]);
    expect(allowed.outcome.kind).toBe("ADJUST");
  });
});

describe("approvals come from the workbook, never invented", () => {
  it("records the changes as a pending proposal when 清单信息 has no county approval", () => {
    const demo = demoCounty();
    const sheets = listSheets(demo, OCTOBER);
    const basic = sheetNamed(sheets, SHEETS.basic.name);
    const name = column(basic, "事项名称");
    const from = column(basic, "生效日期");
    const [first, ...rest] = basic.rows;
    if (first === undefined) throw new Error("demo has basic rows");
    const amended = first.map((c, i) =>
      i === name ? `${String(c)}(2026年版)` : i === from ? "2025-12-01" : c,
    );
    const newer = setInfo(withRows(sheets, basic.name, [amended, ...rest]), { 版本日期: "2025-12-01" });
    const { outcome, issues } = plan(newer, demo, { proposedOn: isoDate("2025-11-20") });
    expect(issues).toEqual([]);
    if (outcome.kind !== "ADJUST") throw new Error(outcome.kind);
    expect(outcome.pending).toBe(true);
    const [proposal] = outcome.adjustments;
    expect(proposal).toMatchObject({ approvals: [], publication: null, proposedOn: "2025-11-20" });
    expect(proposal?.title).toContain("拟自 2025-12-01 起生效");
    // Nothing in force changes until it is approved and published.
    expect(listing(outcome.dataset, isoDate("2025-12-01"))).toEqual(listing(demo, isoDate("2025-12-01")));
    // The same workbook again does not propose it twice.
    const again = plan(newer, outcome.dataset, { proposedOn: isoDate("2025-11-21") });
    expect(again.issues).toEqual([]);
    expect(again.outcome.kind).toBe("UNCHANGED");

    const partial = plan(setInfo(newer, { 县级审批机关: "青溪县委机构编制委员会" }), demo);
    expect(partial.outcome.kind).toBe("REJECTED");
    expect(partial.issues.map((i) => [i.code, i.message])).toEqual([
      ["REQUIRED", expect.stringMatching(/县级审批日期.*县级审批文号/)],
    ]);
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
