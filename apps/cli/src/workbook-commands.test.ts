import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_CASES, demoCounty } from "@dutylist/core/testing";
import { type Database, listCounties, openDatabase, saveCountyDataset } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { readWorkbook } from "@dutylist/workbook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTarget } from "./cli-database.ts";
import { invocationDirectory } from "./cli-io.ts";
import { runCli } from "./test-io.ts";

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("cli"));
  await resetDatabase(db);
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-workbooks-"));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("generate", () => {
  it("writes a synthetic county of 30 townships that imports, with its plan and records", async () => {
    const generated = await runCli(
      db,
      ["generate", "--townships", "30", "--records", "--per-item", "1", "--out", "syn.xlsx"],
      {
        cwd: dir,
      },
    );
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/乡镇\(街道\) 30 行/);
    const imported = await runCli(db, ["import", "syn.xlsx", "--json"], { cwd: dir });
    expect(imported.code).toBe(0);
    const document = JSON.parse(imported.stdout);
    expect(document).toMatchObject({
      ok: true,
      county: { code: "SYN1", action: "CREATED" },
      plan: { action: "SAVED" },
    });
    expect(document.records.new.performance).toBeGreaterThan(10_000);
    expect(await listCounties(db)).toEqual([expect.objectContaining({ code: "SYN1" })]);
    const assessed = await runCli(db, ["assess", "--year", "2025", "--json"]);
    expect(JSON.parse(assessed.stdout).townships).toHaveLength(30);
  });

  it("says clearly that records beyond Excel's rows per sheet need a CSV folder (2), before generating them", async () => {
    const { code, stderr } = await runCli(db, [
      "generate",
      "--townships",
      "30",
      "--records",
      "--per-item",
      "200",
      "--out",
      "big.xlsx",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("超过 Excel 每个工作表 1,048,576 行的上限");
    expect(stderr).toContain("CSV 文件夹");
  });

  it("refuses a second county without --county (2) and imports it with a code of its own", async () => {
    await runCli(db, ["generate", "--townships", "3", "--seed", "2", "--out", "two"], { cwd: dir });
    expect(await readdir(path.join(dir, "two"))).toContain("基本履职事项.csv");
    expect((await runCli(db, ["import", "two"], { cwd: dir })).code).toBe(0);
    const ambiguous = await runCli(db, ["lists", "--as-of", "2025-06-01"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("请用 --county 指定");
    expect((await runCli(db, ["lists", "--as-of", "2025-06-01", "--county", "SYN2"])).code).toBe(0);
  });
});

describe("export", () => {
  beforeAll(async () => {
    await resetDatabase(db);
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
  });

  it("writes one list as one CSV file, and asks which list when not told (2)", async () => {
    const asked = await runCli(db, ["export", "lists", "--as-of", "2025-10-01", "--out", "basic.csv"], {
      cwd: dir,
    });
    expect(asked.code).toBe(2);
    const { code } = await runCli(
      db,
      [
        "export",
        "lists",
        "--as-of",
        "2025-10-01",
        "--township",
        "城关镇",
        "--list",
        "basic",
        "--out",
        "basic.csv",
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    const [sheet] = (await readWorkbook(path.join(dir, "basic.csv"))).sheets;
    expect(sheet?.name).toBe("basic");
    expect(sheet?.rows.slice(1).every((r) => r.cells[1] === "城关镇")).toBe(true);
  });

  it("writes the stored determinations, narrowed by role", async () => {
    for (const { failure } of DEMO_CASES.slice(0, 3)) {
      const args = ["determine", "--township", failure.townshipCode, "--date", failure.date, "--save"];
      const subject = failure.subject.kind === "ITEM" ? ["--item", failure.subject.itemCode] : [];
      const f = failure.findings;
      const yes = (value: boolean | undefined, option: string) =>
        value === undefined ? [] : [option, value ? "yes" : "no"];
      const findings = [
        ...yes(f.townshipAtFault, "--at-fault"),
        ...yes(f.withinCooperationContent, "--within-content"),
        ...yes(f.guaranteesDelivered, "--guarantees-delivered"),
      ];
      expect((await runCli(db, [...args, ...subject, ...findings])).code).toBe(0);
    }
    const out = await runCli(
      db,
      ["export", "determinations", "--role", "primary", "--out", "d.xlsx", "--json"],
      {
        cwd: dir,
      },
    );
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).sheets).toEqual([{ name: "责任认定", rows: 3 }]);
    const [sheet] = (await readWorkbook(path.join(dir, "d.xlsx"))).sheets;
    expect(sheet?.rows.slice(1).map((r) => r.cells[11])).toEqual(["主要责任", "主要责任", "主要责任"]);
  });

  it("says a year without a plan is not found (3) when exporting the assessment", async () => {
    expect(
      (await runCli(db, ["export", "assessment", "--year", "2025", "--out", "a.xlsx"], { cwd: dir })).code,
    ).toBe(3);
  });
});

describe("where things are", () => {
  it("resolves paths against the directory the user ran pnpm in (INIT_CWD)", () => {
    expect(invocationDirectory({ INIT_CWD: "/home/me" }, "/repo/apps/cli")).toBe("/home/me");
    expect(invocationDirectory({}, "/repo/apps/cli")).toBe("/repo/apps/cli");
  });

  it("uses the API's default database: .data/pglite at the repo root, --data-dir, or DATABASE_URL", () => {
    const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: "/home/me", env: {} };
    const root = path.resolve(import.meta.dirname, "..", "..", "..");
    expect(databaseTarget(io, undefined)).toEqual({
      kind: "PGLITE",
      dataDir: path.join(root, ".data", "pglite"),
    });
    expect(databaseTarget(io, "db")).toEqual({ kind: "PGLITE", dataDir: "/home/me/db" });
    const pg = { ...io, env: { DATABASE_URL: "postgresql://u@h/d" } };
    expect(databaseTarget(pg, undefined)).toEqual({ kind: "POSTGRES", url: "postgresql://u@h/d" });
  });
});
