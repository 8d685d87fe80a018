import {
  type AssessmentPlan,
  type AssessmentRecords,
  exact,
  isoDate,
  type PerformanceRecord,
  type RecordValue,
  scoreAssessment,
} from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AssessmentRecordCounts,
  loadAssessmentPlan,
  loadAssessmentRecords,
  saveAssessmentPlan,
  saveAssessmentRecords,
} from "./assessment-repository.ts";
import { loadCountyDataset, saveCountyDataset } from "./county-repository.ts";
import { type Database, openDatabase } from "./database.ts";
import { resetDatabase, testDatabaseTarget } from "./test-database.ts";
import { testStamp } from "./test-stamp.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set. One database per run.
let db: Database;
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
});
afterAll(async () => {
  await db?.close();
});

const byId = <T extends { readonly id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

// The store hands decimals back in canonical text ("12.30" comes back "12.3"): a DECIMAL(20,6)
// column keeps the value, not the digits it was written with.
const canonical = (text: string) => exact(text).toFixed();

function canonicalValue(v: RecordValue): RecordValue {
  switch (v.kind) {
    case "RATIO":
      return { kind: "RATIO", achieved: canonical(v.achieved), target: canonical(v.target) };
    case "GRADED":
      return { kind: "GRADED", score: canonical(v.score) };
    default:
      return v;
  }
}

/** What the store gives back for `records`: each kind by id, decimals in canonical text. */
function asStored(records: AssessmentRecords): AssessmentRecords {
  return {
    performance: byId(records.performance).map((r) => ({ ...r, value: canonicalValue(r.value) })),
    whistles: byId(records.whistles),
    guarantees: byId(records.guarantees),
    pushDowns: byId(records.pushDowns),
    unattended: byId(records.unattended),
    ratings: byId(records.ratings).map((r) => ({ ...r, score: canonical(r.score) })),
  };
}

/** The records without their recording day (L2), which the store fills in when a record has none. */
function unrecorded(records: AssessmentRecords): AssessmentRecords {
  const strip = <T extends { readonly recordedOn?: string }>(rows: readonly T[]): T[] =>
    rows.map(({ recordedOn: _r, ...rest }) => rest as T);
  return {
    performance: strip(records.performance),
    whistles: strip(records.whistles),
    guarantees: strip(records.guarantees),
    pushDowns: strip(records.pushDowns),
    unattended: strip(records.unattended),
    ratings: strip(records.ratings),
  };
}

function countsOf(records: AssessmentRecords): AssessmentRecordCounts {
  return {
    performance: records.performance.length,
    whistles: records.whistles.length,
    guarantees: records.guarantees.length,
    pushDowns: records.pushDowns.length,
    unattended: records.unattended.length,
    ratings: records.ratings.length,
  };
}

async function tableCounts(countyId: string): Promise<AssessmentRecordCounts> {
  const where = { countyId };
  return {
    performance: await db.prisma.performanceRecord.count({ where }),
    whistles: await db.prisma.whistleRequest.count({ where }),
    guarantees: await db.prisma.guaranteeDelivery.count({ where }),
    pushDowns: await db.prisma.pushDownReport.count({ where }),
    unattended: await db.prisma.unattendedReport.count({ where }),
    ratings: await db.prisma.departmentRating.count({ where }),
  };
}

describe("assessment plans round-trip through the database", () => {
  it("loads the demo plan of its year equal to the core's value, points as the core wrote them", async () => {
    const plan = demoAssessmentPlan();
    expect(await saveAssessmentPlan(db, plan, testStamp("saveAssessmentPlan"))).toEqual({
      ok: true,
      value: { replaced: false },
    });
    const loaded = await loadAssessmentPlan(db, "QX", 2025);
    expect(loaded).toEqual(plan);
    // Stored as DECIMAL(12,4), read back without the scale's zeros.
    const row = await db.prisma.indicator.findUniqueOrThrow({
      where: { countyId_planId_code: { countyId: "QX", planId: plan.id, code: "T01-1" } },
    });
    expect(row.points.toFixed(4)).toBe("15.0000");
    expect(loaded?.indicators.find((i) => i.code === "T01-1")?.points).toBe("15");
    expect(await loadAssessmentPlan(db, "QX", 2024)).toBeNull();
    expect(await loadAssessmentPlan(db, "XX", 2025)).toBeNull();
  });

  it("replaces the plan stored under the same id: dropped indicators are gone, fractional points exact", async () => {
    const plan = demoAssessmentPlan();
    const revised: AssessmentPlan = {
      ...plan,
      title: "修订稿",
      indicators: plan.indicators
        .filter((i) => i.code !== "T04-3")
        .map((i) => (i.code === "T04-2" ? { ...i, points: "2.5" } : i)),
    };
    expect(await saveAssessmentPlan(db, revised, testStamp("saveAssessmentPlan"))).toEqual({
      ok: true,
      value: { replaced: true },
    });
    expect(await loadAssessmentPlan(db, "QX", 2025)).toEqual(revised);
    expect(await db.prisma.indicator.count({ where: { countyId: "QX", planId: plan.id } })).toBe(
      revised.indicators.length,
    );
    expect(await saveAssessmentPlan(db, plan, testStamp("saveAssessmentPlan"))).toEqual({
      ok: true,
      value: { replaced: true },
    });
    expect(await loadAssessmentPlan(db, "QX", 2025)).toEqual(plan);
  });

  it("one plan per county and year: another id for the same year is STORE_CONFLICT and leaves the stored plan", async () => {
    const other: AssessmentPlan = { ...demoAssessmentPlan(), id: "QX-PLAN-2025-B", title: "另一方案" };
    const result = await saveAssessmentPlan(db, other, testStamp("saveAssessmentPlan"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ _tag: "STORE_CONFLICT", target: "assessment_plan" });
    expect(await loadAssessmentPlan(db, "QX", 2025)).toEqual(demoAssessmentPlan());
    expect(await db.prisma.indicator.count({ where: { countyId: "QX", planId: other.id } })).toBe(0);
  });
});

describe("assessment records round-trip through the database", () => {
  const plan = demoAssessmentPlan();
  const records = generateRecords(plan, demoCounty(), { seed: 1 });

  it("loads the year's records of every kind equal to those saved, by id, decimals canonical", async () => {
    expect(await saveAssessmentRecords(db, "QX", records, testStamp("saveAssessmentRecords"))).toEqual({
      ok: true,
      value: countsOf(records),
    });
    const loaded = await loadAssessmentRecords(db, "QX", 2025);
    expect(unrecorded(loaded)).toEqual(asStored(records));
    // L2: a record stored without a recording day is recorded on the database's day.
    const [today] = await db.read("SELECT CURRENT_DATE::text AS d", []);
    const days = new Set(
      Object.values(loaded).flatMap((rows: readonly { recordedOn?: string }[]) =>
        rows.map((r) => r.recordedOn),
      ),
    );
    expect([...days]).toEqual([today?.d]);
    // Every value kind is exercised, including a non-canonical "x.x0" graded score.
    const kinds = new Set(loaded.performance.map((r) => r.value.kind));
    expect([...kinds].sort()).toEqual(["DEDUCTION", "GRADED", "PASS_FAIL", "RATIO"]);
    expect(records.performance.some((r) => r.value.kind === "GRADED" && r.value.score.endsWith("0"))).toBe(
      true,
    );
  });

  it("scores the loaded plan, county and records to the same township and department totals as in memory", async () => {
    const [storedPlan, storedCounty, storedRecords] = await Promise.all([
      loadAssessmentPlan(db, "QX", 2025),
      loadCountyDataset(db, "QX"),
      loadAssessmentRecords(db, "QX", 2025),
    ]);
    if (storedPlan === null || storedCounty === null) throw new Error("not stored");
    const inMemory = scoreAssessment(plan, demoCounty(), records);
    const fromStore = scoreAssessment(storedPlan, storedCounty, storedRecords);
    const totals = (year: typeof inMemory) => year.townships.map((t) => [t.townshipCode, t.total.toString()]);
    expect(totals(inMemory).length).toBeGreaterThan(0);
    expect(totals(fromStore)).toEqual(totals(inMemory));
    expect(fromStore.departments.map((d) => [d.departmentCode, d.total.toString()])).toEqual(
      inMemory.departments.map((d) => [d.departmentCode, d.total.toString()]),
    );
    expect(fromStore.excluded.map((e) => e.record.id)).toEqual(inMemory.excluded.map((e) => e.record.id));
  });

  it("loads only what is dated in the year, half-open [1 Jan, next 1 Jan), ratings by their year", async () => {
    const county = "BY";
    const record = (id: string, date: string): PerformanceRecord => ({
      id,
      countyCode: county,
      indicatorCode: "T03-1",
      subject: { kind: "TOWNSHIP", code: "BY-T" },
      townshipCode: "BY-T",
      itemCode: "PA-001",
      matter: null,
      date: isoDate(date),
      value: { kind: "RATIO", achieved: "0.000001", target: "99999999999999.5" },
    });
    const boundary: AssessmentRecords = {
      performance: [
        record("P-2024-12-31", "2024-12-31"),
        record("P-2025-01-01", "2025-01-01"),
        record("P-2025-12-31", "2025-12-31"),
        record("P-2026-01-01", "2026-01-01"),
      ],
      whistles: [
        {
          id: "W-2024",
          countyCode: county,
          townshipCode: "BY-T",
          departmentCode: "D",
          itemCode: "PA-001",
          raisedOn: isoDate("2024-12-30"),
          timeLimitDays: 3,
          answeredOn: isoDate("2025-01-02"),
        },
      ],
      guarantees: [
        {
          id: "G-2025",
          countyCode: county,
          departmentCode: "D",
          townshipCode: "BY-T",
          itemCode: "PA-001",
          kind: "FUNDING",
          dueBy: isoDate("2025-06-30"),
          deliveredOn: null,
        },
      ],
      pushDowns: [
        {
          id: "PD-2026",
          countyCode: county,
          departmentCode: "D",
          townshipCode: "BY-T",
          date: isoDate("2026-01-01"),
          matter: "迎检材料",
        },
      ],
      unattended: [
        {
          id: "U-2025",
          countyCode: county,
          departmentCode: "D",
          townshipCode: "BY-T",
          itemCode: "CJ-001",
          date: isoDate("2025-12-31"),
        },
      ],
      ratings: [
        {
          id: "RT-2024",
          countyCode: county,
          year: 2024,
          townshipCode: "BY-T",
          departmentCode: "D",
          score: "90",
        },
        {
          id: "RT-2025",
          countyCode: county,
          year: 2025,
          townshipCode: "BY-T",
          departmentCode: "D",
          score: "87.25",
        },
      ],
    };
    expect((await saveAssessmentRecords(db, county, boundary, testStamp("saveAssessmentRecords"))).ok).toBe(
      true,
    );
    const in2025 = unrecorded(await loadAssessmentRecords(db, county, 2025));
    expect(in2025).toEqual({
      performance: boundary.performance.filter((r) => r.date.startsWith("2025")),
      whistles: [],
      guarantees: boundary.guarantees,
      pushDowns: [],
      unattended: boundary.unattended,
      ratings: boundary.ratings.filter((r) => r.year === 2025),
    });
    const in2024 = await loadAssessmentRecords(db, county, 2024);
    expect(in2024.performance.map((r) => r.id)).toEqual(["P-2024-12-31"]);
    expect(in2024.whistles.map((r) => r.id)).toEqual(["W-2024"]);
    expect(in2024.ratings.map((r) => r.id)).toEqual(["RT-2024"]);
    expect((await loadAssessmentRecords(db, county, 2026)).pushDowns.map((r) => r.id)).toEqual(["PD-2026"]);
  });

  it("records are write-once: ids already stored are STORE_CONFLICT and nothing of the call is written", async () => {
    const before = await tableCounts("QX");
    const again = await saveAssessmentRecords(db, "QX", records, testStamp("saveAssessmentRecords"));
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.errors[0]).toMatchObject({ _tag: "STORE_CONFLICT", target: "performance_record" });
    expect(await tableCounts("QX")).toEqual(before);

    // New rows of every other kind, and one rating whose id is stored: the last insert fails and
    // the earlier ones of the same call are rolled back.
    const fresh: AssessmentRecords = {
      performance: records.performance.map((r) => ({ ...r, id: `NEW-${r.id}` })),
      whistles: records.whistles.map((w) => ({ ...w, id: `NEW-${w.id}` })),
      guarantees: records.guarantees.map((g) => ({ ...g, id: `NEW-${g.id}` })),
      pushDowns: records.pushDowns.map((p) => ({ ...p, id: `NEW-${p.id}` })),
      unattended: [],
      ratings: records.ratings.slice(0, 1),
    };
    const partly = await saveAssessmentRecords(db, "QX", fresh, testStamp("saveAssessmentRecords"));
    expect(partly.ok).toBe(false);
    if (partly.ok) return;
    expect(partly.errors[0]).toMatchObject({ _tag: "STORE_CONFLICT", target: "department_rating" });
    expect(await tableCounts("QX")).toEqual(before);
  });

  it("a duplicate id within one call is STORE_CONFLICT and writes nothing", async () => {
    const first = records.whistles[0];
    if (first === undefined) throw new Error("fixture has no whistle");
    const twice: AssessmentRecords = {
      performance: [],
      whistles: [
        { ...first, id: "DUP" },
        { ...first, id: "DUP" },
      ],
      guarantees: [],
      pushDowns: [],
      unattended: [],
      ratings: [],
    };
    const before = await tableCounts("QX");
    const result = await saveAssessmentRecords(db, "QX", twice, testStamp("saveAssessmentRecords"));
    expect(result.ok ? null : result.errors[0]._tag).toBe("STORE_CONFLICT");
    expect(await tableCounts("QX")).toEqual(before);
  });

  it("loads a large year in a fixed number of statements, whatever the volume (chunked inserts)", async () => {
    // Over 2,000 performance rows, so the insert runs in several createMany chunks.
    const county = "BIG";
    const generated = generateRecords(plan, demoCounty(), { seed: 2, perItem: 96 });
    const relabel = <T extends { readonly countyCode: string }>(rows: readonly T[]): T[] =>
      rows.map((r) => ({ ...r, countyCode: county }));
    const big: AssessmentRecords = {
      performance: relabel(generated.performance),
      whistles: relabel(generated.whistles),
      guarantees: relabel(generated.guarantees),
      pushDowns: relabel(generated.pushDowns),
      unattended: relabel(generated.unattended),
      ratings: relabel(generated.ratings),
    };
    expect(big.performance.length).toBeGreaterThan(2 * 2_000);
    expect(await saveAssessmentRecords(db, county, big, testStamp("saveAssessmentRecords"))).toEqual({
      ok: true,
      value: countsOf(big),
    });
    const before = db.statements.count;
    const loaded = await loadAssessmentRecords(db, county, 2025);
    const statements = db.statements.count - before;
    expect(countsOf(loaded)).toEqual(countsOf(big));
    expect(unrecorded(loaded)).toEqual(asStored(big));
    expect(statements).toBeLessThanOrEqual(6);
  });
});
