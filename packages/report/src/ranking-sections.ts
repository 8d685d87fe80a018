import type { AssessmentReport, DepartmentReport, ExactFigure, TownshipReport } from "@dutylist/core";
import { escapeHtml, paragraph, renderTable } from "./html-table.ts";
import { departmentScoresChart, townshipTotalsChart } from "./report-charts.ts";

// The report's first sections: the township ranking (S2, S3, S9), core against collaborative per
// township, and the departments' scores (S4, S5). Figures come from the core's report, rounded once
// by `show` (S8); ranks and grades are the core's (S9), never recomputed here.

/** A figure as presented: `roundForPresentation` with the county's rounding (S8). */
export type Show = (value: ExactFigure) => string;

/** Subjects in rank order; ties (equal ranks) by code, as the workbook's 乡镇排名 orders them (S9). */
export function byRank<T extends { readonly rank: number }>(
  subjects: readonly T[],
  code: (s: T) => string,
): T[] {
  return [...subjects].sort(
    (a, b) => a.rank - b.rank || (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0),
  );
}

/** Townships in rank order. */
export function townshipsByRank(report: AssessmentReport): TownshipReport[] {
  return byRank(report.townships, (t) => t.assessment.townshipCode);
}

/** Departments in rank order. */
export function departmentsByRank(report: AssessmentReport): DepartmentReport[] {
  return byRank(report.departments, (d) => d.assessment.departmentCode);
}

/** A section: its id (the page's anchors and tests find it by), heading and body. */
export function section(id: string, heading: string, body: string, className = "section"): string {
  return `<section id="${escapeHtml(id)}" class="${escapeHtml(className)}">\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

/** A chart in a figure with its caption; `svg` is ECharts' output, trusted as markup. */
export function figure(name: string, svg: string, caption: string): string {
  return `<figure class="chart" data-chart="${escapeHtml(name)}">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/**
 * 一、乡镇(街道)排名: rank, core score (basic items, S2), collaborative score (cooperative items,
 * S3), total and 等次 (S9), then the totals as stacked bars.
 * @example townshipRankingSection(report, show) // "<section id=\"township-ranking\" …><table class=\"ranking\">…"
 */
export function townshipRankingSection(report: AssessmentReport, show: Show): string {
  const townships = townshipsByRank(report);
  const table = renderTable(
    [
      { header: "名次", numeric: true },
      { header: "乡镇(街道)" },
      { header: "核心得分(基本履职事项)", numeric: true },
      { header: "协同得分(配合履职事项)", numeric: true },
      { header: "总分", numeric: true },
      { header: "等次" },
    ],
    townships.map((t) => [
      t.rank,
      t.name,
      show(t.assessment.core.score),
      show(t.assessment.collaborative.score),
      show(t.assessment.total),
      t.grade,
    ]),
    { className: "ranking", empty: "本年度没有参加考核的乡镇(街道)" },
  );
  const chart = townshipTotalsChart(
    townships.map((t) => ({
      name: t.name,
      core: show(t.assessment.core.score),
      collaborative: show(t.assessment.collaborative.score),
      total: show(t.assessment.total),
    })),
  );
  const notes = townships.map((t) => `<li>${escapeHtml(`${t.name}:${t.gradeReason}`)}</li>`).join("\n");
  return section(
    "township-ranking",
    "一、乡镇(街道)考核排名",
    `${table}\n${figure("township-totals", chart, "图1 各乡镇(街道)总分(核心得分 + 协同得分)")}\n<h3>等次依据</h3>\n<ul class="notes">\n${notes}\n</ul>`,
  );
}

/**
 * 二、核心考核与协同评价: per township, each track's score against the plan's points and the
 * points that apply to it (prorated when some indicators do not apply).
 * @example trackSection(report, show) // "<section id=\"tracks\" …>…"
 */
export function trackSection(report: AssessmentReport, show: Show): string {
  const table = renderTable(
    [
      { header: "名次", numeric: true },
      { header: "乡镇(街道)" },
      { header: "核心得分", numeric: true },
      { header: "核心满分", numeric: true },
      { header: "核心适用分值", numeric: true },
      { header: "协同得分", numeric: true },
      { header: "协同满分", numeric: true },
      { header: "协同适用分值", numeric: true },
    ],
    townshipsByRank(report).map(({ rank, name, assessment: { core, collaborative } }) => [
      rank,
      name,
      show(core.score),
      show(core.planPoints),
      show(core.applicablePoints),
      show(collaborative.score),
      show(collaborative.planPoints),
      show(collaborative.applicablePoints),
    ]),
    { className: "tracks", empty: "本年度没有参加考核的乡镇(街道)" },
  );
  const note = paragraph(
    "核心得分只计基本履职事项(规则S2),协同得分只计配合履职事项中本乡镇(街道)的配合内容(规则S3);部分指标不适用时按适用分值折算。",
    "note",
  );
  return section("tracks", "二、核心考核与协同评价", `${note}\n${table}`);
}

/**
 * 三、县级部门得分: rank, score (reclaimed items and the cooperative items they lead, S4; list
 * execution, S5), applicable and plan points, 等次, and each applicable indicator's score; then a
 * bar chart.
 * @example departmentSection(report, show) // "<section id=\"departments\" …><table class=\"departments\">…"
 */
export function departmentSection(report: AssessmentReport, show: Show): string {
  const departments = departmentsByRank(report);
  const table = renderTable(
    [
      { header: "名次", numeric: true },
      { header: "部门" },
      { header: "得分", numeric: true },
      { header: "适用分值", numeric: true },
      { header: "方案分值", numeric: true },
      { header: "等次" },
      { header: "各指标得分" },
    ],
    departments.map((d) => [
      d.rank,
      d.name,
      show(d.assessment.total),
      show(d.assessment.applicablePoints),
      show(d.assessment.planPoints),
      d.grade,
      d.assessment.indicators
        .filter((r) => r.applicable)
        .map((r) => `${r.indicator.name} ${show(r.score)}/${show(r.points)}`)
        .join(";"),
    ]),
    { className: "departments", empty: "本年度没有参加考核的县级部门" },
  );
  const chart = departmentScoresChart(
    departments.map((d) => ({ name: d.name, score: show(d.assessment.total) })),
  );
  const note = paragraph(
    "部门得分计其收回事项与牵头的配合履职事项(规则S4),以及清单执行情况:保障、吹哨报到、向乡镇下推和无人承接事项(规则S5)。",
    "note",
  );
  return section(
    "departments",
    "三、县级部门考核得分",
    `${note}\n${table}\n${figure("department-scores", chart, "图2 各县级部门得分")}`,
  );
}
