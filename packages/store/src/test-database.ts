import pg from "pg";
import { type Database, type DatabaseTarget, targetFromEnv } from "./database.ts";

/**
 * A database of its own for one test suite: in memory for PGlite; on a PostgreSQL server, a
 * database named after the suite next to the one `DATABASE_URL` names (created when missing), so
 * suites of different packages running at the same time never share tables.
 * @example const db = await openDatabase(await testDatabaseTarget("api"))
 */
export async function testDatabaseTarget(suite: string): Promise<DatabaseTarget> {
  const target = targetFromEnv(process.env, null);
  if (target.kind !== "POSTGRES") return target;
  const url = new URL(target.url);
  const name = `${url.pathname.slice(1) || "postgres"}_${suite.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`;
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return { kind: "POSTGRES", url: url.toString() };
}

/** Every table the application writes (all carry the county's id); the migrations' own table stays. */
export const APPLICATION_TABLES = [
  "county",
  "township",
  "department",
  "duty_item",
  "list_publication",
  "list_entry",
  "adjustment",
  "adjustment_approval",
  "temporary_task",
  "assessment_plan",
  "indicator",
  "performance_record",
  "record_tally",
  "record_tally_state",
  "whistle_request",
  "guarantee_delivery",
  "push_down_report",
  "unattended_report",
  "department_rating",
  "determination",
  "determination_party",
  "county_policy",
  "change_log",
  "change_log_head",
];

/**
 * Empties every table of a test database, so a suite starts from nothing whatever ran before.
 * The change log refuses TRUNCATE: its trigger is disabled for the statement, in one transaction
 * (a failure leaves it enabled), as an operator would have to.
 * @example await resetDatabase(db)
 */
export async function resetDatabase(db: Database): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(`ALTER TABLE change_log DISABLE TRIGGER change_log_append_only`),
    db.prisma.$executeRawUnsafe(`TRUNCATE ${APPLICATION_TABLES.join(", ")} CASCADE`),
    db.prisma.$executeRawUnsafe(`ALTER TABLE change_log ENABLE TRIGGER change_log_append_only`),
  ]);
}
