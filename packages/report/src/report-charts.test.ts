import { describe, expect, it } from "vitest";
import { departmentScoresChart, townshipTotalsChart } from "./report-charts.ts";

describe("the report's charts (ECharts SSR)", () => {
  const bars = [
    { name: "城关镇", core: "61.58", collaborative: "18.89", total: "80.47" },
    { name: "白沙<镇>&", core: "55.79", collaborative: "24.13", total: "79.92" },
  ];

  it("renders stacked bars as an SVG string, names escaped, each bar labelled with its total", () => {
    const svg = townshipTotalsChart(bars);
    expect(svg).toMatch(/^<svg width="680" height="\d+"/);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("城关镇");
    expect(svg).toContain("白沙&lt;镇&gt;&amp;");
    expect(svg).not.toContain("白沙<镇>");
    for (const b of bars) expect(svg).toContain(`>${b.total}<`);
    // Two series (core and collaborative) of two bars each.
    expect(
      svg.match(/ecmeta_series_index="1" ecmeta_data_index="\d+" ecmeta_ssr_type="chart"/g)?.length,
    ).toBe(2);
  });

  it("renders the same SVG for the same bars (classes renamed after the chart, not ECharts' counter)", () => {
    const once = departmentScoresChart([{ name: "县林业局", score: "88.00" }]);
    expect(departmentScoresChart([{ name: "县林业局", score: "88.00" }])).toBe(once);
    expect(once).not.toMatch(/zr\d+-cls/);
    expect(once).toContain("department-scores-0");
    expect(once).toContain(">88.00<");
  });

  it("grows with the number of bars", () => {
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)?.[1]);
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `部门${i}`, score: `${i}.00` }));
    expect(height(departmentScoresChart(many))).toBeGreaterThan(
      height(departmentScoresChart(many.slice(0, 3))),
    );
  });
});
