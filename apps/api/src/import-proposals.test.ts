import { isoDate } from "@dutylist/core";
import { type Database, loadCountyDataset, openDatabase, saveImport } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { IssueLog, listSheets, planCountyImport, readInfo, SHEETS, tablesOfSheets } from "@dutylist/workbook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// An import whose workbook states no county approval records pending proposals (never an
// invented approval): the API lists them and they go through the usual approve/publish workflow.
let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api-import"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

async function post<T>(query: string, via: TestApi = api): Promise<T> {
  const response = await via.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(result.errors).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return result.data;
}

describe("an imported adjustment without approval", () => {
  it("is stored as a proposal the API lists, then approved and published through the API", async () => {
    const stored = await loadCountyDataset(db, "QX");
    if (stored === null) throw new Error("the demo county is stored");
    const sheets = listSheets(stored, isoDate("2026-12-31"));
    const basic = sheets.find((s) => s.name === SHEETS.basic.name);
    if (basic === undefined) throw new Error("an export has the basic sheet");
    const name = basic.header.indexOf("事项名称");
    const from = basic.header.indexOf("生效日期");
    const [first, ...rest] = basic.rows;
    if (first === undefined) throw new Error("demo has basic rows");
    const amended = first.map((c, i) =>
      i === name ? `${String(c)}(2027年版)` : i === from ? "2027-01-01" : c,
    );
    const edited = sheets.map((s) =>
      s.name === basic.name
        ? { ...s, rows: [amended, ...rest] }
        : s.name === SHEETS.info.name
          ? { ...s, rows: [...s.rows.filter((r) => r[0] !== "版本日期"), ["版本日期", "2027-01-01"]] }
          : s,
    );
    const tables = tablesOfSheets("lists.xlsx", edited);
    const log = new IssueLog();
    const planned = planCountyImport(
      tables,
      readInfo(tables, log),
      stored,
      { proposedOn: isoDate("2026-11-01") },
      log,
    );
    expect(log.issues).toEqual([]);
    if (planned.kind !== "ADJUST") throw new Error(planned.kind);
    expect(planned.pending).toBe(true);
    const [proposal] = planned.adjustments;
    if (proposal === undefined) throw new Error("one adjustment");
    const saved = await saveImport(
      db,
      {
        county: { kind: "ADJUST", before: planned.before, after: planned.dataset },
      },
      testStamp("saveImport"),
    );
    expect(saved.ok).toBe(true);

    const listed = await post<{ adjustments: { id: string; status: string; approvals: unknown[] }[] }>(
      `{ adjustments(countyCode: "QX", status: PROPOSED) { id status approvals { level } } }`,
    );
    expect(listed.adjustments).toContainEqual({ id: proposal.id, status: "PROPOSED", approvals: [] });

    const done = await post<{
      approve: { data: { status: string } };
      publish: { data: { adjustment: { status: string; publication: { effectiveFrom: string } } } };
    }>(
      `mutation {
      approve: approveAdjustment(countyCode: "QX", adjustmentId: "${proposal.id}", level: COUNTY, approvedOn: "2026-11-10") {
        ... on MutationApproveAdjustmentSuccess { data { status } } }
      publish: publishAdjustment(countyCode: "QX", adjustmentId: "${proposal.id}", publishedOn: "2026-11-20", effectiveFrom: "2027-01-01") {
        ... on MutationPublishAdjustmentSuccess { data { adjustment { status publication { effectiveFrom } } } } }
    }`,
      await api.as("LIST_OFFICE"),
    );
    expect(done.approve.data.status).toBe("APPROVED");
    expect(done.publish.data.adjustment).toEqual({
      status: "PUBLISHED",
      publication: { effectiveFrom: "2027-01-01" },
    });
  });
});
