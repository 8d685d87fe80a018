import {
  type AssessmentRecords,
  addDays,
  buildListIndex,
  canonicalTallies,
  type IsoDate,
  isoDate,
  judgeRecord,
  recordsAsKnownOn,
  tallyRecords,
} from "@dutylist/core";
import {
  createRandom,
  generateCounty,
  generateRecords,
  inServiceOrder,
  syntheticPlan,
  withItemsIndicator,
  withOddities,
} from "@dutylist/core/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAssessmentRecords, saveAssessmentPlan, saveAssessmentRecords } from "./assessment-repository.ts";
import { saveCountyDataset } from "./county-repository.ts";
import { type Database, openDatabase } from "./database.ts";
import { tallyPerformanceRecords } from "./maintained-tallies.ts";
import { judgedRecords } from "./record-tallies.ts";
import { resetDatabase, testDatabaseTarget } from "./test-database.ts";
import { testStamp } from "./test-stamp.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set (CI runs both).
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_tallies"));
  await resetDatabase(db);
}, 180_000);
afterAll(async () => {
  await db?.close();
});

/** Records entered over the year and after it, each some days after its date (knowledge time, L2). */
function recordedLater(records: AssessmentRecords, seed: number): AssessmentRecords {
  const random = createRandom(seed, "recorded");
  return {
    ...records,
    performance: records.performance.map((r) => ({ ...r, recordedOn: addDays(r.date, random.int(0, 60)) })),
  };
}

let counties = 0;

/** A random county with mid-year adjustments, its plan and a year of records, stored. */
async function storedCounty(seed: number, townships: number, adjustments: number) {
  counties++;
  const dataset = generateCounty({ seed, townships, adjustments, countyCode: `T${counties}` });
  const plan = withItemsIndicator(syntheticPlan(dataset, 2025), dataset);
  const generated = generateRecords(plan, dataset, { seed: seed + 1, perItem: 3, offListShare: 0.1 });
  const odd = withOddities(generated, dataset, seed + 4, { repointTo: "X-ITEMS" });
  const records = recordedLater(inServiceOrder(odd, seed + 2), seed + 3);
  const code = dataset.county.code;
  await saveCountyDataset(db, dataset, testStamp("saveCountyDataset"));
  expect((await saveAssessmentPlan(db, plan, testStamp("saveAssessmentPlan"))).ok).toBe(true);
  const saved = await saveAssessmentRecords(db, code, records, testStamp("saveAssessmentRecords"));
  expect(saved.ok).toBe(true);
  // The records as the store gives them back (decimals canonical), which the core tallies.
  return { dataset, plan, code, stored: await loadAssessmentRecords(db, code, 2025) };
}

describe("tallies in the database (S7, S8)", () => {
  it("S7/S8: the database's tallies equal the core's, for random counties with list history, shuffled ids and knowledge time", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 420 }),
        async (seed, townships, adjustments, day) => {
          const { dataset, plan, code, stored } = await storedCounty(seed, townships, adjustments);
          const index = buildListIndex(dataset.entries);
          for (const knownOn of [null, addDays(isoDate("2025-01-01"), day)] as (IsoDate | null)[]) {
            const records = knownOn === null ? stored : recordsAsKnownOn(stored, knownOn);
            const expected = tallyRecords(plan, index, records.performance);
            const given = await tallyPerformanceRecords(db, code, { plan, lists: dataset, knownOn });
            expect(canonicalTallies(given)).toEqual(expected);
            const fromStored = await tallyPerformanceRecords(db, code, { plan, lists: "STORED", knownOn });
            expect(canonicalTallies(fromStored)).toEqual(expected);
          }
        },
      ),
      { numRuns: 4 },
    );
  });

  it("S7: the records behind a score are listed page by page, judged as the tallies were", async () => {
    const { dataset, plan, code, stored } = await storedCounty(77, 2, 2);
    const question = { plan, lists: dataset, knownOn: null };
    const index = buildListIndex(dataset.entries);
    const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
    const township = dataset.townships[0]?.code ?? "";
    const judged = stored.performance
      .filter((r) => r.subject.code === township)
      .map((r) => ({ id: r.id, j: judgeRecord(r, indicators, index, plan.year) }));
    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await judgedRecords(
        db,
        code,
        question,
        { subjectCode: township, outcome: "COUNTED" },
        { first: 7, after },
      );
      pages.push(...page.map((r) => r.id));
      if (page.length < 7) break;
      after = page.at(-1)?.id ?? null;
    }
    expect(pages.length).toBeGreaterThan(7);
    expect(pages).toEqual(judged.filter((x) => x.j.included).map((x) => x.id));
    const offList = await judgedRecords(
      db,
      code,
      question,
      { outcome: "OFF_LIST" },
      { first: 1000, after: null },
    );
    expect(offList.length).toBeGreaterThan(0);
    for (const record of offList) {
      const j = judgeRecord(record, indicators, index, plan.year);
      expect(j.included ? null : j.value.reason).toBe("OFF_LIST");
    }
  });
});
