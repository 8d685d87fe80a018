import { type AssessmentRecords, isoDate } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Database,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
  toStoreError,
} from "./index.ts";
import { resetDatabase, testDatabaseTarget, testStamp } from "./testing.ts";

// PGlite in memory by default; PostgreSQL when DATABASE_URL is set (its adapter reports the
// colliding columns but not their values: the messages must name what collided either way).
let db: Database;
const none: AssessmentRecords = {
  performance: [],
  whistles: [],
  guarantees: [],
  pushDowns: [],
  unattended: [],
  ratings: [],
};
beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("store_constraints"));
  await resetDatabase(db);
  await saveCountyDataset(db, demoCounty(), testStamp("saveCountyDataset"));
  await saveAssessmentPlan(db, demoAssessmentPlan(), testStamp("saveAssessmentPlan"));
});
afterAll(async () => {
  await db?.close();
});

const RAW_NAME = /_key|_fkey|_pkey|department_rating|assessment_plan|list_entry|duplicate key|violates/;

describe("constraint violations are named in words, never by the raw constraint (finding 7)", () => {
  it("a second rating of the same township, department and year: 乡镇(街道) X 对部门 Y 的 N 年度评价已有… (S6, the core's check)", async () => {
    const rating = generateRecords(demoAssessmentPlan(), demoCounty(), { seed: 1, perItem: 1 }).ratings[0];
    if (rating === undefined) throw new Error("fixture has no rating");
    expect(
      (
        await saveAssessmentRecords(
          db,
          "QX",
          { ...none, ratings: [rating] },
          testStamp("saveAssessmentRecords"),
        )
      ).ok,
    ).toBe(true);
    const again = await saveAssessmentRecords(
      db,
      "QX",
      {
        ...none,
        ratings: [{ ...rating, id: "OTHER-ID" }],
      },
      testStamp("saveAssessmentRecords"),
    );
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.errors[0]._tag).toBe("STORE_CONFLICT");
    expect(again.errors[0].message).toContain(
      `乡镇(街道) ${rating.townshipCode} 对部门 ${rating.departmentCode} 的 ${rating.year} 年度评价已有库中的记录 ${rating.id}`,
    );
  });

  it("two ratings of the same key in one call name it too", async () => {
    const rating = generateRecords(demoAssessmentPlan(), demoCounty(), { seed: 1, perItem: 1 }).ratings[1];
    if (rating === undefined) throw new Error("fixture has no second rating");
    const twice = await saveAssessmentRecords(
      db,
      "QX",
      {
        ...none,
        ratings: [
          { ...rating, id: "T1" },
          { ...rating, id: "T2" },
        ],
      },
      testStamp("saveAssessmentRecords"),
    );
    expect(twice).toMatchObject({
      ok: false,
      errors: [
        {
          _tag: "STORE_CONFLICT",
          message: expect.stringContaining(
            `乡镇(街道) ${rating.townshipCode} 对部门 ${rating.departmentCode} 的 ${rating.year} 年度评价已有`,
          ),
        },
      ],
    });
  });

  it("a second plan for the same year names the county and the year", async () => {
    const plan = demoAssessmentPlan();
    const result = await saveAssessmentPlan(
      db,
      { ...plan, id: "ANOTHER-PLAN" },
      testStamp("saveAssessmentPlan"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].message).toContain(`${plan.year} 年度考核方案已存在`);
    expect(result.errors[0].message).not.toMatch(RAW_NAME);
  });

  it("a record id stored already names the kind of record and its id", async () => {
    const records = generateRecords(demoAssessmentPlan(), demoCounty(), { seed: 2, perItem: 1 });
    const whistle = records.whistles[0];
    if (whistle === undefined) throw new Error("fixture has no whistle");
    expect(
      (
        await saveAssessmentRecords(
          db,
          "QX",
          { ...none, whistles: [whistle] },
          testStamp("saveAssessmentRecords"),
        )
      ).ok,
    ).toBe(true);
    const again = await saveAssessmentRecords(
      db,
      "QX",
      { ...none, whistles: [whistle] },
      testStamp("saveAssessmentRecords"),
    );
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.errors[0].message).toContain("吹哨");
    expect(again.errors[0].message).not.toMatch(RAW_NAME);
  });

  it("a foreign key names what is referenced and missing", async () => {
    const error = await db.prisma.listEntry
      .create({
        data: {
          countyId: "QX",
          id: "E-NOWHERE",
          townshipCode: "NOWHERE",
          itemCode: "NOTHING",
          type: "BASIC",
          terms: {},
          content: {},
          effectiveFrom: new Date(isoDate("2025-01-01")),
          openedBy: "x",
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    const mapped = toStoreError(error, "list_entry");
    expect(mapped?._tag).toBe("STORE_MISSING_REFERENCE");
    expect(mapped?.message).toContain("清单条目");
    expect(mapped?.message).toMatch(/乡镇\(街道\)|履职事项/);
    expect(mapped?.message).not.toMatch(RAW_NAME);
  });
});
