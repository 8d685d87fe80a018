import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { exact, roundForPresentation } from "../base/exact-decimal.ts";
import { buildListReport } from "../lists/list-report.ts";
import { demoAssessmentPlan, demoCounty, generateRecords } from "../testing/index.ts";
import { assess } from "./assessment-report.ts";
import {
  type CountyPolicy,
  countyPolicyOf,
  DEFAULT_COUNTY_POLICY,
  describeCountyPolicy,
  validateCountyPolicy,
} from "./county-policy.ts";
import { DEFAULT_GRADING, gradeRanked, type QuotaGrading } from "./grading.ts";
import { rankByScore } from "./ranking.ts";

// Issue 14, item 10: defaults the seeds never state are county policy, labelled as policy, not
// rules. S8: "rounding … half-up to 2 places (configurable)"; S9: "… by quota (e.g. at most 30 %
// 优秀; configurable)"; L6: "closely resembles" (no figure).

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 2025 });

describe("county policy (政策设定,非规则)", () => {
  it("Policy: the defaults are the engine's former built-in choices, each listed with its value", () => {
    expect(DEFAULT_COUNTY_POLICY).toEqual({
      notApplicable: "PRORATE",
      townshipGrading: DEFAULT_GRADING,
      departmentGrading: DEFAULT_GRADING,
      quotaTies: "NONE",
      resemblanceThreshold: "0.6",
      rounding: { places: 2, mode: "HALF_UP" },
    });
    expect(describeCountyPolicy(DEFAULT_COUNTY_POLICY).map((s) => [s.key, s.name, s.value])).toEqual([
      ["notApplicable", "不适用指标的计分", "按比例折算(PRORATE)"],
      ["townshipGrading", "乡镇等次评定", "优秀不超过30%且≥90;良好≥80、合格≥60,其余不合格"],
      ["departmentGrading", "部门等次评定", "优秀不超过30%且≥90;良好≥80、合格≥60,其余不合格"],
      ["quotaTies", "名额线上的并列", "不拆分,并列者均不评最高等次(NONE)"],
      ["resemblanceThreshold", "相似事项提示阈值", "0.6"],
      ["rounding", "公布分数的舍入", "四舍五入,保留2位小数(HALF_UP)"],
    ]);
    // Without a policy, assess applies the defaults.
    const plain = assess(plan, dataset, records);
    const withDefaults = assess(plan, dataset, records, { policy: DEFAULT_COUNTY_POLICY });
    expect(withDefaults.townships.map((t) => t.summary)).toEqual(plain.townships.map((t) => t.summary));
    expect(countyPolicyOf({})).toEqual(DEFAULT_COUNTY_POLICY);
  });

  it("Policy (S9): a tie at the quota's cut gets the top grade nowhere by default, everywhere with quotaTies ALL", () => {
    const rows = ["98", "95", "93", "93", "70", "70", "70", "70", "70", "70"].map((s, i) => ({
      subject: `T${i}`,
      score: exact(s),
    }));
    const ranked = rankByScore(rows, (s) => s);
    const quota: QuotaGrading = {
      ...DEFAULT_GRADING,
      top: { grade: "优秀", maxShare: "0.3", minScore: null },
    };
    const none = gradeRanked(ranked, quota);
    const all = gradeRanked(ranked, quota, { quotaTies: "ALL" });
    expect(none.filter((g) => g.grade === "优秀").map((g) => g.subject)).toEqual(["T0", "T1"]);
    expect(all.filter((g) => g.grade === "优秀").map((g) => g.subject)).toEqual(["T0", "T1", "T2", "T3"]);
    expect(all[2]?.reason).toBe(
      "排名第3/10,与另1名并列跨优秀名额(前30.00%,共3名)线,按政策并列者均评优秀,评为优秀",
    );
  });

  it("Policy (S8): inapplicable indicators prorated or left out, and the published rounding, come from the county's policy", () => {
    const exclude: CountyPolicy = { ...DEFAULT_COUNTY_POLICY, notApplicable: "EXCLUDE" };
    const prorated = assess(plan, dataset, records).scored;
    const excluded = assess(plan, dataset, records, { policy: exclude }).scored;
    const changed = prorated.townships.filter(
      (t, i) => !t.total.equals(excluded.townships[i]?.total ?? t.total),
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const t of changed)
      expect(
        t.core.applicablePoints.lt(t.core.planPoints) ||
          t.collaborative.applicablePoints.lt(t.collaborative.planPoints),
      ).toBe(true);

    const onePlace: CountyPolicy = { ...DEFAULT_COUNTY_POLICY, rounding: { places: 1, mode: "HALF_UP" } };
    const report = assess(plan, dataset, records, { policy: onePlace });
    const first = report.townships[0];
    expect(first?.summary).toContain(
      `合计${roundForPresentation(first?.assessment.total ?? exact("0"), onePlace.rounding)},`,
    );
    expect(roundForPresentation(first?.assessment.total ?? exact("0"), onePlace.rounding)).toMatch(
      /^\d+\.\d$/,
    );
  });

  it("Policy (L6): the resemblance threshold is the county's", () => {
    const date = isoDate("2025-12-31");
    expect(buildListReport(dataset, date).resemblances).toHaveLength(1);
    const strict = Number(countyPolicyOf({ resemblanceThreshold: "0.99" }).resemblanceThreshold);
    expect(buildListReport(dataset, date, { resemblanceThreshold: strict }).resemblances).toEqual([]);
  });

  it("Policy: a county's settings are checked, each error naming its field", () => {
    expect(validateCountyPolicy(DEFAULT_COUNTY_POLICY).ok).toBe(true);
    const bad: CountyPolicy = {
      ...DEFAULT_COUNTY_POLICY,
      resemblanceThreshold: "1.5",
      rounding: { places: 9, mode: "HALF_UP" },
      townshipGrading: { kind: "SAME", grade: " " },
    };
    const checked = validateCountyPolicy(bad);
    expect(checked.ok ? [] : checked.errors.map((e) => e.field)).toEqual([
      "townshipGrading.grade",
      "resemblanceThreshold",
      "rounding.places",
    ]);
  });
});
