import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

// The shapes the tests read; the assertions check the values.
interface Problem {
  readonly code: string;
  readonly field: string | null;
  readonly id: string | null;
  readonly message: string;
}
type Payload<T> = { readonly __typename: string; readonly data: T; readonly problems: readonly Problem[] };
type Row = Readonly<Record<string, unknown>>;

/** Posts a query that must not fail as a whole; `T` is the shape of its `data`. */
async function post<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  via: TestApi = api,
) {
  const response = await via.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(result.errors).toBeUndefined();
  if (result.data === undefined) throw new Error("no data");
  return result.data;
}

/** Rows the database holds for the county: what "nothing was written" is checked against. */
async function storedRows() {
  const where = { countyId: "QX" };
  return {
    entries: await db.prisma.listEntry.count({ where }),
    adjustments: await db.prisma.adjustment.findMany({ where, orderBy: { id: "asc" } }),
    approvals: await db.prisma.adjustmentApproval.count({ where }),
    tasks: await db.prisma.temporaryTask.findMany({ where, orderBy: { id: "asc" } }),
  };
}

const TASK_FIELDS =
  "id status asOf content townshipCodes townshipRole startsOn plannedEndOn closedOn closingNote";

describe("temporaryTasks: the ledger as of a date (L5)", () => {
  it("shows each task with its status at year end: one overdue, one closed", async () => {
    const data = await post<{ temporaryTasks: Row[] }>(
      `{ temporaryTasks(countyCode: "QX", asOf: "2025-12-31") { ${TASK_FIELDS} decision { authority documentNo decidedOn } requestingDepartment } }`,
    );
    expect(data.temporaryTasks.map((t) => [t.id, t.status])).toEqual([
      ["QX-TT-2025-01", "CLOSED"],
      ["QX-TT-2025-02", "OVERDUE"],
    ]);
    const [closed, overdue] = data.temporaryTasks;
    expect(closed).toMatchObject({
      closedOn: "2025-07-15",
      closingNote: "百日行动完成,经县政府验收销号",
      townshipRole: "LEAD",
      decision: {
        authority: "COUNTY_GOVERNMENT",
        documentNo: "青政办发〔2025〕12号",
        decidedOn: "2025-03-20",
      },
    });
    expect(overdue).toMatchObject({
      plannedEndOn: "2025-09-30",
      closedOn: null,
      townshipCodes: ["QX-BS", "QX-SM", "QX-TY"],
      requestingDepartment: "YJGLJ",
    });
  });

  it("filters by status, and shows a task as the ledger stood: a later closing is not yet recorded", async () => {
    const data = await post<{ overdue: Row[]; july: Row[]; unknown: null }>(`{
      overdue: temporaryTasks(countyCode: "QX", asOf: "2025-12-31", status: OVERDUE) { id }
      july: temporaryTasks(countyCode: "QX", asOf: "2025-07-12") { id status closedOn closingNote }
      unknown: temporaryTasks(countyCode: "NOPE", asOf: "2025-12-31") { id } }`);
    expect(data.overdue).toEqual([{ id: "QX-TT-2025-02" }]);
    expect(data.july[0]).toEqual({
      id: "QX-TT-2025-01",
      status: "OVERDUE",
      closedOn: null,
      closingNote: null,
    });
    expect(data.unknown).toBeNull();
  });
});

describe("adjustments with their routes and statuses (L3, L4)", () => {
  it("lists the demo's adjustments with their changes, approvals, publication, route and status", async () => {
    const data = await post<{ adjustments: Row[] }>(`{ adjustments(countyCode: "QX") {
      id status reason trigger { kind reference } proposer { kind code }
      changes { kind townshipCode itemCode listType leadDepartments receivingDepartment content { name } }
      approvals { level authority approvedOn documentNo } publication { publishedOn effectiveFrom }
      route { route requiredApprovals dutyAddingChanges reason } } }`);
    const byId = new Map(data.adjustments.map((a) => [a.id, a]));
    expect([...byId.keys()]).toEqual([
      "QX-ADJ-2025-01",
      "QX-ADJ-2025-02",
      "QX-ADJ-2025-03",
      "QX-ADJ-2026-01",
    ]);
    // The 2026 version's reclassification towards a department: the dynamic route, county approval.
    expect(byId.get("QX-ADJ-2026-01")).toMatchObject({
      status: "PUBLISHED",
      publication: { effectiveFrom: "2026-07-01" },
      route: { route: "DYNAMIC", requiredApprovals: ["COUNTY"] },
    });
    expect(byId.get("QX-ADJ-2025-01")).toMatchObject({
      status: "PUBLISHED",
      route: { route: "DYNAMIC", requiredApprovals: ["COUNTY"], dutyAddingChanges: [] },
      changes: [
        {
          kind: "RECLASSIFY",
          townshipCode: "QX-CG",
          itemCode: "CJ-001",
          listType: "RECLAIMED",
          receivingDepartment: "ZHZFJ",
        },
        { kind: "RECLASSIFY", townshipCode: "QX-QX", itemCode: "CJ-001", listType: "RECLAIMED" },
      ],
    });
    expect(byId.get("QX-ADJ-2025-02")).toMatchObject({
      status: "PUBLISHED",
      trigger: { kind: "WORK_NEED" },
      proposer: { kind: "COUNTY_GOVERNMENT", code: null },
      changes: [
        {
          kind: "ADD",
          townshipCode: "QX-CG",
          itemCode: "CJ-003",
          listType: "COOPERATIVE",
          leadDepartments: ["ZJJ"],
          receivingDepartment: null,
          content: { name: "燃气安全隐患排查" },
        },
      ],
      approvals: [
        { level: "COUNTY", approvedOn: "2025-07-15" },
        { level: "PROVINCE", authority: "省委机构编制委员会办公室", documentNo: "省编办函〔2025〕41号" },
      ],
      publication: { publishedOn: "2025-08-20", effectiveFrom: "2025-09-01" },
      route: { route: "ACCESS", requiredApprovals: ["COUNTY", "PROVINCE"], dutyAddingChanges: [0] },
    });
    expect(JSON.stringify(byId.get("QX-ADJ-2025-02"))).toContain("须经县级和省级审批(规则L4)");
    expect(byId.get("QX-ADJ-2025-03")).toMatchObject({
      status: "PROPOSED",
      approvals: [],
      publication: null,
      proposer: { kind: "DEPARTMENT", code: "ZHZFJ" },
      route: { route: "ACCESS", requiredApprovals: ["COUNTY", "PROVINCE"] },
    });
  });

  it("filters by status", async () => {
    const data = await post<{ adjustments: Row[] }>(
      `{ adjustments(countyCode: "QX", status: PROPOSED) { id } }`,
    );
    expect(data.adjustments).toEqual([{ id: "QX-ADJ-2025-03" }]);
  });
});

const PROPOSE = `mutation ($input: AdjustmentProposalInput!) { proposeAdjustment(countyCode: "QX", input: $input) {
  __typename
  ... on MutationProposeAdjustmentSuccess { data { adjustment { id status approvals { level } publication { effectiveFrom } }
    route { route requiredApprovals dutyAddingChanges } resemblances { itemCode proposalRef } } }
  ... on DomainErrors { problems { code field id message } } } }`;

const APPROVE = `mutation ($level: ApprovalLevel!, $on: Date!) {
  approveAdjustment(countyCode: "QX", adjustmentId: "QX-ADJ-2025-04", level: $level, approvedOn: $on) {
  __typename ... on MutationApproveAdjustmentSuccess { data { id status approvals { level approvedOn authority signedBy { subject role } } } }
  ... on DomainErrors { problems { code id } } } }`;

const PUBLISH = `mutation { publishAdjustment(countyCode: "QX", adjustmentId: "QX-ADJ-2025-04", publishedOn: "2025-12-20", effectiveFrom: "2026-01-01") {
  __typename ... on MutationPublishAdjustmentSuccess { data { adjustment { status publication { publishedOn effectiveFrom } } opened { id itemCode listType effectiveFrom openedBy } closed { id } } }
  ... on DomainErrors { problems { code message } } } }`;

const TAOYUAN_LISTS = `query ($date: Date!) { listsAsOf(countyCode: "QX", townshipCode: "QX-TY", date: $date) { version { number changeId } cooperative { itemCode effectiveFrom openedBy } } }`;

describe("an access-route addition: proposed, approved, published (L2, L4)", () => {
  const proposal = {
    id: "QX-ADJ-2025-04",
    title: "桃源镇新增燃气安全隐患排查配合事项",
    reason: "城镇燃气安全专项整治扩大到桃源镇",
    trigger: { kind: "WORK_NEED", reference: "青溪县城镇燃气安全专项整治工作方案" },
    proposer: { kind: "COUNTY_GOVERNMENT" },
    proposedOn: "2025-11-03",
    changes: [
      {
        kind: "ADD",
        townshipCode: "QX-TY",
        itemCode: "CJ-003",
        terms: {
          type: "COOPERATIVE",
          leadDepartments: ["ZJJ"],
          departmentDuty: "组织燃气安全监督检查,依法查处违法行为",
          cooperationContent: ["摸排辖区餐饮场所燃气使用底数", "发现隐患及时报告"],
          guarantees: [{ kind: "TECHNOLOGY", description: "提供燃气隐患排查技术标准" }],
        },
        assignment: { leadingPost: "分管城建副镇长", office: "城乡建设办公室" },
      },
    ],
  };

  it("refuses a proposal with every problem listed, and writes nothing", async () => {
    const before = await storedRows();
    const broken = {
      ...proposal,
      reason: " ",
      proposer: { kind: "DEPARTMENT", code: "GHOST" },
      changes: [{ ...proposal.changes[0], townshipCode: "QX-NOPE" }],
    };
    const data = await post<{ proposeAdjustment: Payload<Row> }>(PROPOSE, { input: broken });
    expect(data.proposeAdjustment.__typename).toBe("DomainErrors");
    expect(data.proposeAdjustment.problems.map((p) => [p.code, p.field ?? p.id])).toEqual([
      ["INVALID_FIELD", "reason"],
      ["NOT_FOUND", "GHOST"],
      ["NOT_FOUND", "QX-NOPE"],
    ]);
    expect(await storedRows()).toEqual(before);
  });

  it("refuses terms that lack what their list type needs, naming each field", async () => {
    const [change] = proposal.changes;
    const data = await post<{ proposeAdjustment: Payload<Row> }>(PROPOSE, {
      input: {
        ...proposal,
        changes: [{ ...change, terms: { type: "COOPERATIVE", receivingDepartment: "ZJJ" } }],
      },
    });
    expect(data.proposeAdjustment.problems.map((p) => [p.code, p.field])).toEqual([
      ["INVALID_FIELD", "changes[0].terms.receivingDepartment"],
      // What a cooperative entry must state, as the core checks it for workbooks and what-ifs
      // alike (entryTermsProblems: lead department and cooperation content, A2).
      ["INVALID_FIELD", "changes[0].terms.leadDepartments"],
      ["INVALID_FIELD", "changes[0].terms.cooperationContent"],
    ]);
    expect(data.proposeAdjustment.problems[1]?.message).toBe("配合履职事项须载明牵头部门");
  });

  it("records the proposal on the access route", async () => {
    const data = await post<{ proposeAdjustment: Payload<Row> }>(PROPOSE, { input: proposal });
    expect(data.proposeAdjustment.data).toEqual({
      adjustment: { id: "QX-ADJ-2025-04", status: "PROPOSED", approvals: [], publication: null },
      route: { route: "ACCESS", requiredApprovals: ["COUNTY", "PROVINCE"], dutyAddingChanges: [0] },
      resemblances: [],
    });
    const again = await post<{ proposeAdjustment: Payload<Row> }>(PROPOSE, { input: proposal });
    expect(again.proposeAdjustment.problems).toMatchObject([{ code: "DUPLICATE_ID", id: "QX-ADJ-2025-04" }]);
  });

  it("with the county approval only, refuses to publish (MISSING_APPROVAL) and changes nothing", async () => {
    // Signed by who gives it (issue 15): the list office's user, not free text.
    const listOffice = await api.as("LIST_OFFICE");
    const approved = await post<{ approveAdjustment: Payload<Row> }>(
      APPROVE,
      { level: "COUNTY", on: "2025-11-20" },
      listOffice,
    );
    expect(approved.approveAdjustment.data).toEqual({
      id: "QX-ADJ-2025-04",
      status: "PROPOSED",
      approvals: [
        {
          level: "COUNTY",
          approvedOn: "2025-11-20",
          authority: listOffice.actor.name,
          signedBy: { subject: listOffice.actor.subject, role: "LIST_OFFICE" },
        },
      ],
    });
    const before = await storedRows();
    const listsBefore = await post<{ listsAsOf: { cooperative: Row[] } }>(TAOYUAN_LISTS, {
      date: "2026-01-01",
    });

    const refused = await post<{ publishAdjustment: Payload<Row> }>(PUBLISH);
    expect(refused.publishAdjustment.__typename).toBe("DomainErrors");
    expect(refused.publishAdjustment.problems.map((p) => p.code)).toEqual(["MISSING_APPROVAL"]);
    expect(refused.publishAdjustment.problems[0]?.message).toContain("缺少省级审批");

    expect(await storedRows()).toEqual(before);
    expect(await post(TAOYUAN_LISTS, { date: "2026-01-01" })).toEqual(listsBefore);
    expect(listsBefore.listsAsOf.cooperative.map((e) => e.itemCode)).not.toContain("CJ-003");
    const listed = await post<{ adjustments: Row[] }>(
      `{ adjustments(countyCode: "QX") { id status publication { publishedOn } } }`,
    );
    expect(listed.adjustments).toContainEqual({
      id: "QX-ADJ-2025-04",
      status: "PROPOSED",
      publication: null,
    });
  });

  it("after the provincial approver's approval publishes, and the lists change from the effective date", async () => {
    const approved = await post<{ approve: Payload<Row> }>(
      `mutation {
      approve: approveAdjustment(countyCode: "QX", adjustmentId: "QX-ADJ-2025-04", level: PROVINCE, approvedOn: "2025-12-10", documentNo: "省编办函〔2025〕77号") {
        ... on MutationApproveAdjustmentSuccess { data { status } } } }`,
      {},
      await api.as("PROVINCIAL_APPROVER"),
    );
    expect(approved.approve.data).toEqual({ status: "APPROVED" });
    const data = await post<{ publishAdjustment: Payload<Row> }>(PUBLISH, {}, await api.as("LIST_OFFICE"));
    expect(data.publishAdjustment.data).toEqual({
      adjustment: {
        status: "PUBLISHED",
        publication: { publishedOn: "2025-12-20", effectiveFrom: "2026-01-01" },
      },
      opened: [
        {
          id: "QX-ADJ-2025-04#1",
          itemCode: "CJ-003",
          listType: "COOPERATIVE",
          effectiveFrom: "2026-01-01",
          openedBy: "QX-ADJ-2025-04",
        },
      ],
      closed: [],
    });
    const lists = await post<{
      before: { cooperative: Row[] };
      after: { version: Row; cooperative: Row[] };
    }>(`{
      before: listsAsOf(countyCode: "QX", townshipCode: "QX-TY", date: "2025-12-31") { cooperative { itemCode } }
      after: listsAsOf(countyCode: "QX", townshipCode: "QX-TY", date: "2026-01-01") { version { changeId } cooperative { itemCode openedBy } } }`);
    expect(lists.before.cooperative.map((e) => e.itemCode)).not.toContain("CJ-003");
    expect(lists.after.version.changeId).toBe("QX-ADJ-2025-04");
    expect(lists.after.cooperative).toContainEqual({ itemCode: "CJ-003", openedBy: "QX-ADJ-2025-04" });

    const listed = await post<{ adjustments: Row[] }>(
      `{ adjustments(countyCode: "QX", status: PUBLISHED) { id route { route } } }`,
    );
    expect(listed.adjustments).toContainEqual({ id: "QX-ADJ-2025-04", route: { route: "ACCESS" } });
    const again = await post<{ publishAdjustment: Payload<Row> }>(PUBLISH);
    expect(again.publishAdjustment.problems.map((p) => p.code)).toEqual(["ALREADY_PUBLISHED"]);
  });
});

describe("registering and closing a temporary task (L5, L6)", () => {
  const REGISTER = `mutation ($input: TemporaryTaskInput!) { registerTemporaryTask(countyCode: "QX", input: $input) {
    __typename ... on MutationRegisterTemporaryTaskSuccess { data { task { ${TASK_FIELDS} } resemblances { townshipCode itemCode receivingDepartment matchedOn ruleId } } }
    ... on DomainErrors { problems { code field id } } } }`;
  const CLOSE = `mutation { closeTemporaryTask(countyCode: "QX", taskId: "QX-TT-2025-03", closedOn: "2025-12-15", note: "专项行动结束,验收销号") {
    __typename ... on MutationCloseTemporaryTaskSuccess { data { ${TASK_FIELDS} } }
    ... on DomainErrors { problems { code id } } } }`;
  const task = {
    id: "QX-TT-2025-03",
    decision: {
      authority: "COUNTY_GOVERNMENT",
      documentNo: "青政办发〔2025〕40号",
      title: "《桃源镇违法建设查处专项行动方案》",
      decidedOn: "2025-10-20",
    },
    requestingDepartment: "ZHZFJ",
    townshipCodes: ["QX-TY"],
    content: "违法建设查处专项行动",
    townshipRole: "ASSIST",
    startsOn: "2025-11-01",
    plannedEndOn: "2025-11-30",
  };

  it("registers a task and flags that it resembles an item reclaimed from the township", async () => {
    const data = await post<{ registerTemporaryTask: Payload<Row> }>(REGISTER, { input: task });
    expect(data.registerTemporaryTask.data).toEqual({
      task: {
        id: "QX-TT-2025-03",
        status: "OPEN",
        asOf: "2025-11-01",
        content: "违法建设查处专项行动",
        townshipCodes: ["QX-TY"],
        townshipRole: "ASSIST",
        startsOn: "2025-11-01",
        plannedEndOn: "2025-11-30",
        closedOn: null,
        closingNote: null,
      },
      resemblances: [
        {
          townshipCode: "QX-TY",
          itemCode: "CJ-002",
          receivingDepartment: "ZHZFJ",
          matchedOn: "NAME",
          ruleId: "L6",
        },
      ],
    });
    const ledger = await post<{ temporaryTasks: Row[] }>(
      `{ temporaryTasks(countyCode: "QX", asOf: "2025-12-10", status: OVERDUE) { id } }`,
    );
    expect(ledger.temporaryTasks).toEqual([{ id: "QX-TT-2025-02" }, { id: "QX-TT-2025-03" }]);
  });

  it("refuses a second registration and a task with unknown references, writing nothing", async () => {
    const before = await storedRows();
    const data = await post<{ registerTemporaryTask: Payload<Row> }>(REGISTER, {
      input: { ...task, requestingDepartment: "GHOST", townshipCodes: ["QX-TY", "QX-NOPE"] },
    });
    expect(data.registerTemporaryTask.problems.map((p) => [p.code, p.id])).toEqual([
      ["DUPLICATE_ID", "QX-TT-2025-03"],
      ["NOT_FOUND", "GHOST"],
      ["NOT_FOUND", "QX-NOPE"],
    ]);
    expect(await storedRows()).toEqual(before);
  });

  it("closes it (销号) once; the ledger shows it closed from that day", async () => {
    const closed = await post<{ closeTemporaryTask: Payload<Row> }>(CLOSE);
    expect(closed.closeTemporaryTask.data).toMatchObject({
      id: "QX-TT-2025-03",
      status: "CLOSED",
      asOf: "2025-12-15",
      closedOn: "2025-12-15",
      closingNote: "专项行动结束,验收销号",
    });
    const again = await post<{ closeTemporaryTask: Payload<Row> }>(CLOSE);
    expect(again.closeTemporaryTask.problems).toEqual([{ code: "ALREADY_CLOSED", id: "QX-TT-2025-03" }]);
    const ledger = await post<{ before: Row[]; after: Row[] }>(`{
      before: temporaryTasks(countyCode: "QX", asOf: "2025-12-14") { id status closedOn }
      after: temporaryTasks(countyCode: "QX", asOf: "2025-12-31", status: CLOSED) { id } }`);
    expect(ledger.before).toContainEqual({ id: "QX-TT-2025-03", status: "OVERDUE", closedOn: null });
    expect(ledger.after).toEqual([{ id: "QX-TT-2025-01" }, { id: "QX-TT-2025-03" }]);
  });
});

describe("determinationFacts: stored cases as flat facts for BI", () => {
  const RECORD = `mutation ($input: FailureCaseInput!) { recordFailureCase(countyCode: "QX", input: $input) {
    ... on MutationRecordFailureCaseSuccess { data { decisionId parties { party { kind code } role ruleIds } } } } }`;
  const FACTS = `query ($after: String, $role: Role, $partyCode: String, $townshipCode: String) {
    determinationFacts(countyCode: "QX", first: 2, after: $after, role: $role, partyCode: $partyCode, townshipCode: $townshipCode) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { decisionId date townshipCode listType partyKind partyCode role ruleIds factors reason } } } }`;

  interface Facts {
    readonly determinationFacts: {
      readonly totalCount: number;
      readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
      readonly edges: readonly { readonly cursor: string; readonly node: Row }[];
    };
  }
  interface Recorded {
    readonly recordFailureCase: {
      readonly data: {
        readonly decisionId: string;
        readonly parties: readonly {
          party: { kind: string; code: string };
          role: string;
          ruleIds: string[];
        }[];
      };
    };
  }

  /** Every page of the facts, two rows at a time, with the total count each page gave. */
  async function allFacts(filters: Record<string, unknown> = {}) {
    const rows: Row[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const connection: Facts["determinationFacts"] = (await post<Facts>(FACTS, { after, ...filters }))
        .determinationFacts;
      totals.push(connection.totalCount);
      rows.push(...connection.edges.map((e) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return { rows, totals };
  }

  it("pages one row per party × case with the total count", async () => {
    const cooperative = await post<Recorded>(RECORD, {
      input: {
        townshipCode: "QX-CG",
        date: "2025-05-10",
        itemCode: "PA-002",
        findings: { townshipAtFault: true, withinCooperationContent: true, guaranteesDelivered: false },
      },
    });
    const offList = await post<Recorded>(RECORD, {
      input: {
        townshipCode: "QX-TY",
        date: "2025-09-12",
        matter: "建筑工地扬尘污染执法检查",
        findings: { pushedDownBy: "ZJJ" },
      },
    });
    const cases = [cooperative.recordFailureCase.data, offList.recordFailureCase.data];
    const parties = cases.flatMap((c) =>
      c.parties.map((p) => [c.decisionId, p.party.kind, p.party.code, p.role, p.ruleIds]),
    );
    expect(parties.length).toBeGreaterThan(2);
    expect(await db.prisma.determinationParty.count({ where: { countyId: "QX" } })).toBe(parties.length);

    const { rows, totals } = await allFacts();
    expect(totals.every((n) => n === parties.length)).toBe(true);
    expect(rows.map((r) => [r.decisionId, r.partyKind, r.partyCode, r.role, r.ruleIds]).sort()).toEqual(
      [...parties].sort(),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        decisionId: cooperative.recordFailureCase.data.decisionId,
        date: "2025-05-10",
        townshipCode: "QX-CG",
        listType: "COOPERATIVE",
        partyKind: "TOWNSHIP",
        partyCode: "QX-CG",
        role: "SECONDARY",
        ruleIds: ["A2", "A10"],
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        listType: "OFF_LIST",
        partyCode: "ZJJ",
        role: "PRIMARY",
        townshipCode: "QX-TY",
      }),
    );
  });

  it("filters by township, role and party, counting what it filters", async () => {
    const primary = await allFacts({ role: "PRIMARY" });
    expect(primary.rows.length).toBeGreaterThan(0);
    expect(primary.rows.every((r) => r.role === "PRIMARY")).toBe(true);
    expect(primary.totals[0]).toBe(primary.rows.length);

    const taoyuan = await allFacts({ townshipCode: "QX-TY", partyCode: "QX-TY" });
    expect(taoyuan.rows).toEqual([
      expect.objectContaining({ partyCode: "QX-TY", role: "NONE", listType: "OFF_LIST" }),
    ]);
    expect(taoyuan.totals).toEqual([1]);

    const none = await post<Facts>(
      `{ determinationFacts(countyCode: "NOPE", first: 5) { totalCount edges { cursor } } }`,
    );
    expect(none.determinationFacts).toEqual({ totalCount: 0, edges: [] });
  });
});
