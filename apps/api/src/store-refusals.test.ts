import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// Finding 7: a write the database refuses (a unique or foreign-key violation the checks did not
// foresee, e.g. another writer in between) came back as a masked "Unexpected error.". It comes
// back as the StoreRefusal member of the mutation's result, naming the table and the constraint.
// The violations are provoked with a trigger that raises them, as a concurrent writer would.

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_store_refusals"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

const TRIGGERED = ["whistle_request", "determination", "adjustment"] as const;
afterEach(async () => {
  for (const table of TRIGGERED)
    await db.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse ON ${table}`);
});

/** Makes every insert into `table` fail with `condition` (a PL/pgSQL condition name). */
async function refuseInserts(table: (typeof TRIGGERED)[number], condition: string, constraint: string) {
  await db.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE ${condition} USING MESSAGE = 'violates constraint "${constraint}"', CONSTRAINT = '${constraint}'; END $$`);
  await db.prisma.$executeRawUnsafe(
    `CREATE TRIGGER refuse BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_${table}()`,
  );
}

async function send(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  return result.data ?? {};
}

const REFUSAL = `... on StoreRefusal { code target message }`;

describe("a write the database refuses is a typed StoreRefusal naming what collided", () => {
  it("a record batch meeting a unique violation: CONFLICT on whistle_request", async () => {
    await refuseInserts("whistle_request", "unique_violation", "whistle_request_pkey");
    const data = await send(
      `mutation { addWhistleRequests(countyCode: "QX", whistles: [{ id: "W-R1", townshipCode: "QX-CG", departmentCode: "ZJJ", itemCode: "PA-002", raisedOn: "2025-05-10", timeLimitDays: 3 }]) {
        __typename ${REFUSAL} } }`,
    );
    expect(data.addWhistleRequests).toEqual({
      __typename: "StoreRefusal",
      code: "CONFLICT",
      target: "whistle_request",
      // In words (the store names what collided), never the raw table or constraint name.
      message: expect.stringMatching(/^吹哨报到记录已存在/),
    });
    expect(await db.prisma.whistleRequest.count({ where: { id: "W-R1" } })).toBe(0);
  });

  it("a failure case meeting a foreign-key violation: MISSING_REFERENCE on determination", async () => {
    await refuseInserts("determination", "foreign_key_violation", "determination_county_id_fkey");
    const data = await send(
      `mutation { recordFailureCase(countyCode: "QX", input: { townshipCode: "QX-CG", date: "2025-05-10", matter: "扬尘" }) {
        __typename ${REFUSAL} } }`,
    );
    expect(data.recordFailureCase).toEqual({
      __typename: "StoreRefusal",
      code: "MISSING_REFERENCE",
      target: "determination",
      message: expect.stringMatching(/^责任认定引用的.*不存在/),
    });
  });

  it("a county change meeting a foreign-key violation: MISSING_REFERENCE, nothing written", async () => {
    await refuseInserts("adjustment", "foreign_key_violation", "adjustment_county_id_fkey");
    const before = await db.prisma.adjustment.count();
    const data = await send(
      `mutation ($input: AdjustmentProposalInput!) { proposeAdjustment(countyCode: "QX", input: $input) { __typename ${REFUSAL} } }`,
      {
        input: {
          id: "QX-ADJ-R1",
          title: "城关镇取消一项配合事项",
          reason: "职责调整",
          trigger: { kind: "WORK_NEED", reference: "县政府文件" },
          proposer: { kind: "COUNTY_GOVERNMENT" },
          proposedOn: "2025-11-03",
          changes: [{ kind: "REMOVE", townshipCode: "QX-CG", itemCode: "PA-002" }],
        },
      },
    );
    expect(data.proposeAdjustment).toMatchObject({ __typename: "StoreRefusal", code: "MISSING_REFERENCE" });
    expect(await db.prisma.adjustment.count()).toBe(before);
  });
});
