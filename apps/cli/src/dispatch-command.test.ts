import { demoCounty } from "@dutylist/core/testing";
import { demoPlaces, demoVocabulary } from "@dutylist/hotline/demo";
import { type Database, openDatabase, saveCountyDataset, saveHotlineData } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-io.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("cli"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
  await saveHotlineData(db, "QX", { phrases: demoVocabulary(), places: demoPlaces() }, testStamp("hotline"));
}, 180_000);
afterAll(async () => {
  await db?.close();
});

describe("dutylist dispatch (H1)", () => {
  it("H1/A3: prints the receiving department, the township only reporting, the basis and the reason", async () => {
    const { code, stdout } = await runCli(db, [
      "dispatch",
      "--township",
      "白沙镇",
      "--on",
      "2026-05-10",
      "河口村河里半夜有抽沙船在挖沙子",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("派单结果:县自然资源局承办");
    expect(stdout).toContain("河道非法采砂查处(SL-002)");
    expect(stdout).toContain("报告方:白沙镇");
    expect(stdout).toContain("规则H1、A3");
  });

  it("H1/A11: before the 2026 version the same words reach no item of 2025, and stay at the desk", async () => {
    const { code, stdout } = await runCli(db, [
      "dispatch",
      "--township",
      "QX-BS",
      "--on",
      "2025-05-10",
      "河口村河里半夜有抽沙船在挖沙子",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).match.dispatch).toMatchObject({ unassigned: true });
  });

  it("a missing text or date is a usage error (exit 2)", async () => {
    expect((await runCli(db, ["dispatch", "--township", "白沙镇", "--on", "2026-05-10"])).code).toBe(2);
    expect((await runCli(db, ["dispatch", "--township", "白沙镇", "抽沙"])).code).toBe(2);
  });
});
