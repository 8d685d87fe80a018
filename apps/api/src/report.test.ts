import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// /export/report.html: the year's assessment report as a printable page, with the figures the
// GraphQL `assessment` field gives, behind the access matrix's `export/report`.

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_report"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

const REPORT = "http://127.0.0.1/export/report.html";

interface Assessment {
  excludedCount: number;
  townships: {
    name: string;
    rank: number;
    total: string;
    grade: string;
    core: { score: string };
    collaborative: { score: string };
  }[];
  departments: { name: string; rank: number; total: string; grade: string }[];
}

async function graphql<T>(query: string): Promise<T> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  if (body.data === undefined) throw new Error("no data");
  return body.data;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/** The body rows of the page's table with this class, as cell texts. */
function tableRows(html: string, className: string): string[][] {
  const table = new RegExp(`<table class="${className}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      (c[1] ?? "").replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e] ?? ""),
    ),
  );
}

async function errorsOf(
  response: Response,
  status: number,
): Promise<{ parameter: string | null; message: string }[]> {
  expect(response.status).toBe(status);
  return ((await response.json()) as { errors: { parameter: string | null; message: string }[] }).errors;
}

describe("/export/report.html", () => {
  it("S2, S3, S4, S9: the page's rankings are the GraphQL assessment's ranks, names, scores and 等次", async () => {
    const { assessment } = await graphql<{ assessment: { data: Assessment } }>(
      `{ assessment(countyCode: "QX", year: 2025) { ... on QueryAssessmentSuccess { data {
        excludedCount
        townships { name rank total grade core { score } collaborative { score } }
        departments { name rank total grade } } } } }`,
    );
    const response = await api.fetch(`${REPORT}?countyCode=QX&year=2025`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^inline; filename="report-QX-2025\.html"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1] ?? "")).toBe(
      "青溪县2025年度乡镇(街道)履职事项清单考核报告.html",
    );

    const html = await response.text();
    expect(html).toContain("<title>青溪县2025年度乡镇(街道)履职事项清单考核报告</title>");
    const townships = assessment.data.townships;
    expect(tableRows(html, "ranking")).toEqual(
      townships.map((t) => [String(t.rank), t.name, t.core.score, t.collaborative.score, t.total, t.grade]),
    );
    expect(tableRows(html, "departments").map((r) => r.slice(0, 3).concat(r[5] ?? ""))).toEqual(
      assessment.data.departments.map((d) => [String(d.rank), d.name, d.total, d.grade]),
    );
    expect(html).toContain(`本年度共排除考核记录 ${assessment.data.excludedCount} 条`);
    expect(tableRows(html, "excluded").length).toBe(Math.min(assessment.data.excludedCount, 200));
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).not.toContain("<script");
  });

  it("S10: indicator compression from the previous plan's counts, as the GraphQL field computes it", async () => {
    const { indicatorCompression } = await graphql<{
      indicatorCompression: {
        data: { firstLevel: { ratePercent: string }; secondLevel: { ratePercent: string } };
      };
    }>(`{ indicatorCompression(countyCode: "QX", year: 2025, previousFirstLevel: 12, previousSecondLevel: 64) {
      ... on QueryIndicatorCompressionSuccess { data { firstLevel { ratePercent } secondLevel { ratePercent } } } } }`);
    const html = await (
      await api.fetch(`${REPORT}?countyCode=QX&year=2025&previousFirstLevel=12&previousSecondLevel=64`)
    ).text();
    expect(tableRows(html, "compression").map((r) => [r[0], r[1], r[4]])).toEqual([
      ["一级指标", "12", `${indicatorCompression.data.firstLevel.ratePercent}%`],
      ["二级指标", "64", `${indicatorCompression.data.secondLevel.ratePercent}%`],
    ]);
    // No 2024 plan is stored and no counts are given: the section says so.
    const without = await (await api.fetch(`${REPORT}?countyCode=QX&year=2025`)).text();
    expect(without).toContain("没有 2024 年度考核方案,未计算指标压减率");
  });

  it("names bad parameters (400) and what is missing (404)", async () => {
    expect((await errorsOf(await api.fetch(`${REPORT}?countyCode=QX`), 400))[0]?.parameter).toBe("year");
    expect(
      (await errorsOf(await api.fetch(`${REPORT}?countyCode=QX&year=2025&sort=rank`), 400))[0]?.parameter,
    ).toBe("sort");
    const half = await errorsOf(
      await api.fetch(`${REPORT}?countyCode=QX&year=2025&previousFirstLevel=3`),
      400,
    );
    expect(half[0]?.message).toContain("须同时给出");
    expect((await errorsOf(await api.fetch(`${REPORT}?countyCode=ZZ&year=2025`), 404))[0]?.parameter).toBe(
      "countyCode",
    );
    const noPlan = await errorsOf(await api.fetch(`${REPORT}?countyCode=QX&year=2031`), 404);
    expect(noPlan[0]).toMatchObject({ parameter: "year" });
    expect(noPlan[0]?.message).toContain("2031");
    const post = await api.fetch(`${REPORT}?countyCode=QX&year=2025`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });

  it("export/report: who may read the assessment may read the report, nobody else", async () => {
    const status = async (as: TestApi | null) =>
      (
        await (as ?? api).fetch(
          `${REPORT}?countyCode=QX&year=2025`,
          as === null ? { headers: { authorization: "" } } : {},
        )
      ).status;
    expect(await status(null)).toBe(401);
    expect(await status(await api.as("INSPECTOR"))).toBe(200);
    expect(await status(await api.as("ASSESSOR"))).toBe(200);
    expect(await status(await api.as("TOWNSHIP"))).toBe(403);
    expect(await status(await api.as("BI_READER"))).toBe(403);
    // Another county's assessor reaches nothing of QX.
    expect(await status(await api.as("ASSESSOR", "ZZ"))).toBe(403);
  });
});
