import { ACCESS_POLICY, ACCESS_ROLES, type Actor, authorize, type OperationName } from "@dutylist/core";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { schema } from "./schema/index.ts";
import { actorWithRole, createTestApi, type TestApi } from "./test-api.ts";

// The whole access matrix, generated: every query field, mutation and download × every role of
// county QX, anonymous, a user of another county and a township user of another township,
// asserting allowed or refused as the core's ACCESS_POLICY says. A root field or download without
// a request here fails the first test, so a new operation cannot be left out.

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_access_matrix"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

const Q = `countyCode: "QX"`;
const ON = `"2025-09-03"`;
let serial = 0;
/** A fresh id per request, so that allowed writes never collide with each other. */
const id = (prefix: string) => `${prefix}-M${++serial}`;

/** One request per GraphQL root field, its arguments naming county QX, 城关镇 and 县综合行政执法局. */
const GRAPHQL: Readonly<Record<string, () => string>> = {
  county: () => `{ county(code: "QX") { name } }`,
  listsAsOf: () => `{ listsAsOf(${Q}, townshipCode: "QX-CG", date: ${ON}) { knownOn } }`,
  adjustments: () => `{ adjustments(${Q}) { id } }`,
  temporaryTasks: () => `{ temporaryTasks(${Q}, asOf: ${ON}) { id } }`,
  recordedLate: () => `{ recordedLate(${Q}) { id } }`,
  listReview: () => `{ listReview(${Q}, asOf: ${ON}) { knownOn } }`,
  proposeAdjustment:
    () => `mutation { proposeAdjustment(${Q}, input: { id: "${id("ADJ")}", title: "t", reason: "工作需要",
      proposedOn: ${ON}, proposer: { kind: TOWNSHIP, code: "QX-CG" }, trigger: { kind: TOWNSHIP_APPLICATION, reference: "申请" },
      changes: [{ kind: REMOVE, townshipCode: "QX-CG", itemCode: "MS-002" }] }) { __typename } }`,
  approveAdjustment: () =>
    `mutation { approveAdjustment(${Q}, adjustmentId: "QX-ADJ-2025-03", level: COUNTY, approvedOn: ${ON}) { __typename } }`,
  publishAdjustment: () =>
    `mutation { publishAdjustment(${Q}, adjustmentId: "NO-SUCH", publishedOn: ${ON}) { __typename } }`,
  registerTemporaryTask:
    () => `mutation { registerTemporaryTask(${Q}, input: { id: "${id("TT")}", content: "迎检材料",
      decision: { authority: COUNTY_GOVERNMENT, decidedOn: ${ON}, documentNo: "x", title: "x" }, requestingDepartment: "ZHZFJ",
      startsOn: ${ON}, plannedEndOn: "2025-10-01", townshipCodes: ["QX-CG"], townshipRole: ASSIST }) { __typename } }`,
  closeTemporaryTask: () =>
    `mutation { closeTemporaryTask(${Q}, taskId: "NO-SUCH", closedOn: ${ON}, note: "x") { __typename } }`,
  determineResponsibility: () =>
    `{ determineResponsibility(${Q}, input: { townshipCode: "QX-CG", date: ${ON}, itemCode: "CJ-001" }) { __typename } }`,
  determinations: () => `{ determinations(${Q}) { decisionId } }`,
  determinationFacts: () => `{ determinationFacts(${Q}, first: 1) { __typename } }`,
  changeLog: () => `{ changeLog(${Q}, first: 1) { totalCount } }`,
  recordFailureCase: () =>
    `mutation { recordFailureCase(${Q}, input: { townshipCode: "QX-CG", date: ${ON}, itemCode: "CJ-001" }) { __typename } }`,
  assessment: () => `{ assessment(${Q}, year: 2025) { __typename } }`,
  validateAssessmentPlan: () => `{ validateAssessmentPlan(${Q}, year: 2025) { __typename } }`,
  indicatorCompression: () => `{ indicatorCompression(${Q}, year: 2025) { __typename } }`,
  whatIf: () =>
    `{ whatIf(${Q}, year: 2025, scenario: { description: "无", effectiveFrom: ${ON}, changes: [] }) { __typename } }`,
  townshipScoreFacts: () => `{ townshipScoreFacts(${Q}, year: 2025, first: 1) { __typename } }`,
  departmentScoreFacts: () => `{ departmentScoreFacts(${Q}, year: 2025, first: 1) { __typename } }`,
  addPerformanceRecords:
    () => `mutation { addPerformanceRecords(${Q}, records: [{ id: "${id("PR")}", indicatorCode: "NO-SUCH",
      subjectKind: TOWNSHIP, subjectCode: "QX-CG", townshipCode: "QX-CG", date: ${ON}, valueKind: PASS_FAIL, passed: true }]) { __typename } }`,
  addDepartmentRatings:
    () => `mutation { addDepartmentRatings(${Q}, ratings: [{ id: "${id("RT")}", year: 2099,
      townshipCode: "QX-CG", departmentCode: "ZHZFJ", score: "90" }]) { __typename } }`,
  addWhistleRequests:
    () => `mutation { addWhistleRequests(${Q}, whistles: [{ id: "${id("WH")}", townshipCode: "QX-CG",
      departmentCode: "ZHZFJ", itemCode: "CJ-001", raisedOn: ${ON}, timeLimitDays: 5 }]) { __typename } }`,
  addGuaranteeDeliveries:
    () => `mutation { addGuaranteeDeliveries(${Q}, deliveries: [{ id: "${id("GD")}", townshipCode: "QX-CG",
      departmentCode: "ZHZFJ", itemCode: "CJ-001", kind: FUNDING, dueBy: ${ON} }]) { __typename } }`,
  reportPushDowns:
    () => `mutation { reportPushDowns(${Q}, reports: [{ id: "${id("PD")}", townshipCode: "QX-CG",
      departmentCode: "ZHZFJ", date: ${ON}, matter: "迎检材料" }]) { __typename } }`,
  reportUnattendedItems:
    () => `mutation { reportUnattendedItems(${Q}, reports: [{ id: "${id("UA")}", townshipCode: "QX-CG",
      departmentCode: "ZHZFJ", itemCode: "CJ-002", date: ${ON} }]) { __typename } }`,
  matchWorkOrder: () =>
    `{ matchWorkOrder(${Q}, townshipCode: "QX-CG", receivedOn: ${ON}, text: "路边摆摊") { __typename } }`,
  receiveWorkOrder: () =>
    `mutation { receiveWorkOrder(${Q}, input: { id: "${id("WO")}", townshipCode: "QX-CG", receivedOn: ${ON},
      channel: "PHONE", text: "路边摆摊" }) { __typename } }`,
  correctWorkOrderDispatch: () =>
    `mutation { correctWorkOrderDispatch(${Q}, workOrderId: "NO-SUCH", itemCode: "CJ-001") { __typename } }`,
  workOrderFacts: () => `{ workOrderFacts(${Q}, first: 1) { totalCount } }`,
  raiseWhistle: () =>
    `mutation { raiseWhistle(${Q}, input: { id: "${id("WR")}", townshipCode: "QX-CG", itemCode: "PA-002",
      matter: "九小场所", raisedOn: ${ON}, timeLimitDays: 3 }) { __typename } }`,
  reportWhistle: () =>
    `mutation { reportWhistle(${Q}, whistleId: "NO-SUCH", unitCode: "ZHZFJ", on: ${ON}) { __typename } }`,
  closeWhistle: () =>
    `mutation { closeWhistle(${Q}, whistleId: "NO-SUCH", unitCode: "ZHZFJ", on: ${ON}) { __typename } }`,
  confirmWhistle: () =>
    `mutation { confirmWhistle(${Q}, whistleId: "NO-SUCH", unitCode: "QX-CG", on: ${ON}) { __typename } }`,
  whistleFacts: () =>
    `{ whistleFacts(${Q}, from: "2025-01-01", to: "2026-01-01", groupBy: DEPARTMENT) { totalCount } }`,
};

/** One request per download (its lighter format), with the parameters it needs. */
const DOWNLOADS: Readonly<Record<string, string>> = {
  "export/lists": "/export/lists.csv?countyCode=QX&asOf=2025-09-03&townshipCode=QX-CG&list=BASIC",
  "export/township-scores": "/export/township-scores.csv?countyCode=QX&year=2025",
  "export/department-scores": "/export/department-scores.csv?countyCode=QX&year=2025",
  "export/assessment": "/export/assessment.xlsx?countyCode=QX&year=2025",
  "export/determinations": "/export/determinations.csv?countyCode=QX",
  "export/work-orders": "/export/work-orders.csv?countyCode=QX&from=2026-01-01&to=2026-02-01",
  "export/whistles": "/export/whistles.csv?countyCode=QX&from=2026-01-01&to=2027-01-01&groupBy=DEPARTMENT",
  "export/report": "/export/report.html?countyCode=QX&year=2025",
};

const OTHER_COUNTY: Actor = actorWithRole("ADMINISTRATOR", "ZZ");
const OTHER_TOWNSHIP: Actor = { ...actorWithRole("TOWNSHIP"), subject: "test:QX:bs", townshipCode: "QX-BS" };
const ACTORS: readonly (Actor | null)[] = [
  null,
  ...ACCESS_ROLES.map((role) => actorWithRole(role)),
  OTHER_COUNTY,
  OTHER_TOWNSHIP,
];
const label = (actor: Actor | null) =>
  actor === null
    ? "anonymous"
    : `${actor.role}@${actor.countyCode ?? actor.counties.join("+") ?? "*"}${actor.townshipCode ? `/${actor.townshipCode}` : ""}`;

/** What the matrix says for the request as written: the same target the API derives. */
function expected(actor: Actor | null, operation: OperationName): "allowed" | "refused" {
  const townshipCodes = ["QX-CG"];
  const target =
    operation === "approveAdjustment"
      ? { countyCode: "QX", approvalLevel: "COUNTY" as const }
      : operation === "proposeAdjustment"
        ? { countyCode: "QX", townshipCodes, departmentCodes: ["以其他部门名义"] }
        : { countyCode: "QX", townshipCodes, departmentCodes: ["ZHZFJ"] };
  return authorize(actor, operation, target).ok ? "allowed" : "refused";
}

async function viaGraphql(
  as: TestApi | null,
  query: string,
): Promise<{ outcome: "allowed" | "refused"; code?: string }> {
  const response = await (as ?? api).fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(as === null ? { authorization: "" } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  const refusal = body.errors?.find(
    (e) => e.extensions?.code === "FORBIDDEN" || e.extensions?.code === "UNAUTHENTICATED",
  );
  if (refusal !== undefined)
    return { outcome: "refused", ...(refusal.extensions?.code ? { code: refusal.extensions.code } : {}) };
  expect(body.errors ?? [], `${query}: ${JSON.stringify(body.errors)}`).toEqual([]);
  return { outcome: "allowed" };
}

async function viaDownload(as: TestApi | null, path: string): Promise<"allowed" | "refused"> {
  const response = await (as ?? api).fetch(
    `http://127.0.0.1${path}`,
    as === null ? { headers: { authorization: "" } } : {},
  );
  await response.arrayBuffer();
  if (response.status === 401 || response.status === 403) return "refused";
  expect(response.status, path).toBe(200);
  return "allowed";
}

describe("the access matrix, every operation × every role", () => {
  it("has a request for every root field and download, and the policy names exactly those", () => {
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
      Object.keys(t?.getFields() ?? {}),
    );
    expect(Object.keys(GRAPHQL).sort()).toEqual([...fields].sort());
    expect([...Object.keys(GRAPHQL), ...Object.keys(DOWNLOADS)].sort()).toEqual(
      Object.keys(ACCESS_POLICY).sort(),
    );
  });

  it.each(ACTORS.map((actor) => [label(actor), actor] as const))(
    "%s: each operation is allowed or refused as ACCESS_POLICY says",
    async (_label, actor) => {
      const as = actor === null ? null : await api.as(actor);
      const seen: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const [operation, request] of Object.entries(GRAPHQL)) {
        seen[operation] = (await viaGraphql(as, request())).outcome;
        want[operation] = expected(actor, operation as OperationName);
      }
      for (const [operation, path] of Object.entries(DOWNLOADS)) {
        seen[operation] = await viaDownload(as, path);
        want[operation] = expected(actor, operation as OperationName);
      }
      expect(seen).toEqual(want);
    },
    300_000,
  );
});

describe("refusals that matter most", () => {
  it("anonymous requests are refused UNAUTHENTICATED; nobody outside county QX reads it", async () => {
    expect(await viaGraphql(null, GRAPHQL.county?.() ?? "")).toEqual({
      outcome: "refused",
      code: "UNAUTHENTICATED",
    });
    expect(await viaGraphql(await api.as(OTHER_COUNTY), GRAPHQL.listsAsOf?.() ?? "")).toEqual({
      outcome: "refused",
      code: "FORBIDDEN",
    });
  });

  it("L4: a provincial approval comes from a provincial approver only; the list office gives the county's", async () => {
    const approve = (level: string) =>
      `mutation { approveAdjustment(${Q}, adjustmentId: "QX-ADJ-2025-03", level: ${level}, approvedOn: ${ON}) { __typename } }`;
    expect((await viaGraphql(await api.as("LIST_OFFICE"), approve("PROVINCE"))).outcome).toBe("refused");
    expect((await viaGraphql(await api.as("ADMINISTRATOR"), approve("PROVINCE"))).outcome).toBe("refused");
    expect((await viaGraphql(await api.as("PROVINCIAL_APPROVER"), approve("PROVINCE"))).outcome).toBe(
      "allowed",
    );
    expect((await viaGraphql(await api.as("PROVINCIAL_APPROVER", "ZZ"), approve("PROVINCE"))).outcome).toBe(
      "refused",
    );
  });

  it("a township user writes only its own township's records; a department only its own", async () => {
    const township = await api.as("TOWNSHIP");
    const push = (
      t: string,
    ) => `mutation { reportPushDowns(${Q}, reports: [{ id: "${id("PD")}", townshipCode: "${t}",
      departmentCode: "ZHZFJ", date: ${ON}, matter: "迎检材料" }]) { __typename } }`;
    expect((await viaGraphql(township, push("QX-CG"))).outcome).toBe("allowed");
    expect((await viaGraphql(township, push("QX-BS"))).outcome).toBe("refused");
    const department = await api.as("DEPARTMENT");
    const guarantee = (
      d: string,
    ) => `mutation { addGuaranteeDeliveries(${Q}, deliveries: [{ id: "${id("GD")}",
      townshipCode: "QX-CG", departmentCode: "${d}", itemCode: "CJ-001", kind: FUNDING, dueBy: ${ON} }]) { __typename } }`;
    expect((await viaGraphql(department, guarantee("ZHZFJ"))).outcome).toBe("allowed");
    expect((await viaGraphql(department, guarantee("LYJ"))).outcome).toBe("refused");
  });
});
