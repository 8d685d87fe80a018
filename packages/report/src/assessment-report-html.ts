import { DEFAULT_COUNTY_POLICY, type ExactFigure, roundForPresentation } from "@dutylist/core";
import { compressionSection, exclusionSection, policySection, whistleSection } from "./detail-sections.ts";
import { escapeHtml } from "./html-table.ts";
import { departmentSection, townshipRankingSection, trackSection } from "./ranking-sections.ts";
import type { AssessmentReportInput, RenderAssessmentReportOptions } from "./report-input.ts";
import { REPORT_CSS } from "./report-style.ts";

/** How many excluded records are listed one by one unless told otherwise. */
export const DEFAULT_MAX_EXCLUDED_ROWS = 200;

/**
 * The report's title: county, year and what is assessed.
 * @example reportTitle("青溪县", 2025) // "青溪县2025年度乡镇(街道)履职事项清单考核报告"
 */
export function reportTitle(countyName: string, year: number): string {
  return `${countyName}${year}年度乡镇(街道)履职事项清单考核报告`;
}

function cover(input: AssessmentReportInput, title: string): string {
  const { plan, report, dataset } = input;
  const excluded = report.scored.exclusions.reduce((n, e) => n + e.count, 0);
  const facts: [string, string][] = [
    ["县(市、区)", `${dataset.county.name}(${dataset.county.code})`],
    ["考核年度", `${plan.year}年`],
    ["考核方案", `${plan.title}(${plan.id})`],
    ["指标", `一级指标 ${plan.firstLevel.length} 个,二级指标 ${plan.indicators.length} 个`],
    ["考核对象", `乡镇(街道)${report.townships.length} 个,县级部门 ${report.departments.length} 个`],
    ["排除记录", `${excluded} 条`],
  ];
  const list = facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("");
  const note =
    input.note === undefined || input.note === null
      ? ""
      : `<p class="subtitle">${escapeHtml(input.note)}</p>`;
  return `<header class="cover">\n<h1>${escapeHtml(title)}</h1>\n${note}\n<dl class="facts">${list}</dl>\n</header>`;
}

/**
 * The annual assessment report of one county and year as one printable HTML page, in Chinese:
 * the township ranking (core score on basic items S2, collaborative score on cooperative items S3,
 * total, 等次 S9), core against collaborative per township, the departments' scores (S4, S5),
 * the excluded records with their reasons (S7), indicator compression (S10), whistle figures (H2)
 * when given, and the county's policy. Charts are SVG rendered here with ECharts (SSR); the page
 * holds its only style sheet and no script, so it opens and prints offline. Figures are rounded
 * once with the county's rounding (S8; 2 places by default), from the core's exact figures.
 *
 * A pure function of already-computed data: no I/O, no clock.
 * @example
 * const html = renderAssessmentReportHtml({
 *   report: assess(plan, dataset, records, { policy }),
 *   plan,
 *   dataset,
 *   policy,
 *   compression: { basis: "PREVIOUS_PLAN", compression: compressIndicators(previousPlan, plan) },
 *   whistles: allWhistleFigures(judgeWhistles(whistles, events, index, "2025-01-01", "2026-01-01")),
 * });
 * await writeFile("青溪县2025年度考核报告.html", html);
 */
export function renderAssessmentReportHtml(
  input: AssessmentReportInput,
  options: RenderAssessmentReportOptions = {},
): string {
  const policy = input.policy ?? DEFAULT_COUNTY_POLICY;
  const show = (value: ExactFigure) => roundForPresentation(value, policy.rounding);
  const title = reportTitle(input.dataset.county.name, input.plan.year);
  const maxRows = options.maxExcludedRows ?? DEFAULT_MAX_EXCLUDED_ROWS;
  const whistles = input.whistles ?? null;
  const body = [
    cover(input, title),
    townshipRankingSection(input.report, show),
    trackSection(input.report, show),
    departmentSection(input.report, show),
    exclusionSection(input.report, input.plan, input.dataset, maxRows),
    compressionSection(input.compression ?? null, input.plan.year),
    whistles === null ? "" : whistleSection(whistles, input.dataset, show),
    policySection(policy),
  ].join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
