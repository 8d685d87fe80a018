import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { DEMO_CASES, demoCounty } from "../testing/index.ts";
import type { AssessmentPlan } from "./assessment-plan.ts";
import type { AssessmentRecords } from "./performance-record.ts";
import { whatIf } from "./what-if.ts";

const dataset = demoCounty();

const plan: AssessmentPlan = {
  id: "P",
  countyCode: "QX",
  year: 2025,
  title: "测试",
  firstLevel: [
    { code: "F", name: "乡镇", subject: "TOWNSHIP" },
    { code: "G", name: "部门", subject: "DEPARTMENT" },
  ],
  indicators: [
    {
      code: "T-ZR",
      parentCode: "F",
      name: "耕地保护",
      subject: "TOWNSHIP",
      track: "CORE",
      points: "10",
      method: { kind: "RATIO" },
      binding: { kind: "ITEMS", itemCodes: ["ZR-001"] },
    },
    {
      code: "T-MS",
      parentCode: "F",
      name: "低保",
      subject: "TOWNSHIP",
      track: "CORE",
      points: "10",
      method: { kind: "RATIO" },
      binding: { kind: "ITEMS", itemCodes: ["MS-001"] },
    },
    {
      code: "D-REC",
      parentCode: "G",
      name: "收回事项",
      subject: "DEPARTMENT",
      track: null,
      points: "10",
      method: { kind: "RATIO" },
      binding: { kind: "SELECTOR", listType: "RECLAIMED", category: null },
    },
  ],
};

const records: AssessmentRecords = {
  performance: [
    {
      id: "R1",
      countyCode: "QX",
      indicatorCode: "T-ZR",
      subject: { kind: "TOWNSHIP", code: "QX-TY" },
      townshipCode: "QX-TY",
      itemCode: "ZR-001",
      matter: null,
      date: isoDate("2025-03-01"),
      value: { kind: "RATIO", achieved: "10", target: "10" },
    },
    {
      id: "R2",
      countyCode: "QX",
      indicatorCode: "T-ZR",
      subject: { kind: "TOWNSHIP", code: "QX-TY" },
      townshipCode: "QX-TY",
      itemCode: "ZR-001",
      matter: null,
      date: isoDate("2025-09-01"),
      value: { kind: "RATIO", achieved: "0", target: "10" },
    },
    {
      id: "R3",
      countyCode: "QX",
      indicatorCode: "T-MS",
      subject: { kind: "TOWNSHIP", code: "QX-TY" },
      townshipCode: "QX-TY",
      itemCode: "MS-001",
      matter: null,
      date: isoDate("2025-09-01"),
      value: { kind: "RATIO", achieved: "8", target: "10" },
    },
  ],
  whistles: [],
  guarantees: [],
  pushDowns: [],
  unattended: [],
  ratings: [],
};

describe("what-if: a hypothetical adjustment scored without touching stored data", () => {
  const scenario = {
    description: "7月1日起将桃源镇耕地保护日常巡查收回县自然资源局",
    effectiveFrom: isoDate("2025-07-01"),
    changes: [
      {
        kind: "RECLASSIFY" as const,
        townshipCode: "QX-TY",
        itemCode: "ZR-001",
        terms: { type: "RECLAIMED" as const, receivingDepartment: "ZRZYJ", wayOfWorking: "发现问题及时报告" },
      },
    ],
  };
  const failures = [
    {
      townshipCode: "QX-TY",
      date: isoDate("2025-08-01"),
      subject: { kind: "ITEM" as const, itemCode: "ZR-001" },
      findings: { townshipAtFault: true },
    },
    {
      townshipCode: "QX-TY",
      date: isoDate("2025-05-01"),
      subject: { kind: "ITEM" as const, itemCode: "ZR-001" },
      findings: { townshipAtFault: true },
    },
    ...DEMO_CASES.map((c) => c.failure),
  ];

  it("S7: reclaiming an item from 1 July drops the township's later records about it and reports the difference", () => {
    const result = whatIf(plan, dataset, records, scenario, failures);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
    const ty = result.value.townships.find((t) => t.townshipCode === "QX-TY");
    // before: ZR 10 × 10/20 = 5, MS 8 → 13; after: ZR 10 × 10/10 = 10 (September record excluded), MS 8 → 18
    expect([ty?.core.before.toString(), ty?.core.after.toString(), ty?.core.delta.toString()]).toEqual([
      "13",
      "18",
      "5",
    ]);
    expect(
      result.value.after.townships
        .find((t) => t.townshipCode === "QX-TY")
        ?.excluded.map((e) => [e.record.id, e.reason]),
    ).toEqual([["R2", "RECLAIMED_BY_THEN"]]);
    expect(result.value.townships.filter((t) => !t.total.delta.isZero()).map((t) => t.townshipCode)).toEqual([
      "QX-TY",
    ]);
    // The route the real change would take: it takes a duty away — dynamic, county approval only.
    expect(result.value.route.route).toBe("DYNAMIC");
  });

  it("A9: only the determination dated after the hypothetical change is reported as changed", () => {
    const result = whatIf(plan, dataset, records, scenario, failures);
    if (!result.ok) throw new Error("what-if refused");
    expect(
      result.value.changedDeterminations.map((c) => [c.failure.date, c.before.listType, c.after.listType]),
    ).toEqual([["2025-08-01", "BASIC", "RECLAIMED"]]);
    const after = result.value.changedDeterminations[0]?.after;
    expect(after?.parties.map((p) => `${p.party.code} ${p.role}`)).toEqual(["QX-TY NONE", "ZRZYJ PRIMARY"]);
  });

  it("never touches the stored dataset, and refuses a change that could not be published", () => {
    const entries = dataset.entries.length;
    whatIf(plan, dataset, records, scenario, failures);
    expect(dataset.entries).toHaveLength(entries);
    expect(dataset.adjustments.map((a) => a.id)).not.toContain("WHAT-IF");
    const refused = whatIf(plan, dataset, records, {
      ...scenario,
      changes: [{ kind: "REMOVE", townshipCode: "QX-QX", itemCode: "ZR-001" }],
    });
    expect(refused.ok ? [] : refused.errors.map((e) => e._tag)).toEqual(["CHANGE_CONFLICT"]);
  });
});
