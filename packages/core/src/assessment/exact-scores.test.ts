import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { roundForPresentation } from "../base/exact-decimal.ts";
import { demoCounty } from "../testing/index.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { assess } from "./assessment-report.ts";
import type { AssessmentRecords, PerformanceRecord } from "./performance-record.ts";

// S8 (corrected): "Arithmetic is exact (three thirds of 10 points are exactly 10: rational where a
// division does not terminate); rounding happens once, at presentation, half-up to 2 places."
// S9 (corrected): "ties share a rank: 1, 2, 2, 4; totals that are published equal are tied".

const dataset = demoCounty();

const share = (code: string): Indicator => ({
  code,
  parentCode: "F-T",
  name: code,
  subject: "TOWNSHIP",
  track: "CORE",
  points: "10",
  method: { kind: "RATIO" },
  binding: { kind: "ITEMS", itemCodes: ["MS-001"] },
});

const plan: AssessmentPlan = {
  id: "P-EXACT",
  countyCode: "QX",
  year: 2025,
  title: "精确计分",
  firstLevel: [{ code: "F-T", name: "乡镇履职", subject: "TOWNSHIP" }],
  indicators: [share("T-1"), share("T-2"), share("T-3")],
};

let counter = 0;
function record(
  indicatorCode: string,
  township: string,
  achieved: string,
  target: string,
): PerformanceRecord {
  counter++;
  return {
    id: `R-${String(counter).padStart(3, "0")}`,
    countyCode: "QX",
    indicatorCode,
    subject: { kind: "TOWNSHIP", code: township },
    townshipCode: township,
    itemCode: "MS-001",
    matter: null,
    date: isoDate("2025-05-01"),
    value: { kind: "RATIO", achieved, target },
  };
}

const records: AssessmentRecords = {
  // QX-CG: a third of each of three 10-point indicators, 10/3 each. QX-QX: all of one, none of two.
  performance: [
    record("T-1", "QX-CG", "1", "3"),
    record("T-2", "QX-CG", "1", "3"),
    record("T-3", "QX-CG", "1", "3"),
    record("T-1", "QX-QX", "3", "3"),
    record("T-2", "QX-QX", "0", "3"),
    record("T-3", "QX-QX", "0", "3"),
  ],
  whistles: [],
  guarantees: [],
  pushDowns: [],
  unattended: [],
  ratings: [],
};

describe("S8/S9 exact scores", () => {
  const report = assess(plan, dataset, records);
  const of = (code: string) => {
    const found = report.townships.find((t) => t.assessment.townshipCode === code);
    if (found === undefined) throw new Error(code);
    return found;
  };

  it("S8: three shares of 10/3 points are exactly 10, rounded only when presented", () => {
    const cg = of("QX-CG").assessment;
    expect(cg.indicators.map((r) => roundForPresentation(r.score))).toEqual(["3.33", "3.33", "3.33"]);
    expect(cg.indicators.map((r) => r.working)).toEqual([
      "10.00 × 1/3 = 3.33",
      "10.00 × 1/3 = 3.33",
      "10.00 × 1/3 = 3.33",
    ]);
    expect(cg.core.score.equals(10)).toBe(true);
    expect(cg.total.toString()).toBe("10");
    expect(roundForPresentation(cg.total)).toBe("10.00");
  });

  it("S9: the shares tie with an exact 10 — both are published 10.00 and share rank 1", () => {
    const cg = of("QX-CG");
    const qx = of("QX-QX");
    expect(roundForPresentation(qx.assessment.total)).toBe("10.00");
    expect([cg.rank, qx.rank]).toEqual([1, 1]);
    expect(cg.grade).toBe(qx.grade);
    expect(cg.summary).toContain("合计10.00,排名第1/");
    expect(qx.summary).toContain("合计10.00,排名第1/");
  });
});
