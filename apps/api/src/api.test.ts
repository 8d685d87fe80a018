import { readFile } from "node:fs/promises";
import { generateCounty } from "@dutylist/core/testing";
import { type Database, openDatabase, saveCountyDataset } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { printSchema } from "graphql";
import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { SCHEMA_FILE } from "./print-schema.ts";
import { schema } from "./schema/index.ts";
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

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

/** A field of the response's data, as the type the test expects; fails loudly when it is missing. */
function field<T>(result: { data?: Record<string, unknown> }, name: string): T {
  const value = result.data?.[name];
  if (value === undefined || value === null) throw new Error(`no ${name} in ${JSON.stringify(result)}`);
  return value as T;
}

describe("the schema", () => {
  it("matches the committed schema.graphql (run `pnpm --filter @dutylist/api print-schema` after a change)", async () => {
    expect(`${printSchema(schema)}\n`).toBe(await readFile(SCHEMA_FILE, "utf8"));
  });
});

describe("GraphQL over HTTP", () => {
  it("answers a determination with its parties, roles, rule ids and citations (A2)", async () => {
    const result = await post(
      `query ($input: FailureCaseInput!) { determineResponsibility(countyCode: "QX", input: $input) {
        ... on QueryDetermineResponsibilitySuccess { data { decisionId listType parties { party { kind code name } role ruleIds citations { itemCode itemName listType effectiveFrom effectiveTo basis { document article } } explanation } } } } }`,
      {
        input: {
          townshipCode: "QX-CG",
          date: "2025-05-10",
          itemCode: "PA-002",
          findings: { townshipAtFault: true, withinCooperationContent: true },
        },
      },
    );
    expect(result.errors).toBeUndefined();
    const data = field<{
      data: {
        listType: string;
        parties: {
          party: { code: string };
          role: string;
          ruleIds: string[];
          citations: { itemCode: string; basis: { document: string }[] }[];
        }[];
      };
    }>(result, "determineResponsibility").data;
    expect(data.listType).toBe("COOPERATIVE");
    expect(data.parties.map((p) => [p.party.code, p.role, p.ruleIds])).toEqual([
      ["QX-CG", "SECONDARY", ["A2"]],
      ["XFJY", "PRIMARY", ["A2"]],
    ]);
    expect(data.parties[0]?.citations[0]?.basis[0]?.document).toBe("《中华人民共和国消防法》");
  });

  it("returns domain errors as a typed union member naming each problem", async () => {
    const result = await post(
      `{ determineResponsibility(countyCode: "QX", input: { townshipCode: "QX-CG", date: "2025-05-10", itemCode: "NOPE", findings: { pushedDownBy: "GHOST" } }) {
        __typename ... on DomainErrors { problems { code id } } } }`,
    );
    expect(result.data?.determineResponsibility).toEqual({
      __typename: "DomainErrors",
      problems: [
        { code: "NOT_FOUND", id: "NOPE" },
        { code: "NOT_FOUND", id: "GHOST" },
      ],
    });
  });

  it("rejects a date that is not a calendar date", async () => {
    const result = await post(
      `{ listsAsOf(countyCode: "QX", townshipCode: "QX-CG", date: "2025-02-30") { asOf } }`,
    );
    expect(result.errors?.[0]?.message).toContain("2025-02-30");
  });

  it("reconstructs a township's lists on a date (L2)", async () => {
    const result =
      await post(`{ before: listsAsOf(countyCode: "QX", townshipCode: "QX-CG", date: "2025-06-30") { version { number } basic { itemCode } }
      after: listsAsOf(countyCode: "QX", townshipCode: "QX-CG", date: "2025-07-01") { version { number changeId } reclaimed { itemCode effectiveFrom } } }`);
    const before = result.data?.before as { version: { number: number }; basic: { itemCode: string }[] };
    const after = result.data?.after as {
      version: { number: number; changeId: string };
      reclaimed: { itemCode: string; effectiveFrom: string }[];
    };
    expect(before.basic.map((e) => e.itemCode)).toContain("CJ-001");
    expect(after.version).toEqual({ number: 2, changeId: "QX-ADJ-2025-01" });
    expect(after.reclaimed).toContainEqual({ itemCode: "CJ-001", effectiveFrom: "2025-07-01" });
  });

  it("records a failure case once and lists it for inspectors", async () => {
    const mutation = `mutation { recordFailureCase(countyCode: "QX", input: { townshipCode: "QX-TY", date: "2025-09-12", matter: "建筑工地扬尘污染执法检查", findings: { pushedDownBy: "ZJJ" } }) {
      ... on MutationRecordFailureCaseSuccess { data { decisionId listType violations } } } }`;
    const first = await post(mutation);
    const second = await post(mutation);
    const id = field<{ data: { decisionId: string } }>(first, "recordFailureCase").data.decisionId;
    expect(field<{ data: { decisionId: string } }>(second, "recordFailureCase").data.decisionId).toBe(id);
    const listed = await post(`{ determinations(countyCode: "QX") { decisionId listType } }`);
    expect(listed.data?.determinations).toEqual([{ decisionId: id, listType: "OFF_LIST" }]);
  });

  it("keeps a loaded county between requests and reloads it after any write to it, plain SQL included", async () => {
    const ask = async (townshipCode: string, countyCode = "QX") => {
      const result = await post(
        `query ($county: String!, $input: FailureCaseInput!) { determineResponsibility(countyCode: $county, input: $input) {
          ... on QueryDetermineResponsibilitySuccess { data { parties { party { code name } role } } }
          ... on DomainErrors { problems { code } } } }`,
        {
          county: countyCode,
          input: {
            townshipCode,
            date: "2025-05-10",
            itemCode: "PA-002",
            findings: { townshipAtFault: true },
          },
        },
      );
      return field<{ data?: { parties: { party: { code: string; name: string } }[] }; problems?: unknown[] }>(
        result,
        "determineResponsibility",
      );
    };
    const townshipName = async () =>
      (await ask("QX-CG")).data?.parties.find((p) => p.party.code === "QX-CG")?.party.name;
    const name = await townshipName();
    expect(name).toBeDefined();
    // Asked again at the same revision: nothing is loaded through Prisma.
    const before = db.statements.count;
    expect(await townshipName()).toBe(name);
    expect(db.statements.count - before).toBe(0);
    // An operator renames the township in SQL: the next request sees it.
    await db.prisma
      .$executeRaw`UPDATE township SET name = name || '（更名）' WHERE county_id = 'QX' AND code = 'QX-CG'`;
    try {
      expect(await townshipName()).toBe(`${name}（更名）`);
    } finally {
      await db.prisma
        .$executeRaw`UPDATE township SET name = ${name} WHERE county_id = 'QX' AND code = 'QX-CG'`;
    }
    expect(await townshipName()).toBe(name);
    // A county stored after the API first asked for it is found.
    const other = generateCounty({ townships: 1, seed: 31 });
    const township = other.townships[0]?.code ?? "";
    expect(JSON.stringify((await ask(township, other.county.code)).problems)).toContain("NOT_FOUND");
    await saveCountyDataset(db, other, testStamp("saveCountyDataset"));
    const entry = other.entries.find((e) => e.townshipCode === township);
    if (entry === undefined) throw new Error("no entry generated");
    const found = await post(
      `query ($county: String!, $input: FailureCaseInput!) { determineResponsibility(countyCode: $county, input: $input) {
        ... on QueryDetermineResponsibilitySuccess { data { parties { party { code } } } } } }`,
      {
        county: other.county.code,
        input: { townshipCode: township, date: entry.effectiveFrom, itemCode: entry.itemCode, findings: {} },
      },
    );
    const parties = field<{ data?: { parties: { party: { code: string } }[] } }>(
      found,
      "determineResponsibility",
    ).data?.parties;
    expect(parties?.map((p) => p.party.code)).toContain(township);
  });

  it("keeps a county's lists loaded across a record's write, and re-tallies the year (B4: the first request after a write)", async () => {
    const ask = async () => {
      const result = await post(
        `{ assessment(countyCode: "QX", year: 2025) { ... on QueryAssessmentSuccess { data { excludedCount townships { code excludedCount } } } } }`,
      );
      return field<{ data: { excludedCount: number; townships: { code: string; excludedCount: number }[] } }>(
        result,
        "assessment",
      ).data;
    };
    const before = await ask();
    const statements = db.statements.count;
    // A record about an off-list matter (S7), written by an operator's SQL: it counts nowhere.
    await db.prisma.$executeRaw`INSERT INTO performance_record (county_id, id, indicator_code, subject_kind,
      subject_code, township_code, item_code, matter, date, value_kind, events, recorded_on)
      VALUES ('QX', 'B4-WRITE-1', 'T04-2', 'TOWNSHIP', 'QX-CG', 'QX-CG', NULL, '清单外事项', '2025-06-01',
        'DEDUCTION', 1, '2025-06-02')`;
    try {
      const after = await ask();
      expect(after.excludedCount).toBe(before.excludedCount + 1);
      const cg = (a: typeof before) => a.townships.find((t) => t.code === "QX-CG")?.excludedCount ?? -1;
      expect(cg(after)).toBe(cg(before) + 1);
      // The lists were not reloaded (about ten statements more): only the plan, its policy and the
      // year's small inputs were read, and — the write went past the store — the kept tallies
      // computed again in a transaction of their own (7 statements counted on PostgreSQL, where
      // the driver's statements of a transaction go through Prisma; none on PGlite).
      const read = db.statements.count - statements;
      expect(read).toBeLessThan(20);
    } finally {
      await db.prisma
        .$executeRaw`DELETE FROM performance_record WHERE county_id = 'QX' AND id = 'B4-WRITE-1'`;
    }
    expect((await ask()).excludedCount).toBe(before.excludedCount);
  });

  it("pages townships with a total count and loads them in a bounded number of statements", async () => {
    const before = db.statements.count;
    const result = await post(
      `{ county(code: "QX") { townships(first: 50) { totalCount edges { cursor node { code name } } } items(first: 50) { totalCount edges { node { code basis { document } } } } } }`,
    );
    const county = result.data?.county as { townships: { totalCount: number; edges: unknown[] } };
    expect(county.townships.totalCount).toBe(5);
    expect(county.townships.edges).toHaveLength(5);
    expect(db.statements.count - before).toBeLessThanOrEqual(5);
  });

  it("refuses queries deeper or more complex than the limits", async () => {
    const wide = Array.from({ length: 301 }, (_, i) => `c${i}: county(code: "QX") { name }`).join(" ");
    const result = await post(`{ ${wide} }`);
    // 301 aliases: refused by the alias limit (query-limits.ts) before breadth is counted.
    expect(result.errors?.[0]?.message).toMatch(/complexity|breadth|depth|Aliases limit/i);
  });
});

describe("graphql-http conformance", () => {
  it("answers 413 to a body over the limit, announced by Content-Length or sent in chunks", async () => {
    const small = await createTestApi(db, { maxRequestBytes: 200 });
    const query = JSON.stringify({ query: `{ county(code: "QX") { name } }` });
    const big = JSON.stringify({
      query: `{ county(code: "QX") { name } }`,
      variables: { pad: "x".repeat(300) },
    });
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(text);
          for (let i = 0; i < bytes.length; i += 64) controller.enqueue(bytes.slice(i, i + 64));
          controller.close();
        },
      });
    const send = (body: string | ReadableStream<Uint8Array>) =>
      small.fetch(
        new Request("http://127.0.0.1/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          duplex: "half",
        } as RequestInit),
      );
    const announced = await send(big);
    expect(announced.status).toBe(413);
    const streamed = await send(chunked(big));
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toContain("Request body too large");
    // Within the limit, both ways are read and answered.
    for (const body of [query, chunked(query)]) {
      const answered = await send(body);
      expect(answered.status).toBe(200);
      expect(await answered.json()).toEqual({ data: { county: { name: expect.any(String) } } });
    }
  });

  it("passes every MUST audit of the GraphQL-over-HTTP specification", async () => {
    const audits = serverAudits({
      url: "http://127.0.0.1/graphql",
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => api.fetch(new Request(input, init)),
    });
    const failures: string[] = [];
    for (const audit of audits) {
      if (!audit.name.startsWith("MUST")) continue;
      const result = await audit.fn();
      if (result.status !== "ok") failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
