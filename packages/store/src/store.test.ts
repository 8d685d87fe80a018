import {
  buildListIndex,
  determineResponsibility,
  isoDate,
  listsAsOf,
  prepareDeterminations,
} from "@dutylist/core";
import { DEMO_CASES, demoCounty, generateCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countyExists,
  type Database,
  listDeterminations,
  loadCountyDataset,
  openDatabase,
  saveCountyDataset,
  saveDetermination,
  toStoreError,
} from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";

// PGlite in memory by default; the PostgreSQL of `.ci/run` when DATABASE_URL is set.
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store"));
  await resetDatabase(db);
});
afterAll(async () => {
  await db?.close();
});

describe("county datasets round-trip through the database", () => {
  it("stores and loads the demo county with its whole history, equal to the core's value", async () => {
    const dataset = demoCounty();
    await saveCountyDataset(db, dataset, testStamp("saveCountyDataset"));
    expect(await countyExists(db, "QX")).toBe(true);
    const loaded = await loadCountyDataset(db, "QX");
    expect(loaded).not.toBeNull();
    if (loaded === null) return;
    const sortById = <T extends { id: string }>(rows: readonly T[]) =>
      [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sortById(loaded.entries)).toEqual(sortById(dataset.entries));
    expect(loaded.adjustments).toEqual(sortById(dataset.adjustments));
    expect(loaded.temporaryTasks).toEqual(sortById(dataset.temporaryTasks));
    const date = isoDate("2025-08-01");
    expect(listsAsOf(buildListIndex(loaded.entries), "QX-CG", date)).toEqual(
      listsAsOf(buildListIndex(dataset.entries), "QX-CG", date),
    );
  });

  it("answers the same determinations from the loaded data, with the same decision ids", async () => {
    const loaded = await loadCountyDataset(db, "QX");
    if (loaded === null) throw new Error("not stored");
    const fromCore = prepareDeterminations(demoCounty());
    const fromStore = prepareDeterminations(loaded);
    for (const { failure } of DEMO_CASES) {
      const a = determineResponsibility(fromCore, failure);
      const b = determineResponsibility(fromStore, failure);
      expect(b).toEqual(a);
    }
  });

  it("loads a county in a fixed number of statements, whatever its size", async () => {
    const big = generateCounty({
      seed: 5,
      townships: 12,
      meanBasic: 30,
      meanCooperative: 20,
      meanReclaimed: 30,
    });
    await saveCountyDataset(db, big, testStamp("saveCountyDataset"));
    const before = db.statements.count;
    const loaded = await loadCountyDataset(db, big.county.code);
    expect(loaded?.entries).toHaveLength(big.entries.length);
    // Nine reads, plus the snapshot's SET TRANSACTION and its BEGIN/COMMIT (as Prisma counts them).
    expect(db.statements.count - before).toBeLessThanOrEqual(12);
  });

  it("writes all or nothing: a dataset that breaks a constraint leaves the stored county as it was", async () => {
    const dataset = demoCounty();
    const broken = {
      ...dataset,
      entries: [
        ...dataset.entries,
        { ...dataset.entries[0], id: dataset.entries[1]?.id } as (typeof dataset.entries)[number],
      ],
    };
    const error = await saveCountyDataset(db, broken, testStamp("saveCountyDataset")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(toStoreError(error, "list_entry")?._tag).toBe("STORE_CONFLICT");
    const loaded = await loadCountyDataset(db, "QX");
    expect(loaded?.entries).toHaveLength(dataset.entries.length);
  });
});

describe("stored determinations", () => {
  it("stores a case once under its decision id and lists it back with its parties", async () => {
    const context = prepareDeterminations(demoCounty());
    const first = DEMO_CASES[1];
    if (first === undefined) throw new Error("fixture");
    const result = determineResponsibility(context, first.failure);
    if (!result.ok) throw new Error("fixture");
    expect(await saveDetermination(db, "QX", result.value, testStamp("saveDetermination"))).toBe(true);
    expect(await saveDetermination(db, "QX", result.value, testStamp("saveDetermination"))).toBe(false);
    expect(await listDeterminations(db, "QX")).toEqual([result.value]);
    const parties = await db.prisma.determinationParty.findMany({
      where: { countyId: "QX", decisionId: result.value.decisionId },
      orderBy: { partyCode: "asc" },
    });
    expect(parties.map((p) => [p.partyCode, p.role, p.ruleIds])).toEqual([
      ["QX-CG", "SECONDARY", ["A2", "A10"]],
      ["XFJY", "PRIMARY", ["A2"]],
    ]);
  });
});
