import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { err, ok, type Result } from "@dutylist/core";

/** The migrations of the repository: `prisma/migrations`, one folder per migration. */
export const MIGRATIONS_DIR = path.join(import.meta.dirname, "..", "..", "..", "prisma", "migrations");

// The table Prisma's own `migrate deploy` keeps, so the CLI (`migrate status`) agrees with ours.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Runs SQL text (several statements, no parameters) and queries with parameters on one session. */
export interface RawSql {
  exec(sql: string): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<readonly Record<string, unknown>[]>;
}

/** A migration that can neither be applied nor recognised as applied: the database is refused. */
export interface StoreMigrationFailed {
  readonly _tag: "STORE_MIGRATION";
  readonly target: string;
  readonly message: string;
}

/** What `applyMigrations` did: the names applied, and those recorded after a repair. */
export interface MigrationsApplied {
  readonly applied: readonly string[];
  readonly repaired: readonly string[];
}

/** An object a migration script creates, found by name in the catalog. */
interface CreatedObject {
  readonly kind: "type" | "table" | "index" | "function" | "constraint";
  readonly name: string;
}

// SQLSTATEs of "already exists": duplicate schema, table, object (type, constraint, trigger),
// function, column.
const ALREADY_EXISTS = new Set(["42P06", "42P07", "42710", "42723", "42701"]);

function sqlStateOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The named objects a script creates (types, tables, indexes, functions, constraints): what must
 * all exist for a migration whose bookkeeping row is missing to count as applied. Objects made by
 * dynamic SQL (the triggers of a DO block) are not seen.
 * @example createdObjects('CREATE TYPE "Role" AS ENUM (…);') // [{ kind: "type", name: "Role" }]
 */
export function createdObjects(script: string): CreatedObject[] {
  const found: CreatedObject[] = [];
  const patterns: readonly [CreatedObject["kind"], RegExp][] = [
    ["type", /CREATE\s+TYPE\s+"([^"]+)"/gi],
    ["table", /CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"([^"]+)"/gi],
    ["index", /CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?"([^"]+)"/gi],
    ["function", /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"([^"]+)"/gi],
    ["constraint", /ADD\s+CONSTRAINT\s+"([^"]+)"/gi],
  ];
  for (const [kind, pattern] of patterns)
    for (const match of script.matchAll(pattern))
      if (match[1] !== undefined) found.push({ kind, name: match[1] });
  return found;
}

const CATALOG: Readonly<Record<CreatedObject["kind"], string>> = {
  type: `SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = $1 AND n.nspname = current_schema()`,
  table: `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
  index: `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND c.relkind IN ('i', 'I') AND n.nspname = current_schema()`,
  function: `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = $1 AND n.nspname = current_schema()`,
  constraint: `SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.conname = $1 AND n.nspname = current_schema()`,
};

const KIND_NAME: Readonly<Record<CreatedObject["kind"], string>> = {
  type: "类型",
  table: "表",
  index: "索引",
  function: "函数",
  constraint: "约束",
};

async function missingObjects(sql: RawSql, script: string): Promise<CreatedObject[]> {
  const missing: CreatedObject[] = [];
  for (const object of createdObjects(script))
    if ((await sql.query(CATALOG[object.kind], [object.name])).length === 0) missing.push(object);
  return missing;
}

function recordRow(name: string, checksum: string, logs: string | null): string {
  return (
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, applied_steps_count) ` +
    `VALUES (${quote(randomUUID())}, ${quote(checksum)}, now(), ${quote(name)}, ${logs === null ? "NULL" : quote(logs)}, 1)`
  );
}

/**
 * Applies the migrations of `dir` not recorded yet (finding 3). Each script and its
 * `_prisma_migrations` row commit in ONE transaction, so a kill leaves either both or neither.
 * A migration an older version committed without its row (its script fails with "already
 * exists") is repaired: when every type, table, index, function and constraint it creates is in
 * the catalog, the row is recorded with a log saying so; when only some are, the database is
 * refused with a `STORE_MIGRATION` error naming the migration and what is missing.
 * @example await applyMigrations(rawSqlOf(pglite), MIGRATIONS_DIR)
 */
export async function applyMigrations(
  sql: RawSql,
  dir: string = MIGRATIONS_DIR,
): Promise<Result<MigrationsApplied, StoreMigrationFailed>> {
  await sql.exec(MIGRATIONS_TABLE);
  const applied = new Set(
    (
      await sql.query(
        `SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
        [],
      )
    ).map((row) => String(row.migration_name)),
  );
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const done: string[] = [];
  const repaired: string[] = [];
  for (const name of names) {
    if (applied.has(name)) continue;
    const script = await readFile(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(script).digest("hex");
    try {
      await sql.exec(`BEGIN;\n${script}\n;\n${recordRow(name, checksum, null)};\nCOMMIT;`);
      done.push(name);
    } catch (error) {
      await sql.exec("ROLLBACK").catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      if (!ALREADY_EXISTS.has(sqlStateOf(error) ?? "")) {
        throw new Error(`migration ${name} failed: ${message}`);
      }
      const missing = await missingObjects(sql, script);
      if (missing.length > 0) {
        return err({
          _tag: "STORE_MIGRATION",
          target: name,
          message:
            `数据库迁移 ${name} 只应用了一部分(${message}),缺少:` +
            `${missing.map((o) => `${KIND_NAME[o.kind]} ${o.name}`).join("、")}。` +
            "请从备份恢复,或由管理员补齐这些对象后再打开。",
        });
      }
      await sql.exec(
        `BEGIN;\n${recordRow(name, checksum, `repaired by dutylist: the script had committed without this row (${message}); every object it creates was found`)};\nCOMMIT;`,
      );
      repaired.push(name);
    }
  }
  return ok({ applied: done, repaired });
}
