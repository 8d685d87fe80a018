import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { BulkSql } from "./bulk-load.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import type { Tx } from "./transaction.ts";

/** Where the data lives: an embedded PGlite (a directory, or memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { readonly kind: "PGLITE"; readonly dataDir: string | null }
  | { readonly kind: "POSTGRES"; readonly url: string };

/**
 * The target from the environment: `DATABASE_URL=postgresql://…` selects PostgreSQL; otherwise
 * PGlite in `dataDir` (or memory when null).
 * @example targetFromEnv(process.env, ".data/pglite")
 */
export function targetFromEnv(env: NodeJS.ProcessEnv, dataDir: string | null): DatabaseTarget {
  const url = env.DATABASE_URL;
  if (url !== undefined && /^postgres(ql)?:\/\//.test(url)) return { kind: "POSTGRES", url };
  return { kind: "PGLITE", dataDir };
}

/** An open database: the Prisma client and how to close everything it holds. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly target: DatabaseTarget;
  /** Counts SQL statements sent through Prisma (tests bound N+1 with it). */
  readonly statements: { count: number };
  /**
   * Runs one parameterised read on the driver itself, past Prisma: for the store's hot paths
   * (the per-request revision, bulk record reads), where Prisma's per-query and per-row work
   * costs more than the database. Rows come as the driver returns them.
   */
  readonly read: (sql: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;
  /**
   * Streams one read through a cursor (in a read-only transaction of its own), handing the rows
   * over `batch` at a time: one execution of the query, whatever the number of rows, and only a
   * batch of the driver's rows in memory at once.
   */
  readonly stream: (
    sql: string,
    params: readonly unknown[],
    batch: number,
    onRows: (rows: readonly Record<string, unknown>[]) => void,
  ) => Promise<void>;
  /**
   * Listens to a notification channel where every write is seen, or null where it is not: PGlite
   * (one process holds the database, notifications arrive at commit, before the writer goes on);
   * on a server other processes write, and a notification may arrive after a reader's next query.
   */
  readonly listen: ((channel: string, onPayload: (payload: string) => void) => Promise<void>) | null;
  /**
   * Statements of the Prisma transaction `tx` sent on the driver itself, for bulk writes: PGlite's
   * own transaction (Prisma's adapter holds PGlite's one session for it); on PostgreSQL, raw
   * statements of `tx`. Only inside that transaction's callback.
   */
  readonly bulk: (tx: Tx) => BulkSql;
  close(): Promise<void>;
}

const CURSOR = "dutylist_stream";

const MIGRATIONS = path.join(import.meta.dirname, "..", "..", "..", "prisma", "migrations");

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

/** Runs SQL text (several statements, no parameters) and queries with parameters on the raw driver. */
interface RawSql {
  exec(sql: string): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<readonly Record<string, unknown>[]>;
}

/**
 * Applies the migrations of `prisma/migrations` not applied yet, each in its own transaction, and
 * records them as Prisma does. Returns the names applied.
 */
async function migrate(sql: RawSql): Promise<string[]> {
  await sql.exec(MIGRATIONS_TABLE);
  const applied = new Set(
    (
      await sql.query(
        `SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
        [],
      )
    ).map((row) => String(row.migration_name)),
  );
  const names = (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const done: string[] = [];
  for (const name of names) {
    if (applied.has(name)) continue;
    const script = await readFile(path.join(MIGRATIONS, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(script).digest("hex");
    await sql.exec(`BEGIN;\n${script}\nCOMMIT;`).catch(async (error: unknown) => {
      await sql.exec("ROLLBACK").catch(() => undefined);
      throw new Error(`migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
      [crypto.randomUUID(), checksum, name],
    );
    done.push(name);
  }
  return done;
}

/**
 * Opens the database, creating and migrating it on first use: a PGlite directory (or memory)
 * by default, PostgreSQL for a `POSTGRES` target. The same schema and migrations serve both.
 * @example const db = await openDatabase({ kind: "PGLITE", dataDir: null })
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const statements = { count: 0 };
  if (target.kind === "POSTGRES") {
    const pool = new pg.Pool({ connectionString: target.url, allowExitOnIdle: true, max: 4 });
    await migrate({
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async (sql, params) => (await pool.query(sql, [...params])).rows,
    });
    await pool.end();
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: target.url, max: 8 }),
      log: [{ emit: "event", level: "query" }],
    });
    prisma.$on("query", () => {
      statements.count++;
    });
    // A small pool of its own for `read` and `stream`, opened on first use.
    let readPool: pg.Pool | undefined;
    const readers = () => {
      readPool ??= new pg.Pool({ connectionString: target.url, max: 4, allowExitOnIdle: true });
      return readPool;
    };
    return {
      prisma,
      target,
      statements,
      read: async (sql, params) => (await readers().query(sql, [...params])).rows,
      stream: async (sql, params, batch, onRows) => {
        const client = await readers().connect();
        try {
          await client.query("BEGIN READ ONLY");
          await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`, [...params]);
          for (;;) {
            const { rows } = await client.query(`FETCH ${batch} FROM ${CURSOR}`);
            onRows(rows);
            if (rows.length < batch) break;
          }
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      listen: null,
      bulk: (tx) => ({
        execute: async (sql, params) => {
          await tx.$executeRawUnsafe(sql, ...params);
        },
        query: (sql, params) => tx.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params),
        checksOwnReferences: false,
      }),
      close: async () => {
        await prisma.$disconnect();
        await readPool?.end();
      },
    };
  }
  const pglite = new SessionPGlite(target.dataDir ?? "memory://");
  await migrate({
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, [...params])).rows,
  });
  const inTransaction = (): Transaction => {
    if (pglite.current === null) throw new Error("store: a bulk statement outside a transaction");
    return pglite.current;
  };
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    log: [{ emit: "event", level: "query" }],
  });
  prisma.$on("query", () => {
    statements.count++;
  });
  return {
    prisma,
    target,
    statements,
    read: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, [...params])).rows,
    // PGlite has one session: its transaction holds it, so nothing else interleaves with the cursor.
    stream: (sql, params, batch, onRows) =>
      pglite.transaction(async (tx) => {
        await tx.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`, [...params]);
        for (;;) {
          const { rows } = await tx.query<Record<string, unknown>>(`FETCH ${batch} FROM ${CURSOR}`);
          onRows(rows);
          if (rows.length < batch) break;
        }
        await tx.query(`CLOSE ${CURSOR}`);
      }),
    listen: async (channel, onPayload) => {
      await pglite.listen(channel, onPayload);
    },
    bulk: () => ({
      execute: async (sql, params) => {
        await inTransaction().query(sql, [...params]);
      },
      query: async (sql, params) =>
        (await inTransaction().query<Record<string, unknown>>(sql, [...params])).rows,
      checksOwnReferences: true,
    }),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * PGlite that knows the transaction its one session is in. Prisma's adapter runs each of its
 * transactions through `transaction`, which holds the session until it ends; so inside a Prisma
 * transaction's callback, `current` is that transaction's own, and bulk statements
 * (`Database#bulk`) are sent on it.
 */
class SessionPGlite extends PGlite {
  current: Transaction | null = null;

  override async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.transaction(async (tx) => {
      this.current = tx;
      try {
        return await callback(tx);
      } finally {
        this.current = null;
      }
    });
  }
}
