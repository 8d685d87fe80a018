import type { PerformanceRecord, Result } from "@dutylist/core";
import { appendChange, type ChangeStamp, counted, listedOrCounted } from "./change-log.ts";
import type { Database } from "./database.ts";
import { insertPerformanceRows } from "./performance-writes.ts";
import { performanceRowOf } from "./record-columns.ts";
import { type StoreWriteError, storeResult } from "./store-error.ts";
import { TRANSACTION } from "./transaction.ts";

/**
 * Stores a stream of performance records — a province's year, a month of a feed — in one
 * transaction, a batch at a time: memory holds the batch being written (its records, its rows and
 * the statement's text), never the whole stream. All or nothing, as `saveAssessmentRecords`: a
 * repeated or already stored id is a `STORE_CONFLICT` naming its table, and nothing of the stream
 * is written; one change-log row (`stamp`) counts what was written. Every record must belong to
 * `countyCode` (anything else is a caller's bug and throws, rolling back).
 * @example await savePerformanceRecordStream(db, "QX", batchesOf(records, 20_000), stamp)
 */
export async function savePerformanceRecordStream(
  db: Database,
  countyCode: string,
  batches: AsyncIterable<readonly PerformanceRecord[]> | Iterable<readonly PerformanceRecord[]>,
  stamp: ChangeStamp,
): Promise<Result<{ readonly performance: number }, StoreWriteError>> {
  return storeResult(
    "performance_record",
    db.prisma.$transaction(async (tx) => {
      const bulk = db.bulk(tx);
      let written = 0;
      const firstIds: string[] = [];
      for await (const batch of batches) {
        for (const r of batch)
          if (r.countyCode !== countyCode)
            throw new Error(`record ${r.id} belongs to county ${r.countyCode}, not ${countyCode}`);
        await insertPerformanceRows(bulk, countyCode, batch.map(performanceRowOf));
        if (written === 0) firstIds.push(...batch.map((r) => r.id));
        written += batch.length;
      }
      // The ids when the stream was one small batch (as an API call's), else the count.
      const ids =
        written === firstIds.length
          ? listedOrCounted("performance", firstIds)
          : counted("performance", written);
      if (written > 0) await appendChange(tx, countyCode, stamp, ids);
      return { performance: written };
    }, TRANSACTION),
  );
}
