import { describe, expect, it } from "vitest";
import { demoAssessmentPlan, demoCounty, generateRecords } from "../testing/index.ts";
import { assess, describeIndicatorResult } from "./assessment-report.ts";

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 7 });
const report = assess(plan, dataset, records);

describe("the presented assessment", () => {
  it("S9: townships are ranked by their exact total, highest first, with a grade and its reason", () => {
    const totals = report.townships.map((t) => t.assessment.total);
    for (let i = 1; i < totals.length; i++)
      expect(totals[i - 1]?.greaterThanOrEqualTo(totals[i] ?? 0)).toBe(true);
    expect(report.townships.map((t) => t.rank)[0]).toBe(1);
    for (const t of report.townships) {
      expect(t.gradeReason).toContain(t.grade);
      expect(["优秀", "良好", "合格", "不合格"]).toContain(t.grade);
    }
  });

  it("S2/S3/S7: each township's summary states its core and collaborative scores, rank and excluded records", () => {
    const cg = report.townships.find((t) => t.assessment.townshipCode === "QX-CG");
    expect(cg?.summary).toMatch(
      /^城关镇:核心得分\d+\.\d{2}\(基本履职事项,满分70\.00.*协同得分\d+\.\d{2}\(配合履职事项,满分30\.00/,
    );
    expect(cg?.summary).toContain(`排名第${cg?.rank}/5`);
    // CJ-001 was reclaimed from 城关镇 on 1 July: its later records are excluded and counted in the summary
    expect(cg?.assessment.excluded.some((e) => e.reason === "RECLAIMED_BY_THEN")).toBe(true);
    expect(cg?.summary).toMatch(/已收回事项\d+条/);
  });

  it("S4–S6: each department's summary lists its applicable indicators", () => {
    const lyj = report.departments.find((d) => d.assessment.departmentCode === "LYJ");
    expect(lyj?.summary).toMatch(/^县林业局:得分\d+\.\d{2}\(/);
    expect(lyj?.summary).toContain("乡镇对部门评价");
  });

  it("explains an indicator down to its computation and the items it was judged on, with their basis", () => {
    const cg = report.townships.find((t) => t.assessment.townshipCode === "QX-CG");
    const ms = cg?.assessment.indicators.find((r) => r.records.some((x) => x.entry.itemCode === "MS-001"));
    if (ms === undefined) throw new Error("fixture: no MS-001 indicator result");
    const line = describeIndicatorResult(ms);
    expect(line).toContain(`${ms.indicator.code}「${ms.indicator.name}」`);
    expect(line).toContain(
      "MS-001「最低生活保障申请受理和审核」(基本履职事项,自2025-01-01起;《社会救助暂行办法》第十一条)",
    );
  });
});
