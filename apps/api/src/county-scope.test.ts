import type { AssessmentPlan, CountyDataset } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty } from "@dutylist/core/testing";
import { type Database, openDatabase, saveAssessmentPlan, saveCountyDataset } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { parseCsv } from "@dutylist/workbook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// Township, department and item codes are unique within a county only (finding 5): a second
// county 青山县 (QY) shares every code of the demo county 青溪县 (QX), with its own names and other
// lists (PA-002 on no township's list, QX-CG's included). Every field that takes such a code answers, and writes, in the
// county it names.

const OTHER = "QY";

/** Renames a value's county code QX to QY, everywhere it appears as `countyCode`. */
function inOtherCounty<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    key === "countyCode" && v === "QX" ? OTHER : v,
  ) as T;
}

function otherCounty(): CountyDataset {
  const demo = inOtherCounty(demoCounty());
  return {
    ...demo,
    county: { code: OTHER, name: "青山县" },
    townships: demo.townships.map((t) => ({ ...t, name: `青山${t.name}` })),
    departments: demo.departments.map((d) => ({ ...d, name: `青山${d.name}` })),
    // No township of QY has PA-002 on its lists.
    entries: demo.entries.filter((e) => e.itemCode !== "PA-002"),
  };
}

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_county_scope"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  await saveCountyDataset(db, otherCounty(), testStamp("saveCountyDataset"));
  const plan: AssessmentPlan = { ...inOtherCounty(demoAssessmentPlan()), countyCode: OTHER };
  const saved = await saveAssessmentPlan(db, plan, testStamp("saveAssessmentPlan"));
  if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join("; "));
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

type Json = Record<string, unknown>;

async function post(query: string, variables: Json = {}): Promise<Json> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Json; errors?: { message: string }[] };
  expect(result.errors).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return result.data;
}

async function csv(pathAndQuery: string): Promise<Record<string, string>[]> {
  const response = await api.fetch(`http://127.0.0.1${pathAndQuery}`);
  expect(response.status).toBe(200);
  const [header = [], ...rows] = parseCsv(await response.text());
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])));
}

const NAMES: Readonly<Record<string, string>> = { QX: "城关镇", [OTHER]: "青山城关镇" };
const FAILURE = {
  townshipCode: "QX-CG",
  date: "2025-05-10",
  itemCode: "PA-002",
  findings: { townshipAtFault: true, withinCooperationContent: true, guaranteesDelivered: false },
};

interface Scoped {
  readonly field: string;
  /** Asks in one county and checks the answer is that county's. */
  check(countyCode: string): Promise<void>;
}

const FIELDS: readonly Scoped[] = [
  {
    field: "county(code) townships",
    async check(countyCode) {
      const data = await post(
        `query ($c: String!) { county(code: $c) { townships(first: 50) { edges { node { code name countyCode } } } } }`,
        {
          c: countyCode,
        },
      );
      const edges = (data.county as { townships: { edges: { node: Json }[] } }).townships.edges;
      expect(edges.find((e) => e.node.code === "QX-CG")?.node).toEqual({
        code: "QX-CG",
        name: NAMES[countyCode],
        countyCode,
      });
    },
  },
  {
    field: "county(code) items(listType)",
    async check(countyCode) {
      const data = await post(
        `query ($c: String!) { county(code: $c) { items(first: 100, listType: COOPERATIVE) { edges { node { code } } } } }`,
        { c: countyCode },
      );
      const codes = (data.county as { items: { edges: { node: { code: string } }[] } }).items.edges.map(
        (e) => e.node.code,
      );
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.includes("PA-002")).toBe(countyCode === "QX");
    },
  },
  {
    field: "listsAsOf(countyCode, townshipCode)",
    async check(countyCode) {
      const data = await post(
        `query ($c: String!) { listsAsOf(countyCode: $c, townshipCode: "QX-CG", date: "2025-05-10") { cooperative { itemCode } } }`,
        { c: countyCode },
      );
      const items = (data.listsAsOf as { cooperative: { itemCode: string }[] }).cooperative.map(
        (e) => e.itemCode,
      );
      if (countyCode === "QX") expect(items).toContain("PA-002");
      else expect(items).not.toContain("PA-002");
    },
  },
  {
    field: "determineResponsibility(countyCode, input)",
    async check(countyCode) {
      const data = await post(
        `query ($c: String!, $input: FailureCaseInput!) { determineResponsibility(countyCode: $c, input: $input) {
          ... on QueryDetermineResponsibilitySuccess { data { listType parties { party { code name } } } } } }`,
        { c: countyCode, input: FAILURE },
      );
      const answer = (
        data.determineResponsibility as { data: { listType: string; parties: { party: Json }[] } }
      ).data;
      expect(answer.listType).toBe(countyCode === "QX" ? "COOPERATIVE" : "OFF_LIST");
      expect(answer.parties.find((p) => p.party.code === "QX-CG")?.party.name).toBe(NAMES[countyCode]);
    },
  },
  {
    field: "recordFailureCase(countyCode, input), determinations(countyCode, townshipCode)",
    async check(countyCode) {
      const input = { ...FAILURE, date: countyCode === "QX" ? "2025-05-11" : "2025-05-12" };
      const data = await post(
        `mutation ($c: String!, $input: FailureCaseInput!) { recordFailureCase(countyCode: $c, input: $input) {
          ... on MutationRecordFailureCaseSuccess { data { decisionId listType } } } }`,
        { c: countyCode, input },
      );
      const { decisionId } = (data.recordFailureCase as { data: { decisionId: string } }).data;
      const stored = await db.prisma.determination.findMany({
        where: { decisionId },
        select: { countyId: true },
      });
      expect(stored).toEqual([{ countyId: countyCode }]);
      const listed = await post(
        `{ qx: determinations(countyCode: "QX", townshipCode: "QX-CG") { decisionId date }
          other: determinations(countyCode: "${OTHER}", townshipCode: "QX-CG") { decisionId date } }`,
      );
      const mine = countyCode === "QX" ? listed.qx : listed.other;
      const theirs = countyCode === "QX" ? listed.other : listed.qx;
      expect(mine).toContainEqual(expect.objectContaining({ decisionId, date: input.date }));
      expect((theirs as { date: string }[]).map((d) => d.date)).not.toContain(input.date);
    },
  },
  {
    field: "determinationFacts(countyCode, townshipCode, partyCode)",
    async check(countyCode) {
      await post(
        `mutation ($c: String!, $input: FailureCaseInput!) { recordFailureCase(countyCode: $c, input: $input) { __typename } }`,
        { c: countyCode, input: { ...FAILURE, date: "2025-06-01" } },
      );
      const data = await post(
        `query ($c: String!) { determinationFacts(countyCode: $c, first: 100, townshipCode: "QX-CG", partyCode: "QX-CG") {
          edges { node { listType } } } }`,
        { c: countyCode },
      );
      const types = (data.determinationFacts as { edges: { node: { listType: string } }[] }).edges.map(
        (e) => e.node.listType,
      );
      expect(types.length).toBeGreaterThan(0);
      // PA-002 is on QX's 城关镇 cooperative list and on no list of QY's.
      expect(new Set(types)).toEqual(new Set([countyCode === "QX" ? "COOPERATIVE" : "OFF_LIST"]));
    },
  },
  {
    field: "townshipScoreFacts(countyCode, townshipCode)",
    async check(countyCode) {
      const data = await post(
        `query ($c: String!) { townshipScoreFacts(countyCode: $c, year: 2025, first: 5, townshipCode: "QX-CG") {
          ... on QueryTownshipScoreFactsSuccess { data { edges { node { townshipName } } } } } }`,
        { c: countyCode },
      );
      const edges = (data.townshipScoreFacts as { data: { edges: { node: { townshipName: string } }[] } })
        .data.edges;
      expect(edges.length).toBeGreaterThan(0);
      expect(new Set(edges.map((e) => e.node.townshipName))).toEqual(new Set([NAMES[countyCode]]));
    },
  },
  {
    field: "addWhistleRequests(countyCode, whistles)",
    async check(countyCode) {
      const id = `W-SCOPE-${countyCode}`;
      const data = await post(
        `mutation ($c: String!, $w: [WhistleRequestInput!]!) { addWhistleRequests(countyCode: $c, whistles: $w) { __typename } }`,
        {
          c: countyCode,
          w: [
            {
              id,
              townshipCode: "QX-CG",
              departmentCode: "ZJJ",
              itemCode: "PA-002",
              raisedOn: "2025-05-10",
              timeLimitDays: 3,
            },
          ],
        },
      );
      expect(data.addWhistleRequests).toEqual({ __typename: "MutationAddWhistleRequestsSuccess" });
      const stored = await db.prisma.whistleRequest.findMany({ where: { id }, select: { countyId: true } });
      expect(stored).toEqual([{ countyId: countyCode }]);
    },
  },
  {
    field: "/export/lists.csv?countyCode&townshipCode",
    async check(countyCode) {
      const rows = await csv(
        `/export/lists.csv?countyCode=${countyCode}&townshipCode=QX-CG&asOf=2025-05-10&list=COOPERATIVE`,
      );
      expect(new Set(rows.map((r) => r["乡镇(街道)"]))).toEqual(new Set([NAMES[countyCode]]));
      expect(rows.some((r) => r.事项编码 === "PA-002")).toBe(countyCode === "QX");
    },
  },
  {
    field: "/export/determinations.csv?countyCode&townshipCode",
    async check(countyCode) {
      await post(
        `mutation ($c: String!, $input: FailureCaseInput!) { recordFailureCase(countyCode: $c, input: $input) { __typename } }`,
        { c: countyCode, input: { ...FAILURE, date: "2025-06-02" } },
      );
      const rows = await csv(`/export/determinations.csv?countyCode=${countyCode}&townshipCode=QX-CG`);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r["乡镇(街道)"]))).toEqual(new Set([NAMES[countyCode]]));
    },
  },
];

describe("two counties sharing township, department and item codes", () => {
  const cases = FIELDS.flatMap((f) => ["QX", OTHER].map((countyCode) => [f.field, countyCode, f] as const));
  it.each(cases)("%s answers and writes in %s only", async (_field, countyCode, scoped) => {
    await scoped.check(countyCode);
  });

  it("refuses a township code unknown to the county named, though another county has it", async () => {
    const data = await post(
      `{ lists: listsAsOf(countyCode: "QX", townshipCode: "NOPE", date: "2025-05-10") { townshipCode }
        nowhere: listsAsOf(countyCode: "ZZ", townshipCode: "QX-CG", date: "2025-05-10") { townshipCode }
        d: determineResponsibility(countyCode: "ZZ", input: { townshipCode: "QX-CG", date: "2025-05-10", itemCode: "PA-002" }) {
          ... on DomainErrors { problems { code id } } } }`,
    );
    expect(data).toEqual({ lists: null, nowhere: null, d: { problems: [{ code: "NOT_FOUND", id: "ZZ" }] } });
  });
});
