import {
  type AssessmentRecords,
  canonicalJson,
  isoDate,
  registerTemporaryTask,
  sha256Hex,
  type WhistleRequest,
} from "@dutylist/core";
import { demoAssessmentPlan, demoCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  argumentsDigest,
  changeLogHeads,
  type Database,
  GENESIS_HASH,
  loadCountyDataset,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyChanges,
  saveCountyDataset,
  saveCountyPolicy,
  saveImport,
  verifyChangeLog,
} from "./index.ts";
import { resetDatabase, TEST_ACTOR, testDatabaseTarget, testStamp } from "./testing.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set (.ci/run runs both).
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_change_log"));
  await resetDatabase(db);
});
afterAll(async () => {
  await db?.close();
});

const none: AssessmentRecords = {
  performance: [],
  whistles: [],
  guarantees: [],
  pushDowns: [],
  unattended: [],
  ratings: [],
};

function whistle(countyCode: string, id: string): WhistleRequest {
  return {
    id,
    countyCode,
    townshipCode: `${countyCode}-T`,
    departmentCode: "D",
    itemCode: "I",
    raisedOn: isoDate("2025-03-01"),
    timeLimitDays: 3,
    answeredOn: null,
    recordedOn: isoDate("2025-03-01"),
  };
}

/** A county's chain of `n` rows: one whistle stored per write (records need no stored county). */
async function chainOf(countyCode: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const args = { countyCode, whistles: [`W-${i}`] };
    const saved = await saveAssessmentRecords(
      db,
      countyCode,
      { ...none, whistles: [whistle(countyCode, `W-${i}`)] },
      testStamp("addWhistleRequests", args),
    );
    if (!saved.ok) throw new Error(saved.errors[0].message);
  }
}

/** Plain SQL as an operator would send it: the append-only trigger disabled for the statement. */
async function tamper(sql: string): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe("ALTER TABLE change_log DISABLE TRIGGER change_log_append_only"),
    db.prisma.$executeRawUnsafe(sql),
    db.prisma.$executeRawUnsafe("ALTER TABLE change_log ENABLE TRIGGER change_log_append_only"),
  ]);
}

async function rowsOf(countyCode: string) {
  return db.prisma.changeLog.findMany({ where: { countyId: countyCode }, orderBy: { seq: "asc" } });
}

async function problemOf(countyCode: string) {
  const verified = await verifyChangeLog(db, { countyCode });
  if (verified.ok) throw new Error(`the chain of ${countyCode} verified`);
  expect(verified.errors).toHaveLength(1);
  return verified.errors[0];
}

describe("every store writer appends a row, chained by hash", () => {
  it("appends one row per write, in seq order, each chaining the one before, and verifies", async () => {
    const county = demoCounty();
    await saveCountyDataset(db, county, testStamp("demo-loader", { county: "QX" }));
    const plan = demoAssessmentPlan();
    expect((await saveAssessmentPlan(db, plan, testStamp("importPlan"))).ok).toBe(true);
    expect((await saveCountyPolicy(db, "QX", { quotaTies: "ALL" }, testStamp("setPolicy"))).ok).toBe(true);
    const before = await loadCountyDataset(db, "QX");
    if (before === null) throw new Error("QX not stored");
    const registered = registerTemporaryTask(before, {
      id: "QX-TT-LOG-1",
      decision: {
        authority: "COUNTY_GOVERNMENT",
        documentNo: "青政办发〔2025〕60号",
        title: "《专项检查方案》",
        decidedOn: isoDate("2025-11-02"),
      },
      requestingDepartment: "LYJ",
      townshipCodes: ["QX-SM"],
      content: "专项检查",
      townshipRole: "ASSIST",
      startsOn: isoDate("2025-11-10"),
      plannedEndOn: isoDate("2025-12-20"),
      registeredOn: isoDate("2025-11-01"),
      recordedOn: isoDate("2025-11-01"),
    });
    if (!registered.ok) throw new Error("fixture");
    const args = { countyCode: "QX", input: { id: "QX-TT-LOG-1" } };
    const saved = await saveCountyChanges(
      db,
      before,
      registered.value.dataset,
      testStamp("registerTemporaryTask", args),
    );
    expect(saved.ok).toBe(true);

    const rows = await rowsOf("QX");
    expect(rows.map((r) => [r.seq, r.operation])).toEqual([
      [1, "demo-loader"],
      [2, "importPlan"],
      [3, "setPolicy"],
      [4, "registerTemporaryTask"],
    ]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(rows[0]?.writtenIds).toContain(county.publications[0]?.id);
    expect(rows[0]?.writtenIds).toContain(`entries:${county.entries.length}`);
    expect(rows[1]?.writtenIds).toEqual([plan.id, `indicators:${plan.indicators.length}`]);
    expect(rows[2]?.writtenIds).toEqual(["QX"]);
    expect(rows[3]?.writtenIds).toEqual(["QX-TT-LOG-1"]);
    expect(rows[3]?.argumentsDigest).toBe(argumentsDigest(args));
    expect(rows[3]).toMatchObject({
      actorSubject: TEST_ACTOR.subject,
      actorName: TEST_ACTOR.name,
      actorRole: "ADMINISTRATOR",
    });

    const heads = await changeLogHeads(db);
    expect(heads).toEqual([{ countyCode: "QX", seq: 4, hash: rows[3]?.hash }]);
    expect(await verifyChangeLog(db)).toEqual({
      ok: true,
      value: [{ countyCode: "QX", rows: 4, headSeq: 4, headHash: rows[3]?.hash }],
    });
  });

  it("hashes what docs/architecture.md says: SHA-256 of the canonical JSON of every other column", async () => {
    const [row] = await rowsOf("QX");
    if (row === undefined) throw new Error("no row");
    const columns = {
      county_id: row.countyId,
      seq: row.seq,
      recorded_at: row.recordedAt.toISOString(),
      actor_subject: row.actorSubject,
      actor_name: row.actorName,
      actor_role: row.actorRole,
      operation: row.operation,
      arguments_digest: row.argumentsDigest,
      written_ids: row.writtenIds,
      prev_hash: row.prevHash,
    };
    // The core's own SHA-256, not the store's node:crypto: the two must agree.
    expect(row.hash).toBe(sha256Hex(canonicalJson(columns)));
    expect(row.argumentsDigest).toBe(sha256Hex(canonicalJson({ county: "QX" })));
  });

  it("keeps one chain per county, and an import is one row", async () => {
    await chainOf("LOG-A", 2);
    const saved = await saveImport(
      db,
      { records: { ...none, whistles: [whistle("LOG-A", "W-IMPORT")] } },
      testStamp("import", { file: "whistles.csv" }),
    );
    expect(saved.ok).toBe(true);
    const rows = await rowsOf("LOG-A");
    expect(rows.map((r) => [r.seq, r.operation, r.writtenIds])).toEqual([
      [1, "addWhistleRequests", ["W-1"]],
      [2, "addWhistleRequests", ["W-2"]],
      [3, "import", ["W-IMPORT"]],
    ]);
    const verified = await verifyChangeLog(db);
    expect(verified.ok && verified.value.map((c) => [c.countyCode, c.rows])).toEqual([
      ["LOG-A", 3],
      ["QX", 4],
    ]);
  });

  it("serializes concurrent appends of one county: seqs without gap, the chain intact", async () => {
    const writes = Array.from({ length: 6 }, (_, i) =>
      saveAssessmentRecords(
        db,
        "LOG-C",
        { ...none, whistles: [whistle("LOG-C", `W-${i}`)] },
        testStamp("addWhistleRequests", { i }),
      ),
    );
    expect((await Promise.all(writes)).every((w) => w.ok)).toBe(true);
    expect((await rowsOf("LOG-C")).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await verifyChangeLog(db, { countyCode: "LOG-C" })).ok).toBe(true);
  });
});

describe("appends of one county serialize on its advisory lock", () => {
  it("appends alone in their transactions (no revision row to queue on) still chain without a gap", async () => {
    const { appendChange } = await import("./change-log.ts");
    const appends = Array.from({ length: 8 }, (_, i) =>
      db.prisma.$transaction(async (tx) => {
        // Both transactions have begun before either appends: without the lock both read one head.
        await tx.$queryRaw`SELECT 1 AS slept FROM pg_sleep(0.05)`;
        return appendChange(tx, "LOG-P", testStamp("append", { i }), [`X-${i}`]);
      }),
    );
    await Promise.all(appends);
    expect((await rowsOf("LOG-P")).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await verifyChangeLog(db, { countyCode: "LOG-P" })).ok).toBe(true);
  });
});

describe("a refused or rolled-back write appends nothing", () => {
  const head = async () => (await changeLogHeads(db, { countyCode: "QX" }))[0];
  const taskOf = (id: string) => ({
    id,
    decision: {
      authority: "COUNTY_GOVERNMENT" as const,
      documentNo: `青政办发〔2025〕${id}号`,
      title: "《专项检查方案》",
      decidedOn: isoDate("2025-11-02"),
    },
    requestingDepartment: "LYJ",
    townshipCodes: ["QX-SM"],
    content: `专项检查 ${id}`,
    townshipRole: "ASSIST" as const,
    startsOn: isoDate("2025-11-10"),
    plannedEndOn: isoDate("2025-12-20"),
    registeredOn: isoDate("2025-11-01"),
    recordedOn: isoDate("2025-11-01"),
  });

  it("a stale county (STORE_CONFLICT): no row, the head stays", async () => {
    const stale = await loadCountyDataset(db, "QX");
    if (stale === null) throw new Error("QX not stored");
    const first = registerTemporaryTask(stale, taskOf("LOG-2"));
    const second = registerTemporaryTask(stale, taskOf("LOG-3"));
    if (!first.ok || !second.ok) throw new Error("fixture");
    expect(
      (await saveCountyChanges(db, stale, first.value.dataset, testStamp("registerTemporaryTask"))).ok,
    ).toBe(true);
    const before = await head();
    const refused = await saveCountyChanges(
      db,
      stale,
      second.value.dataset,
      testStamp("registerTemporaryTask"),
    );
    expect(refused.ok ? null : refused.errors[0]._tag).toBe("STORE_CONFLICT");
    expect(await head()).toEqual(before);
  });

  it("records already stored (rolled back by the database) and a policy the core refuses: no row", async () => {
    const rowsBefore = (await rowsOf("LOG-A")).length;
    const again = await saveAssessmentRecords(
      db,
      "LOG-A",
      { ...none, whistles: [whistle("LOG-A", "W-NEW"), whistle("LOG-A", "W-1")] },
      testStamp("addWhistleRequests"),
    );
    expect(again.ok ? null : again.errors[0]._tag).toBe("STORE_CONFLICT");
    expect(await rowsOf("LOG-A")).toHaveLength(rowsBefore);
    const before = await head();
    const invalid = await saveCountyPolicy(db, "QX", { resemblanceThreshold: "2" }, testStamp("setPolicy"));
    expect(invalid.ok).toBe(false);
    expect(await head()).toEqual(before);
    expect((await verifyChangeLog(db)).ok).toBe(true);
  });
});

describe("the database refuses to rewrite the log", () => {
  it("UPDATE, DELETE and TRUNCATE of change_log fail while its trigger is enabled", async () => {
    // On the driver: PGlite's Prisma adapter drops the message of a raw statement's error.
    for (const sql of [
      "UPDATE change_log SET operation = 'x'",
      "DELETE FROM change_log WHERE seq = 1",
      "TRUNCATE change_log",
    ]) {
      await expect(db.read(sql, [])).rejects.toThrow(/change_log is append-only/);
    }
    await expect(db.prisma.changeLog.deleteMany({ where: { countyId: "QX" } })).rejects.toThrow();
    expect((await verifyChangeLog(db)).ok).toBe(true);
  });
});

describe("verifyChangeLog finds the first bad row of each county", () => {
  it("a row edited with plain SQL: ALTERED, named by its seq, with its operation and actor", async () => {
    await chainOf("LOG-E", 5);
    await tamper("UPDATE change_log SET actor_name = '别人' WHERE county_id = 'LOG-E' AND seq = 3");
    expect(await problemOf("LOG-E")).toMatchObject({
      countyCode: "LOG-E",
      seq: 3,
      problem: "ALTERED",
      operation: "addWhistleRequests",
      actorSubject: TEST_ACTOR.subject,
      actorName: "别人",
    });
  });

  it("a row rewritten with its hash recomputed: ALTERED at that row, found at the next", async () => {
    await chainOf("LOG-R", 4);
    const [, second] = await rowsOf("LOG-R");
    if (second === undefined) throw new Error("no row");
    const { rowHash } = await import("./change-log.ts");
    const forged = rowHash({ ...second, countyCode: "LOG-R", operation: "forged" });
    await tamper(
      `UPDATE change_log SET operation = 'forged', hash = '${forged}' WHERE county_id = 'LOG-R' AND seq = 2`,
    );
    expect(await problemOf("LOG-R")).toMatchObject({ seq: 2, problem: "ALTERED", operation: "forged" });
  });

  it("a middle row deleted: REMOVED, named by the missing seq", async () => {
    await chainOf("LOG-M", 5);
    await tamper("DELETE FROM change_log WHERE county_id = 'LOG-M' AND seq = 3");
    expect(await problemOf("LOG-M")).toMatchObject({ seq: 3, problem: "REMOVED", operation: null });
  });

  it("the last rows deleted: REMOVED, found by the head", async () => {
    await chainOf("LOG-L", 4);
    await tamper("DELETE FROM change_log WHERE county_id = 'LOG-L' AND seq = 4");
    expect(await problemOf("LOG-L")).toMatchObject({ seq: 4, problem: "REMOVED" });
    await chainOf("LOG-W", 2);
    await tamper("DELETE FROM change_log WHERE county_id = 'LOG-W'");
    expect(await problemOf("LOG-W")).toMatchObject({ seq: 1, problem: "REMOVED" });
  });

  it("the last row rewritten with its hash recomputed, or the head moved: HEAD_MISMATCH", async () => {
    await chainOf("LOG-H", 3);
    const rows = await rowsOf("LOG-H");
    const last = rows[2];
    if (last === undefined) throw new Error("no row");
    const { rowHash } = await import("./change-log.ts");
    const forged = rowHash({ ...last, countyCode: "LOG-H", writtenIds: [] });
    await tamper(
      `UPDATE change_log SET written_ids = '{}', hash = '${forged}' WHERE county_id = 'LOG-H' AND seq = 3`,
    );
    expect(await problemOf("LOG-H")).toMatchObject({ seq: 3, problem: "HEAD_MISMATCH" });
    await chainOf("LOG-G", 3);
    await db.prisma.changeLogHead.update({ where: { countyId: "LOG-G" }, data: { seq: 2 } });
    expect(await problemOf("LOG-G")).toMatchObject({ seq: 3, problem: "HEAD_MISMATCH" });
  });

  it("reports every broken county, and the intact ones stay intact", async () => {
    const verified = await verifyChangeLog(db);
    expect(verified.ok).toBe(false);
    if (verified.ok) return;
    expect(verified.errors.map((p) => [p.countyCode, p.seq, p.problem])).toEqual([
      ["LOG-E", 3, "ALTERED"],
      ["LOG-G", 3, "HEAD_MISMATCH"],
      ["LOG-H", 3, "HEAD_MISMATCH"],
      ["LOG-L", 4, "REMOVED"],
      ["LOG-M", 3, "REMOVED"],
      ["LOG-R", 2, "ALTERED"],
      ["LOG-W", 1, "REMOVED"],
    ]);
    for (const county of ["QX", "LOG-A", "LOG-C", "LOG-P"])
      expect((await verifyChangeLog(db, { countyCode: county })).ok).toBe(true);
  });
});
