import { demoAssessmentPlan, demoCounty, generateCounty, generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CountyRevisions,
  countyRevision,
  type Database,
  openDatabase,
  saveAssessmentRecords,
  saveCountyDataset,
} from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set.
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store"));
  await resetDatabase(db);
});
afterAll(async () => {
  await db?.close();
});

describe("countyRevision: what the API's caches compare", () => {
  const qx = demoCounty();
  const other = generateCounty({ townships: 2, seed: 5 });
  const otherCode = other.county.code;

  it("moves on with every write to a county, and only that county's", async () => {
    expect(otherCode).not.toBe("QX");
    // Revisions outlive resetDatabase (they never go back), and on PostgreSQL the suites share
    // one database: compare with the revisions before, not with 0.
    const qxBefore = await countyRevision(db, "QX");
    const otherBefore = await countyRevision(db, otherCode);
    await saveCountyDataset(db, qx, testStamp("saveCountyDataset"));
    const afterSave = await countyRevision(db, "QX");
    expect(afterSave).toBeGreaterThan(qxBefore);
    expect(await countyRevision(db, otherCode)).toBe(otherBefore);

    await saveCountyDataset(db, other, testStamp("saveCountyDataset"));
    const otherSaved = await countyRevision(db, otherCode);
    expect(otherSaved).toBeGreaterThan(otherBefore);
    expect(await countyRevision(db, "QX")).toBe(afterSave);

    const records = generateRecords(demoAssessmentPlan(), qx, { seed: 3, perItem: 1 });
    const saved = await saveAssessmentRecords(db, "QX", records, testStamp("saveAssessmentRecords"));
    expect(saved.ok).toBe(true);
    const afterRecords = await countyRevision(db, "QX");
    expect(afterRecords).toBeGreaterThan(afterSave);
    expect(await countyRevision(db, otherCode)).toBe(otherSaved);
  });

  it("keeps the lists' revision across records, plans and cases, and moves it with the lists", async () => {
    const lists = await countyRevision(db, "QX", "LISTS");
    const everything = await countyRevision(db, "QX");
    const records = generateRecords(demoAssessmentPlan(), qx, { seed: 4, perItem: 1 });
    const renamed = {
      performance: records.performance.map((r) => ({ ...r, id: `L-${r.id}` })),
      whistles: [],
      guarantees: [],
      pushDowns: [],
      unattended: [],
      ratings: [],
    };
    expect((await saveAssessmentRecords(db, "QX", renamed, testStamp("saveAssessmentRecords"))).ok).toBe(
      true,
    );
    expect(await countyRevision(db, "QX")).toBeGreaterThan(everything);
    expect(await countyRevision(db, "QX", "LISTS")).toBe(lists);
    await db.prisma.$executeRaw`UPDATE list_entry SET effective_to = effective_to WHERE county_id = 'QX'`;
    expect(await countyRevision(db, "QX", "LISTS")).toBeGreaterThan(lists);
    const followed = new CountyRevisions(db, "LISTS");
    const read = await followed.read("QX");
    await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id = 'QX'`;
    expect(await followed.read("QX")).toBeGreaterThan(read);
  });

  it("moves on when an operator writes with plain SQL, deletes included", async () => {
    const before = await countyRevision(db, "QX");
    await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id = 'QX'`;
    const updated = await countyRevision(db, "QX");
    expect(updated).toBeGreaterThan(before);
    await db.prisma.$executeRaw`DELETE FROM performance_record WHERE county_id = 'QX'`;
    expect(await countyRevision(db, "QX")).toBeGreaterThan(updated);
  });

  it("moves each county a statement writes on by one, whether the table is keyed by id or county_id", async () => {
    const qxBefore = await countyRevision(db, "QX");
    const otherBefore = await countyRevision(db, otherCode);
    // The county table is keyed by its id, the others by county_id: the trigger argument picks it.
    await db.prisma.$executeRaw`UPDATE county SET name = name WHERE id IN ('QX', ${otherCode})`;
    expect(await countyRevision(db, "QX")).toBe(qxBefore + 1n);
    expect(await countyRevision(db, otherCode)).toBe(otherBefore + 1n);
    // Many rows of a county in one statement: still one bump.
    await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id IN ('QX', ${otherCode})`;
    expect(await countyRevision(db, "QX")).toBe(qxBefore + 2n);
    expect(await countyRevision(db, otherCode)).toBe(otherBefore + 2n);
    // A statement that writes no row moves nothing.
    await db.prisma.$executeRaw`UPDATE county SET name = name WHERE id = 'none'`;
    expect(await countyRevision(db, "QX")).toBe(qxBefore + 2n);
    // A county's own insert and delete, keyed by id, each bump it once.
    const zzBefore = await countyRevision(db, "ZZ");
    await db.prisma.$executeRaw`INSERT INTO county (id, name) VALUES ('ZZ', 'Z')`;
    expect(await countyRevision(db, "ZZ")).toBe(zzBefore + 1n);
    await db.prisma.$executeRaw`DELETE FROM county WHERE id = 'ZZ'`;
    expect(await countyRevision(db, "ZZ")).toBe(zzBefore + 2n);
    expect(await countyRevision(db, "QX")).toBe(qxBefore + 2n);
  });

  it("stays where it was when a write fails and rolls back", async () => {
    const before = await countyRevision(db, "QX");
    const records = generateRecords(demoAssessmentPlan(), qx, { seed: 9, perItem: 1 });
    const first = records.performance[0];
    if (first === undefined) throw new Error("no record generated");
    // A repeated id: the second insert fails, and the whole call with it.
    const failed = await saveAssessmentRecords(
      db,
      "QX",
      {
        ...records,
        performance: [...records.performance, first],
      },
      testStamp("saveAssessmentRecords"),
    );
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

describe("CountyRevisions: revision reads shared by concurrent requests", () => {
  /**
   * The database, its revision queries counted and each held 200 ms after it ran; without
   * announcements, so that revisions are queried on PGlite too.
   */
  function slowReads(): { db: Database; queries: () => number } {
    let queries = 0;
    const slow: Database = {
      ...db,
      listen: null,
      read: async (sql, params) => {
        queries++;
        const rows = await db.read(sql, params);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return rows;
      },
    };
    return { db: slow, queries: () => queries };
  }

  it("answers many concurrent reads with two queries: the one running, and one shared by all who came after it", async () => {
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    const { db: slow, queries } = slowReads();
    const revisions = new CountyRevisions(slow);
    const read = await Promise.all(Array.from({ length: 10 }, () => revisions.read("QX")));
    expect(new Set(read).size).toBe(1);
    expect(read[0]).toBe(await countyRevision(db, "QX"));
    expect(queries()).toBe(2);
  });

  it("never answers a read with a query that started before it: a write in between is seen", async () => {
    const { db: slow, queries } = slowReads();
    const revisions = new CountyRevisions(slow);
    const first = revisions.read("QX");
    // The first query has run (its answer is held back); a write commits meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id = 'QX'`;
    const after = await countyRevision(db, "QX");
    const [second, third] = await Promise.all([revisions.read("QX"), revisions.read("QX")]);
    expect(await first).toBeLessThan(after);
    expect(second).toBe(after);
    expect(third).toBe(after);
    expect(queries()).toBe(2);
  });
});

// PGlite announces every write at commit (one process holds the database); a server does not.
describe.runIf(process.env.DATABASE_URL === undefined)(
  "CountyRevisions on PGlite: followed from announcements",
  () => {
    it("announces each bump as '<county> <revision>' at commit, and '*' when tables are emptied", async () => {
      await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
      await db.prisma.$executeRaw`INSERT INTO county (id, name) VALUES ('ZZ', 'Z')`;
      const payloads: string[] = [];
      const listen = db.listen;
      if (listen === null) throw new Error("PGlite announces writes");
      await listen("county_revision", (payload) => payloads.push(payload));
      // Keyed by id (county) and by county_id (township), two counties in one statement each.
      await db.prisma.$executeRaw`UPDATE county SET name = name WHERE id IN ('QX', 'ZZ')`;
      await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id IN ('QX', 'ZZ')`;
      const qx = await countyRevision(db, "QX");
      const zz = await countyRevision(db, "ZZ");
      // ZZ has no township: the second statement moves QX only.
      expect([...payloads].sort()).toEqual([`QX ${qx - 1n}`, `QX ${qx}`, `ZZ ${zz}`].sort());
      payloads.length = 0;
      await resetDatabase(db);
      expect(payloads).toContain("*");
      expect(payloads.every((payload) => payload === "*")).toBe(true);
    });

    it("queries a county's revision once, then follows writes, rollbacks and emptied tables", async () => {
      await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
      let queries = 0;
      const counted: Database = {
        ...db,
        read: (sql, params) => {
          queries++;
          return db.read(sql, params);
        },
      };
      const revisions = new CountyRevisions(counted);
      const first = await revisions.read("QX");
      expect(first).toBe(await countyRevision(db, "QX"));
      expect(await revisions.read("QX")).toBe(first);
      expect(queries).toBe(1);
      await db.prisma.$executeRaw`UPDATE township SET name = name WHERE county_id = 'QX'`;
      const written = await revisions.read("QX");
      expect(written).toBeGreaterThan(first);
      expect(written).toBe(await countyRevision(db, "QX"));
      expect(queries).toBe(1);
      const records = generateRecords(demoAssessmentPlan(), demoCounty(), { seed: 4, perItem: 1 });
      const firstRecord = records.performance[0];
      if (firstRecord === undefined) throw new Error("no record generated");
      const failed = await saveAssessmentRecords(
        db,
        "QX",
        {
          ...records,
          performance: [...records.performance, firstRecord],
        },
        testStamp("saveAssessmentRecords"),
      );
      expect(failed.ok).toBe(false);
      expect(await revisions.read("QX")).toBe(written);
      await resetDatabase(db);
      const emptied = await revisions.read("QX");
      expect(emptied).toBeGreaterThan(written);
      expect(emptied).toBe(await countyRevision(db, "QX"));
      expect(queries).toBe(2);
    });
  },
);
