import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { err } from "@dutylist/core";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "./test-io.ts";

// A write the store refuses after a clean check (e.g. the county changed in between): the command
// must not have said "已写入数据库" first.
vi.mock("@dutylist/store", async (original) => ({
  ...(await original<typeof import("@dutylist/store")>()),
  saveImport: vi.fn(async () =>
    err({
      _tag: "STORE_CONFLICT" as const,
      target: "county",
      message: "县 QX 已存在(导入期间被其他操作写入)",
    }),
  ),
}));

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("cli-write"));
  await resetDatabase(db);
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-import-write-"));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("import when the write fails", () => {
  it("says the write was refused and never that it was written", async () => {
    expect((await runCli(db, ["sample", "--out", "sample.xlsx"], { cwd: dir })).code).toBe(0);
    const { code, stdout, stderr } = await runCli(db, ["import", "sample.xlsx"], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain("县 QX 已存在(导入期间被其他操作写入);未写入任何数据");
    expect(stdout + stderr).not.toContain("已写入数据库");
  });
});
