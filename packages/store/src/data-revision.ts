import type { Database } from "./database.ts";

/**
 * The revision of the stored data: a number that changes whenever any statement writes a table a
 * county's dataset or assessment is read from (database triggers bump it, whoever writes —
 * the API, the CLI, an operator's SQL). Equal revisions mean nothing was written in between, so
 * whatever was loaded or computed at that revision still holds. One statement.
 * @example if ((await dataRevision(db)) === cached.revision) return cached.value
 */
export async function dataRevision(db: Database): Promise<bigint> {
  // On the driver: the API asks once per request, and through Prisma the query costs 2–4 times more.
  const [row] = await db.read("SELECT revision::text AS revision FROM data_revision WHERE id = 1", []);
  return typeof row?.revision === "string" ? BigInt(row.revision) : 0n;
}
