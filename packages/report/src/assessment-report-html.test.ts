import {
  type AssessmentReport,
  assess,
  compressionOfCounts,
  DEFAULT_COUNTY_POLICY,
  EXCLUSION_REASON_NAMES,
  exact,
  roundForPresentation,
  type WhistleFigures,
} from "@dutylist/core";
import {
  demoAssessmentPlan,
  demoCounty,
  demoPreviousPlanCounts,
  generateRecords,
} from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { renderAssessmentReportHtml, reportCompression, reportTitle } from "./index.ts";

const plan = demoAssessmentPlan();
const dataset = demoCounty();
const records = generateRecords(plan, dataset, { seed: 2025 });
const report = assess(plan, dataset, records);
const show = (value: Parameters<typeof roundForPresentation>[0]) => roundForPresentation(value);

const compression = reportCompression(plan, null, demoPreviousPlanCounts);

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const textOf = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e] ?? "");

/** The body rows of the table with this class, as the text of each cell. */
function tableRows(html: string, className: string): string[][] {
  const table = new RegExp(`<table class="${className}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) throw new Error(`no table.${className}`);
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1] ?? "")),
  );
}

function sectionOf(html: string, id: string): string {
  const found = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (found === undefined) throw new Error(`no section #${id}`);
  return found;
}

const byRank = (r: AssessmentReport) =>
  [...r.townships].sort(
    (a, b) => a.rank - b.rank || a.assessment.townshipCode.localeCompare(b.assessment.townshipCode),
  );

describe("renderAssessmentReportHtml", () => {
  const html = renderAssessmentReportHtml({ report, plan, dataset, compression });

  it("titles the page with the county, the year and the plan", () => {
    const title = reportTitle(dataset.county.name, plan.year);
    expect(title).toContain(dataset.county.name);
    expect(title).toContain(String(plan.year));
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(plan.title);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('lang="zh-CN"');
  });

  it("S2, S3, S9: the ranking rows are the core's ranks, names, scores (2 places) and 等次", () => {
    const rows = tableRows(html, "ranking");
    expect(rows).toEqual(
      byRank(report).map((t) => [
        String(t.rank),
        t.name,
        show(t.assessment.core.score),
        show(t.assessment.collaborative.score),
        show(t.assessment.total),
        t.grade,
      ]),
    );
    expect(rows.length).toBe(dataset.townships.length);
    for (const row of rows) for (const figure of row.slice(2, 5)) expect(figure).toMatch(/^\d+\.\d{2}$/);
  });

  it("S2, S3: core and collaborative per township against their plan and applicable points", () => {
    const rows = tableRows(html, "tracks");
    expect(rows.map((r) => [r[1], r[2], r[3], r[5], r[6]])).toEqual(
      byRank(report).map((t) => [
        t.name,
        show(t.assessment.core.score),
        show(t.assessment.core.planPoints),
        show(t.assessment.collaborative.score),
        show(t.assessment.collaborative.planPoints),
      ]),
    );
  });

  it("S4, S5: the department rows are the core's ranks, names, totals and 等次", () => {
    const rows = tableRows(html, "departments");
    const departments = [...report.departments].sort(
      (a, b) => a.rank - b.rank || a.assessment.departmentCode.localeCompare(b.assessment.departmentCode),
    );
    expect(rows.map((r) => r.slice(0, 6))).toEqual(
      departments.map((d) => [
        String(d.rank),
        d.name,
        show(d.assessment.total),
        show(d.assessment.applicablePoints),
        show(d.assessment.planPoints),
        d.grade,
      ]),
    );
  });

  it("renders two SVG charts server-side carrying the names and the figures of the tables", () => {
    const charts = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)">(<svg[\s\S]*?<\/svg>)/g)];
    expect(charts.map((c) => c[1])).toEqual(["township-totals", "department-scores"]);
    const [townshipSvg = "", departmentSvg = ""] = charts.map((c) => c[2] ?? "");
    for (const t of report.townships) {
      expect(townshipSvg).toContain(t.name);
      expect(townshipSvg).toContain(`>${show(t.assessment.total)}<`);
    }
    for (const d of report.departments) expect(departmentSvg).toContain(`>${show(d.assessment.total)}<`);
    expect(townshipSvg).toMatch(/<svg width="680" height="\d+"/);
  });

  it("S7: excluded records counted by reason, off-list matters listed first with their reasons", () => {
    const counts = new Map<string, number>();
    for (const e of report.scored.exclusions)
      counts.set(
        EXCLUSION_REASON_NAMES[e.reason],
        (counts.get(EXCLUSION_REASON_NAMES[e.reason]) ?? 0) + e.count,
      );
    const rows = tableRows(html, "exclusion-reasons");
    expect(new Map(rows.map(([reason = "", n = ""]) => [reason, Number(n)]))).toEqual(counts);
    const offList = report.scored.excluded.filter((e) => e.reason === "OFF_LIST");
    expect(offList.length).toBeGreaterThan(0);
    const listed = tableRows(html, "excluded");
    expect(listed.length).toBe(report.scored.excluded.length);
    expect(listed.slice(0, offList.length).map((r) => r[0])).toEqual(offList.map((e) => e.record.id).sort());
    expect(listed.slice(0, offList.length).every((r) => r[6] === EXCLUSION_REASON_NAMES.OFF_LIST)).toBe(true);
    expect(sectionOf(html, "excluded")).toContain(`其中清单外事项 ${offList.length} 条`);
  });

  it("lists at most maxExcludedRows excluded records and says how many more the workbook holds", () => {
    const short = renderAssessmentReportHtml({ report, plan, dataset }, { maxExcludedRows: 3 });
    expect(tableRows(short, "excluded").length).toBe(3);
    expect(short).toContain(`其余 ${report.scored.excluded.length - 3} 条见考核结果工作簿`);
  });

  it("S10: indicator compression per level, as the core computes it; a note when there is none", () => {
    const rows = tableRows(html, "compression");
    if (compression === null) throw new Error("no compression");
    const { firstLevel, secondLevel } = compression.compression;
    // The demo's 2024 plan: 10 first-level and 64 second-level indicators (docs/domain.md S10).
    expect([firstLevel.ratePercent, secondLevel.ratePercent]).toEqual([
      compressionOfCounts(10, plan.firstLevel.length).ratePercent,
      "73.44",
    ]);
    expect(rows).toEqual([
      [
        "一级指标",
        String(firstLevel.previous),
        String(firstLevel.current),
        String(firstLevel.removed),
        `${firstLevel.ratePercent}%`,
      ],
      [
        "二级指标",
        String(secondLevel.previous),
        String(secondLevel.current),
        String(secondLevel.removed),
        `${secondLevel.ratePercent}%`,
      ],
    ]);
    const without = renderAssessmentReportHtml({ report, plan, dataset });
    expect(sectionOf(without, "compression")).toContain(`没有 ${plan.year - 1} 年度考核方案`);
    expect(without).not.toContain('<table class="compression">');
  });

  it("H2: whistle figures by department and township when given, rates in percent at 2 places", () => {
    const department = dataset.departments[0];
    const township = dataset.townships[0];
    if (department === undefined || township === undefined) throw new Error("demo county without units");
    const figures = (groupBy: WhistleFigures["groupBy"], code: string): WhistleFigures => ({
      groupBy,
      code,
      raised: 3,
      answeredInTime: 2,
      answeredLate: 1,
      unanswered: 0,
      confirmed: 2,
      awaitingConfirmation: 1,
      reopenings: 0,
      inTimeRate: exact(2).dividedBy(3),
      closureRate: exact(2).dividedBy(3),
      averageHandlingDays: exact("4.5"),
      notAgainstDepartment: 0,
    });
    const withWhistles = renderAssessmentReportHtml({
      report,
      plan,
      dataset,
      whistles: [figures("DEPARTMENT", department.code), figures("TOWNSHIP", township.code)],
    });
    const section = sectionOf(withWhistles, "whistles");
    expect(tableRows(section, "whistles-department")).toEqual([
      [department.name, "3", "2", "1", "0", "2", "66.67%", "66.67%", "4.50"],
    ]);
    expect(tableRows(section, "whistles-township")).toEqual([
      [township.name, "3", "2", "1", "0", "2", "66.67%", "66.67%", "4.50"],
    ]);
    expect(html).not.toContain('id="whistles"');
  });

  it("escapes every name; the page holds no script and fetches nothing", () => {
    const hostile = `<script>alert("x")</script>&'城关'`;
    const renamed = {
      ...dataset,
      townships: dataset.townships.map((t, i) => (i === 0 ? { ...t, name: hostile } : t)),
    };
    const page = renderAssessmentReportHtml({
      report: assess(plan, renamed, records),
      plan,
      dataset: renamed,
    });
    expect(page).not.toContain("<script");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;城关&#39;");
    expect(tableRows(page, "ranking").some((r) => r[1] === hostile)).toBe(true);
    // Nothing outside the page: no src/href, no imported style sheet or url() (SVG namespaces aside).
    expect(page).not.toMatch(/\s(src|href)=|@import|url\(/);
    expect(page).toContain("@page { size: A4");
  });

  it("rounds with the county's rounding (S8) and lists its policy", () => {
    const policy = { ...DEFAULT_COUNTY_POLICY, rounding: { places: 1, mode: "HALF_UP" as const } };
    const page = renderAssessmentReportHtml({
      report: assess(plan, dataset, records, { policy }),
      plan,
      dataset,
      policy,
    });
    const first = tableRows(page, "ranking")[0];
    expect(first?.[4]).toMatch(/^\d+\.\d$/);
    expect(sectionOf(page, "policy")).toContain("保留1位小数");
  });

  it("S10: compression against a previous plan when no counts are given; none without either", () => {
    const previous = { firstLevel: plan.firstLevel, indicators: [...plan.indicators, ...plan.indicators] };
    const against = reportCompression(plan, previous);
    expect(against?.basis).toBe("PREVIOUS_PLAN");
    expect(against?.compression.secondLevel.ratePercent).toBe("50.00");
    expect(reportCompression(plan, previous, demoPreviousPlanCounts)?.basis).toBe("GIVEN_COUNTS");
    expect(reportCompression(plan, null)).toBeNull();
  });

  it("is a pure function: the same input renders the same page", () => {
    expect(renderAssessmentReportHtml({ report, plan, dataset, compression })).toBe(html);
  });
});
