import { BarChart, type BarSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
} from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// The report's charts, rendered on the server as SVG strings with ECharts' SSR mode: no DOM, no
// script in the page, nothing fetched. Bars are drawn from the figures as presented (S8: rounded
// once, by the caller); the labels are those same strings, so a chart never shows another figure
// than the tables.

use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** The fonts the page asks for: CJK fonts already on the reader's machine, nothing downloaded. */
export const REPORT_FONTS =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'SimHei', 'SimSun', sans-serif";

/** Width of every chart in CSS pixels: the printable width of an A4 page at 12 mm margins. */
export const CHART_WIDTH = 680;

const CORE_COLOR = "#2f5597";
const COLLABORATIVE_COLOR = "#8faadc";
const DEPARTMENT_COLOR = "#c55a11";

/**
 * ECharts names its SVG classes after a process-wide instance counter (`zr7-cls-3`): renamed in
 * order of appearance after the chart, so that one input always renders one page and two charts
 * on a page never share a class.
 */
function renameClasses(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-cls-\d+\b/g, (found) => {
    let name = names.get(found);
    if (name === undefined) {
      name = `${prefix}-${names.size}`;
      names.set(found, name);
    }
    return name;
  });
}

/**
 * One chart as an SVG string: ECharts in SSR mode (`renderer: "svg", ssr: true`), disposed after;
 * its classes start with `name` (a CSS identifier, unique on the page).
 * @example renderSvgChart("scores", { xAxis: { type: "value" }, yAxis: { type: "category", data: ["城关镇"] }, series: [{ type: "bar", data: [90] }] }, 680, 200).startsWith("<svg") // true
 */
export function renderSvgChart(name: string, option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: REPORT_FONTS }, ...option });
    return renameClasses(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}

/** A row's height in a horizontal bar chart, and the room around the bars. */
const ROW = 26;
const MARGIN = 70;

/** One township's bar: its two scores and its total, as presented (e.g. "61.25"). */
export interface TownshipBar {
  readonly name: string;
  readonly core: string;
  readonly collaborative: string;
  readonly total: string;
}

/**
 * The townships' totals as horizontal bars in rank order, each stacked core (S2) and collaborative
 * (S3), labelled with the total.
 * @example townshipTotalsChart([{ name: "城关镇", core: "70.00", collaborative: "20.50", total: "90.50" }]) // "<svg …>…城关镇…90.50…</svg>"
 */
export function townshipTotalsChart(bars: readonly TownshipBar[]): string {
  const totals = bars.map((b) => b.total);
  const option: ChartOption = {
    legend: { top: 4, data: ["核心得分", "协同得分"] },
    grid: { left: 8, right: 56, top: 36, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "all" },
    xAxis: { type: "value", name: "分", min: 0 },
    yAxis: { type: "category", inverse: true, data: bars.map((b) => b.name) },
    series: [
      {
        type: "bar",
        name: "核心得分",
        stack: "total",
        itemStyle: { color: CORE_COLOR },
        data: bars.map((b) => Number(b.core)),
      },
      {
        type: "bar",
        name: "协同得分",
        stack: "total",
        itemStyle: { color: COLLABORATIVE_COLOR },
        // The label of the stack's last segment, at its end: the township's total.
        label: { show: true, position: "right", formatter: (p) => totals[p.dataIndex] ?? "" },
        data: bars.map((b) => Number(b.collaborative)),
      },
    ],
  };
  return renderSvgChart("township-totals", option, CHART_WIDTH, MARGIN + ROW * Math.max(bars.length, 1));
}

/** One department's bar: its score as presented. */
export interface DepartmentBar {
  readonly name: string;
  readonly score: string;
}

/**
 * The departments' scores (S4, S5) as horizontal bars in rank order, labelled with the score.
 * @example departmentScoresChart([{ name: "县综合行政执法局", score: "88.00" }]) // "<svg …>…88.00…</svg>"
 */
export function departmentScoresChart(bars: readonly DepartmentBar[]): string {
  const scores = bars.map((b) => b.score);
  const option: ChartOption = {
    grid: { left: 8, right: 56, top: 16, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "all" },
    xAxis: { type: "value", name: "分", min: 0 },
    yAxis: { type: "category", inverse: true, data: bars.map((b) => b.name) },
    series: [
      {
        type: "bar",
        name: "得分",
        itemStyle: { color: DEPARTMENT_COLOR },
        label: { show: true, position: "right", formatter: (p) => scores[p.dataIndex] ?? "" },
        data: bars.map((b) => Number(b.score)),
      },
    ],
  };
  return renderSvgChart(
    "department-scores",
    option,
    CHART_WIDTH,
    MARGIN - 20 + ROW * Math.max(bars.length, 1),
  );
}
