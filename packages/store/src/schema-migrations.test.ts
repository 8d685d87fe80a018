import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseTarget, openDatabase, targetFromEnv } from "./database.ts";
import { applyMigrations, createdObjects, type RawSql } from "./schema-migrations.ts";
import { testDatabaseTarget } from "./test-database.ts";

/** A raw session on the target, past the store: what an operator (or an older version) would do. */
interface RawSession extends RawSql {
  close(): Promise<void>;
}

async function rawSession(target: DatabaseTarget): Promise<RawSession> {
  if (target.kind === "POSTGRES") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    return {
      exec: async (sql) => {
        await client.query(sql);
      },
      query: async (sql, params) => (await client.query(sql, [...params])).rows,
      close: () => client.end(),
    };
  }
  const pglite = new PGlite(target.dataDir ?? "memory://");
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, [...params])).rows,
    close: () => pglite.close(),
  };
}

let dir: string;
let target: DatabaseTarget;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-migrations-"));
  target =
    targetFromEnv(process.env, null).kind === "POSTGRES"
      ? await testDatabaseTarget("store_migrations")
      : { kind: "PGLITE", dataDir: path.join(dir, "pglite") };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a migration committed without its bookkeeping row by an older version (finding 3)", () => {
  it("is repaired on open: the database opens and the rows are back, logged as repaired", async () => {
    await (await openDatabase(target)).close();
    const raw = await rawSession(target);
    // The state an older version left after a kill between COMMIT and the row's INSERT.
    await raw.exec(
      `DELETE FROM "_prisma_migrations" WHERE migration_name IN ('20261122000000_init', '20261203100000_county_revision')`,
    );
    await raw.close();
    const db = await openDatabase(target);
    try {
      const rows = await db.read(
        `SELECT migration_name, logs FROM "_prisma_migrations" ORDER BY migration_name`,
        [],
      );
      // Every migration of the repository, in order: the two deleted rows are back.
      const shipped = (
        await readdir(path.resolve(import.meta.dirname, "../../../prisma/migrations"), {
          withFileTypes: true,
        })
      )
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      expect(shipped.slice(0, 2)).toEqual(["20261122000000_init", "20261203100000_county_revision"]);
      expect(rows.map((r) => r.migration_name)).toEqual(shipped);
      expect(String(rows[0]?.logs)).toContain("repaired");
      expect(String(rows[1]?.logs)).toContain("repaired");
      expect(rows[2]?.logs).toBeNull();
      expect(rows[3]?.logs).toBeNull();
      expect(await db.read("SELECT count(*)::int AS n FROM county", [])).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});

describe("applyMigrations on scripts of its own (in a schema of its own)", () => {
  let raw: RawSession;
  let migrations: string;
  beforeAll(async () => {
    raw = await rawSession(target.kind === "POSTGRES" ? target : { kind: "PGLITE", dataDir: null });
    const schema = `mig_${randomUUID().slice(0, 8)}`;
    await raw.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    migrations = path.join(dir, "migrations");
  });
  afterAll(async () => {
    await raw.close();
  });

  async function migration(name: string, sql: string): Promise<void> {
    await mkdir(path.join(migrations, name), { recursive: true });
    await writeFile(path.join(migrations, name, "migration.sql"), sql);
  }

  async function recorded(): Promise<string[]> {
    return (await raw.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`, [])).map((r) =>
      String(r.migration_name),
    );
  }

  async function tableExists(name: string): Promise<boolean> {
    return (await raw.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [name]))[0]?.found === true;
  }

  it("a failing migration leaves neither its schema change nor its row", async () => {
    await migration("a_ok", `CREATE TABLE "t_a" (x INT);`);
    await migration("b_fails", `CREATE TABLE "t_b" (x INT);\nSELECT 1 / 0;`);
    await expect(applyMigrations(raw, migrations)).rejects.toThrow(
      /migration b_fails failed: division by zero/,
    );
    expect(await recorded()).toEqual(["a_ok"]);
    expect(await tableExists("t_a")).toBe(true);
    expect(await tableExists("t_b")).toBe(false);
    await rm(path.join(migrations, "b_fails"), { recursive: true });
  });

  it("a row that cannot be written undoes the script too: script and row are one transaction", async () => {
    // Stands for a kill between the script's COMMIT and the row's INSERT: the INSERT fails.
    await raw.exec(`CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.migration_name = 'c_row_refused' THEN RAISE EXCEPTION 'row refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_row BEFORE INSERT ON "_prisma_migrations" FOR EACH ROW EXECUTE FUNCTION refuse_row();`);
    await migration("c_row_refused", `CREATE TABLE "t_c" (x INT);`);
    await expect(applyMigrations(raw, migrations)).rejects.toThrow(/row refused/);
    expect(await tableExists("t_c")).toBe(false);
    expect(await recorded()).toEqual(["a_ok"]);
    await raw.exec(`DROP TRIGGER refuse_row ON "_prisma_migrations"`);
    await rm(path.join(migrations, "c_row_refused"), { recursive: true });
  });

  it("a half-applied migration (some of its objects missing) is refused, naming it and what is missing", async () => {
    await migration(
      "d_two_tables",
      `CREATE TYPE "Kind_d" AS ENUM ('A');\nCREATE TABLE "t_d1" (k "Kind_d");\nCREATE TABLE "t_d2" (x INT);`,
    );
    expect(await applyMigrations(raw, migrations)).toMatchObject({
      ok: true,
      value: { applied: ["d_two_tables"] },
    });
    await raw.exec(
      `DELETE FROM "_prisma_migrations" WHERE migration_name = 'd_two_tables'; DROP TABLE "t_d2"`,
    );
    const result = await applyMigrations(raw, migrations);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatchObject({ _tag: "STORE_MIGRATION", target: "d_two_tables" });
      expect(result.errors[0].message).toContain("数据库迁移 d_two_tables 只应用了一部分");
      expect(result.errors[0].message).toContain("表 t_d2");
      expect(result.errors[0].message).not.toContain("t_d1");
    }
    expect(await recorded()).toEqual(["a_ok"]);
  });
});

describe("createdObjects", () => {
  it("names the types, tables, indexes, functions and constraints a script creates", () => {
    expect(
      createdObjects(`CREATE TYPE "K" AS ENUM ('A'); CREATE TABLE "t" (x INT);
        CREATE UNIQUE INDEX "t_x_key" ON "t"("x"); CREATE OR REPLACE FUNCTION "f"() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
        ALTER TABLE "t" ADD CONSTRAINT "t_fk" FOREIGN KEY ("x") REFERENCES "u"("x");`),
    ).toEqual([
      { kind: "type", name: "K" },
      { kind: "table", name: "t" },
      { kind: "index", name: "t_x_key" },
      { kind: "function", name: "f" },
      { kind: "constraint", name: "t_fk" },
    ]);
  });
});
