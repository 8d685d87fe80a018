import type { BulkSql } from "./bulk-load.ts";
import { keepTalliesOfInsert, lockKeptStates } from "./maintained-tallies.ts";
import type { PerformanceRow } from "./performance-rows.ts";

// Rows per INSERT: they travel as one JSON parameter, so only memory bounds a chunk.
const INSERT_CHUNK = 20_000;

const INSERT_ROWS = `INSERT INTO performance_record (county_id, id, indicator_code, subject_kind, subject_code,
    township_code, item_code, matter, date, value_kind, achieved, target, events, score, passed,
    recorded_on)
  SELECT $1, id, indicator_code, subject_kind::"PartyKind", subject_code, township_code, item_code,
    matter, date, value_kind, achieved, target, events, score, passed, COALESCE(recorded_on, CURRENT_DATE)
  FROM jsonb_to_recordset($2::jsonb) AS x(id text, indicator_code text, subject_kind text,
    subject_code text, township_code text, item_code text, matter text, date date, value_kind text,
    achieved numeric, target numeric, events integer, score numeric, passed boolean, recorded_on date)`;

/**
 * Inserts performance rows in chunks, each one statement (jsonb_to_recordset) on the driver
 * (`Database#bulk`: Prisma's query compiler went over each chunk's JSON again), keeping the
 * county's kept tallies current in the same transaction. An id already
 * stored fails the statement with a unique violation, which the caller maps to STORE_CONFLICT.
 * @example await insertPerformanceRows(db.bulk(tx), "QX", rows)
 */
export async function insertPerformanceRows(
  bulk: BulkSql,
  countyId: string,
  rows: readonly PerformanceRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const years = [...new Set(chunk.map((row) => Number(row.date.slice(0, 4))))];
    // S7, S8 kept current: the kept tallies of the chunk's years get its records' (maintained-tallies.ts).
    const states = await lockKeptStates(bulk, countyId, years);
    await bulk.execute(INSERT_ROWS, [countyId, JSON.stringify(chunk)]);
    if (states.rows.length > 0)
      await keepTalliesOfInsert(
        bulk,
        countyId,
        states,
        chunk.map((row) => row.id),
      );
  }
}
