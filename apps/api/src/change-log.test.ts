import { LOCAL_ADMINISTRATOR } from "@dutylist/core";
import { argumentsDigest, type Database, openDatabase, verifyChangeLog } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stampOf } from "./change-stamp.ts";
import { createContext } from "./context.ts";
import { DEMO_LOADER, ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, TEST_ADMINISTRATOR, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_change_log"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

async function post<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
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

async function rows() {
  return db.prisma.changeLog.findMany({ where: { countyId: "QX" }, orderBy: { seq: "asc" } });
}

const task = {
  id: "QX-TT-LOG-1",
  decision: {
    authority: "COUNTY_GOVERNMENT",
    documentNo: "青政办发〔2025〕70号",
    title: "《专项整治方案》",
    decidedOn: "2025-10-20",
  },
  requestingDepartment: "ZHZFJ",
  townshipCodes: ["QX-TY"],
  content: "专项整治",
  townshipRole: "ASSIST",
  startsOn: "2025-11-01",
  plannedEndOn: "2025-11-30",
};
const REGISTER = `mutation ($input: TemporaryTaskInput!) { registerTemporaryTask(countyCode: "QX", input: $input) {
  __typename ... on DomainErrors { problems { code } } } }`;
const WHISTLES = `mutation ($whistles: [WhistleRequestInput!]!) { addWhistleRequests(countyCode: "QX", whistles: $whistles) {
  __typename ... on DomainErrors { problems { code field } } } }`;
const CHANGE_LOG = `query ($operation: String, $actor: String, $first: Int, $after: String) {
  changeLog(countyCode: "QX", operation: $operation, actorSubject: $actor, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { countyCode seq recordedAt actorSubject actorName actorRole actorRoleName operation argumentsDigest writtenIds prevHash hash } } } }`;

interface LogNode {
  readonly seq: number;
  readonly operation: string;
  readonly actorSubject: string;
  readonly writtenIds: readonly string[];
  readonly [field: string]: unknown;
}
interface LogPage {
  readonly changeLog: {
    readonly totalCount: number;
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
    readonly edges: readonly { readonly node: LogNode }[];
  };
}

describe("the API's writes enter the change log", () => {
  it("the demo loader writes as local:demo-loader: county, records, plan", async () => {
    expect((await rows()).map((r) => [r.seq, r.operation, r.actorSubject])).toEqual([
      [1, "loadDemoCounty", DEMO_LOADER.subject],
      [2, "loadDemoRecords", DEMO_LOADER.subject],
      [3, "loadDemoPlan", DEMO_LOADER.subject],
    ]);
  });

  it("a mutation is one row: the GraphQL field, the signed-in actor, its arguments' digest, the ids written", async () => {
    const data = await post<{ registerTemporaryTask: { __typename: string } }>(REGISTER, { input: task });
    expect(data.registerTemporaryTask.__typename).toBe("MutationRegisterTemporaryTaskSuccess");
    const last = (await rows()).at(-1);
    expect(last).toMatchObject({
      seq: 4,
      operation: "registerTemporaryTask",
      actorSubject: TEST_ADMINISTRATOR.subject,
      actorName: TEST_ADMINISTRATOR.name,
      actorRole: "ADMINISTRATOR",
      writtenIds: [task.id],
      argumentsDigest: argumentsDigest({ countyCode: "QX", input: task }),
    });
  });

  it("a refused mutation appends nothing; a batch of records lists their ids; a failure case its decision id", async () => {
    const before = (await rows()).length;
    const again = await post<{ registerTemporaryTask: { __typename: string } }>(REGISTER, { input: task });
    expect(again.registerTemporaryTask.__typename).toBe("DomainErrors");
    const bad = await post<{ addWhistleRequests: { __typename: string } }>(WHISTLES, {
      whistles: [
        {
          id: "QX-WH-LOG-0",
          townshipCode: "QX-SM",
          departmentCode: "XFJY",
          itemCode: "PA-002",
          raisedOn: "2025-06-10",
          timeLimitDays: -1,
        },
      ],
    });
    expect(bad.addWhistleRequests.__typename).toBe("DomainErrors");
    expect(await rows()).toHaveLength(before);

    const whistle = (id: string) => ({
      id,
      townshipCode: "QX-SM",
      departmentCode: "XFJY",
      itemCode: "PA-002",
      raisedOn: "2025-06-10",
      timeLimitDays: 3,
    });
    const added = await post<{ addWhistleRequests: { __typename: string } }>(WHISTLES, {
      whistles: [whistle("QX-WH-LOG-1"), whistle("QX-WH-LOG-2")],
    });
    expect(added.addWhistleRequests.__typename).toBe("MutationAddWhistleRequestsSuccess");
    const recorded = await post<{ recordFailureCase: { data: { decisionId: string } } }>(
      `mutation { recordFailureCase(countyCode: "QX", input: { townshipCode: "QX-TY", date: "2025-09-12", matter: "建筑工地扬尘污染执法检查", findings: { pushedDownBy: "ZJJ" } }) {
        ... on MutationRecordFailureCaseSuccess { data { decisionId } } } }`,
    );
    const after = await rows();
    expect(after.slice(before).map((r) => [r.operation, r.writtenIds])).toEqual([
      ["addWhistleRequests", ["QX-WH-LOG-1", "QX-WH-LOG-2"]],
      ["recordFailureCase", [recorded.recordFailureCase.data.decisionId]],
    ]);
    expect((await verifyChangeLog(db)).ok).toBe(true);
  });
});

describe("changeLog: a county's log through the API", () => {
  it("lists rows newest first, as stored, with the total", async () => {
    const data = await post<LogPage>(CHANGE_LOG);
    const stored = await rows();
    expect(data.changeLog.totalCount).toBe(stored.length);
    expect(data.changeLog.edges.map((e) => e.node.seq)).toEqual(stored.map((r) => r.seq).reverse());
    const newest = stored.at(-1);
    expect(data.changeLog.edges[0]?.node).toEqual({
      countyCode: "QX",
      seq: newest?.seq,
      recordedAt: newest?.recordedAt.toISOString(),
      actorSubject: TEST_ADMINISTRATOR.subject,
      actorName: TEST_ADMINISTRATOR.name,
      actorRole: "ADMINISTRATOR",
      actorRoleName: "系统管理员",
      operation: "recordFailureCase",
      argumentsDigest: newest?.argumentsDigest,
      writtenIds: newest?.writtenIds,
      prevHash: newest?.prevHash,
      hash: newest?.hash,
    });
  });

  it("filters by operation and by actor, and pages", async () => {
    const byOperation = await post<LogPage>(CHANGE_LOG, { operation: "registerTemporaryTask" });
    expect(byOperation.changeLog.edges.map((e) => e.node.operation)).toEqual(["registerTemporaryTask"]);
    const byActor = await post<LogPage>(CHANGE_LOG, { actor: DEMO_LOADER.subject });
    expect(byActor.changeLog.totalCount).toBe(3);
    expect(byActor.changeLog.edges.map((e) => e.node.seq)).toEqual([3, 2, 1]);
    const first = await post<LogPage>(CHANGE_LOG, { first: 2 });
    expect(first.changeLog.pageInfo.hasNextPage).toBe(true);
    const next = await post<LogPage>(CHANGE_LOG, { first: 2, after: first.changeLog.pageInfo.endCursor });
    const seqs = [...first.changeLog.edges, ...next.changeLog.edges].map((e) => e.node.seq);
    const newest = first.changeLog.edges[0]?.node.seq ?? 0;
    expect(seqs).toEqual([newest, newest - 1, newest - 2, newest - 3]);
    const unknown = await post<LogPage>(
      `{ changeLog(countyCode: "NONE") { totalCount edges { node { seq } } } }`,
    );
    expect(unknown.changeLog).toEqual({ totalCount: 0, edges: [] });
  });
});

describe("stampOf", () => {
  it("stamps with the request's actor; a write without one is refused, never logged anonymously", () => {
    const anonymous = createContext(db);
    expect(() => stampOf(anonymous, "approveAdjustment", { countyCode: "QX" })).toThrow(
      "without a signed-in actor",
    );
    const signedIn = createContext(db, undefined, undefined, LOCAL_ADMINISTRATOR);
    expect(stampOf(signedIn, "approveAdjustment", { countyCode: "QX" })).toEqual({
      actor: LOCAL_ADMINISTRATOR,
      operation: "approveAdjustment",
      arguments: { countyCode: "QX" },
    });
  });
});
