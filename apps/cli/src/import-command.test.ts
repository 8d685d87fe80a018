import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  approveAdjustment,
  buildListIndex,
  type CountyDataset,
  isoDate,
  listsAsOf,
  proposeAdjustment,
  publishAdjustment,
} from "@dutylist/core";
import {
  type Database,
  listCounties,
  loadAssessmentRecords,
  loadCountyDataset,
  openDatabase,
  saveCountyChanges,
} from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { type Cell, type OutputSheet, readWorkbook, SHEETS, writeWorkbook } from "@dutylist/workbook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-io.ts";

// The demo county's sample workbook through the whole command: read, checked, written once.
let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("cli"));
  await resetDatabase(db);
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-import-"));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function stored(): Promise<CountyDataset> {
  const dataset = await loadCountyDataset(db, "QX");
  if (dataset === null) throw new Error("QX is not stored");
  return dataset;
}

async function recordCount(): Promise<number> {
  const records = await loadAssessmentRecords(db, "QX", 2025);
  return records.performance.length + records.ratings.length;
}

/** A cell to replace in the sample workbook: sheet, data row (0 = first under the header), header. */
type Edit = readonly [sheet: string, row: number, header: string, value: Cell];

/** The county approval in 清单信息 that lets an import publish its adjustments (never defaulted). */
const APPROVAL: Readonly<Record<string, Cell>> = {
  县级审批机关: "青溪县委机构编制委员会",
  县级审批日期: "2025-12-20",
  县级审批文号: "青编发〔2025〕21号",
};

/** The sample workbook with some cells replaced and 清单信息 fields added, written next to it. */
async function edited(
  name: string,
  edits: readonly Edit[],
  info: Readonly<Record<string, Cell>> = {},
): Promise<string> {
  const tables = await readWorkbook(path.join(dir, "sample.xlsx"));
  const sheets: OutputSheet[] = tables.sheets.map((sheet) => {
    const [head, ...rows] = sheet.rows.map((r) => [...r.cells]);
    const headers = (head ?? []).map(String);
    const data = rows.map((cells, i) => {
      const padded = headers.map((_, c) => cells[c] ?? null);
      for (const [sheetName, row, header, value] of edits)
        if (sheet.name === sheetName && i === row) padded[headers.indexOf(header)] = value;
      return padded;
    });
    const added = sheet.name === SHEETS.info.name ? Object.entries(info).map(([k, v]) => [k, v]) : [];
    return { name: sheet.name, header: headers, rows: [...data, ...added] };
  });
  const file = path.join(dir, name);
  await writeWorkbook(file, sheets);
  return file;
}

// A newer version of a basic item of the sample: another office from the version date. The sample
// carries the county's history (every entry, 城关镇's first rows being CJ-001 closed on 2025-07-01
// and three 2026 items); data row 4 is 城关镇's DJ-001, in force from 2025-01-01 and never closed.
const AMENDED: readonly Edit[] = [
  [SHEETS.basic.name, 4, "承办股室", "党建办公室(新)"],
  [SHEETS.basic.name, 4, "生效日期", "2025-12-31"],
];

describe("import", () => {
  it("writes the sample workbook where the user ran the command (a relative --out)", async () => {
    const { code, stdout } = await runCli(db, ["sample", "--out", "sample.xlsx"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain(path.join(dir, "sample.xlsx"));
    expect(stdout).toContain("考核记录 756 行");
  });

  it("refuses a workbook with errors (1), listing each with its cell, and writes nothing", async () => {
    const file = await edited("broken-配合履职事项-牵头部门.xlsx", [
      [SHEETS.cooperative.name, 0, "牵头部门", "县不存在局"],
    ]);
    const { code, stderr } = await runCli(db, ["import", file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /broken-配合履职事项-牵头部门\.xlsx 配合履职事项 第2行 [A-Z]+列\(牵头部门\):.*县不存在局/,
    );
    expect(stderr).toMatch(/共 \d+ 个问题\(配合履职事项 1、[^)]*\);未写入任何数据。/);
    expect(await listCounties(db)).toEqual([]);
  });

  it("checks without writing with --dry-run", async () => {
    const { code, stdout } = await runCli(db, ["import", "sample.xlsx", "--dry-run"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("将创建");
    expect(stdout).toContain("试运行(--dry-run):未写入任何数据。");
    expect(await listCounties(db)).toEqual([]);
  });

  it("imports the sample into an empty database: county, plan and records in one go", async () => {
    const { code, stdout } = await runCli(db, ["import", "sample.xlsx"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("县 青溪县(QX):已创建,5 个乡镇(街道)");
    expect(stdout).toContain("考核方案 QX-PLAN-2025(2025年,17 个二级指标):已保存");
    expect(stdout).toContain("考核记录:新增 756 条");
    expect(await listCounties(db)).toEqual([{ code: "QX", name: "青溪县" }]);
    expect(await recordCount()).toBe(816);
  });

  it("reports the same workbook imported again as unchanged, and writes nothing", async () => {
    const before = await stored();
    const statements = db.statements.count;
    const { code, stdout } = await runCli(db, ["import", "sample.xlsx", "--json"], { cwd: dir });
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document).toMatchObject({
      ok: true,
      county: { code: "QX", action: "UNCHANGED", adjustments: [] },
      plan: { id: "QX-PLAN-2025", action: "UNCHANGED" },
      records: {
        new: { performance: 0, ratings: 0 },
        unchanged: { performance: 756, ratings: 60 },
        written: null,
      },
      issues: [],
    });
    expect(await stored()).toEqual(before);
    expect(await recordCount()).toBe(816);
    // Only reads: loading the county, the plan and the records is a handful of statements.
    expect(db.statements.count - statements).toBeLessThan(40);
  });

  it("imports an export of the lists as of a date back unchanged, as .xlsx and as a CSV folder", async () => {
    const before = await stored();
    for (const out of ["lists-2025-10-01.xlsx", "lists-2025-10-01"]) {
      const exported = await runCli(db, ["export", "lists", "--as-of", "2025-10-01", "--out", out], {
        cwd: dir,
      });
      expect(exported.code, exported.stderr).toBe(0);
      const { code, stdout, stderr } = await runCli(db, ["import", out], { cwd: dir });
      // What the import said, should it fail (ExcelJS's streaming reader once lost the sheet names
      // of such a small export; `readXlsxFile` now reads it again whole).
      expect(code, `${out}\n${stdout}\n${stderr}`).toBe(0);
      expect(stdout).toContain("清单与库中一致,无变动");
      expect(stdout).toContain("未写入任何数据");
    }
    expect(await stored()).toEqual(before);
  });

  it("records a newer version as an adjustment; keeps nothing of it when a record is refused", async () => {
    const amended = await edited("amended.xlsx", AMENDED, APPROVAL);
    const planned = await runCli(db, ["import", amended, "--dry-run", "--json"]);
    expect(planned.code, planned.stderr).toBe(0);
    const adjustments = JSON.parse(planned.stdout).county.adjustments;
    expect(adjustments).toEqual([
      expect.objectContaining({
        effectiveFrom: "2025-12-31",
        changes: 1,
        byKind: expect.objectContaining({ AMEND: 1 }),
      }),
    ]);
    const before = await stored();
    const file = await edited(
      "amended-bad-record.xlsx",
      [...AMENDED, [SHEETS.records.name, 0, "日期", "不是日期"]],
      APPROVAL,
    );
    const { code, stdout, stderr } = await runCli(db, ["import", file, "--json"]);
    expect(code).toBe(1);
    const document = JSON.parse(stdout);
    expect(document.ok).toBe(false);
    expect(document.issues.map((i: { text: string }) => i.text)).toEqual([
      expect.stringMatching(/amended-bad-record\.xlsx 考核记录 第2行 [A-Z]+列\(日期\):/),
    ]);
    expect(stderr).toContain("未写入任何数据");
    expect(await stored()).toEqual(before);
    expect(await recordCount()).toBe(816);
    const accepted = await runCli(db, ["import", amended]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(
      /已记录 1 项调整\n\s+调整.*\n.*\n\s+QX-IMP-2025-12-31\s+2025-12-31\s+2025-12-31\s+1\s+修改 1/,
    );
    expect((await stored()).adjustments.map((a) => a.id)).toContain("QX-IMP-2025-12-31");
  });

  it("refuses an export older than a change published since through the store, listing it; --allow-stale imports it", async () => {
    const exported = await runCli(
      db,
      ["export", "lists", "--as-of", "2025-12-31", "--out", "before-change.xlsx"],
      {
        cwd: dir,
      },
    );
    expect(exported.code, exported.stderr).toBe(0);
    // Since the export, as the API does it: a duty of one township given to another too (L4:
    // county and province approval), published from 2025-12-01.
    const before = await stored();
    const index = buildListIndex(before.entries);
    const day = isoDate("2025-12-31");
    const [giver, taker] = before.townships;
    if (giver === undefined || taker === undefined) throw new Error("QX has townships");
    const onTaker = new Set(listsAsOf(index, taker.code, day).basic.map((e) => e.itemCode));
    const entry = listsAsOf(index, giver.code, day).basic.find((e) => !onTaker.has(e.itemCode));
    if (entry === undefined) throw new Error("no basic item of one township missing from another");
    const proposed = proposeAdjustment(before, {
      id: "QX-ADJ-TEST-1",
      title: "增列一项基本履职事项",
      reason: "工作需要",
      trigger: { kind: "WORK_NEED", reference: "青政办〔2025〕30号" },
      proposer: { kind: "COUNTY_GOVERNMENT" },
      proposedOn: isoDate("2025-11-01"),
      recordedOn: isoDate("2025-11-01"),
      changes: [
        {
          kind: "ADD",
          townshipCode: taker.code,
          itemCode: entry.itemCode,
          terms: entry.terms,
          content: entry.content,
          assignment: entry.assignment,
        },
      ],
    });
    if (!proposed.ok) throw new Error(proposed.errors[0].message);
    let after = proposed.value.dataset;
    for (const level of ["COUNTY", "PROVINCE"] as const) {
      const approved = approveAdjustment(after, "QX-ADJ-TEST-1", {
        level,
        authority: level === "COUNTY" ? "青溪县委机构编制委员会" : "省委编办",
        approvedOn: isoDate("2025-11-10"),
        documentNo: null,
        recordedOn: isoDate("2025-11-10"),
      });
      if (!approved.ok) throw new Error(approved.errors[0].message);
      after = approved.value.dataset;
    }
    const published = publishAdjustment(after, "QX-ADJ-TEST-1", {
      publishedOn: isoDate("2025-11-20"),
      effectiveFrom: isoDate("2025-12-01"),
      recordedOn: isoDate("2025-11-20"),
    });
    if (!published.ok) throw new Error(published.errors[0].message);
    after = published.value.dataset;
    expect((await saveCountyChanges(db, before, after, testStamp("saveCountyChanges"))).ok).toBe(true);
    const changed = await stored();

    const refused = await runCli(db, ["import", "before-change.xlsx"], { cwd: dir });
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toMatch(/工作簿导出自数据版本 \d+,库中该县已是数据版本 \d+/);
    expect(refused.stderr).toContain(
      "调整 QX-ADJ-TEST-1(发布 2025-11-20,自 2025-12-01 起生效)增列一项基本履职事项",
    );
    expect(refused.stderr).toContain(`${taker.name}(${taker.code}) 基本履职事项 ${entry.itemCode}`);
    expect(refused.stderr).toContain("--allow-stale");
    expect(refused.stderr).not.toContain("已写入数据库");
    expect(await stored()).toEqual(changed);

    // Allowed, it is recorded as a proposal: the export states no county approval.
    const accepted = await runCli(db, ["import", "before-change.xlsx", "--allow-stale", "--json"], {
      cwd: dir,
    });
    expect(accepted.code, accepted.stderr).toBe(0);
    const document = JSON.parse(accepted.stdout);
    expect(document.county).toMatchObject({
      action: "ADJUSTED",
      pending: true,
      adjustments: [
        {
          status: "PROPOSED",
          publishedOn: null,
          list: [{ kind: "REMOVE", townshipCode: taker.code, itemCode: entry.itemCode }],
        },
      ],
    });
    const now = await stored();
    const pendingId = document.county.adjustments[0].id;
    expect(now.adjustments.find((a) => a.id === pendingId)).toMatchObject({
      approvals: [],
      publication: null,
    });
    expect(now.entries).toEqual(changed.entries);
  });

  it("refuses a 基本履职事项.csv cut to its header row unless --confirm-removals; --dry-run prints each change", async () => {
    const exported = await runCli(db, ["export", "lists", "--as-of", "2025-12-31", "--out", "cut-csv"], {
      cwd: dir,
    });
    expect(exported.code, exported.stderr).toBe(0);
    const basicCsv = path.join(dir, "cut-csv", `${SHEETS.basic.name}.csv`);
    const [header] = (await readFile(basicCsv, "utf8")).split(/\r?\n/);
    await writeFile(basicCsv, `${header}\r\n`);
    const before = await stored();
    const refused = await runCli(db, ["import", "cut-csv"], { cwd: dir });
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toMatch(/乡镇\(街道\) 城关镇\(QX-CG\):导入将取消基本履职事项的全部 \d+ 项/);
    expect(refused.stderr).toMatch(/基本履职事项 \S+ \S+:自 2025-12-31 起取消/);
    expect(refused.stderr).toContain("--confirm-removals");
    expect(await stored()).toEqual(before);

    const planned = await runCli(db, ["import", "cut-csv", "--confirm-removals", "--dry-run"], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/将记录 1 项调整提议\(待审批\)/);
    expect(planned.stdout).toMatch(
      /QX-IMP-2025-12-31(-\d+)?\(提议于 \d{4}-\d{2}-\d{2},待审批;动态调整\(县级审批\)\)/,
    );
    expect(planned.stdout).toMatch(/^\s+取消 城关镇\(QX-CG\) \S+ \S+$/m);
    expect(planned.stdout).toContain("approveAdjustment");
    expect(planned.stdout).toContain("试运行(--dry-run):未写入任何数据。");
    expect(await stored()).toEqual(before);
    expect((await runCli(db, ["import", "cut-csv", "--max-removal-share", "150%"], { cwd: dir })).code).toBe(
      2,
    );
  });

  it("refuses a rating duplicating a stored one (township, department, year) at its row, before writing", async () => {
    const before = await stored();
    const file = await edited("duplicate-rating.xlsx", [[SHEETS.ratings.name, 0, "记录编号", "QX-R-NEW-1"]]);
    const { code, stdout, stderr } = await runCli(db, ["import", file]);
    expect(code, stdout + stderr).toBe(1);
    expect(stderr).toMatch(/duplicate-rating\.xlsx 双向评价 第2行 [A-Z]+列\(记录编号\):.*已有/);
    expect(stdout + stderr).not.toContain("已写入数据库");
    expect(await stored()).toEqual(before);
    expect(await recordCount()).toBe(816);
  });

  it("says what is missing: the file (3), the kind of file (2), a county the workbook contradicts (1)", async () => {
    expect((await runCli(db, ["import", "nowhere.xlsx"], { cwd: dir })).code).toBe(3);
    await writeFile(path.join(dir, "notes.txt"), "清单");
    expect((await runCli(db, ["import", "notes.txt"], { cwd: dir })).code).toBe(2);
    const wrong = await runCli(db, ["import", "sample.xlsx", "--county", "XX", "--json"], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).issues[0].message).toContain("与 --county XX 不一致");
    expect((await runCli(db, ["import"])).code).toBe(2);
  });
});
