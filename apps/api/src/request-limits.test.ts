import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { QUERY_LIMITS } from "./query-limits.ts";
import { MAX_BATCH_RECORDS } from "./record-batch.ts";
import { MAX_REQUEST_BYTES } from "./request-size.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// Finding 6: small inputs must not take the API down. A document is bounded before it is parsed
// whole, a body before it is read whole, a batch before it is checked; and a large batch is checked
// in slices, so that other requests are answered meanwhile.

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_request_limits"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

interface Answer {
  readonly status: number;
  readonly data?: Record<string, unknown>;
  readonly errors?: readonly { readonly message: string }[];
}

async function send(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, "status">) };
}

const SMALL = `{ county(code: "QX") { name } }`;

describe("document limits (graphql-armor), before validation", () => {
  it("refuses a 0.7 MB query of 20,000 aliases, and answers a small one sent beside it", async () => {
    const aliases = Array.from({ length: 20_000 }, (_, i) => `a${i}: county(code: "QX") { name }`).join(" ");
    const huge = `{ ${aliases} }`;
    expect(huge.length).toBeGreaterThan(700_000);
    const [refused, small] = await Promise.all([send(huge), send(SMALL)]);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.map((e) => e.message)).toEqual([
      expect.stringContaining(`Token limit of ${QUERY_LIMITS.maxTokens} exceeded`),
    ]);
    expect(small).toEqual({ status: 200, data: { county: { name: "青溪县" } } });
  });

  it("refuses too many aliases, too deep a selection and too many directives, naming the limit", async () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: county(code: "QX") { name }`,
    );
    const tooManyAliases = await send(`{ ${aliases.join(" ")} }`);
    expect(tooManyAliases.errors?.[0]?.message).toContain(`Aliases limit of ${QUERY_LIMITS.maxAliases}`);
    const deep = `{ county(code: "QX") { ${"townships(first: 1) { edges { node { county { ".repeat(3)} name ${"} } } } ".repeat(3)} } }`;
    const deepAnswer = await send(deep);
    expect(deepAnswer.errors?.[0]?.message).toContain(`Query depth limit of ${QUERY_LIMITS.maxDepth}`);
    const directives = Array.from({ length: QUERY_LIMITS.maxDirectives + 1 }, () => "@include(if: true)");
    const tooManyDirectives = await send(`{ __typename ${directives.join(" ")} }`);
    expect(tooManyDirectives.errors?.[0]?.message).toContain(
      `Directives limit of ${QUERY_LIMITS.maxDirectives}`,
    );
  });

  it("still answers the introspection query GraphiQL sends", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const answer = await send(getIntrospectionQuery({ descriptions: true }));
    expect(answer.errors).toBeUndefined();
    expect(answer.status).toBe(200);
  });
});

describe("documented queries fit the limits", () => {
  it("answers every GraphQL example of docs/api.md without an error", async () => {
    const doc = await readFile(path.join(import.meta.dirname, "..", "..", "..", "docs", "api.md"), "utf8");
    const examples = [...doc.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(examples.length).toBeGreaterThan(3);
    for (const example of examples) {
      const answer = await send(example);
      expect({ example, errors: answer.errors }).toEqual({ example, errors: undefined });
    }
  });
});

describe("body limit", () => {
  it(`answers 413 to a body over ${MAX_REQUEST_BYTES} bytes (2 MB)`, async () => {
    expect(MAX_REQUEST_BYTES).toBe(2_000_000);
    const padding = "x".repeat(MAX_REQUEST_BYTES);
    const answer = await send(SMALL, { padding });
    expect(answer.status).toBe(413);
  });
});

function whistles(n: number, prefix: string): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    townshipCode: "QX-CG",
    departmentCode: "ZJJ",
    itemCode: "PA-002",
    raisedOn: "2025-05-10",
    timeLimitDays: 3,
  }));
}

const ADD_WHISTLES = `mutation ($w: [WhistleRequestInput!]!) { addWhistleRequests(countyCode: "QX", whistles: $w) {
  __typename ... on MutationAddWhistleRequestsSuccess { data { whistles } }
  ... on DomainErrors { problems { code field message } } } }`;

describe("record batches", () => {
  it(`refuses a batch of more than ${MAX_BATCH_RECORDS} records with a typed error, writing nothing`, async () => {
    const before = await db.prisma.whistleRequest.count();
    const answer = await send(ADD_WHISTLES, { w: whistles(MAX_BATCH_RECORDS + 1, "W-OVER") });
    expect(answer.data?.addWhistleRequests).toEqual({
      __typename: "DomainErrors",
      problems: [
        {
          code: "INVALID_FIELD",
          field: "whistles",
          message: `whistles:一次最多提交 ${MAX_BATCH_RECORDS} 条记录,收到 ${MAX_BATCH_RECORDS + 1} 条;请分批提交`,
        },
      ],
    });
    expect(await db.prisma.whistleRequest.count()).toBe(before);
  });

  it("stores a batch of the largest size, and answers reads sent while it is checked", async () => {
    const done: string[] = [];
    const write = send(ADD_WHISTLES, { w: whistles(MAX_BATCH_RECORDS, "W-MAX") }).then((a) => {
      done.push("write");
      return a;
    });
    // A read sent just after the write started is answered before the write has finished.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const read = send(SMALL).then((a) => {
      done.push("read");
      return a;
    });
    const [written, answered] = await Promise.all([write, read]);
    expect(written.data?.addWhistleRequests).toEqual({
      __typename: "MutationAddWhistleRequestsSuccess",
      data: { whistles: MAX_BATCH_RECORDS },
    });
    expect(answered.data).toEqual({ county: { name: "青溪县" } });
    expect(done).toEqual(["read", "write"]);
  }, 60_000);
});
