import {
  createLocalSigningKey,
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  mintToken,
} from "@dutylist/auth";
import { type CountyRevisions, openDatabase, saveCountyPolicy } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { parse } from "graphql";
import { createSchema, createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { useAuthentication } from "./authentication.ts";
import type { ContextReads } from "./context.ts";
import { ensureDemoCounty } from "./demo-data.ts";
import { keepableOperation, useResponseCache } from "./response-cache.ts";
import { actorWithRole, createTestApi } from "./test-api.ts";

// The kept answers on a schema of their own (resolvers that count their runs, revisions set by
// hand), then on the API itself: a kept answer never reaches an actor the access matrix refuses,
// and never survives a write.

/** A county revision the test moves, and what a request read. */
function world() {
  const revisions = new Map<string, bigint>([
    ["QX", 1n],
    ["YY", 1n],
  ]);
  const runs = { facts: 0, other: 0 };
  let readToday = false;
  const shared = {
    read: async (county: string) => revisions.get(county) ?? 0n,
  } as unknown as CountyRevisions;
  const schema = createSchema<{ reads(): ContextReads; read(county: string): void; today(): void }>({
    typeDefs: `type Query {
      townshipScoreFacts(countyCode: String!, first: Int): String!
      departmentScoreFacts(countyCode: String!): String!
      other: Int!
    }`,
    resolvers: {
      Query: {
        townshipScoreFacts: (_root, args: { countyCode: string; first?: number }, ctx) => {
          runs.facts++;
          ctx.read(args.countyCode);
          if (readToday) ctx.today();
          if (args.first === -1) throw new Error("refused");
          return `${args.countyCode}@${revisions.get(args.countyCode)}#${runs.facts}`;
        },
        departmentScoreFacts: (_root, args: { countyCode: string }, ctx) => {
          ctx.read(args.countyCode);
          return `${args.countyCode}@${revisions.get(args.countyCode)}`;
        },
        other: () => ++runs.other,
      },
    },
  });
  return {
    revisions,
    runs,
    readsToday: () => {
      readToday = true;
    },
    async api() {
      const key = await createLocalSigningKey();
      const verifier = await createTokenVerifier({
        keys: { kind: "LOCAL", key },
        audience: DEFAULT_AUDIENCE,
        issuer: LOCAL_ISSUER,
      });
      const yoga = createYoga({
        schema,
        maskedErrors: true,
        logging: false,
        context: () => {
          const read = new Map<string, Promise<bigint>>();
          let today = false;
          return {
            read: (county: string) => {
              read.set(county, shared.read(county));
            },
            today: () => {
              today = true;
            },
            reads: (): ContextReads => ({ revisions: read, listRevisions: new Map(), today }),
          };
        },
        plugins: [useAuthentication({ verifier, corsOrigins: [] }), useResponseCache(shared)],
      });
      const as = async (role: Parameters<typeof actorWithRole>[0], county = "QX") => {
        const token = await mintToken(key, actorWithRole(role, county));
        return async (query: string, variables: Record<string, unknown> = {}) => {
          const response = await yoga.fetch("http://127.0.0.1/graphql", {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          });
          expect(response.status).toBe(200);
          return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
        };
      };
      return { as };
    },
  };
}

const FACTS = `query ($county: String!, $first: Int) { townshipScoreFacts(countyCode: $county, first: $first) }`;

describe("kept answers (issue 16, B4)", () => {
  it("answers the same actor's same question from the kept answer while the county's revision stays", async () => {
    const w = world();
    const ask = await (await w.api()).as("INSPECTOR");
    const first = await ask(FACTS, { county: "QX" });
    expect(first).toEqual({ data: { townshipScoreFacts: "QX@1#1" } });
    expect(await ask(FACTS, { county: "QX" })).toEqual(first);
    expect(w.runs.facts).toBe(1);
    // Another county's write leaves it; its own write does not survive.
    w.revisions.set("YY", 2n);
    expect(await ask(FACTS, { county: "QX" })).toEqual(first);
    w.revisions.set("QX", 2n);
    expect(await ask(FACTS, { county: "QX" })).toEqual({ data: { townshipScoreFacts: "QX@2#2" } });
    expect(await ask(FACTS, { county: "QX" })).toEqual({ data: { townshipScoreFacts: "QX@2#2" } });
    expect(w.runs.facts).toBe(2);
  });

  it("keeps answers apart by actor, variables and document", async () => {
    const w = world();
    const api = await w.api();
    const inspector = await api.as("INSPECTOR");
    const assessor = await api.as("ASSESSOR");
    await inspector(FACTS, { county: "QX" });
    await assessor(FACTS, { county: "QX" });
    expect(w.runs.facts).toBe(2);
    await inspector(FACTS, { county: "QX", first: 5 });
    await inspector(FACTS, { county: "YY" });
    await inspector(`{ townshipScoreFacts(countyCode: "QX") }`);
    expect(w.runs.facts).toBe(5);
    await inspector(FACTS, { county: "QX" });
    await assessor(FACTS, { county: "QX" });
    expect(w.runs.facts).toBe(5);
  });

  it("keeps no answer with errors, none of another field, and none that read the day", async () => {
    const w = world();
    const ask = await (await w.api()).as("INSPECTOR");
    expect((await ask(FACTS, { county: "QX", first: -1 })).errors).toHaveLength(1);
    expect((await ask(FACTS, { county: "QX", first: -1 })).errors).toHaveLength(1);
    expect(w.runs.facts).toBe(2);
    expect(await ask("{ other }")).toEqual({ data: { other: 1 } });
    expect(await ask("{ other }")).toEqual({ data: { other: 2 } });
    await ask(`{ townshipScoreFacts(countyCode: "QX") other }`);
    await ask(`{ townshipScoreFacts(countyCode: "QX") other }`);
    expect(w.runs.other).toBe(4);
    w.readsToday();
    await ask(FACTS, { county: "YY" });
    await ask(FACTS, { county: "YY" });
    expect(w.runs.facts).toBe(6);
  });

  it("keeps only queries whose root fields are all score facts, written plainly", () => {
    const keepable = (query: string, name?: string) => keepableOperation(parse(query), name);
    expect(keepable(`{ townshipScoreFacts(countyCode: "QX", year: 2025) { __typename } }`)).toBe(true);
    expect(
      keepable(
        `query A { townshipScoreFacts(countyCode: "QX", year: 2025) { __typename } }
        mutation B { reportPushDowns(countyCode: "QX", reports: []) { __typename } }`,
        "A",
      ),
    ).toBe(true);
    expect(keepable(`mutation { townshipScoreFacts { __typename } }`)).toBe(false);
    expect(keepable(`{ a: townshipScoreFacts(countyCode: "QX", year: 2025) { __typename } }`)).toBe(false);
    expect(
      keepable(`{ townshipScoreFacts(countyCode: "QX", year: 2025) @skip(if: false) { __typename } }`),
    ).toBe(false);
    expect(keepable(`{ ... on Query { townshipScoreFacts { __typename } } }`)).toBe(false);
    expect(keepable(`{ townshipScoreFacts { __typename } county(code: "QX") { name } }`)).toBe(false);
    expect(keepable(`query A { townshipScoreFacts { __typename } } query B { other }`, "B")).toBe(false);
    expect(keepable(`query A { townshipScoreFacts { __typename } } query B { other }`)).toBe(false);
  });
});

describe("kept score facts on the API", () => {
  it("refuses other actors the question a kept answer answers, and recomputes after a write", async () => {
    const db = await openDatabase(await testDatabaseTarget("api_response_cache"));
    try {
      await resetDatabase(db);
      await ensureDemoCounty(db);
      const inspector = await createTestApi(db, { actor: actorWithRole("INSPECTOR") });
      const body = JSON.stringify({
        query: `{ townshipScoreFacts(countyCode: "QX", year: 2025, first: 3) {
          ... on QueryTownshipScoreFactsSuccess { data { edges { node { townshipCode score } } } } } }`,
      });
      const ask = async (api = inspector, headers: Record<string, string> = {}) => {
        const init = { method: "POST", headers: { "content-type": "application/json", ...headers }, body };
        const response = await api.fetch("http://127.0.0.1/graphql", init);
        return { status: response.status, text: await response.text() };
      };
      const first = await ask();
      expect(first.text).toMatch(/"score":"\d+\.\d\d"/);
      expect(await ask()).toEqual(first);
      // An inspector and an assessor of another county, and anonymous: refused, not answered.
      for (const other of [await inspector.as("INSPECTOR", "YY"), await inspector.as("ASSESSOR", "YY")]) {
        expect(JSON.parse((await ask(other)).text).errors[0].extensions.code).toBe("FORBIDDEN");
      }
      const anonymous = {
        ...inspector,
        fetch: (input: string, init: RequestInit) => inspector.fetch(input, init),
      };
      const unsigned = await ask(anonymous, { authorization: "" });
      expect(unsigned.text).not.toContain('"edges"');
      // The county's rounding is written: the kept answer does not survive it.
      expect(
        (await saveCountyPolicy(db, "QX", { rounding: { places: 1, mode: "HALF_UP" } }, testStamp("policy")))
          .ok,
      ).toBe(true);
      const after = await ask();
      expect(after.text).toMatch(/"score":"\d+\.\d"/);
      expect(after.text).not.toMatch(/"score":"\d+\.\d\d"/);
    } finally {
      await db.close();
    }
  });
});
