import { demoCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCountyDataset, saveCountyDataset } from "./county-repository.ts";
import { type Database, openDatabase } from "./database.ts";
import { resetDatabase, testDatabaseTarget } from "./test-database.ts";
import { testStamp } from "./test-stamp.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_entry_reads"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
}, 180_000);
afterAll(async () => {
  await db?.close();
});

describe("list entries read on the driver", () => {
  it("load as the core wrote them, equal documents as one shared object", async () => {
    const loaded = await loadCountyDataset(db, "QX");
    const byId = <T extends { id: string }>(rows: readonly T[]) =>
      [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(loaded?.entries ?? [])).toEqual(byId(demoCounty().entries));
    const entries = loaded?.entries ?? [];
    let shared = 0;
    for (const a of entries)
      for (const b of entries) {
        if (a === b) continue;
        if (JSON.stringify(a.content) === JSON.stringify(b.content)) {
          expect(a.content).toBe(b.content);
          shared++;
        }
        if (JSON.stringify(a.terms) === JSON.stringify(b.terms)) expect(a.terms).toBe(b.terms);
      }
    expect(shared).toBeGreaterThan(0);
  });
});
