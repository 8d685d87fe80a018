import { demoCounty } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { type Database, loadCountyDataset, openDatabase, saveCountyDataset } from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";
import { TRANSACTION } from "./transaction.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set.
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_snapshot"));
  await resetDatabase(db);
});
afterAll(async () => {
  await db?.close();
});

/** A write that renames the county and adds a township, in one transaction. */
async function renameAndGrow(): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    await tx.county.update({ where: { id: "QX" }, data: { name: "青溪县(改)" } });
    await tx.township.create({ data: { countyId: "QX", code: "QX-NEW", name: "新设镇", kind: "TOWN" } });
  }, TRANSACTION);
}

describe("loadCountyDataset reads one snapshot (finding 4)", () => {
  it("a write committed between the load's queries is seen entirely or not at all", async () => {
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    // Right after the load has read the county row, another writer commits (PostgreSQL: on a
    // connection of its own; PGlite: at the load's next await). It gets half a second.
    let writer: Promise<void> = Promise.resolve();
    let fired = false;
    const interleaved = db.prisma.$extends({
      query: {
        county: {
          async findUnique({ args, query }) {
            const row = await query(args);
            if (!fired) {
              fired = true;
              writer = renameAndGrow();
              await Promise.race([writer, new Promise((resolve) => setTimeout(resolve, 500))]);
            }
            return row;
          },
        },
      },
    }) as unknown as PrismaClient;
    const loaded = await loadCountyDataset({ ...db, prisma: interleaved }, "QX");
    await writer;
    expect(fired).toBe(true);
    expect(loaded).not.toBeNull();
    if (loaded === null) return;
    const grown = loaded.townships.some((t) => t.code === "QX-NEW");
    // Before the write: the old name and no new township; after it: both changes.
    expect({ name: loaded.county.name, grown }).toEqual(
      loaded.county.name === "青溪县"
        ? { name: "青溪县", grown: false }
        : { name: "青溪县(改)", grown: true },
    );
    // The write did land: a load now sees all of it.
    const after = await loadCountyDataset(db, "QX");
    expect(after?.county.name).toBe("青溪县(改)");
    expect(after?.townships.some((t) => t.code === "QX-NEW")).toBe(true);
  });
});
