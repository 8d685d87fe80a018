import { demoAssessmentPlan, demoCounty, generateCounty, generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countyRevision,
  type Database,
  openDatabase,
  resetDatabase,
  saveAssessmentRecords,
  saveCountyDataset,
  testDatabaseTarget,
} from "./index.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set.
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store"));
  await resetDatabase(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe("countyRevision: what the API's caches compare", () => {
  const qx = demoCounty();
  const other = generateCounty({ townships: 2, seed: 5 });
  const otherCode = other.county.code;

  it("moves on with every write to a county, and only that county's", async () => {
    expect(otherCode).not.toBe("QX");
    await saveCountyDataset(db, qx);
    const afterSave = await countyRevision(db, "QX");
    expect(afterSave).toBeGreaterThan(0n);
    expect(await countyRevision(db, otherCode)).toBe(0n);

    await saveCountyDataset(db, other);
    const otherSaved = await countyRevision(db, otherCode);
    expect(otherSaved).toBeGreaterThan(0n);
    expect(await countyRevision(db, "QX")).toBe(afterSave);

    const records = generateRecords(demoAssessmentPlan(), qx, { seed: 3, perItem: 1 });
    const saved = await saveAssessmentRecords(db, "QX", records);
    expect(saved.ok).toBe(true);
    const afterRecords = await countyRevision(db, "QX");
    expect(afterRecords).toBeGreaterThan(afterSave);
    expect(await countyRevision(db, otherCode)).toBe(otherSaved);
  });

  it("moves on when an operator writes with plain SQL, deletes included", async () => {
    const before = await countyRevision(db, "QX");
    await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id = 'QX'`;
    const updated = await countyRevision(db, "QX");
    expect(updated).toBeGreaterThan(before);
    await db.prisma.$executeRaw`DELETE FROM performance_record WHERE county_id = 'QX'`;
    expect(await countyRevision(db, "QX")).toBeGreaterThan(updated);
  });

  it("stays where it was when a write fails and rolls back", async () => {
    const before = await countyRevision(db, "QX");
    const records = generateRecords(demoAssessmentPlan(), qx, { seed: 9, perItem: 1 });
    const first = records.performance[0];
    if (first === undefined) throw new Error("no record generated");
    // A repeated id: the second insert fails, and the whole call with it.
    const failed = await saveAssessmentRecords(db, "QX", {
      ...records,
      performance: [...records.performance, first],
    });
    expect(failed.ok).toBe(false);
    expect(await countyRevision(db, "QX")).toBe(before);
  });

  it("never goes back: emptying the tables moves every county on", async () => {
    const qxBefore = await countyRevision(db, "QX");
    const otherBefore = await countyRevision(db, otherCode);
    await resetDatabase(db);
    expect(await countyRevision(db, "QX")).toBeGreaterThan(qxBefore);
    expect(await countyRevision(db, otherCode)).toBeGreaterThan(otherBefore);
  });
});
