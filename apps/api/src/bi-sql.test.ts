import {
  type BiWireServer,
  type Database,
  openDatabase,
  refreshScoreSnapshots,
  startBiWireServer,
} from "@dutylist/store";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// What `pnpm start` does for BI tools (main.ts): score snapshots stored, the embedded database
// served over the wire; the API answering beside a BI client. Always PGlite: on PostgreSQL BI
// tools connect to the server.
let db: Database;
let api: TestApi;
let bi: BiWireServer;
let client: pg.Client;
beforeAll(async () => {
  db = await openDatabase({ kind: "PGLITE", dataDir: null });
  await ensureDemoCounty(db);
  await refreshScoreSnapshots(db);
  api = await createTestApi(db);
  bi = await startBiWireServer(db, { port: 0 });
  client = new pg.Client({ host: "127.0.0.1", port: bi.port, user: "bi", database: "postgres" });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await bi?.close();
  await db?.close();
});

const ASSESSMENT = `{ assessment(countyCode: "QX", year: 2025) {
  ... on QueryAssessmentSuccess { data { townships { code rank total grade } } } } }`;

async function graphql(query: string): Promise<Record<string, unknown>> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe("BI tools beside the API", () => {
  it("S9: township_score_fact over the wire equals the API's assessment", async () => {
    const answer = (await graphql(ASSESSMENT)) as {
      data: {
        assessment: { data: { townships: { code: string; rank: number; total: string; grade: string }[] } };
      };
    };
    const townships = answer.data.assessment.data.townships;
    expect(townships.length).toBeGreaterThan(0);
    const rows = await client.query(
      "SELECT township_code AS code, rank, total_score::text AS total, grade FROM township_score_fact WHERE county_id = 'QX' AND year = 2025",
    );
    expect(
      rows.rows.sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : 1)).map((r) => ({ ...r })),
    ).toEqual(townships.map((t) => ({ code: t.code, rank: t.rank, total: t.total, grade: t.grade })));
  });

  it("the API answers while a BI client reads, and after a BI transaction ends", async () => {
    const reads = Array.from({ length: 10 }, () =>
      client.query("SELECT count(*) FROM lists_as_of('QX', '2025-08-01')"),
    );
    const answers = await Promise.all(Array.from({ length: 3 }, () => graphql(ASSESSMENT)));
    await Promise.all(reads);
    for (const answer of answers) expect(answer).not.toHaveProperty("errors");
    await client.query("BEGIN");
    await client.query("SELECT count(*) FROM township_score_fact");
    const during = graphql(`{ county(code: "QX") { name } }`);
    await client.query("COMMIT");
    expect(await during).toEqual({ data: { county: { name: "青溪县" } } });
  });
});
