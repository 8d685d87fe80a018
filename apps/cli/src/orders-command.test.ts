import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoCounty } from "@dutylist/core/testing";
import { demoOrders, demoPlaces, demoVocabulary } from "@dutylist/hotline/demo";
import { type Database, openDatabase, saveCountyDataset, saveHotlineData } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { writeWorkbook } from "@dutylist/workbook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-io.ts";

let db: Database;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-orders-"));
  db = await openDatabase(await testDatabaseTarget("cli"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
  await saveHotlineData(db, "QX", { phrases: demoVocabulary(), places: demoPlaces() }, testStamp("hotline"));
}, 180_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const HEADER = ["工单编号", "受理日期", "乡镇(街道)", "地址", "渠道", "诉求内容"];
const month = demoOrders("holdout").filter((o) => o.receivedOn.startsWith("2026-0"));

async function workbook(name: string, rows: (string | null)[][]): Promise<string> {
  const file = path.join(dir, name);
  await writeWorkbook(file, [{ name: "12345工单", header: HEADER, rows }]);
  return file;
}

describe("dutylist orders import (H1)", () => {
  it("H1: dispatches every order by the lists of its day, stores them all, and sums up per party", async () => {
    const rows = month.map((o) => [o.id, o.receivedOn, o.townshipCode, o.address, o.channel, o.text]);
    const file = await workbook("orders.xlsx", rows);
    const { code, stdout } = await runCli(db, ["orders", "import", file, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.total).toBe(month.length);
    const dispatched = result.byParty.reduce((n: number, [, k]: [string, number]) => n + k, 0);
    expect(dispatched + result.unassigned).toBe(month.length);
    expect(await db.prisma.workOrder.count({ where: { countyId: "QX" } })).toBe(month.length);
  });

  it("a bad row is named by row and column, and nothing is written", async () => {
    const before = await db.prisma.workOrder.count();
    const file = await workbook("bad.xlsx", [
      ["NEW-1", "2026-05-01", "白沙镇", null, "PHONE", "河里全是垃圾"],
      ["NEW-2", "2026-13-01", "白沙镇", null, "PHONE", "河里全是垃圾"],
      ["NEW-3", "2026-05-02", "无此镇", null, "PHONE", "河里全是垃圾"],
    ]);
    const { code, stderr } = await runCli(db, ["orders", "import", file]);
    expect(code).toBe(1);
    expect(stderr).toContain("第 3 行 B(受理日期)");
    expect(stderr).toContain("第 4 行 C(乡镇(街道))");
    expect(await db.prisma.workOrder.count()).toBe(before);
  });
});
