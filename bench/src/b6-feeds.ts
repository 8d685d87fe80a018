import type { AssessmentRecords, PerformanceRecord } from "@dutylist/core";
import { type Database, saveAssessmentRecords } from "@dutylist/store";
import { benchStamp } from "./bench-stamp.ts";

// B6's writes: the engine is timed as the first request after a write, as users meet it. A county's
// records arrive day by day, so the seed holds the year but its last days, and each round writes
// the next day's performance records through the store (keeping the tallies current, as the API's
// writes do); a change to the lists is an UPDATE of one entry, as an adjustment's write.

/** The year's records less the performance records of its last `days` days, and those days in order. */
export function withFeeds(
  records: AssessmentRecords,
  days: number,
): { readonly seed: AssessmentRecords; readonly feeds: readonly (readonly PerformanceRecord[])[] } {
  const dates = [...new Set(records.performance.map((r) => r.date))].sort();
  const fed = new Map(dates.slice(-days).map((date): [string, PerformanceRecord[]] => [date, []]));
  const seeded: PerformanceRecord[] = [];
  for (const record of records.performance) (fed.get(record.date) ?? seeded).push(record);
  if (fed.size < days) throw new Error(`B6: ${days} days of records wanted, ${fed.size} found`);
  return { seed: { ...records, performance: seeded }, feeds: [...fed.values()] };
}

/** Writes one day's records through the store; the time it took. */
export async function writeFeed(
  db: Database,
  countyCode: string,
  feed: readonly PerformanceRecord[],
): Promise<number> {
  const none = { whistles: [], guarantees: [], pushDowns: [], unattended: [], ratings: [] };
  const started = performance.now();
  const saved = await saveAssessmentRecords(
    db,
    countyCode,
    { ...none, performance: feed },
    benchStamp("b6:feed", { countyCode }),
  );
  if (!saved.ok) throw new Error(`B6: ${saved.errors[0].message}`);
  return performance.now() - started;
}

/** A write to the county's lists (one entry rewritten as it is), which moves their revision. */
export async function touchLists(db: Database, countyCode: string): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `UPDATE list_entry SET effective_from = effective_from
      WHERE county_id = $1 AND id = (SELECT min(id) FROM list_entry WHERE county_id = $1)`,
    countyCode,
  );
}
