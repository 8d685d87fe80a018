import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LOCAL_ADMINISTRATOR } from "@dutylist/core";
import { changeLogHeads, type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-io.ts";

// The sample workbook imported through the CLI and a determination saved: two rows of QX's change
// log, written as the local administrator. Then an operator tampers with the log.
let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("cli_audit"));
  await resetDatabase(db);
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-audit-"));
  expect((await runCli(db, ["sample", "--out", "sample.xlsx"], { cwd: dir })).code).toBe(0);
  expect((await runCli(db, ["import", "sample.xlsx"], { cwd: dir })).code).toBe(0);
  const determine = ["determine", "--township", "城关镇", "--item", "MS-001", "--date", "2025-03-15"];
  expect((await runCli(db, [...determine, "--at-fault", "yes", "--save"])).code).toBe(0);
}, 180_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function tamper(sql: string): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe("ALTER TABLE change_log DISABLE TRIGGER change_log_append_only"),
    db.prisma.$executeRawUnsafe(sql),
    db.prisma.$executeRawUnsafe("ALTER TABLE change_log ENABLE TRIGGER change_log_append_only"),
  ]);
}

describe("dutylist audit", () => {
  it("logs the CLI's writes as the local administrator: import, then determine --save", async () => {
    const rows = await db.prisma.changeLog.findMany({ where: { countyId: "QX" }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.operation, r.actorSubject, r.actorRole])).toEqual([
      [1, "import", LOCAL_ADMINISTRATOR.subject, "ADMINISTRATOR"],
      [2, "determine", LOCAL_ADMINISTRATOR.subject, "ADMINISTRATOR"],
    ]);
    expect(rows[0]?.writtenIds.some((id) => id.startsWith("entries:"))).toBe(true);
  });

  it("verify: exit 0 and each chain with its head while the log is intact", async () => {
    const { code, stdout } = await runCli(db, ["audit", "verify"]);
    expect(code).toBe(0);
    expect(stdout).toContain("变更日志完好:1 个县,共 2 行");
    const [head] = await changeLogHeads(db);
    expect(stdout).toContain(head?.hash);
    const json = await runCli(db, ["audit", "verify", "--county", "QX", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      counties: [{ countyCode: "QX", rows: 2, headSeq: 2, headHash: head?.hash }],
    });
  });

  it("head: each county's seq and hash, to anchor elsewhere", async () => {
    const [head] = await changeLogHeads(db);
    const { code, stdout } = await runCli(db, ["audit", "head"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`QX\\s+2\\s+${head?.hash}`));
    expect(JSON.parse((await runCli(db, ["audit", "head", "--json"])).stdout).heads).toEqual([
      { countyCode: "QX", seq: 2, hash: head?.hash },
    ]);
  });

  it("usage errors exit 2, a county without a log 3", async () => {
    expect((await runCli(db, ["audit"])).code).toBe(2);
    expect((await runCli(db, ["audit", "rewrite"])).code).toBe(2);
    expect((await runCli(db, ["audit", "verify", "--county", "NONE"])).code).toBe(3);
    expect((await runCli(db, ["audit", "head", "--county", "NONE"])).code).toBe(3);
  });

  it("verify: exit 1 naming the first altered row, its operation and actor, once a row is edited", async () => {
    const [first] = await db.prisma.changeLog.findMany({ where: { countyId: "QX", seq: 1 } });
    if (first === undefined) throw new Error("no row 1");
    await tamper("UPDATE change_log SET written_ids = '{}' WHERE county_id = 'QX' AND seq = 1");
    const { code, stderr } = await runCli(db, ["audit", "verify"]);
    expect(code).toBe(1);
    expect(stderr).toContain("县 QX 变更日志第 1 行已被改动");
    expect(stderr).toContain("已被改动:各列与其哈希不符;操作 import");
    expect(stderr).not.toContain("ALTERED");
    expect(stderr).toContain(
      `操作 import,操作人 ${LOCAL_ADMINISTRATOR.name}(${LOCAL_ADMINISTRATOR.subject})`,
    );
    const json = await runCli(db, ["audit", "verify", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      problems: [{ countyCode: "QX", seq: 1, problem: "ALTERED", operation: "import" }],
    });
    // Put back as it was, the row verifies again: the check is of the content, nothing else.
    const ids = first.writtenIds.map((id) => `"${id}"`).join(",");
    await tamper(`UPDATE change_log SET written_ids = '{${ids}}' WHERE county_id = 'QX' AND seq = 1`);
    expect((await runCli(db, ["audit", "verify"])).code).toBe(0);
  });

  it("verify: exit 1 naming the removed last row, found by the head", async () => {
    await tamper("DELETE FROM change_log WHERE county_id = 'QX' AND seq = 2");
    const { code, stderr } = await runCli(db, ["audit", "verify", "--county", "QX"]);
    expect(code).toBe(1);
    expect(stderr).toContain("县 QX 变更日志第 2 行已被删除");
    expect(stderr).toContain("已被删除");
    expect(stderr).toContain(";该行已不在日志中");
    expect(stderr).not.toContain("REMOVED");
  });
});
