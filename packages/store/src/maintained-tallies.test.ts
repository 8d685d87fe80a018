import {
  type AssessmentPlan,
  type AssessmentRecords,
  buildListIndex,
  type CountyDataset,
  canonicalTallies,
  tallyRecords,
} from "@dutylist/core";
import {
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
import { savePerformanceRecordStream } from "./record-stream.ts";
import { computeTallies } from "./record-tallies.ts";
import { resetDatabase, testDatabaseTarget } from "./test-database.ts";
import { testStamp } from "./test-stamp.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set (CI runs both).
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_kept_tallies"));
  await resetDatabase(db);
}, 180_000);
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

let counties = 0;

/** A random county with list history and its plan stored; its year of records, not yet stored. */
async function county(seed: number, adjustments: number) {
  counties++;
  const dataset = generateCounty({ seed, townships: 3, adjustments, countyCode: `K${counties}` });
  const plan = withItemsIndicator(syntheticPlan(dataset, 2025), dataset);
  const generated = generateRecords(plan, dataset, { seed: seed + 1, perItem: 3, offListShare: 0.1 });
  const records = inServiceOrder(
    withOddities(generated, dataset, seed + 4, { repointTo: "X-ITEMS" }),
    seed + 2,
  );
  await saveCountyDataset(db, dataset, testStamp("saveCountyDataset"));
  expect((await saveAssessmentPlan(db, plan, testStamp("saveAssessmentPlan"))).ok).toBe(true);
  return { dataset, plan, code: dataset.county.code, performance: records.performance };
}

async function state(code: string, year: number) {
  const rows = await db.read(
    `SELECT s.record_revision::text AS kept, COALESCE(r.revision, 0)::text AS now
      FROM record_tally_state s LEFT JOIN county_record_revision r USING (county_id, year)
      WHERE s.county_id = $1 AND s.year = $2`,
    [code, year],
  );
  return rows[0] ?? null;
}

/** The kept tallies equal the statement's computed afresh, and the core's over what is stored. */
async function expectCurrent(dataset: CountyDataset, plan: AssessmentPlan, code: string): Promise<void> {
  const question = { plan, lists: "STORED" as const, knownOn: null };
  const kept = canonicalTallies(await tallyPerformanceRecords(db, code, question));
  expect(kept).toEqual(canonicalTallies(await computeTallies(db, code, question)));
  const stored = await loadAssessmentRecords(db, code, plan.year);
  expect(kept).toEqual(tallyRecords(plan, buildListIndex(dataset.entries), stored.performance));
}

describe("tallies kept current by writes (S7, S8; issue 16)", () => {
  it("S7/S8: after every write of records, by either writer, the kept tallies are added to, not computed again, and equal the core's", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
        async (seed, adjustments, shares) => {
          const { dataset, plan, code, performance } = await county(seed, adjustments);
          // The year's records in batches of random sizes, written one after another.
          const total = shares.reduce((a, b) => a + b, 0);
          let from = 0;
          await expectCurrent(dataset, plan, code);
          for (const [n, share] of shares.entries()) {
            const to =
              n === shares.length - 1
                ? performance.length
                : from + Math.floor((performance.length * share) / total);
            const batch = performance.slice(from, to);
            from = to;
            const saved =
              n % 2 === 0
                ? await saveAssessmentRecords(
                    db,
                    code,
                    { ...none, performance: batch },
                    testStamp("saveAssessmentRecords"),
                  )
                : await savePerformanceRecordStream(
                    db,
                    code,
                    [batch.slice(0, 5), batch.slice(5)],
                    testStamp("stream"),
                  );
            expect(saved.ok).toBe(true);
            // The write itself moved the kept state on to the records' new revision.
            const after = await state(code, plan.year);
            expect(after?.kept).toBe(after?.now);
            await expectCurrent(dataset, plan, code);
          }
        },
      ),
      { numRuns: 3 },
    );
  });

  it("S7: a change to the lists, the plan or records written past the store is never answered from stale tallies", async () => {
    const { dataset, plan, code, performance } = await county(4242, 2);
    const half = Math.floor(performance.length / 2);
    const first = { ...none, performance: performance.slice(0, half) };
    expect((await saveAssessmentRecords(db, code, first, testStamp("saveAssessmentRecords"))).ok).toBe(true);
    const question = { plan, lists: "STORED" as const, knownOn: null };
    await expectCurrent(dataset, plan, code);

    // An operator's SQL: a record copied under a new id, past the store (the trigger still counts it).
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO performance_record (county_id, id, indicator_code, subject_kind, subject_code, township_code,
         item_code, matter, date, value_kind, achieved, target, events, score, passed, recorded_on)
       SELECT county_id, id || '-copy', indicator_code, subject_kind, subject_code, township_code, item_code,
         matter, date, value_kind, achieved, target, events, score, passed, recorded_on
       FROM performance_record WHERE county_id = $1 AND id = $2`,
      code,
      performance[0]?.id,
    );
    const stale = await state(code, plan.year);
    expect(stale?.kept).not.toBe(stale?.now);
    const computed = async () => canonicalTallies(await computeTallies(db, code, question));
    expect(canonicalTallies(await tallyPerformanceRecords(db, code, question))).toEqual(await computed());

    // The lists: entries of recorded items closed on 1 March (their later records fall off, S7).
    const before = await computed();
    await db.prisma.$executeRawUnsafe(
      `UPDATE list_entry SET effective_to = GREATEST(effective_from + 1, date '2025-03-01')
        WHERE county_id = $1 AND effective_to IS NULL AND (township_code, item_code) IN (
          SELECT township_code, item_code FROM performance_record
          WHERE county_id = $1 AND date > date '2025-03-01' AND item_code IS NOT NULL LIMIT 20)`,
      code,
    );
    const changed = await computed();
    expect(changed).not.toEqual(before);
    expect(canonicalTallies(await tallyPerformanceRecords(db, code, question))).toEqual(changed);

    // The plan: one indicator fewer is another plan's tallies.
    const fewer = { ...plan, indicators: plan.indicators.slice(1) };
    const other = { plan: fewer, lists: "STORED" as const, knownOn: null };
    expect(canonicalTallies(await tallyPerformanceRecords(db, code, other))).toEqual(
      canonicalTallies(await computeTallies(db, code, other)),
    );
    // …and the kept tallies follow the plan asked for, back again.
    expect(canonicalTallies(await tallyPerformanceRecords(db, code, question))).toEqual(changed);

    // A write after all that adds to the recomputed tallies.
    const rest = { ...none, performance: performance.slice(half) };
    expect((await saveAssessmentRecords(db, code, rest, testStamp("saveAssessmentRecords"))).ok).toBe(true);
    const after = await state(code, plan.year);
    expect(after?.kept).toBe(after?.now);
    expect(canonicalTallies(await tallyPerformanceRecords(db, code, question))).toEqual(await computed());
  });
});
