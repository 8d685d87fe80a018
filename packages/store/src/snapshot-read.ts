import type { Database } from "./database.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

/**
 * Runs the queries of one load in ONE repeatable-read, read-only transaction (finding 4), on
 * both databases: every query sees the database as of the first one, so a write committed
 * between them is seen entirely or not at all. The isolation is set by the transaction's first
 * statement, not by Prisma's `isolationLevel` option, which PGlite's adapter sends before BEGIN
 * (where it does nothing).
 * @example const rows = await readSnapshot(db, (tx) => tx.township.findMany())
 */
export async function readSnapshot<T>(db: Database, read: (tx: Tx) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    return read(tx);
  }, TRANSACTION);
}
