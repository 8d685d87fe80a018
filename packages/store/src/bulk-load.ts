/**
 * A reference the bulk load found missing, reported as the foreign key would have reported it
 * (SQLSTATE 23503), so that callers map it to STORE_MISSING_REFERENCE exactly as before.
 */
class MissingReference extends Error {
  readonly code = "23503";
  constructor(
    message: string,
    /** `Key (county_id, column)=(county, code) is not present in table "…".`, as PostgreSQL's detail. */
    readonly detail: string,
  ) {
    super(message);
  }
}

// Bulk writes (a province's list entries, a year's performance records) go past Prisma: its
// query compiler handled every statement's parameters again, some 30 % of an import's write on
// PGlite (docs/benchmarks.md, B5). `Database#bulk` hands out the caller's transaction itself.

/** One statement of a caller's transaction, sent on the driver itself (`Database#bulk`). */
export interface BulkSql {
  execute(sql: string, params: readonly unknown[]): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<readonly Record<string, unknown>[]>;
  /**
   * PGlite: the one session is a superuser's and no other transaction runs beside it, so a bulk
   * load may switch the per-row foreign-key triggers off and check its references in one query
   * per referenced table instead (`loadWithoutRowTriggers`).
   */
  readonly checksOwnReferences: boolean;
}

/** The distinct values a bulk load puts in a column that references `table` (its `code` key). */
export interface BulkReference {
  readonly table: "township" | "duty_item";
  readonly column: string;
  readonly codes: ReadonlySet<string>;
}

/**
 * Runs a bulk load of one county's rows into `target` — where the driver allows it (PGlite,
 * `checksOwnReferences`) without per-row triggers — and checks its references as the foreign keys
 * would: each referenced code must be stored in the county, or the load throws a foreign-key
 * violation (SQLSTATE 23503, mapped to STORE_MISSING_REFERENCE) and the transaction rolls back. The revision triggers did not run for the load either: the county's
 * row is touched afterwards, so its revision is bumped (and announced) as for any write.
 *
 * On PGlite the foreign-key triggers cost half of an entry's insert (an SPI query and a row lock
 * per row and reference, in WASM); a whole province's entries reference a few thousand codes.
 * As `pg_restore --disable-triggers`; unique keys are indexes and stay enforced.
 * @example await loadWithoutRowTriggers(bulk, "QX", "list_entry", refs, () => bulk.execute(sql, params))
 */
export async function loadWithoutRowTriggers(
  bulk: BulkSql,
  countyId: string,
  target: string,
  references: readonly BulkReference[],
  load: () => Promise<void>,
): Promise<void> {
  if (!bulk.checksOwnReferences) {
    await load();
    return;
  }
  // SET LOCAL: a failed load aborts the transaction, and its rollback restores the setting.
  await bulk.execute("SET LOCAL session_replication_role = replica", []);
  await load();
  await bulk.execute("SET LOCAL session_replication_role = origin", []);
  for (const { table, column, codes } of references) {
    if (codes.size === 0) continue;
    const missing = await bulk.query(
      `SELECT c.code FROM unnest($2::text[]) AS c(code)
        WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.county_id = $1 AND t.code = c.code) LIMIT 1`,
      [countyId, [...codes]],
    );
    const code = missing[0]?.code;
    if (code !== undefined) {
      // Worded as PostgreSQL words the foreign key's own violation (the constraint named as the
      // schema names it), so the store reports the same table and words on both databases.
      throw new MissingReference(
        `insert or update on table "${target}" violates foreign key constraint "${target}_county_id_${column}_fkey"`,
        `Key (county_id, ${column})=(${countyId}, ${String(code)}) is not present in table "${table}".`,
      );
    }
  }
  await bulk.execute(`UPDATE county SET name = name WHERE id = $1`, [countyId]);
}
