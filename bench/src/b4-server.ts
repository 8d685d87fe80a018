// B4's servers, run in a process of their own so that the load generator (autocannon, in the
// benchmark's process) and the server do not share one event loop. Usage:
//   b4-server.ts api|baseline <DatabaseTarget as JSON> <county code>
// Prints `LISTENING <url>` when ready; stops on SIGTERM.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createApi } from "@dutylist/api";
import {
  createLocalSigningKey,
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  demoActor,
  LOCAL_ISSUER,
  mintToken,
} from "@dutylist/auth";
import type { Actor } from "@dutylist/core";
import { type DatabaseTarget, openDatabase } from "@dutylist/store";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { ANALYST_FACTS_SQL } from "./b6-analyst-sql.ts";

const YEAR = 2025;

// The floor's answers: one SQL query each, no engine.
const ENTRY_SQL = `SELECT id, type, terms, content, effective_from, effective_to FROM list_entry
  WHERE county_id = $1 AND township_code = $2 AND item_code = $3 AND effective_from <= $4
  AND (effective_to IS NULL OR effective_to > $4) ORDER BY effective_from LIMIT 1`;
// The facts: the analyst's judging and scoring (B6), kept while the county's revision stays the
// same, as the API keeps its figures; a write moves the revision and the next request recomputes.
const REVISION_SQL = "SELECT revision::text AS revision FROM county_revision WHERE county_id = $1";
const PLAN_SQL = "SELECT id FROM assessment_plan WHERE county_id = $1 AND year = $2";
// The same write as the API's reportPushDowns: one push-down report.
const WRITE_SQL = `INSERT INTO push_down_report (county_id, id, department_code, township_code, date, matter)
  VALUES ($1, $2, $3, $4, $5::date, $6)`;

/** Runs one parameterised query: PGlite or a pg pool. */
type Query = (text: string, params: unknown[]) => Promise<readonly unknown[]>;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** The baseline's facts: recomputed when the revision moved, else the rows kept. */
function factsOf(query: Query, countyCode: string) {
  let kept: { revision: unknown; rows: readonly unknown[] } | null = null;
  let planId: unknown = null;
  return async () => {
    const [at] = (await query(REVISION_SQL, [countyCode])) as { revision?: unknown }[];
    if (kept !== null && kept.revision === at?.revision) return kept.rows;
    planId ??= ((await query(PLAN_SQL, [countyCode, YEAR])) as { id?: unknown }[])[0]?.id;
    const rows = await query(ANALYST_FACTS_SQL, [countyCode, planId, `${YEAR}-01-01`, `${YEAR + 1}-01-01`]);
    kept = { revision: at?.revision, rows };
    return rows;
  };
}

/** The baseline: a minimal node:http handler answering each question with plain SQL. */
function baselineHandler(query: Query, countyCode: string) {
  const facts = factsOf(query, countyCode);
  return (request: IncomingMessage, response: ServerResponse) => {
    readBody(request)
      .then(async (body) => {
        const question = JSON.parse(body) as Record<string, string | undefined> & { kind: string };
        const rows =
          question.kind === "determine"
            ? await query(ENTRY_SQL, [countyCode, question.townshipCode, question.itemCode, question.date])
            : question.kind === "write"
              ? await query(WRITE_SQL, [
                  countyCode,
                  question.id,
                  question.departmentCode,
                  question.townshipCode,
                  question.date,
                  question.matter,
                ])
              : await facts();
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ data: rows }));
      })
      .catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
  };
}

async function serve(): Promise<{ server: Server; close: () => Promise<void> }> {
  const [mode, targetJson, countyCode] = process.argv.slice(2);
  if ((mode !== "api" && mode !== "baseline") || targetJson === undefined || countyCode === undefined)
    throw new Error("usage: b4-server.ts api|baseline <target JSON> <county code>");
  const target = JSON.parse(targetJson) as DatabaseTarget;
  if (mode === "api") {
    // Authentication on, as served: a key of its own, every request's token verified (ES256).
    const db = await openDatabase(target);
    const key = await createLocalSigningKey();
    const verifier = await createTokenVerifier({
      keys: { kind: "LOCAL", key },
      audience: DEFAULT_AUDIENCE,
      issuer: LOCAL_ISSUER,
    });
    const inspector: Actor = { ...demoActor("INSPECTOR", countyCode), subject: "bench:inspector" };
    token = await mintToken(key, inspector, { expiresIn: "2h" });
    return { server: createServer(createApi(db, { verifier })), close: () => db.close() };
  }
  if (target.kind === "POSTGRES") {
    // The session settings of the store's read pool (docs/operations.md), for the same statements.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 8,
      options: "-c work_mem=64MB -c jit=off",
    });
    const query: Query = async (text, params) => (await pool.query(text, params)).rows;
    return { server: createServer(baselineHandler(query, countyCode)), close: () => pool.end() };
  }
  const pglite = new PGlite(target.dataDir ?? "memory://");
  await pglite.waitReady;
  const query: Query = async (text, params) => (await pglite.query(text, params)).rows;
  return { server: createServer(baselineHandler(query, countyCode)), close: () => pglite.close() };
}

let token = "";
const { server, close } = await serve();
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as AddressInfo;
  process.stdout.write(`LISTENING http://127.0.0.1:${address.port} TOKEN ${token || "-"}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
});
