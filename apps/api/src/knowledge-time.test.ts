import { recordingDay } from "@dutylist/core";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// L2 knowledge time through the API: an inspector reviewing in December what the lists and the
// ledger said about 15 July as known on 10 June (before the 20 June publication of QX-ADJ-2025-01).

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_knowledge"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  // A fixed clock: "today" is 4 December 2026 in the counties' zone.
  api = await createTestApi(db, { clock: () => new Date("2026-12-04T02:00:00Z") });
});
afterAll(async () => {
  await db?.close();
});

type Row = Readonly<Record<string, unknown>>;

async function post<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return result.data;
}

const LISTS = `query ($knownOn: Date) {
  listsAsOf(countyCode: "QX", townshipCode: "QX-CG", date: "2025-07-15", knownOn: $knownOn) {
    knownOn version { changeId } basic { itemCode } reclaimed { itemCode }
  }
}`;

const DETERMINE = `query ($knownOn: Date) {
  determineResponsibility(countyCode: "QX", input: {
    townshipCode: "QX-CG", date: "2025-07-15", itemCode: "CJ-001",
    findings: { townshipAtFault: true }, knownOn: $knownOn
  }) {
    ... on DomainErrors { problems { message } } ... on QueryDetermineResponsibilitySuccess { data { decisionId knownOn listType parties { party { code } role ruleIds } } }
  }
}`;

describe("L2 knowledge time: listsAsOf and determineResponsibility take knownOn", () => {
  it("L2: the lists of 15 July as known on 10 June hold 占道经营查处 as basic; as known today, reclaimed", async () => {
    const june = await post<{ listsAsOf: Row }>(LISTS, { knownOn: "2025-06-10" });
    const today = await post<{ listsAsOf: Row }>(LISTS);
    const codes = (rows: unknown) => (rows as { itemCode: string }[]).map((r) => r.itemCode);
    expect(june.listsAsOf.knownOn).toBe("2025-06-10");
    expect(codes(june.listsAsOf.basic)).toContain("CJ-001");
    expect(codes(june.listsAsOf.reclaimed)).not.toContain("CJ-001");
    expect(june.listsAsOf.version).toEqual({ changeId: "QX-2025" });
    expect(today.listsAsOf.knownOn).toBe("2026-12-04");
    expect(codes(today.listsAsOf.reclaimed)).toContain("CJ-001");
    expect(today.listsAsOf.version).toEqual({ changeId: "QX-ADJ-2025-01" });
  });

  it("L2, A1, A3: the determination as known on 10 June blames the township (basic); as known today, the receiving department", async () => {
    const determine = async (knownOn?: string) => {
      const variables = knownOn === undefined ? {} : { knownOn };
      const answer = (
        await post<{ determineResponsibility: { data?: Row; problems?: unknown } }>(DETERMINE, variables)
      ).determineResponsibility;
      expect(answer.problems).toBeUndefined();
      return answer.data ?? {};
    };
    const june = await determine("2025-06-10");
    const today = await determine();
    const roles = (d: Row) =>
      (d.parties as { party: { code: string }; role: string }[]).map((p) => `${p.party.code}:${p.role}`);
    expect(june).toMatchObject({ knownOn: "2025-06-10", listType: "BASIC" });
    expect(roles(june)).toContain("QX-CG:PRIMARY");
    expect(today).toMatchObject({ knownOn: "2026-12-04", listType: "RECLAIMED" });
    expect(roles(today)).toEqual(expect.arrayContaining(["QX-CG:NONE", "ZHZFJ:PRIMARY"]));
    expect(today.decisionId).not.toBe(june.decisionId);
  });

  it("L2: what was recorded late — the closing of QX-TT-2025-01 entered a week after its date", async () => {
    const data = await post<{ recordedLate: Row[] }>(
      `{ recordedLate(countyCode: "QX", about: "2025-07-20", recordedAfter: "2025-07-18") { kind id speaksAbout recordedOn } }`,
    );
    expect(data.recordedLate).toEqual([
      { kind: "TASK_CLOSING", id: "QX-TT-2025-01", speaksAbout: "2025-07-15", recordedOn: "2025-07-22" },
    ]);
    const ledger = await post<{ temporaryTasks: Row[] }>(
      `{ temporaryTasks(countyCode: "QX", asOf: "2025-07-20", knownOn: "2025-07-18") { id status closedOn } }`,
    );
    expect(ledger.temporaryTasks.find((t) => t.id === "QX-TT-2025-01")).toEqual({
      id: "QX-TT-2025-01",
      status: "OVERDUE",
      closedOn: null,
    });
  });

  it("L5: a task registered through the API is registered and recorded today, whatever start it states", async () => {
    const data = await post<{ registerTemporaryTask: Row }>(
      `mutation { registerTemporaryTask(countyCode: "QX", input: {
        id: "QX-TT-KT", decision: { authority: COUNTY_GOVERNMENT, documentNo: "青政办〔2026〕9号", title: "测试", decidedOn: "2026-11-20" },
        requestingDepartment: "NYNCJ", townshipCodes: ["QX-TY"], content: "冬季农业生产检查", townshipRole: ASSIST,
        startsOn: "2026-11-25", plannedEndOn: "2027-01-31" }) {
        ... on MutationRegisterTemporaryTaskSuccess { data { task { id registeredOn recordedOn startsOn } } } } }`,
    );
    expect(data.registerTemporaryTask).toEqual({
      data: {
        task: {
          id: "QX-TT-KT",
          registeredOn: "2026-12-04",
          recordedOn: "2026-12-04",
          startsOn: "2026-11-25",
        },
      },
    });
  });

  it("L2, S7: the assessment as known on 31 March scores only what had been recorded by then", async () => {
    const query = `query ($knownOn: Date) { assessment(countyCode: "QX", year: 2025, knownOn: $knownOn) {
      ... on QueryAssessmentSuccess { data { townships { code total: totalExact } excludedCount } } } }`;
    const year = async (knownOn?: string) =>
      (
        await post<{ assessment: { data: { townships: Row[]; excludedCount: number } } }>(
          query,
          knownOn === undefined ? {} : { knownOn },
        )
      ).assessment.data;
    const march = await year("2025-03-31");
    const now = await year();
    const totals = (a: { townships: Row[] }) =>
      Object.fromEntries(a.townships.map((t) => [String(t.code), t.total]));
    expect(Object.keys(totals(march)).sort()).toEqual(Object.keys(totals(now)).sort());
    expect(totals(march)).not.toEqual(totals(now));
    expect(march.excludedCount).toBeLessThan(now.excludedCount);
    // Nothing had been recorded by the first day of the year: every township stands at its
    // indicators' empty-year scores, the same whatever the later records say.
    const first = await year("2025-01-01");
    expect(first.excludedCount).toBe(0);
  });

  it("L2: the facts of stored cases as known on a day leave out cases recorded after it", async () => {
    await post(`mutation { recordFailureCase(countyCode: "QX", input: {
      townshipCode: "QX-CG", date: "2025-07-15", itemCode: "CJ-001", findings: { townshipAtFault: true } }) {
      __typename } }`);
    const facts = async (knownOn: string) =>
      (
        await post<{ determinationFacts: { totalCount: number } }>(
          `query ($knownOn: Date) { determinationFacts(countyCode: "QX", knownOn: $knownOn) { totalCount } }`,
          { knownOn },
        )
      ).determinationFacts.totalCount;
    expect(await facts("2025-06-10")).toBe(0);
    expect(await facts(recordingDay(new Date()))).toBeGreaterThan(0);
  });
});
