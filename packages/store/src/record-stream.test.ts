import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAssessmentRecords, saveAssessmentPlan } from "./assessment-repository.ts";
import { saveCountyDataset } from "./county-repository.ts";
import { type Database, openDatabase } from "./database.ts";
import { savePerformanceRecordStream } from "./record-stream.ts";
import { resetDatabase, testDatabaseTarget } from "./test-database.ts";
import { testStamp } from "./test-stamp.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set (CI runs both).
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_stream"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
  await saveAssessmentPlan(db, demoAssessmentPlan(), testStamp("saveAssessmentPlan"));
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const records = generateRecords(demoAssessmentPlan(), demoCounty(), { seed: 12, perItem: 6 }).performance;

/** The records in batches of `size`, handed over one at a time as a feed would. */
async function* batchesOf<T>(list: readonly T[], size: number): AsyncGenerator<readonly T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

async function stored(): Promise<number> {
  return (await loadAssessmentRecords(db, "QX", 2025)).performance.length;
}

describe("a stream of records written a batch at a time", () => {
  it("writes every batch in one transaction, logged as one change counting them", async () => {
    expect(records.length).toBeGreaterThan(100);
    const written = await savePerformanceRecordStream(db, "QX", batchesOf(records, 37), testStamp("stream"));
    expect(written).toEqual({ ok: true, value: { performance: records.length } });
    expect(await stored()).toBe(records.length);
    const [row] = await db.read(
      "SELECT written_ids FROM change_log WHERE county_id = 'QX' AND operation = 'stream' ORDER BY seq DESC LIMIT 1",
      [],
    );
    expect(row?.written_ids).toEqual([`performance:${records.length}`]);
  });

  it("writes nothing of the stream when a later batch repeats a stored id (all or nothing)", async () => {
    const before = await stored();
    const fresh = records.slice(0, 50).map((r) => ({ ...r, id: `S2-${r.id}` }));
    const repeated = [...fresh, records[0] ?? fresh[0]].filter((r) => r !== undefined);
    const result = await savePerformanceRecordStream(db, "QX", batchesOf(repeated, 20), testStamp("stream"));
    expect(result.ok ? null : result.errors[0]._tag).toBe("STORE_CONFLICT");
    expect(await stored()).toBe(before);
  });
});
