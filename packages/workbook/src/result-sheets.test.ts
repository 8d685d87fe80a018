import {
  assess,
  type Determination,
  describeIndicatorResult,
  determineResponsibility,
  EXCLUSION_REASON_NAMES,
  prepareDeterminations,
  ROLE_NAMES,
  roundForPresentation,
} from "@dutylist/core";
import { DEMO_CASES, demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { determinationSheet } from "./determination-sheet.ts";
import {
  assessmentResultSheets,
  departmentScoreSheet,
  RESULT_SHEET_NAMES,
  townshipScoreSheet,
} from "./result-sheets.ts";
import { scoreFacts } from "./score-facts.ts";
import type { Cell, OutputSheet } from "./sheet-table.ts";

const dataset = demoCounty();
const plan = demoAssessmentPlan();
const records = generateRecords(plan, dataset, { seed: 2025 });
const report = assess(plan, dataset, records);
const sheets = assessmentResultSheets(report, plan, dataset);
const townshipIndicators = plan.indicators.filter((i) => i.subject === "TOWNSHIP");
const departmentIndicators = plan.indicators.filter((i) => i.subject === "DEPARTMENT");

function sheetNamed(name: string): OutputSheet {
  const sheet = sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The sheet's rows as objects keyed by header, so assertions name their columns. */
function keyed(sheet: OutputSheet): Record<string, Cell>[] {
  return sheet.rows.map((row) => Object.fromEntries(sheet.header.map((h, i) => [h, row[i] ?? null])));
}

describe("assessmentResultSheets", () => {
  it("writes the ranking, the breakdowns and the excluded records, headers in Chinese", () => {
    expect(sheets.map((s) => s.name)).toEqual([
      "乡镇排名",
      "乡镇得分明细",
      "部门排名",
      "部门得分明细",
      "排除记录",
      "政策设定(非规则)",
    ]);
    // Policy: the county's settings are listed, each labelled as policy, not a rule.
    const policy = sheets.find((s) => s.name === "政策设定(非规则)");
    expect(policy?.rows.map((r) => r[0])).toEqual([
      "notApplicable",
      "townshipGrading",
      "departmentGrading",
      "quotaTies",
      "resemblanceThreshold",
      "rounding",
    ]);
    expect(policy?.rows.every((r) => String(r[3]).startsWith("政策设定,非规则"))).toBe(true);
    for (const sheet of sheets) {
      expect(sheet.header.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
      expect(sheet.rows.every((row) => row.length === sheet.header.length)).toBe(true);
    }
  });

  it("ranks one row per township in rank order, totals as the report presents them (S9, S8)", () => {
    const rows = keyed(sheetNamed(RESULT_SHEET_NAMES.townshipRanking));
    expect(rows).toHaveLength(dataset.townships.length);
    const ranks = rows.map((r) => r.名次 as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(1);
    for (const row of rows) {
      const township = report.townships.find((t) => t.assessment.townshipCode === row["乡镇(街道)编码"]);
      if (township === undefined) throw new Error(`no township ${String(row["乡镇(街道)编码"])}`);
      expect(row).toEqual({
        名次: township.rank,
        "乡镇(街道)编码": township.assessment.townshipCode,
        "乡镇(街道)": township.name,
        核心得分: roundForPresentation(township.assessment.core.score),
        协同得分: roundForPresentation(township.assessment.collaborative.score),
        总分: roundForPresentation(township.assessment.total),
        等次: township.grade,
        等次依据: township.gradeReason,
        说明: township.summary,
      });
    }
  });

  it("ranks one row per department in rank order", () => {
    const rows = keyed(sheetNamed(RESULT_SHEET_NAMES.departmentRanking));
    expect(rows.map((r) => r.部门编码)).toEqual(
      [...report.departments]
        .sort(
          (a, b) => a.rank - b.rank || (a.assessment.departmentCode < b.assessment.departmentCode ? -1 : 1),
        )
        .map((d) => d.assessment.departmentCode),
    );
    for (const row of rows) {
      const department = report.departments.find((d) => d.assessment.departmentCode === row.部门编码);
      expect(row.得分).toBe(
        department === undefined ? null : roundForPresentation(department.assessment.total),
      );
    }
  });

  it("breaks every township down by every township indicator, citing the core's computation", () => {
    const rows = keyed(sheetNamed(RESULT_SHEET_NAMES.townshipScores));
    expect(rows).toHaveLength(dataset.townships.length * townshipIndicators.length);
    const pairs = new Set(rows.map((r) => `${String(r["乡镇(街道)编码"])}/${String(r.指标编码)}`));
    expect(pairs.size).toBe(rows.length);
    for (const township of report.townships) {
      for (const result of township.assessment.indicators) {
        const row = rows.find(
          (r) =>
            r["乡镇(街道)编码"] === township.assessment.townshipCode && r.指标编码 === result.indicator.code,
        );
        expect(row).toMatchObject({
          年度: plan.year,
          "乡镇(街道)": township.name,
          一级指标编码: result.indicator.parentCode,
          二级指标: result.indicator.name,
          考核类别: result.indicator.track === "CORE" ? "核心考核" : "协同评价",
          分值: roundForPresentation(result.points),
          得分: roundForPresentation(result.score),
          精确得分: result.score.toFixed(),
          计入记录数: result.records.length,
          计算说明: describeIndicatorResult(result),
        });
      }
    }
    const heading = plan.firstLevel.find((f) => f.code === "T01");
    expect(rows.find((r) => r.一级指标编码 === "T01")?.一级指标).toBe(heading?.name);
  });

  it("breaks every department down by every department indicator", () => {
    const rows = keyed(sheetNamed(RESULT_SHEET_NAMES.departmentScores));
    expect(rows).toHaveLength(report.departments.length * departmentIndicators.length);
    expect(new Set(rows.map((r) => r.指标编码))).toEqual(new Set(departmentIndicators.map((i) => i.code)));
  });

  it("lists every excluded record with its reason and rule (S7), counted on its indicator's row", () => {
    const rows = keyed(sheetNamed(RESULT_SHEET_NAMES.excluded));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.记录编号, r.排除原因, r.规则])).toEqual(
      report.scored.excluded.map((e) => [e.record.id, EXCLUSION_REASON_NAMES[e.reason], e.ruleId]),
    );
    const breakdown = keyed(sheetNamed(RESULT_SHEET_NAMES.townshipScores));
    const counted = breakdown.reduce((n, r) => n + (r.排除记录数 as number), 0);
    const codes = new Set(townshipIndicators.map((i) => i.code));
    const onTownshipIndicators = report.townships
      .flatMap((t) => t.assessment.excluded)
      .filter((e) => codes.has(e.record.indicatorCode)).length;
    expect(counted).toBe(onTownshipIndicators);
    expect(breakdown.filter((r) => (r.排除记录数 as number) > 0).every((r) => r.排除原因 !== null)).toBe(
      true,
    );
  });
});

describe("score facts shared with the GraphQL facts connections", () => {
  it("narrow by subject, indicator and first-level indicator, in subject-code order", () => {
    const all = scoreFacts(plan, report, "TOWNSHIP");
    const codes = all.map((f) => f.subjectCode);
    expect(codes).toEqual([...codes].sort());
    const township = scoreFacts(plan, report, "TOWNSHIP", { subjectCode: "QX-CG" });
    expect(township.map((f) => f.view.result.indicator.code)).toEqual(townshipIndicators.map((i) => i.code));
    const indicator = scoreFacts(plan, report, "TOWNSHIP", { indicatorCode: "T02-1" });
    expect(indicator.map((f) => f.subjectCode)).toEqual(dataset.townships.map((t) => t.code).sort());
    const heading = scoreFacts(plan, report, "DEPARTMENT", { firstLevelCode: "D03", subjectCode: null });
    expect(heading.length).toBe(
      report.departments.length * departmentIndicators.filter((i) => i.parentCode === "D03").length,
    );
    expect(heading.every((f) => f.view.result.indicator.parentCode === "D03")).toBe(true);
    expect(scoreFacts(plan, report, "TOWNSHIP", { subjectCode: "NOPE" })).toEqual([]);
  });

  it("become sheet rows one for one", () => {
    const facts = scoreFacts(plan, report, "TOWNSHIP", { subjectCode: "QX-CG", firstLevelCode: "T05" });
    const sheet = townshipScoreSheet(facts);
    expect(sheet.rows.map((r) => [r[1], r[5]])).toEqual(
      facts.map((f) => ["QX-CG", f.view.result.indicator.code]),
    );
    expect(
      departmentScoreSheet(scoreFacts(plan, report, "DEPARTMENT", { indicatorCode: "NONE" })).rows,
    ).toEqual([]);
  });
});

describe("determinationSheet", () => {
  const context = prepareDeterminations(dataset);
  const determinations: Determination[] = DEMO_CASES.flatMap(({ failure }) => {
    const result = determineResponsibility(context, failure);
    return result.ok ? [result.value] : [];
  });
  const townshipNames = new Map(dataset.townships.map((t) => [t.code, t.name]));

  it("writes one row per party of each determination, with role, rules, version and basis", () => {
    expect(determinations).toHaveLength(DEMO_CASES.length);
    const sheet = determinationSheet(determinations, { townshipNames });
    expect(sheet.name).toBe("责任认定");
    const rows = keyed(sheet);
    expect(rows).toHaveLength(determinations.reduce((n, d) => n + d.parties.length, 0));
    const expected = determinations.flatMap((d) =>
      d.parties.map((p) => ({
        认定编号: d.decisionId,
        发生日期: d.failure.date,
        "乡镇(街道)": townshipNames.get(d.failure.townshipCode),
        当事方编码: p.party.code,
        当事方: p.party.name,
        责任: ROLE_NAMES[p.role],
        规则: p.ruleIds.join("、"),
        不担责理由: p.reason,
        说明: p.explanation,
      })),
    );
    expect(rows).toEqual(expected.map((e) => expect.objectContaining(e)));
    // 配合履职事项 PA-002, training not delivered: the township SECONDARY under A2 and A10, citing its basis.
    const cooperative = rows.find(
      (r) => r.事项编码 === "PA-002" && r.当事方类型 === "乡镇(街道)" && r.清单类型 === "配合履职事项",
    );
    expect(cooperative).toMatchObject({ 责任: "次要责任", 规则: "A2、A10" });
    expect(String(cooperative?.依据)).toMatch(/《/);
    expect(String(cooperative?.清单版本)).toMatch(/^第\d+版/);
    // An off-list matter pushed down without registration (A4): the department PRIMARY, reported.
    const offList = rows.find((r) => r["乡镇(街道)编码"] === "QX-TY" && r.当事方编码 === "ZJJ");
    expect(offList).toMatchObject({
      清单类型: "清单外事项",
      责任: "主要责任",
      规则: "A4",
      事项编码: null,
      依据: null,
    });
    expect(offList?.事项说明).toBe("建筑工地扬尘污染执法检查");
    expect(String(offList?.发现的违规)).toContain("规则A4");
  });

  it("narrows by township, role and party like determinationFacts", () => {
    const primary = keyed(determinationSheet(determinations, { role: "PRIMARY" }));
    expect(primary.length).toBe(
      determinations.flatMap((d) => d.parties).filter((p) => p.role === "PRIMARY").length,
    );
    expect(primary.every((r) => r.责任 === "主要责任")).toBe(true);
    const taoyuan = keyed(determinationSheet(determinations, { townshipCode: "QX-TY", partyCode: "QX-TY" }));
    // 桃源镇's two demo cases: the off-list push-down (A4) and the task past its planned end (A5).
    expect(taoyuan.map((r) => [r["乡镇(街道)编码"], r.当事方编码, r.责任])).toEqual([
      ["QX-TY", "QX-TY", "不承担责任"],
      ["QX-TY", "QX-TY", "不承担责任"],
    ]);
    expect(determinationSheet(determinations, { partyCode: "NOPE" }).rows).toEqual([]);
  });
});
