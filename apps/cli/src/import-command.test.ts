import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CountyDataset } from "@dutylist/core";
import {
  type Database,
  listCounties,
  loadAssessmentRecords,
  loadCountyDataset,
  openDatabase,
  resetDatabase,
  testDatabaseTarget,
} from "@dutylist/store";
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

/** The sample workbook with some cells replaced, written next to it. */
async function edited(name: string, edits: readonly Edit[]): Promise<string> {
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
    return { name: sheet.name, header: headers, rows: data };
  });
  const file = path.join(dir, name);
  await writeWorkbook(file, sheets);
  return file;
}

// A newer version of the first basic item of the sample: another office from the version date.
const AMENDED: readonly Edit[] = [
  [SHEETS.basic.name, 0, "承办股室", "党建办公室(新)"],
  [SHEETS.basic.name, 0, "生效日期", "2025-12-31"],
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
    const amended = await edited("amended.xlsx", AMENDED);
    const planned = await runCli(db, ["import", amended, "--dry-run", "--json"]);
    expect(planned.code).toBe(0);
    const adjustments = JSON.parse(planned.stdout).county.adjustments;
    expect(adjustments).toEqual([
      expect.objectContaining({
        effectiveFrom: "2025-12-31",
        changes: 1,
        byKind: expect.objectContaining({ AMEND: 1 }),
      }),
    ]);
    const before = await stored();
    const file = await edited("amended-bad-record.xlsx", [
      ...AMENDED,
      [SHEETS.records.name, 0, "日期", "不是日期"],
    ]);
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
