import type { Database } from "./database.ts";

/**
 * The revision of what is stored for a county: a number that changes whenever a statement writes
 * one of the tables its dataset or assessments are read from (database triggers bump it, whoever
 * writes — the API, the CLI, an operator's SQL; migration `county_revision`). Equal revisions mean
 * nothing of the county was written in between, so whatever was loaded or computed at that
 * revision still holds. A county never written has revision 0. One statement, on the driver.
 * @example if ((await countyRevision(db, "QX")) === cached.revision) return cached.value
 */
export async function countyRevision(db: Database, countyCode: string): Promise<bigint> {
  // On the driver: the API asks once per county and request; through Prisma it costs 2–4 times more.
  const [row] = await db.read("SELECT revision::text AS revision FROM county_revision WHERE county_id = $1", [
    countyCode,
  ]);
  return typeof row?.revision === "string" ? BigInt(row.revision) : 0n;
}
