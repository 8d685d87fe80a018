import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { ensureDemoHotline } from "./demo-hotline.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  await ensureDemoHotline(db);
  api = await createTestApi(db);
}, 180_000);
afterAll(async () => {
  await db?.close();
});

async function post<T = Record<string, unknown>>(query: string, via: TestApi = api) {
  const response = await via.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const result = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return result;
}

const MATCH = `{ matchWorkOrder(countyCode: "QX", townshipCode: "QX-BS", receivedOn: "2026-05-10", text: "河口村河里半夜有抽沙船在挖沙子，大卡车一车车拉走") {
  ... on QueryMatchWorkOrderSuccess { data { unassigned item { code name } listType handler { kind code name } assisting { code } reporting { code } basis { document } reason ruleIds candidates { itemCode score } } } } }`;

describe("H1: matchWorkOrder, receiveWorkOrder, correctWorkOrderDispatch", () => {
  it("H1/A3: dispatches by the item's list type, citing the basis and the reason", async () => {
    const { data } = await post<{ matchWorkOrder: { data: Record<string, unknown> } }>(
      MATCH,
      await api.as("HOTLINE"),
    );
    expect(data?.matchWorkOrder.data).toMatchObject({
      unassigned: false,
      item: { code: "SL-002" },
      listType: "RECLAIMED",
      handler: { kind: "DEPARTMENT", code: "ZRZYJ", name: "县自然资源局" },
      reporting: [{ code: "QX-BS" }],
      ruleIds: ["H1", "A3"],
    });
  });

  it("H1: a township user may not dispatch orders", async () => {
    const result = await post(MATCH, await api.as("TOWNSHIP"));
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("H1: a received order is stored with the machine's dispatch; a correction stands beside it and the facts show both", async () => {
    const hotline = await api.as("HOTLINE");
    const received = await post<{
      receiveWorkOrder: {
        data: { id: string; townshipCode: string; machine: { item: { code: string } | null } };
      };
    }>(
      `mutation { receiveWorkOrder(countyCode: "QX", input: { id: "WO-T1", address: "沙湾村三组", receivedOn: "2026-06-01", channel: "PHONE", text: "村里那条河上漂满了塑料瓶和泡沫，还有死鱼，臭得很" }) {
        ... on MutationReceiveWorkOrderSuccess { data { id townshipCode machine { item { code } } } } } }`,
      hotline,
    );
    expect(received.data?.receiveWorkOrder.data).toMatchObject({ id: "WO-T1", townshipCode: "QX-BS" });
    const corrected = await post<{
      correctWorkOrderDispatch: {
        data: { machine: unknown; corrected: { item: { code: string }; handler: { code: string } } };
      };
    }>(
      `mutation { correctWorkOrderDispatch(countyCode: "QX", workOrderId: "WO-T1", itemCode: "SL-001", note: "河道保洁") {
        ... on MutationCorrectWorkOrderDispatchSuccess { data { machine { item { code } } corrected { item { code } handler { code } } } } } }`,
      hotline,
    );
    expect(corrected.data?.correctWorkOrderDispatch.data.corrected).toEqual({
      item: { code: "SL-001" },
      handler: { code: "QX-BS" },
    });
    const facts = await post<{
      workOrderFacts: {
        totalCount: number;
        edges: { node: { id: string; correctedItemCode: string | null } }[];
      };
    }>(
      `{ workOrderFacts(countyCode: "QX", from: "2026-06-01", to: "2026-06-02") { totalCount edges { node { id correctedItemCode } } } }`,
      await api.as("BI_READER"),
    );
    expect(facts.data?.workOrderFacts.edges.map((e) => e.node)).toContainEqual({
      id: "WO-T1",
      correctedItemCode: "SL-001",
    });
  });

  it("H1: the demo's orders are loaded, dispatched by the lists, with unassigned ones at the desk", async () => {
    const facts = await post<{ workOrderFacts: { totalCount: number } }>(
      `{ workOrderFacts(countyCode: "QX") { totalCount } }`,
    );
    expect(facts.data?.workOrderFacts.totalCount).toBeGreaterThanOrEqual(375);
    expect(
      await db.prisma.workOrder.count({ where: { countyId: "QX", handlerKind: "DESK" } }),
    ).toBeGreaterThan(0);
  });
});

const WHISTLE_FIELDS = "id departmentCode status answeredInTime countsAgainstDepartment note";

describe("H2: the whistle loop through the API, by role", () => {
  it("H2: the township raises, the department reports and closes, the township confirms; each only for its own unit", async () => {
    const township = await api.as("TOWNSHIP"); // 城关镇
    const department = await api.as("DEPARTMENT"); // 县综合行政执法局
    const raised = await post<{ raiseWhistle: { data: Record<string, unknown> } }>(
      `mutation { raiseWhistle(countyCode: "QX", input: { id: "W-API-1", townshipCode: "QX-CG", itemCode: "HJ-001", matter: "解放路饭馆油烟", raisedOn: "2026-04-01", timeLimitDays: 3 }) {
        ... on MutationRaiseWhistleSuccess { data { ${WHISTLE_FIELDS} } } } }`,
      township,
    );
    expect(raised.data?.raiseWhistle.data).toMatchObject({
      departmentCode: "ZHZFJ",
      status: "RAISED",
      countsAgainstDepartment: true,
    });
    const other = await post(
      `mutation { raiseWhistle(countyCode: "QX", input: { id: "W-API-2", townshipCode: "QX-BS", itemCode: "HJ-001", matter: "x", raisedOn: "2026-04-01", timeLimitDays: 3 }) { __typename } }`,
      township,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const steps = [
      ["reportWhistle", department, `unitCode: "ZHZFJ", on: "2026-04-03"`],
      ["closeWhistle", department, `unitCode: "ZHZFJ", on: "2026-04-07"`],
      ["confirmWhistle", township, `unitCode: "QX-CG", on: "2026-04-08"`],
    ] as const;
    let last: Record<string, unknown> | undefined;
    for (const [name, via, args] of steps) {
      const upper = name[0]?.toUpperCase() + name.slice(1);
      const done = await post<Record<string, { data: Record<string, unknown> }>>(
        `mutation { ${name}(countyCode: "QX", whistleId: "W-API-1", ${args}) { ... on Mutation${upper}Success { data { ${WHISTLE_FIELDS} } } } }`,
        via,
      );
      last = done.data?.[name]?.data;
    }
    expect(last).toMatchObject({ status: "CONFIRMED", answeredInTime: true });
  });

  it("H2: a step out of order is refused and names why", async () => {
    const result = await post<{ closeWhistle: { __typename: string; problems: { message: string }[] } }>(
      `mutation { closeWhistle(countyCode: "QX", whistleId: "QX-W-2026-05", unitCode: "ZHZFJ", on: "2026-09-11") {
        __typename ... on DomainErrors { problems { message } } } }`,
      await api.as("DEPARTMENT"),
    );
    expect(result.data?.closeWhistle.__typename).toBe("DomainErrors");
    expect(result.data?.closeWhistle.problems[0]?.message).toContain("已吹哨待报到");
  });

  it("H2: figures per department count only what the lists make it responsible for; a whistle on a basic item says so", async () => {
    const byDept = await post<{ whistleFacts: { edges: { node: Record<string, unknown> }[] } }>(
      `{ whistleFacts(countyCode: "QX", from: "2026-01-01", to: "2027-01-01", groupBy: DEPARTMENT) { edges { node { code raised confirmed closureRate averageHandlingDays } } } }`,
      await api.as("BI_READER"),
    );
    expect((byDept as { errors?: unknown }).errors).toBeUndefined();
    const nodes = byDept.data?.whistleFacts.edges.map((e) => e.node) ?? [];
    expect(nodes.find((n) => n.code === "STHJ")).toEqual({
      code: "STHJ",
      raised: 1,
      confirmed: 1,
      closureRate: "1.0000",
      averageHandlingDays: "7.00",
    });
    // QX-W-2026-06 is on 河道保洁, basic in 桃源镇: against no department.
    expect(nodes.find((n) => n.code === "ZRZYJ")).toMatchObject({ raised: 1 });
    const byTownship = await post<{ whistleFacts: { edges: { node: Record<string, unknown> }[] } }>(
      `{ whistleFacts(countyCode: "QX", from: "2026-01-01", to: "2027-01-01", groupBy: TOWNSHIP) { edges { node { code raised notAgainstDepartment } } } }`,
    );
    expect(byTownship.data?.whistleFacts.edges.map((e) => e.node)).toContainEqual({
      code: "QX-TY",
      raised: 2,
      notAgainstDepartment: 1,
    });
  });
});

describe("H2: the whistle figures in the assessment workbook and as a download", () => {
  it("H2/S5: the year's workbook has 吹哨报到 by department, township and item", async () => {
    const response = await api.fetch("http://127.0.0.1/export/assessment.xlsx?countyCode=QX&year=2025");
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("吹哨报到");
    expect(sheet).toBeDefined();
    const groups = new Set<string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) groups.add(String(row.getCell(1).value));
    });
    expect([...groups].sort()).toEqual(["乡镇(街道)", "事项", "部门"]);
  });

  it("H2: /export/whistles.csv has the rows of whistleFacts", async () => {
    const response = await api.fetch(
      "http://127.0.0.1/export/whistles.csv?countyCode=QX&from=2026-01-01&to=2027-01-01&groupBy=TOWNSHIP",
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("桃源镇");
    expect(text.trim().split("\n").length).toBeGreaterThan(2);
  });
});
