import { err, ok, type Result } from "@dutylist/core";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { BulkSql } from "./bulk-load.ts";
import { acquireDatabaseLock, type DatabaseLock } from "./database-lock.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations } from "./schema-migrations.ts";
import { type StoreError, StoreFailure } from "./store-error.ts";
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
  /**
   * The embedded PGlite itself (null on PostgreSQL): for serving it over the wire to BI tools
   * (bi-wire-server.ts), which share its one session with everything above.
   */
  readonly embedded: PGlite | null;
  close(): Promise<void>;
}

const CURSOR = "dutylist_stream";

/** Why a database could not be opened: another process holds it, or its schema is half-applied. */
export type OpenDatabaseError = Extract<StoreError, { _tag: "STORE_LOCKED" | "STORE_MIGRATION" }>;

// Two processes starting on one server migrate one after the other (any fixed key will do).
const MIGRATION_LOCK_KEY = 7_412_903_551;

/**
 * Migrates a PostgreSQL database on one connection of its own (a transaction and its ROLLBACK
 * must share a session), under an advisory lock so concurrent starts do not race.
 */
async function migratePostgres(url: string): Promise<Result<unknown, OpenDatabaseError>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    return await applyMigrations({
      exec: async (sql) => {
        await client.query(sql);
      },
      query: async (sql, params) => (await client.query(sql, [...params])).rows,
    });
  } finally {
    await client.end();
  }
}

/**
 * Opens the database like `openDatabase`, with the expected refusals as values: a PGlite
 * directory another live process holds (`STORE_LOCKED`, naming its pid and command), or a
 * migration found half-applied (`STORE_MIGRATION`).
 * @example const db = await tryOpenDatabase({ kind: "PGLITE", dataDir: ".data/pglite" })
 */
export async function tryOpenDatabase(target: DatabaseTarget): Promise<Result<Database, OpenDatabaseError>> {
  if (target.kind === "POSTGRES") {
    const migrated = await migratePostgres(target.url);
    if (!migrated.ok) return migrated;
    return ok(openPostgres(target));
  }
  let lock: DatabaseLock | null = null;
  if (target.dataDir !== null) {
    const locked = await acquireDatabaseLock(target.dataDir);
    if (!locked.ok) return locked;
    lock = locked.value;
  }
  try {
    const opened = await openPGlite(target, lock);
    if (!opened.ok) await lock?.release();
    return opened;
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * Opens the database, creating and migrating it on first use: a PGlite directory (or memory)
 * by default, PostgreSQL for a `POSTGRES` target. The same schema and migrations serve both.
 * A refusal of `tryOpenDatabase` is thrown as a `StoreFailure` carrying it.
 * @example const db = await openDatabase({ kind: "PGLITE", dataDir: null })
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const opened = await tryOpenDatabase(target);
  if (!opened.ok) throw new StoreFailure(opened.errors[0]);
  return opened.value;
}

function openPostgres(target: Extract<DatabaseTarget, { kind: "POSTGRES" }>): Database {
  const statements = { count: 0 };
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
    // Bulk reads and the tallies (record-tallies.ts) aggregate a county's year: room to hash it
    // in memory rather than sort on disk, and no JIT, whose compilation costs more than it saves
    // on a county's statements (docs/benchmarks.md, B6). Session settings of this pool only.
    readPool ??= new pg.Pool({
      connectionString: target.url,
      max: 4,
      allowExitOnIdle: true,
      options: "-c work_mem=64MB -c jit=off",
    });
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
    embedded: null,
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

async function openPGlite(
  target: Extract<DatabaseTarget, { kind: "PGLITE" }>,
  lock: DatabaseLock | null,
): Promise<Result<Database, OpenDatabaseError>> {
  const statements = { count: 0 };
  const pglite = new SessionPGlite(target.dataDir ?? "memory://");
  const migrated = await applyMigrations({
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, [...params])).rows,
  }).catch(async (error: unknown) => {
    await pglite.close();
    throw error;
  });
  if (!migrated.ok) {
    await pglite.close();
    return err(migrated.errors[0]);
  }
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
  return ok({
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
    embedded: pglite,
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
      await lock?.release();
    },
  });
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
