import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BiDemo, storeBiDemo } from "./bi-demo.fixture.ts";
import { type BiWireServer, startBiWireServer } from "./bi-wire-server.ts";
import { type Database, openDatabase } from "./database.ts";
import { snapshotScores } from "./score-snapshots.ts";

// The embedded default over the wire: always PGlite (on PostgreSQL, BI tools use the server).
const IDLE_MS = 1_500;
let db: Database;
let demo: BiDemo;
let bi: BiWireServer;
const clients: pg.Client[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: "PGLITE", dataDir: null });
  demo = await storeBiDemo(db);
  await snapshotScores(db, "QX", 2025);
  bi = await startBiWireServer(db, { port: 0, idleInTransactionMs: IDLE_MS });
}, 180_000);
afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.end()));
  await bi?.close();
  await db?.close();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ host: "127.0.0.1", port: bi.port, user: "bi", database: "postgres" });
  client.on("error", () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

async function failure(run: Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await run;
    return null;
  } catch (error) {
    return error as { code?: string; message: string };
  }
}

const PSQL = "/usr/bin/psql";

describe("BI tools read the views over the wire", () => {
  it("pg: the score facts and the lists of a day, as the API's own connection reads them", async () => {
    const client = await connect();
    const scores = await client.query(
      "SELECT * FROM township_score_fact WHERE county_id = 'QX' ORDER BY rank",
    );
    expect(scores.rows).toHaveLength(demo.dataset.townships.length);
    expect(scores.rows[0]).toMatchObject({ county_id: "QX", rank: 1, is_current: true });
    const sql =
      "SELECT count(*)::int AS n, count(DISTINCT township_code)::int AS t FROM lists_as_of($1, $2::date)";
    const direct = await db.read(sql, ["QX", "2025-08-01"]);
    const wire = await client.query(sql, ["QX", "2025-08-01"]);
    expect(wire.rows).toEqual(direct);
    expect(wire.rows[0]?.n).toBeGreaterThan(0);
    expect((await client.query("SELECT current_user AS u")).rows).toEqual([{ u: "dutylist_bi" }]);
  });

  it.skipIf(!existsSync(PSQL))("psql -c: township_score_fact, one row per township", async () => {
    const { stdout } = await promisify(execFile)(
      PSQL,
      [
        "-h",
        "127.0.0.1",
        "-p",
        String(bi.port),
        "-U",
        "bi",
        "-d",
        "postgres",
        "-At",
        "-F",
        "|",
        "-c",
        "SELECT township_code, township_name, total_score, grade FROM township_score_fact ORDER BY township_code",
      ],
      { env: { ...process.env, PGCONNECT_TIMEOUT: "20" } },
    );
    const lines = stdout.trim().split("\n");
    expect(lines.map((l) => l.split("|")[0])).toEqual(demo.dataset.townships.map((t) => t.code).sort());
    const first = demo.dataset.townships.find((t) => t.code === lines[0]?.split("|")[0]);
    expect(lines[0]?.split("|")[1]).toBe(first?.name);
  });

  it("two clients may name their prepared statements alike", async () => {
    const [a, b] = [await connect(), await connect()];
    const one = { name: "s1", text: "SELECT count(*)::int AS n FROM township_score_fact" };
    const two = { name: "s1", text: "SELECT count(*)::int AS n FROM department_score_fact" };
    for (let i = 0; i < 2; i++) {
      expect((await a.query(one)).rows).toEqual([{ n: demo.dataset.townships.length }]);
      expect((await b.query(two)).rows).toEqual([{ n: demo.dataset.departments.length }]);
    }
  });
});

describe("read-only", () => {
  it("writes, base tables and the ways back to the superuser are refused; the API's session is untouched", async () => {
    const client = await connect();
    expect(await failure(client.query("INSERT INTO county (id, name) VALUES ('BI', 'x')"))).toMatchObject({
      code: "25006",
    });
    await client.query("BEGIN READ WRITE");
    expect(await failure(client.query("INSERT INTO county (id, name) VALUES ('BI', 'x')"))).toMatchObject({
      code: "42501",
    });
    await client.query("ROLLBACK");
    expect(await failure(client.query("SELECT * FROM list_entry"))).toMatchObject({ code: "42501" });
    expect(await failure(client.query("DELETE FROM whistle_fact"))).not.toBeNull();
    expect(await failure(client.query("BEGIN READ WRITE; UPDATE township SET name = 'x'"))).toMatchObject({
      code: "42501",
    });
    await client.query("ROLLBACK");
    for (const attempt of [
      "SET ROLE postgres",
      "reset role",
      "SELECT set_config('role', 'postgres', false)",
      "SET SESSION AUTHORIZATION postgres",
      "SELECT 1; DISCARD ALL",
      "DO $$ BEGIN EXECUTE 'RESET ROLE'; END $$",
      'SET /* x */ "role" = postgres',
    ])
      expect(await failure(client.query(attempt)), attempt).toMatchObject({ code: "42501" });
    // A temporary table would shadow the API's own tables in the shared session.
    expect(await failure(client.query("BEGIN READ WRITE; CREATE TEMP TABLE county (id text)"))).toMatchObject(
      {
        code: "42501",
      },
    );
    await client.query("ROLLBACK");
    // Connection pools (Npgsql) send DISCARD ALL on reuse: it runs as RESET ALL, the role stays.
    await client.query("DISCARD ALL");
    expect((await client.query("SELECT current_user AS u")).rows).toEqual([{ u: "dutylist_bi" }]);
    // The API's session: its role and settings as before, and it writes.
    expect(
      await db.read("SELECT current_user AS u, current_setting('default_transaction_read_only') AS ro", []),
    ).toEqual([{ u: "postgres", ro: "off" }]);
    await db.prisma.county.update({ where: { id: "QX" }, data: { name: demo.dataset.county.name } });
  });

  it("a BI session's own settings are kept for it and never reach the API", async () => {
    const client = await connect();
    await client.query("SET DateStyle = 'German'");
    expect((await client.query("SHOW DateStyle")).rows).toEqual([{ DateStyle: "German, DMY" }]);
    expect(await db.read("SELECT current_setting('DateStyle') AS d", [])).toEqual([{ d: "ISO, MDY" }]);
    expect((await client.query("SHOW DateStyle")).rows).toEqual([{ DateStyle: "German, DMY" }]);
  });
});

describe("the API keeps working while BI clients are connected", () => {
  it("an API transaction is never entered by a BI query, which waits and sees only committed rows", async () => {
    const client = await connect();
    const order: string[] = [];
    const apiTransaction = db.prisma.$transaction(async (tx) => {
      await tx.county.update({ where: { id: "QX" }, data: { name: "未提交的名称" } });
      order.push("api wrote");
      await new Promise((resolve) => setTimeout(resolve, 400));
      order.push("api rolls back");
      throw new Error("rollback");
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const read = client
      .query("SELECT DISTINCT county_name FROM list_entry_fact WHERE county_id = 'QX'")
      .then((r) => {
        order.push("bi read");
        return r.rows;
      });
    expect(await failure(apiTransaction)).toMatchObject({ message: "rollback" });
    expect(await read).toEqual([{ county_name: demo.dataset.county.name }]);
    expect(order).toEqual(["api wrote", "api rolls back", "bi read"]);
  });

  it("a BI transaction holds the API back until it ends, or is rolled back and cut off when it idles", async () => {
    const client = await connect();
    await client.query("BEGIN");
    await client.query("SELECT 1");
    const started = Date.now();
    const apiRead = db.read("SELECT count(*)::int AS n FROM county", []);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.query("COMMIT");
    expect(await apiRead).toEqual([{ n: 1 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    const idler = await connect();
    await idler.query("BEGIN");
    const waited = Date.now();
    expect(await db.read("SELECT 1 AS one", [])).toEqual([{ one: 1 }]);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(await failure(idler.query("SELECT 1"))).not.toBeNull();
    expect(await db.read("SELECT current_user AS u", [])).toEqual([{ u: "postgres" }]);
  });

  it("the API's writes go on between BI queries", async () => {
    const client = await connect();
    const reads = Array.from({ length: 20 }, () =>
      client.query("SELECT count(*)::int AS n FROM determination_party_fact"),
    );
    const writes = Array.from({ length: 5 }, (_, i) =>
      db.prisma.county.update({
        where: { id: "QX" },
        data: { name: `${demo.dataset.county.name}${"".padEnd(i % 2)}` },
      }),
    );
    await Promise.all([...reads, ...writes]);
    const [revision] = await db.read(
      "SELECT revision::int AS r FROM county_revision WHERE county_id = 'QX'",
      [],
    );
    expect(Number(revision?.r)).toBeGreaterThan(0);
    expect(bi.connections()).toBeGreaterThan(0);
  });
});
