import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isoDate } from "../base/calendar-date.ts";
import { exact } from "../base/exact-decimal.ts";
import type { ExactFigure } from "../base/exact-rational.ts";
import { demoCounty } from "../testing/index.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { type ScoredYear, scoreAssessment } from "./assessment-scoring.ts";
import type { AssessmentRecords, PerformanceRecord, RecordValue } from "./performance-record.ts";

const dataset = demoCounty();

const indicator = (code: string, fields: Omit<Indicator, "code" | "parentCode" | "name">): Indicator => ({
  code,
  parentCode: fields.subject === "TOWNSHIP" ? "F-T" : "F-D",
  name: code,
  ...fields,
});

const plan: AssessmentPlan = {
  id: "P-2025",
  countyCode: "QX",
  year: 2025,
  title: "测试方案",
  firstLevel: [
    { code: "F-T", name: "乡镇履职", subject: "TOWNSHIP" },
    { code: "F-D", name: "部门履职", subject: "DEPARTMENT" },
  ],
  indicators: [
    indicator("T-MS", {
      subject: "TOWNSHIP",
      track: "CORE",
      points: "10",
      method: { kind: "RATIO" },
      binding: { kind: "ITEMS", itemCodes: ["MS-001"] },
    }),
    indicator("T-CJ", {
      subject: "TOWNSHIP",
      track: "CORE",
      points: "10",
      method: { kind: "DEDUCTION", perEvent: "2" },
      binding: { kind: "ITEMS", itemCodes: ["CJ-001"] },
    }),
    indicator("T-ZR", {
      subject: "TOWNSHIP",
      track: "CORE",
      points: "5",
      method: { kind: "PASS_FAIL" },
      binding: { kind: "ITEMS", itemCodes: ["ZR-001"] },
    }),
    indicator("T-PA", {
      subject: "TOWNSHIP",
      track: "COLLABORATIVE",
      points: "5",
      method: { kind: "GRADED" },
      binding: { kind: "SELECTOR", listType: "COOPERATIVE", category: "平安法治" },
    }),
    indicator("D-REC", {
      subject: "DEPARTMENT",
      track: null,
      points: "10",
      method: { kind: "RATIO" },
      binding: { kind: "SELECTOR", listType: "RECLAIMED", category: null },
    }),
    indicator("D-GUA", {
      subject: "DEPARTMENT",
      track: null,
      points: "5",
      method: { kind: "RATIO" },
      binding: { kind: "LIST_EXECUTION", aspect: "GUARANTEES_DELIVERED" },
    }),
    indicator("D-WHI", {
      subject: "DEPARTMENT",
      track: null,
      points: "5",
      method: { kind: "RATIO" },
      binding: { kind: "LIST_EXECUTION", aspect: "WHISTLES_ANSWERED" },
    }),
    indicator("D-PUSH", {
      subject: "DEPARTMENT",
      track: null,
      points: "2",
      method: { kind: "DEDUCTION", perEvent: "0.5" },
      binding: { kind: "LIST_EXECUTION", aspect: "UNREGISTERED_PUSH_DOWNS" },
    }),
    indicator("D-RATE", {
      subject: "DEPARTMENT",
      track: null,
      points: "10",
      method: { kind: "GRADED" },
      binding: { kind: "TWO_WAY_RATING" },
    }),
  ],
};

let counter = 0;
function rec(
  indicatorCode: string,
  subject: string,
  itemCode: string | null,
  date: string,
  value: RecordValue,
  townshipCode = subject,
): PerformanceRecord {
  counter++;
  return {
    id: `R-${String(counter).padStart(4, "0")}`,
    countyCode: "QX",
    indicatorCode,
    subject: { kind: subject.startsWith("QX-") ? "TOWNSHIP" : "DEPARTMENT", code: subject },
    townshipCode,
    itemCode,
    matter: itemCode === null ? "迎检材料报送" : null,
    date: isoDate(date),
    value,
  };
}

const ratio = (achieved: string, target: string): RecordValue => ({ kind: "RATIO", achieved, target });
const events = (n: number): RecordValue => ({ kind: "DEDUCTION", events: n });

const none: AssessmentRecords = {
  performance: [],
  whistles: [],
  guarantees: [],
  pushDowns: [],
  unattended: [],
  ratings: [],
};

function township(year: ScoredYear, code: string) {
  const found = year.townships.find((t) => t.townshipCode === code);
  if (found === undefined) throw new Error(code);
  return found;
}
function department(year: ScoredYear, code: string) {
  const found = year.departments.find((d) => d.departmentCode === code);
  if (found === undefined) throw new Error(code);
  return found;
}
function scoreOf(results: readonly { indicator: Indicator; score: ExactFigure }[], code: string): string {
  return results.find((r) => r.indicator.code === code)?.score.toString() ?? "missing";
}

describe("township scores", () => {
  const records: AssessmentRecords = {
    ...none,
    performance: [
      rec("T-MS", "QX-CG", "MS-001", "2025-03-01", ratio("45", "50")),
      rec("T-CJ", "QX-CG", "CJ-001", "2025-05-01", events(1)),
      rec("T-CJ", "QX-CG", "CJ-001", "2025-08-01", events(3)),
      rec("T-ZR", "QX-CG", "ZR-001", "2025-06-01", { kind: "PASS_FAIL", passed: true }),
      rec("T-PA", "QX-CG", "PA-002", "2025-04-01", { kind: "GRADED", score: "4.5" }),
      rec("T-MS", "QX-CG", null, "2025-04-01", ratio("1", "1")),
      rec("T-MS", "QX-CG", "MS-001", "2025-04-01", ratio("1", "1"), "QX-BS"),
      rec("T-MS", "QX-CG", "PA-002", "2025-04-01", ratio("1", "1")),
      rec("T-MS", "QX-CG", "MS-001", "2024-12-31", ratio("1", "1")),
    ],
  };
  const year = scoreAssessment(plan, dataset, records);
  const cg = township(year, "QX-CG");

  it("S2: basic items feed the core score (ratio 10 × 45/50 = 9)", () => {
    expect(scoreOf(cg.indicators, "T-MS")).toBe("9");
    expect(cg.core.raw.toString()).toBe("22"); // 9 + 8 + 5
    expect(
      cg.indicators
        .find((r) => r.indicator.code === "T-MS")
        ?.records.map((r) => [r.entry.id, r.entry.terms.type]),
    ).toEqual([["QX-CG/MS-001", "BASIC"]]);
  });

  it("S3: cooperative items feed the collaborative score, judged on the assessor's grade", () => {
    expect(cg.collaborative.score.toString()).toBe("4.5");
    expect(cg.total.toString()).toBe("26.5");
  });

  it("S7: a record about an item reclaimed by its date is excluded and reported; the earlier one counts", () => {
    expect(scoreOf(cg.indicators, "T-CJ")).toBe("8");
    const reasons = cg.excluded.map((e) => [e.record.id, e.reason, e.ruleId]);
    expect(reasons).toEqual([
      ["R-0003", "RECLAIMED_BY_THEN", "S7"],
      ["R-0006", "OFF_LIST", "S7"],
      ["R-0007", "OTHER_TOWNSHIP", "S1"],
      ["R-0008", "NOT_BOUND", "S1"],
      ["R-0009", "OUTSIDE_YEAR", "S7"],
    ]);
    expect(cg.excluded[0]?.message).toContain("已收回至 ZHZFJ");
    expect(year.excluded).toHaveLength(5);
  });

  it("S1/S7: an indicator that does not apply (no farmland in a subdistrict) is prorated, not failed", () => {
    const qx = township(year, "QX-QX");
    const zr = qx.indicators.find((r) => r.indicator.code === "T-ZR");
    expect(zr).toMatchObject({ applicable: false, working: "该指标不涉及本对象" });
    expect(qx.core.applicablePoints.toString()).toBe("20");
    expect(qx.core.planPoints.toString()).toBe("25");
    // no records: ratio 0, deduction keeps 10 → raw 10, prorated 10 × 25/20
    expect(qx.core.raw.toString()).toBe("10");
    expect(qx.core.score.toString()).toBe("12.5");
    const excluded = scoreAssessment(plan, dataset, records, { notApplicable: "EXCLUDE" });
    expect(township(excluded, "QX-QX").core.score.toString()).toBe("10");
  });
});

describe("S8 scoring methods", () => {
  const score = (code: string, value: RecordValue, item: string) =>
    scoreOf(
      township(
        scoreAssessment(plan, dataset, {
          ...none,
          performance: [rec(code, "QX-TY", item, "2025-03-01", value)],
        }),
        "QX-TY",
      ).indicators,
      code,
    );

  it("S8: a ratio is capped at the points, a deduction never goes below zero, a grade never above the points", () => {
    expect(score("T-MS", ratio("60", "50"), "MS-001")).toBe("10");
    expect(score("T-MS", ratio("1", "3"), "MS-001")).toBe(exact("10").dividedBy(3).toString());
    expect(score("T-CJ", events(12), "CJ-001")).toBe("0");
    expect(score("T-PA", { kind: "GRADED", score: "7" }, "PA-002")).toBe("5");
    expect(score("T-ZR", { kind: "PASS_FAIL", passed: false }, "ZR-001")).toBe("0");
  });

  it("S8: a value of another kind than the method is excluded, not scored", () => {
    const year = scoreAssessment(plan, dataset, {
      ...none,
      performance: [rec("T-MS", "QX-TY", "MS-001", "2025-03-01", events(1))],
    });
    expect(year.excluded.map((e) => e.reason)).toEqual(["VALUE_MISMATCH"]);
  });
});

describe("department scores", () => {
  const records: AssessmentRecords = {
    performance: [
      rec("D-REC", "ZRZYJ", "ZR-002", "2025-03-01", ratio("8", "10"), "QX-SM"),
      rec("D-REC", "ZHZFJ", "CJ-001", "2025-05-01", ratio("1", "1"), "QX-CG"),
      rec("D-REC", "ZHZFJ", "CJ-001", "2025-08-01", ratio("1", "2"), "QX-CG"),
    ],
    guarantees: [
      {
        id: "G1",
        countyCode: "QX",
        departmentCode: "XFJY",
        townshipCode: "QX-CG",
        itemCode: "PA-002",
        kind: "TRAINING",
        dueBy: isoDate("2025-06-30"),
        deliveredOn: isoDate("2025-06-01"),
      },
      {
        id: "G2",
        countyCode: "QX",
        departmentCode: "XFJY",
        townshipCode: "QX-BS",
        itemCode: "PA-002",
        kind: "TRAINING",
        dueBy: isoDate("2025-06-30"),
        deliveredOn: isoDate("2025-07-05"),
      },
    ],
    whistles: [
      {
        id: "W1",
        countyCode: "QX",
        townshipCode: "QX-CG",
        departmentCode: "XFJY",
        itemCode: "PA-002",
        raisedOn: isoDate("2025-04-01"),
        timeLimitDays: 3,
        answeredOn: isoDate("2025-04-04"),
      },
      {
        id: "W2",
        countyCode: "QX",
        townshipCode: "QX-CG",
        departmentCode: "XFJY",
        itemCode: "PA-002",
        raisedOn: isoDate("2025-04-10"),
        timeLimitDays: 3,
        answeredOn: null,
      },
    ],
    pushDowns: [
      {
        id: "PD1",
        countyCode: "QX",
        departmentCode: "ZJJ",
        townshipCode: "QX-TY",
        date: isoDate("2025-09-12"),
        matter: "扬尘执法检查",
      },
    ],
    unattended: [],
    ratings: [
      { id: "RT1", countyCode: "QX", year: 2025, townshipCode: "QX-CG", departmentCode: "XFJY", score: "80" },
      { id: "RT2", countyCode: "QX", year: 2025, townshipCode: "QX-BS", departmentCode: "XFJY", score: "90" },
    ],
  };
  const year = scoreAssessment(plan, dataset, records);

  it("S4: reclaimed items feed the receiving department's score, judged on the record's date", () => {
    expect(scoreOf(department(year, "ZRZYJ").indicators, "D-REC")).toBe("8");
    // CJ-001 was reclaimed to ZHZFJ on 1 July: the May record is not its item yet
    expect(scoreOf(department(year, "ZHZFJ").indicators, "D-REC")).toBe("5");
    expect(department(year, "ZHZFJ").excluded.map((e) => [e.record.id, e.reason, e.ruleId])).toEqual([
      [expect.any(String), "NOT_DEPARTMENTS_ITEM", "S4"],
    ]);
  });

  it("S5: guarantees delivered on time and whistles answered in time are ratios; push-downs deduct", () => {
    const xfjy = department(year, "XFJY");
    expect(scoreOf(xfjy.indicators, "D-GUA")).toBe("2.5");
    expect(scoreOf(xfjy.indicators, "D-WHI")).toBe("2.5");
    expect(scoreOf(xfjy.indicators, "D-PUSH")).toBe("2");
    expect(scoreOf(department(year, "ZJJ").indicators, "D-PUSH")).toBe("1.5");
    // a department that owed nothing keeps full marks on execution
    expect(scoreOf(department(year, "MZJ").indicators, "D-GUA")).toBe("5");
  });

  it("S6: the townships' ratings (out of 100) are part of the department's score", () => {
    expect(scoreOf(department(year, "XFJY").indicators, "D-RATE")).toBe("8.5");
    expect(department(year, "MZJ").indicators.find((r) => r.indicator.code === "D-RATE")?.applicable).toBe(
      false,
    );
  });
});

// Property tests: records drawn over the demo county's townships, items and year.
const townships = dataset.townships.map((t) => t.code);
const itemCodes = dataset.items.map((i) => i.code);
const recordArb = fc
  .record({
    indicator: fc.constantFrom("T-MS", "T-CJ", "T-ZR", "T-PA"),
    township: fc.constantFrom(...townships),
    item: fc.option(fc.constantFrom(...itemCodes), { nil: null, freq: 8 }),
    day: fc.integer({ min: 0, max: 364 }),
    a: fc.integer({ min: 0, max: 200 }),
    b: fc.integer({ min: 1, max: 100 }),
    passed: fc.boolean(),
  })
  .map(({ indicator, township, item, day, a, b, passed }): PerformanceRecord => {
    const date = addDays(isoDate("2025-01-01"), day);
    const value: RecordValue =
      indicator === "T-MS"
        ? ratio(String(a), String(b))
        : indicator === "T-CJ"
          ? events(a % 7)
          : indicator === "T-ZR"
            ? { kind: "PASS_FAIL", passed }
            : { kind: "GRADED", score: (a / 20).toFixed(2) };
    return rec(indicator, township, item, date, value);
  });

const townshipScores = (year: ScoredYear) =>
  year.townships.map((t) => [t.townshipCode, t.core.score.toString(), t.collaborative.score.toString()]);

describe("scoring properties", () => {
  it("S7: adding a record about an off-list matter or an item reclaimed by then never changes a township's score", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 25 }), recordArb, (records, extra) => {
        const base = scoreAssessment(plan, dataset, { ...none, performance: records });
        const offList = { ...extra, id: "X-OFF", itemCode: null, matter: "清单外事项" };
        const reclaimed = {
          ...extra,
          id: "X-REC",
          townshipCode: "QX-CG",
          subject: { kind: "TOWNSHIP" as const, code: "QX-CG" },
          itemCode: "ZR-002",
        };
        for (const added of [offList, reclaimed]) {
          const next = scoreAssessment(plan, dataset, { ...none, performance: [...records, added] });
          expect(townshipScores(next)).toEqual(townshipScores(base));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("S8: every indicator score stays within [0, points]", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), (records) => {
        for (const t of scoreAssessment(plan, dataset, { ...none, performance: records }).townships) {
          for (const r of t.indicators) {
            expect(r.score.greaterThanOrEqualTo(0) && r.score.lessThanOrEqualTo(r.points)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("S2–S8: results do not depend on the order of the records", () => {
    fc.assert(
      fc.property(
        fc
          .array(recordArb, { maxLength: 30 })
          .chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        ([records, shuffled]) => {
          const a = scoreAssessment(plan, dataset, { ...none, performance: records });
          const b = scoreAssessment(plan, dataset, { ...none, performance: shuffled });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("S8: a ratio score never falls when the achieved value rises", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 400 }),
        (a, rise, target) => {
          const at = (achieved: number) =>
            township(
              scoreAssessment(plan, dataset, {
                ...none,
                performance: [
                  rec("T-MS", "QX-TY", "MS-001", "2025-03-01", ratio(String(achieved), String(target))),
                ],
              }),
              "QX-TY",
            ).core.score;
          expect(at(a + rise).greaterThanOrEqualTo(at(a))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
