import { type AssessmentRecords, type CountyDataset, isoDate, registerTemporaryTask } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  countyExists,
  countyRevision,
  type Database,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadCountyDataset,
  openDatabase,
  saveCountyDataset,
  saveImport,
} from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set.
let db: Database | undefined;
async function database(): Promise<Database> {
  db ??= await openDatabase(await testDatabaseTarget("store"));
  return db;
}
beforeEach(async () => {
  await resetDatabase(await database());
});
afterAll(async () => {
  await db?.close();
});

const plan = demoAssessmentPlan();
const records = generateRecords(plan, demoCounty(), { seed: 7, perItem: 2 });

/** The records with the first performance record repeated: the second insert of its id fails. */
function withDuplicate(all: AssessmentRecords): AssessmentRecords {
  const first = all.performance[0];
  if (first === undefined) throw new Error("no performance record generated");
  return { ...all, performance: [...all.performance, first] };
}

async function stored(): Promise<CountyDataset> {
  const dataset = await loadCountyDataset(await database(), "QX");
  if (dataset === null) throw new Error("QX is not stored");
  return dataset;
}

function registered(before: CountyDataset): CountyDataset {
  const result = registerTemporaryTask(before, {
    id: "QX-TT-IMPORT",
    decision: {
      authority: "COUNTY_GOVERNMENT",
      documentNo: "青政办发〔2025〕60号",
      title: "《冬季森林防火专项检查方案》",
      decidedOn: isoDate("2025-11-02"),
    },
    requestingDepartment: "LYJ",
    townshipCodes: ["QX-SM"],
    content: "冬季森林防火专项检查",
    townshipRole: "ASSIST",
    startsOn: isoDate("2025-11-10"),
    plannedEndOn: isoDate("2025-12-20"),
    registeredOn: isoDate("2025-11-01"),
    recordedOn: isoDate("2025-11-01"),
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value.dataset;
}

describe("saveImport writes a county, a plan and records in one transaction", () => {
  it("creates the county with its plan and records", async () => {
    const db = await database();
    const result = await saveImport(
      db,
      { county: { kind: "CREATE", dataset: demoCounty() }, plan, records },
      testStamp("saveImport"),
    );
    expect(result.ok && result.value.county).toEqual({ kind: "CREATED" });
    expect(result.ok && result.value.plan).toEqual({ replaced: false });
    expect(result.ok && result.value.records?.performance).toBe(records.performance.length);
    expect((await stored()).entries).toHaveLength(demoCounty().entries.length);
    expect((await loadAssessmentPlan(db, "QX", 2025))?.id).toBe(plan.id);
    expect((await loadAssessmentRecords(db, "QX", 2025)).performance).toHaveLength(
      records.performance.length,
    );
  });

  it("keeps nothing of an adjustment when its records fail (a repeated record id)", async () => {
    const db = await database();
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    const before = await stored();
    const result = await saveImport(
      db,
      {
        county: { kind: "ADJUST", before, after: registered(before) },
        plan,
        records: withDuplicate(records),
      },
      testStamp("saveImport"),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({ _tag: "STORE_CONFLICT", target: "performance_record" });
    expect(await stored()).toEqual(before);
    expect(await loadAssessmentPlan(db, "QX", 2025)).toBeNull();
    expect((await loadAssessmentRecords(db, "QX", 2025)).performance).toEqual([]);
  });

  it("keeps no county created when its records fail", async () => {
    const db = await database();
    const result = await saveImport(
      db,
      {
        county: { kind: "CREATE", dataset: demoCounty() },
        records: withDuplicate(records),
      },
      testStamp("saveImport"),
    );
    expect(result.ok).toBe(false);
    expect(await countyExists(db, "QX")).toBe(false);
  });

  it("refuses a stale adjustment (the county changed since it was loaded) and writes nothing", async () => {
    const db = await database();
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    const before = await stored();
    const first = await saveImport(
      db,
      { county: { kind: "ADJUST", before, after: registered(before) } },
      testStamp("saveImport"),
    );
    expect(first.ok && first.value.county).toEqual({ kind: "ADJUSTED", inserted: 1, updated: 0 });
    const afterFirst = await stored();
    const again = await saveImport(
      db,
      {
        county: { kind: "ADJUST", before, after: registered(before) },
        plan,
      },
      testStamp("saveImport"),
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors[0]).toMatchObject({ _tag: "STORE_CONFLICT", target: "county" });
    expect(await stored()).toEqual(afterFirst);
    expect(await loadAssessmentPlan(db, "QX", 2025)).toBeNull();
  });

  it("refuses to create a county stored meanwhile", async () => {
    const db = await database();
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    const result = await saveImport(
      db,
      { county: { kind: "CREATE", dataset: demoCounty() } },
      testStamp("saveImport"),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain("县 QX 已存在");
  });

  it("writes new entries past Prisma, bumps the county's revision, and refuses an unknown township", async () => {
    const db = await database();
    await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
    const before = await stored();
    const first = before.entries[0];
    if (first === undefined) throw new Error("the demo county has no entries");
    const revision = await countyRevision(db, "QX");
    const added = { ...first, id: `${first.id}-NEW`, effectiveFrom: isoDate("2099-01-01") };
    const written = await saveImport(
      db,
      {
        county: { kind: "ADJUST", before, after: { ...before, entries: [...before.entries, added] } },
      },
      testStamp("saveImport"),
    );
    expect(written.ok && written.value.county).toEqual({ kind: "ADJUSTED", inserted: 1, updated: 0 });
    const after = await stored();
    expect(after.entries.find((e) => e.id === added.id)).toEqual(added);
    expect(await countyRevision(db, "QX")).toBeGreaterThan(revision);

    const stray = { ...first, id: `${first.id}-STRAY`, townshipCode: "QX-NOWHERE" };
    const refused = await saveImport(
      db,
      {
        county: { kind: "ADJUST", before: after, after: { ...after, entries: [...after.entries, stray] } },
        plan,
      },
      testStamp("saveImport"),
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors[0]).toMatchObject({
        _tag: "STORE_MISSING_REFERENCE",
        target: "list_entry",
        message: expect.stringMatching(/^清单条目引用的.*不存在/),
      });
    expect(await stored()).toEqual(after);
    expect(await loadAssessmentPlan(db, "QX", 2025)).toBeNull();
  });
});
