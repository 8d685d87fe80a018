import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// A9: a question about a day before a township's first recorded list (the demo's lists start on
// 2025-01-01) is NO_LIST_RECORDED — a domain error, never an off-list answer (A11).

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
}, 180_000);
afterAll(async () => {
  await db?.close();
});

interface Answer {
  readonly data?: Record<string, Record<string, unknown> | null>;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

async function post(query: string): Promise<Answer> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Answer;
}

const determine = (date: string) => `{ determineResponsibility(countyCode: "QX", input: {
  townshipCode: "QX-CG", date: "${date}", itemCode: "CJ-001", findings: { townshipAtFault: true } }) {
  __typename
  ... on DomainErrors { problems { code message } }
  ... on QueryDetermineResponsibilitySuccess { data { listType parties { role ruleIds } } } } }`;

describe("A9: before the first recorded list", () => {
  it("A9: determineResponsibility answers NO_LIST_RECORDED as a DomainErrors member, and A1 from the first day", async () => {
    const before = await post(determine("2024-12-31"));
    expect(before.errors).toBeUndefined();
    expect(before.data?.determineResponsibility).toMatchObject({
      __typename: "DomainErrors",
      problems: [{ code: "NO_LIST_RECORDED" }],
    });
    const problems = before.data?.determineResponsibility?.problems as { message: string }[];
    expect(problems[0]?.message).toContain("2025-01-01");
    const after = await post(determine("2025-03-15"));
    expect(after.data?.determineResponsibility).toMatchObject({
      data: { listType: "BASIC", parties: [{ role: "PRIMARY", ruleIds: ["A1"] }] },
    });
  });

  it("A9: listsAsOf before the first list is an error with its code, county, township and dates; not empty lists", async () => {
    const query = (date: string) =>
      `{ listsAsOf(countyCode: "QX", townshipCode: "QX-CG", date: "${date}") { basic { itemCode } } }`;
    const before = await post(query("2024-06-01"));
    expect(before.data?.listsAsOf).toBeNull();
    expect(before.errors?.[0]?.extensions).toMatchObject({
      code: "NO_LIST_RECORDED",
      countyCode: "QX",
      townshipCode: "QX-CG",
      date: "2024-06-01",
      firstRecorded: "2025-01-01",
    });
    const first = await post(query("2025-01-01"));
    expect(first.errors).toBeUndefined();
    expect((first.data?.listsAsOf?.basic as unknown[] | undefined)?.length).toBeGreaterThan(0);
  });

  it("A9, H1: matchWorkOrder for an order received before the first list is NO_LIST_RECORDED", async () => {
    const { data } =
      await post(`{ matchWorkOrder(countyCode: "QX", townshipCode: "QX-CG", receivedOn: "2024-11-02", text: "占道经营") {
      __typename ... on DomainErrors { problems { code } } } }`);
    expect(data?.matchWorkOrder).toEqual({
      __typename: "DomainErrors",
      problems: [{ code: "NO_LIST_RECORDED" }],
    });
  });
});
