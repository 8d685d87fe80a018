import { describe, expect, it } from "vitest";
import type { IsoDate } from "../base/calendar-date.ts";
import { buildDirectory } from "../county/county-dataset.ts";
import { demoAssessmentPlan, demoCounty } from "../testing/index.ts";
import {
  checkDepartmentRating,
  checkGuaranteeDelivery,
  checkPushDownReport,
  checkUnattendedReport,
  checkWhistleRequest,
} from "./execution-record-checks.ts";
import type { DepartmentRating, WhistleRequest } from "./performance-record.ts";
import {
  checkPerformanceRecord,
  checkValueFields,
  type PerformanceCheckContext,
  type PerformanceRecordDraft,
  recordValueOf,
} from "./performance-record-checks.ts";
import { type RecordProblem, repeatedRecordIds } from "./record-checks.ts";

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const context: PerformanceCheckContext = {
  countyCode: "QX",
  directory: buildDirectory(dataset),
  planFor: (year) =>
    year === plan.year
      ? { title: plan.title, indicators: new Map(plan.indicators.map((i) => [i.code, i])) }
      : null,
};

/** 城关镇's basic item MS-001 on T02-1 (民生服务基本事项, ratio): a record with nothing wrong. */
const record: PerformanceRecordDraft = {
  id: "R1",
  countyCode: "QX",
  indicatorCode: "T02-1",
  subject: { kind: "TOWNSHIP", code: "QX-CG" },
  townshipCode: "QX-CG",
  itemCode: "MS-001",
  matter: null,
  date: "2025-05-20" as IsoDate,
  valueKind: "RATIO",
  given: new Set(["achieved", "target"]),
  achieved: "45",
  target: "50",
};

/** Code, field and rule of each problem: what a caller positions and shows. */
const cite = (problems: readonly RecordProblem[]) => problems.map((p) => [p.code, p.field, p.ruleId]);

describe("performance records (考核记录)", () => {
  it("a record on a listed item of its township, in its indicator's method, has no problem", () => {
    expect(checkPerformanceRecord(record, context)).toEqual([]);
    expect(recordValueOf("RATIO", record)).toEqual({ kind: "RATIO", achieved: "45", target: "50" });
  });

  it("names unknown townships, departments and catalogue items with the code not found", () => {
    const problems = checkPerformanceRecord(
      {
        ...record,
        indicatorCode: "D01-1",
        subject: { kind: "DEPARTMENT", code: "NOPE" },
        townshipCode: "QX-NOPE",
        itemCode: "ZZ-999",
      },
      context,
    );
    expect(cite(problems)).toEqual([
      ["UNKNOWN_DEPARTMENT", "subject", null],
      ["UNKNOWN_TOWNSHIP", "townshipCode", null],
      ["UNKNOWN_ITEM", "itemCode", null],
    ]);
    expect(problems.map((p) => p.reference)).toEqual([
      { kind: "DEPARTMENT", code: "NOPE" },
      { kind: "TOWNSHIP", code: "QX-NOPE" },
      { kind: "ITEM", code: "ZZ-999" },
    ]);
    expect(problems[1]?.message).toBe("QX 没有乡镇(街道) QX-NOPE");
    expect(problems[2]?.message).toContain("清单外事项不填事项编码");
  });

  it("names an indicator its year's plan does not have, and a year without a plan", () => {
    const unknown = checkPerformanceRecord({ ...record, indicatorCode: "T09-9" }, context);
    expect(cite(unknown)).toEqual([["UNKNOWN_INDICATOR", "indicatorCode", null]]);
    expect(unknown[0]?.message).toBe(`${plan.title}中没有二级指标 T09-9`);
    const noPlan = checkPerformanceRecord({ ...record, date: "2026-03-01" as IsoDate }, context);
    expect(cite(noPlan)).toEqual([["NO_PLAN", "date", null]]);
    expect(noPlan[0]?.message).toContain("2026 年度考核方案");
  });

  it("leaves an indicator that exists but could not be read to where it is reported", () => {
    const unreadable: PerformanceCheckContext = {
      ...context,
      planFor: () => ({ title: "考核方案", indicators: new Map(), unreadable: new Set(["T02-1"]) }),
    };
    expect(checkPerformanceRecord(record, unreadable)).toEqual([]);
  });

  it("S1: a department is not a subject of a township indicator", () => {
    const problems = checkPerformanceRecord(
      { ...record, subject: { kind: "DEPARTMENT", code: "MZJ" } },
      context,
    );
    expect(cite(problems)).toEqual([["SUBJECT_MISMATCH", "subject", "S1"]]);
    expect(problems[0]?.message).toContain("指标 T02-1 考核乡镇(街道)");
  });

  it("S7: a township's record is judged against its own lists, not another township's", () => {
    const problems = checkPerformanceRecord({ ...record, townshipCode: "QX-BS" }, context);
    expect(cite(problems)).toEqual([["TOWNSHIP_MISMATCH", "townshipCode", "S7"]]);
  });

  it("S7: a record about an off-list matter is kept, but must say what the matter is", () => {
    const offList = { ...record, itemCode: null, matter: "协助外单位清理违章广告牌" };
    expect(checkPerformanceRecord(offList, context)).toEqual([]);
    const blank = checkPerformanceRecord({ ...offList, matter: "  " }, context);
    expect(cite(blank)).toEqual([["TEXT_REQUIRED", "matter", "S7"]]);
    expect(cite(checkPerformanceRecord({ ...offList, matter: null }, context))).toEqual([
      ["TEXT_REQUIRED", "matter", "S7"],
    ]);
  });

  it("S8: the value is of the kind of its indicator's scoring method", () => {
    const problems = checkPerformanceRecord(
      { ...record, valueKind: "GRADED", given: new Set(["score"]), score: "8" },
      context,
    );
    expect(cite(problems)).toEqual([["VALUE_MISMATCH", "valueKind", "S8"]]);
    expect(problems[0]?.message).toBe("指标 T02-1 的计分方法为“按比例”,记录值却是“评分”");
  });

  it("S8: the fields of the method are given and the others left out", () => {
    const problems = checkValueFields("RATIO", new Set(["achieved", "events"]));
    expect(cite(problems)).toEqual([
      ["VALUE_MISSING", "target", "S8"],
      ["VALUE_NOT_EXPECTED", "events", "S8"],
    ]);
    expect(problems[0]?.message).toBe("计分方法为“按比例”的记录须给出目标值(target):大于 0 的数");
    expect(problems[1]?.message).toBe(
      "计分方法为“按比例”的记录只带完成值(achieved)、目标值(target),不带扣分次数(events)",
    );
    expect(recordValueOf("RATIO", { achieved: "1" })).toBeNull();
  });

  it("S8: amounts are not negative, a target is above 0, and each fits the stored column", () => {
    const ratio = (achieved: string, target: string) =>
      checkPerformanceRecord({ ...record, achieved, target }, context);
    expect(cite(ratio("-1", "0"))).toEqual([
      ["OUT_OF_RANGE", "achieved", "S8"],
      ["OUT_OF_RANGE", "target", "S8"],
    ]);
    expect(ratio("-1", "0").map((p) => p.message)).toEqual(["完成值不能为负数(-1)", "目标值须大于 0(0)"]);
    expect(ratio("0", "1").length).toBe(0);
    const precise = ratio("1.1234567", "123456789012345");
    expect(cite(precise)).toEqual([
      ["TOO_PRECISE", "achieved", "S8"],
      ["TOO_PRECISE", "target", "S8"],
    ]);
    expect(precise.map((p) => p.message)).toEqual([
      "完成值最多 6 位小数(1.1234567)",
      "目标值超出可存储的范围(123456789012345)",
    ]);
    const tight = {
      ...context,
      columns: { value: { places: 2, digits: 4 }, ratingScore: { places: 0, digits: 3 } },
    };
    expect(cite(checkPerformanceRecord({ ...record, achieved: "0.125" }, tight))).toEqual([
      ["TOO_PRECISE", "achieved", "S8"],
    ]);
  });

  it("S8: a graded score is not negative and deduction events are a whole number from 0", () => {
    const graded = { ...record, indicatorCode: "T01-1", itemCode: "DJ-001", valueKind: "GRADED" as const };
    expect(
      cite(checkPerformanceRecord({ ...graded, given: new Set(["score"]), score: "-5" }, context)),
    ).toEqual([["OUT_OF_RANGE", "score", "S8"]]);
    const deduction = {
      ...record,
      indicatorCode: "T04-2",
      itemCode: "CJ-001",
      valueKind: "DEDUCTION" as const,
    };
    const events = checkPerformanceRecord({ ...deduction, given: new Set(["events"]), events: -1 }, context);
    expect(cite(events)).toEqual([["OUT_OF_RANGE", "events", "S8"]]);
    expect(events[0]?.message).toBe("扣分次数须为不小于 0 的整数(-1)");
  });

  it("skips the checks of fields the caller could not read (it reported them)", () => {
    const unread: PerformanceRecordDraft = { given: new Set(), valueKind: undefined, date: undefined };
    expect(checkPerformanceRecord(unread, context)).toEqual([]);
  });
});

describe("list execution records (S5)", () => {
  const whistle: WhistleRequest = {
    id: "W1",
    countyCode: "QX",
    townshipCode: "QX-SM",
    departmentCode: "XFJY",
    itemCode: "PA-002",
    raisedOn: "2025-06-10" as IsoDate,
    timeLimitDays: 3,
    answeredOn: "2025-06-12" as IsoDate,
  };

  it("H2: a whistle has a time limit from 0 days and is not answered before it was raised", () => {
    expect(checkWhistleRequest(whistle, context)).toEqual([]);
    expect(
      checkWhistleRequest({ ...whistle, answeredOn: whistle.raisedOn, timeLimitDays: 0 }, context),
    ).toEqual([]);
    const problems = checkWhistleRequest(
      { ...whistle, timeLimitDays: -1, answeredOn: "2025-06-09" as IsoDate },
      context,
    );
    expect(cite(problems)).toEqual([
      ["OUT_OF_RANGE", "timeLimitDays", "H2"],
      ["DATE_ORDER", "answeredOn", "H2"],
    ]);
    expect(problems[1]?.message).toBe("报到不能早于吹哨(2025-06-09 早于 2025-06-10)");
  });

  it("a whistle, guarantee or unattended report names a known township, department and item", () => {
    const unknown = { townshipCode: "QX-NOPE", departmentCode: "NOPE", itemCode: "ZZ-999" };
    const expected = [
      ["UNKNOWN_TOWNSHIP", "townshipCode", null],
      ["UNKNOWN_DEPARTMENT", "departmentCode", null],
      ["UNKNOWN_ITEM", "itemCode", null],
    ];
    expect(cite(checkWhistleRequest({ ...whistle, ...unknown }, context))).toEqual(expected);
    const delivery = {
      id: "G1",
      countyCode: "QX",
      kind: "TRAINING" as const,
      dueBy: "2025-06-30" as IsoDate,
    };
    expect(cite(checkGuaranteeDelivery({ ...delivery, deliveredOn: null, ...unknown }, context))).toEqual(
      expected,
    );
    expect(
      cite(checkUnattendedReport({ id: "U1", date: "2025-04-01" as IsoDate, ...unknown }, context)),
    ).toEqual(expected);
  });

  it("S5: a push-down report says in words what was pushed down", () => {
    const report = { id: "P1", departmentCode: "ZJJ", townshipCode: "QX-TY", date: "2025-10-09" as IsoDate };
    expect(checkPushDownReport({ ...report, matter: "建筑工地扬尘污染执法检查" }, context)).toEqual([]);
    const problems = checkPushDownReport({ ...report, matter: " " }, context);
    expect(cite(problems)).toEqual([["TEXT_REQUIRED", "matter", "S5"]]);
    expect(problems[0]?.message).toBe("须写明转嫁的事项");
  });
});

describe("two-way ratings (双向评价)", () => {
  const rating: DepartmentRating = {
    id: "RT1",
    countyCode: "QX",
    year: 2025,
    townshipCode: "QX-CG",
    departmentCode: "MZJ",
    score: "88.5",
  };

  it("S6: a township rates a known department from 0 to 100, within the column's places", () => {
    expect(checkDepartmentRating(rating, context)).toEqual([]);
    expect(checkDepartmentRating({ ...rating, score: "100" }, context)).toEqual([]);
    const problems = [
      ...checkDepartmentRating({ ...rating, score: "120" }, context),
      ...checkDepartmentRating({ ...rating, score: "-1" }, context),
      ...checkDepartmentRating({ ...rating, score: "90.12345" }, context),
      ...checkDepartmentRating({ ...rating, departmentCode: "NOPE", year: 0 }, context),
    ];
    expect(cite(problems)).toEqual([
      ["OUT_OF_RANGE", "score", "S6"],
      ["OUT_OF_RANGE", "score", "S6"],
      ["TOO_PRECISE", "score", "S6"],
      ["OUT_OF_RANGE", "year", null],
      ["UNKNOWN_DEPARTMENT", "departmentCode", null],
    ]);
    expect(problems.slice(0, 3).map((p) => p.message)).toEqual([
      "评分不能大于 100(120)",
      "评分不能为负数(-1)",
      "评分最多 4 位小数(90.12345)",
    ]);
  });
});

describe("ids in a batch", () => {
  it("names each later record that repeats an earlier id, and where the first one is", () => {
    const repeated = repeatedRecordIds(["R1", "R2", null, "R1", "R2", "R1"], (i) => `records[${i}]`);
    expect(repeated.map((r) => [r.index, r.earlier, r.problem.code, r.problem.field])).toEqual([
      [3, 0, "DUPLICATE_ID", "id"],
      [4, 1, "DUPLICATE_ID", "id"],
      [5, 0, "DUPLICATE_ID", "id"],
    ]);
    expect(repeated[0]?.problem.message).toBe("记录编号 R1 已用于records[0]:记录编号须唯一");
    expect(repeatedRecordIds(["R1", "R2"], String)).toEqual([]);
  });
});
