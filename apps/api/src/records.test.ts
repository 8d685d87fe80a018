import {
  type AssessmentRecords,
  assess,
  type IsoDate,
  type PerformanceRecord,
  type PushDownReport,
  recordingDay,
} from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { type Database, loadAssessmentRecords, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RECORDS_SEED, ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const generated = generateRecords(plan, dataset, { seed: DEMO_RECORDS_SEED });

// What the tests stored, in order: the expected scores are the core's over the demo year and these.
const added: { performance: PerformanceRecord[]; pushDowns: PushDownReport[] } = {
  performance: [],
  pushDowns: [],
};

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_records"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

type Json = Record<string, unknown>;
interface Problem {
  readonly code: string;
  readonly field: string | null;
  readonly id: string | null;
  readonly message: string;
}
interface Payload<T> {
  readonly __typename: string;
  readonly data?: T;
  readonly problems?: readonly Problem[];
}
interface Written {
  readonly performance: number;
  readonly whistles: number;
  readonly guarantees: number;
  readonly pushDowns: number;
  readonly unattended: number;
  readonly ratings: number;
}
const NONE: Written = { performance: 0, whistles: 0, guarantees: 0, pushDowns: 0, unattended: 0, ratings: 0 };

/** The payload of a mutation or query field; fails the test when the request fails as a whole. */
async function payload<T>(field: string, query: string, variables: Json = {}): Promise<Payload<T>> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, Payload<T>>; errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  const value = result.data?.[field];
  if (value === undefined) throw new Error(`no ${field} in ${JSON.stringify(result)}`);
  return value;
}

const WRITTEN = "__typename ... on DomainErrors { problems { code field id message } }";

function mutation(field: string, arg: string, input: string): string {
  return `mutation ($county: String!, $batch: [${input}!]!) { ${field}(countyCode: $county, ${arg}: $batch) {
    ${WRITTEN} ... on ${`Mutation${field[0]?.toUpperCase()}${field.slice(1)}Success`} { data { performance whistles guarantees pushDowns unattended ratings } } } }`;
}

const ADD_RECORDS = mutation("addPerformanceRecords", "records", "PerformanceRecordInput");
const ADD_RATINGS = mutation("addDepartmentRatings", "ratings", "DepartmentRatingInput");

function addRecords(batch: readonly Json[], county = "QX") {
  return payload<Written>("addPerformanceRecords", ADD_RECORDS, { county, batch });
}

/** A valid record input: QX-CG's 民生服务 basic item MS-001 on T02-1 (ratio), unless overridden. */
function input(id: string, overrides: Json = {}): Json {
  return {
    id,
    indicatorCode: "T02-1",
    subjectKind: "TOWNSHIP",
    subjectCode: "QX-CG",
    townshipCode: "QX-CG",
    itemCode: "MS-001",
    date: "2025-05-20",
    valueKind: "RATIO",
    achieved: "0",
    target: "500",
    ...overrides,
  };
}

/** The core's record for an input the tests send. */
function coreRecord(i: Json): PerformanceRecord {
  const value: PerformanceRecord["value"] =
    i.valueKind === "RATIO"
      ? { kind: "RATIO", achieved: String(i.achieved), target: String(i.target) }
      : i.valueKind === "DEDUCTION"
        ? { kind: "DEDUCTION", events: Number(i.events) }
        : i.valueKind === "GRADED"
          ? { kind: "GRADED", score: String(i.score) }
          : { kind: "PASS_FAIL", passed: i.passed === true };
  return {
    id: String(i.id),
    countyCode: "QX",
    indicatorCode: String(i.indicatorCode),
    subject: {
      kind: i.subjectKind === "DEPARTMENT" ? "DEPARTMENT" : "TOWNSHIP",
      code: String(i.subjectCode),
    },
    townshipCode: String(i.townshipCode),
    itemCode: (i.itemCode as string | null | undefined) ?? null,
    matter: (i.matter as string | null | undefined) ?? null,
    date: String(i.date) as IsoDate,
    value,
  };
}

/** The core's assessment of the demo year with what the tests stored. */
function expected() {
  const records: AssessmentRecords = {
    ...generated,
    performance: [...generated.performance, ...added.performance],
    pushDowns: [...generated.pushDowns, ...added.pushDowns],
  };
  return assess(plan, dataset, records);
}

interface Excluded {
  readonly recordId: string;
  readonly reason: string;
  readonly ruleId: string;
  readonly message: string;
}
interface Assessed {
  readonly townships: { code: string; total: string; excluded: Excluded[] }[];
  readonly departments: { code: string; total: string }[];
}

async function assessed(): Promise<Assessed> {
  const result = await payload<Assessed>(
    "assessment",
    `{ assessment(countyCode: "QX", year: 2025) { ${WRITTEN} ... on QueryAssessmentSuccess { data {
      townships { code total: totalExact excluded { recordId reason ruleId message } } departments { code total: totalExact } } } } }`,
  );
  if (result.data === undefined) throw new Error(`no assessment: ${JSON.stringify(result.problems)}`);
  return result.data;
}

const township = (a: Assessed, code: string) => a.townships.find((t) => t.code === code);
const storedRecords = () => db.prisma.performanceRecord.count({ where: { countyId: "QX" } });

describe("addPerformanceRecords", () => {
  it("stores valid records, and the township's total moves exactly as the core scores them", async () => {
    const before = await assessed();
    const core = expected();
    expect(township(before, "QX-CG")?.total).toBe(
      core.townships.find((t) => t.assessment.townshipCode === "QX-CG")?.assessment.total.toString(),
    );
    const batch = [
      input("QX-T-ADD-1"),
      input("QX-T-ADD-2", {
        indicatorCode: "T04-1",
        itemCode: "ZR-001",
        valueKind: "PASS_FAIL",
        achieved: null,
        target: null,
        passed: false,
      }),
    ];
    const result = await addRecords(batch);
    expect(result).toEqual({
      __typename: "MutationAddPerformanceRecordsSuccess",
      data: { ...NONE, performance: 2 },
    });
    added.performance.push(...batch.map(coreRecord));

    const after = await assessed();
    const total = expected().townships.find((t) => t.assessment.townshipCode === "QX-CG")?.assessment.total;
    expect(township(after, "QX-CG")?.total).toBe(total?.toString());
    expect(township(after, "QX-CG")?.total).not.toBe(township(before, "QX-CG")?.total);
    // Only the township the records are about moves.
    expect(township(after, "QX-BS")?.total).toBe(township(before, "QX-BS")?.total);
    const stored = await loadAssessmentRecords(db, "QX", 2025);
    // L2: each stored record carries the day it was entered (knowledge time), in the counties' zone.
    const today = recordingDay(new Date());
    expect(stored.performance.filter((r) => r.id.startsWith("QX-T-ADD-"))).toEqual(
      added.performance.map((r) => ({ ...r, recordedOn: today })),
    );
  });

  it("stores an off-list record and one on an item reclaimed by then; scoring excludes both with the reason (S7)", async () => {
    const before = await assessed();
    const batch = [
      input("QX-T-OFF-1", {
        itemCode: null,
        matter: "协助外单位清理违章广告牌",
        achieved: "10",
        target: "10",
      }),
      // CJ-001 went back to the department in 城关镇 on 2025-07-01 (demo county).
      input("QX-T-RECL-1", {
        indicatorCode: "T04-2",
        itemCode: "CJ-001",
        date: "2025-08-10",
        valueKind: "DEDUCTION",
        achieved: null,
        target: null,
        events: 3,
      }),
    ];
    expect((await addRecords(batch)).data).toEqual({ ...NONE, performance: 2 });
    added.performance.push(...batch.map(coreRecord));

    const after = await assessed();
    const excluded = township(after, "QX-CG")?.excluded.filter((e) => e.recordId.startsWith("QX-T-"));
    expect(excluded?.map((e) => [e.recordId, e.reason, e.ruleId])).toEqual([
      ["QX-T-OFF-1", "OFF_LIST", "S7"],
      ["QX-T-RECL-1", "RECLAIMED_BY_THEN", "S7"],
    ]);
    expect(excluded?.[0]?.message).toContain("协助外单位清理违章广告牌");
    expect(township(after, "QX-CG")?.total).toBe(township(before, "QX-CG")?.total);
  });

  it("refuses a batch with several bad records, naming each by position, and writes none of it", async () => {
    const rows = await storedRecords();
    const before = await assessed();
    const batch = [
      input("QX-T-BAD-0"),
      input("QX-T-BAD-1", {
        subjectKind: "DEPARTMENT",
        subjectCode: "ZRZYJ",
        indicatorCode: "D01-1",
        townshipCode: "QX-NOPE",
      }),
      input("QX-T-BAD-2", { target: null, events: 2 }),
      input("QX-T-BAD-3", {
        indicatorCode: "T01-1",
        itemCode: "DJ-001",
        valueKind: "GRADED",
        achieved: null,
        target: null,
        score: "-5",
      }),
      input("QX-T-BAD-4", { indicatorCode: "T09-9" }),
      input("QX-T-BAD-5", { date: "2026-03-01" }),
      input("QX-T-BAD-6", {
        subjectKind: "DEPARTMENT",
        subjectCode: "NOPE",
        indicatorCode: "D01-1",
        itemCode: "ZR-002",
      }),
      input("QX-T-BAD-7", { itemCode: null, matter: "  " }),
      input("QX-T-BAD-8", { achieved: "1.1234567", target: "123456789012345" }),
    ];
    const result = await addRecords(batch);
    expect(result.__typename).toBe("DomainErrors");
    expect(result.problems?.map((p) => [p.code, p.field])).toEqual([
      ["UNKNOWN_REFERENCE", "records[1].townshipCode"],
      ["INVALID_FIELD", "records[2].target"],
      ["INVALID_FIELD", "records[2].events"],
      ["INVALID_FIELD", "records[3].score"],
      ["UNKNOWN_REFERENCE", "records[4].indicatorCode"],
      ["INVALID_FIELD", "records[5].date"],
      ["UNKNOWN_REFERENCE", "records[6].subjectCode"],
      ["INVALID_FIELD", "records[7].matter"],
      ["INVALID_FIELD", "records[8].achieved"],
      ["INVALID_FIELD", "records[8].target"],
    ]);
    const messages = result.problems?.map((p) => p.message) ?? [];
    expect(messages[0]).toContain("QX-NOPE");
    expect(messages[3]).toContain("不能为负数");
    expect(messages[4]).toContain("T09-9");
    expect(messages[5]).toContain("2026 年度考核方案");
    expect(messages[8]).toContain("最多 6 位小数");
    expect(messages[9]).toContain("超出");
    expect(await storedRecords()).toBe(rows);
    expect(await assessed()).toEqual(before);
  });

  it("S1/S7/S8: refuses what the workbook's sheets refuse too (the core's checks): a subject or value the indicator does not take, another township's lists, an item outside the catalogue, a zero target", async () => {
    const rows = await storedRecords();
    const result = await addRecords([
      input("QX-T-SAME-0", { subjectKind: "DEPARTMENT", subjectCode: "MZJ" }),
      input("QX-T-SAME-1", { townshipCode: "QX-BS" }),
      input("QX-T-SAME-2", { valueKind: "GRADED", achieved: null, target: null, score: "8" }),
      input("QX-T-SAME-3", { itemCode: "ZZ-999" }),
      input("QX-T-SAME-4", { target: "0" }),
    ]);
    expect(result.problems?.map((p) => [p.code, p.field])).toEqual([
      ["INVALID_FIELD", "records[0].subjectCode"],
      ["INVALID_FIELD", "records[1].townshipCode"],
      ["INVALID_FIELD", "records[2].valueKind"],
      ["UNKNOWN_REFERENCE", "records[3].itemCode"],
      ["INVALID_FIELD", "records[4].target"],
    ]);
    expect(result.problems?.map((p) => p.message)).toEqual([
      expect.stringContaining("指标 T02-1 考核乡镇(街道)"),
      expect.stringContaining("须与考核对象相同"),
      expect.stringContaining("计分方法为“按比例”"),
      expect.stringContaining("QX 没有事项 ZZ-999"),
      "records[4].target:目标值须大于 0(0)",
    ]);
    expect(await storedRecords()).toBe(rows);
  });

  it("refuses ids repeated in the batch or already stored (DUPLICATE_ID), writing nothing", async () => {
    const rows = await storedRecords();
    const stored = generated.performance[0]?.id ?? "";
    const result = await addRecords([input("QX-T-DUP-1"), input(stored), input("QX-T-DUP-1")]);
    expect(result.problems).toEqual([
      {
        code: "DUPLICATE_ID",
        field: null,
        id: "QX-T-DUP-1",
        message: expect.stringContaining("records[2].id"),
      },
      { code: "DUPLICATE_ID", field: null, id: stored, message: expect.stringContaining("records[1].id") },
    ]);
    expect(result.problems?.[0]?.message).toContain("records[0]");
    expect(await storedRecords()).toBe(rows);
  });

  it("answers NOT_FOUND for an unknown county", async () => {
    const result = await addRecords([input("X-1")], "NOPE");
    expect(result.problems).toEqual([
      { code: "NOT_FOUND", field: null, id: "NOPE", message: expect.any(String) },
    ]);
  });
});

describe("addDepartmentRatings (S6)", () => {
  const rating = (id: string, overrides: Json = {}): Json => ({
    id,
    year: 2026,
    townshipCode: "QX-CG",
    departmentCode: "MZJ",
    score: "88.5",
    ...overrides,
  });
  const storedRatings = () => db.prisma.departmentRating.count({ where: { countyId: "QX" } });

  it("refuses every bad rating of a batch at once, a pair rated twice included, and writes none of it", async () => {
    const rows = await storedRatings();
    const result = await payload<Written>("addDepartmentRatings", ADD_RATINGS, {
      county: "QX",
      batch: [
        rating("QX-RT-0"),
        rating("QX-RT-1", { departmentCode: "ZRZYJ", score: "120" }),
        rating("QX-RT-2", { departmentCode: "NOPE" }),
        // The demo year has every township's rating of every department.
        rating("QX-RT-3", { year: 2025 }),
        rating("QX-RT-4", { score: "70" }),
        rating("QX-RT-5", { departmentCode: "ZJJ", score: "90.12345" }),
      ],
    });
    expect(result.problems?.map((p) => [p.code, p.field])).toEqual([
      ["INVALID_FIELD", "ratings[1].score"],
      ["UNKNOWN_REFERENCE", "ratings[2].departmentCode"],
      ["INVALID_FIELD", "ratings[5].score"],
      // S6 (the core's repeatedRatings), against the stored ratings and the batch itself.
      ["INVALID_FIELD", "ratings[3].departmentCode"],
      ["INVALID_FIELD", "ratings[4].departmentCode"],
    ]);
    expect(result.problems?.[3]?.message).toContain("库中的记录");
    expect(result.problems?.[4]?.message).toContain("本批的记录");
    expect(await storedRatings()).toBe(rows);
  });

  it("stores valid ratings", async () => {
    const result = await payload<Written>("addDepartmentRatings", ADD_RATINGS, {
      county: "QX",
      batch: [rating("QX-RT-0"), rating("QX-RT-1", { departmentCode: "ZRZYJ", score: "100" })],
    });
    expect(result.data).toEqual({ ...NONE, ratings: 2 });
    const stored = await loadAssessmentRecords(db, "QX", 2026);
    expect(stored.ratings.map((r) => [r.id, r.departmentCode, r.score])).toEqual([
      ["QX-RT-0", "MZJ", "88.5"],
      ["QX-RT-1", "ZRZYJ", "100"],
    ]);
  });
});

describe("list execution records (S5)", () => {
  it("stores a push-down report, and the department's deduction moves as the core scores it", async () => {
    const before = await assessed();
    const report: PushDownReport = {
      id: "QX-PD-1",
      countyCode: "QX",
      departmentCode: "ZJJ",
      townshipCode: "QX-TY",
      date: "2025-10-09" as IsoDate,
      matter: "建筑工地扬尘污染执法检查",
    };
    const { countyCode: _, ...fields } = report;
    const result = await payload<Written>(
      "reportPushDowns",
      mutation("reportPushDowns", "reports", "PushDownReportInput"),
      { county: "QX", batch: [fields] },
    );
    expect(result.data).toEqual({ ...NONE, pushDowns: 1 });
    added.pushDowns.push(report);
    const after = await assessed();
    const zjj = (a: Assessed) => a.departments.find((d) => d.code === "ZJJ")?.total;
    expect(zjj(after)).toBe(
      expected()
        .departments.find((d) => d.assessment.departmentCode === "ZJJ")
        ?.assessment.total.toString(),
    );
    expect(zjj(after)).not.toBe(zjj(before));
  });

  it("refuses whistles, guarantees and unattended reports naming unknown parties or impossible dates", async () => {
    const whistles = await payload<Written>(
      "addWhistleRequests",
      mutation("addWhistleRequests", "whistles", "WhistleRequestInput"),
      {
        county: "QX",
        batch: [
          {
            id: "QX-WH-1",
            townshipCode: "QX-SM",
            departmentCode: "XFJY",
            itemCode: "PA-002",
            raisedOn: "2025-06-10",
            timeLimitDays: -1,
            answeredOn: "2025-06-09",
          },
        ],
      },
    );
    expect(whistles.problems?.map((p) => [p.code, p.field])).toEqual([
      ["INVALID_FIELD", "whistles[0].timeLimitDays"],
      ["INVALID_FIELD", "whistles[0].answeredOn"],
    ]);
    const deliveries = await payload<Written>(
      "addGuaranteeDeliveries",
      mutation("addGuaranteeDeliveries", "deliveries", "GuaranteeDeliveryInput"),
      {
        county: "QX",
        batch: [
          {
            id: "QX-GD-1",
            departmentCode: "NOPE",
            townshipCode: "QX-SM",
            itemCode: "PA-002",
            kind: "TRAINING",
            dueBy: "2025-06-30",
          },
        ],
      },
    );
    expect(deliveries.problems?.map((p) => [p.code, p.field])).toEqual([
      ["UNKNOWN_REFERENCE", "deliveries[0].departmentCode"],
    ]);
    const unattended = await payload<Written>(
      "reportUnattendedItems",
      mutation("reportUnattendedItems", "reports", "UnattendedReportInput"),
      {
        county: "QX",
        batch: [
          {
            id: "QX-UA-1",
            departmentCode: "ZRZYJ",
            townshipCode: "QX-NOPE",
            itemCode: "ZZ-999",
            date: "2025-04-01",
          },
        ],
      },
    );
    expect(unattended.problems?.map((p) => [p.code, p.field])).toEqual([
      ["UNKNOWN_REFERENCE", "reports[0].townshipCode"],
      ["UNKNOWN_REFERENCE", "reports[0].itemCode"],
    ]);
    const stored = await loadAssessmentRecords(db, "QX", 2025);
    expect([stored.whistles, stored.guarantees, stored.unattended].map((r) => r.length)).toEqual([
      generated.whistles.length,
      generated.guarantees.length,
      generated.unattended.length,
    ]);
  });
});
