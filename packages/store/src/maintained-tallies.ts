import type { AssessmentPlan, RecordTally } from "@dutylist/core";
import type { BulkSql } from "./bulk-load.ts";
import type { Database } from "./database.ts";
import {
  computeTallies,
  statementParameters,
  TALLY_COLUMNS,
  type TallyQuestion,
  talliedSql,
  tallyOf,
  tallyParameters,
} from "./record-tallies.ts";
import { TRANSACTION } from "./transaction.ts";

// S7, S8 kept current by writes (issue 16; docs/architecture.md "Maintained tallies"). A county's
// year judged against its stored lists is kept in record_tally with what it was computed from
// (record_tally_state: the plan's indicators and bindings, the lists' revision, the records'
// revision of that year). A write of performance records adds the tallies of its own records in
// its transaction (`keepTalliesOfInsert`); any other change — the lists, the plan, records written
// past the store — leaves the kept tallies unequal to the revisions, and the next read computes
// them again. Records are immutable facts, so adding is exact: counts and numeric sums add, the
// first id is the least.

const REVISIONS = `COALESCE((SELECT revision FROM county_list_revision WHERE county_id = $1), 0)::text AS lists,
  COALESCE((SELECT revision FROM county_record_revision WHERE county_id = $1 AND year = $2), 0)::text AS records`;

// One statement, one snapshot: the kept tallies when their state matches the plan and the current
// revisions (fresh = 1), else one row of nulls with fresh = 0.
const KEPT_SQL = `WITH fresh AS (
    SELECT 1 FROM record_tally_state s
    WHERE s.county_id = $1 AND s.year = $2 AND s.plan_key = $3
      AND s.list_revision = COALESCE((SELECT revision FROM county_list_revision WHERE county_id = $1), 0)
      AND s.record_revision = COALESCE((SELECT revision FROM county_record_revision WHERE county_id = $1 AND year = $2), 0)
  ),
  kept AS (
    SELECT subject_kind, subject_code, indicator_code, NULLIF(reason, '') AS reason,
      NULLIF(entry_id, '') AS entry_id, first_id, count, achieved, target, events, graded, graded_count, failed
    FROM record_tally WHERE county_id = $1 AND year = $2 AND EXISTS (SELECT 1 FROM fresh)
  )
  SELECT (SELECT count(*) FROM fresh)::int AS fresh, k.* FROM (SELECT 1) AS one
    LEFT JOIN (SELECT ${TALLY_COLUMNS} FROM kept) AS k ON true`;

const TALLY_TABLE_COLUMNS = `county_id, year, subject_kind, subject_code, indicator_code, reason,
    entry_id, first_id, count, achieved, target, events, graded, graded_count, failed`;

const TALLIED_ROWS = `SELECT $1, $8::int, subject_kind, subject_code, indicator_code, COALESCE(reason, ''),
    COALESCE(entry_id, ''), first_id, count, achieved, target, events, graded, graded_count, failed
  FROM tallied`;

// A year computed again from every record (its kept rows deleted first), kept and returned by the
// one statement that judges them.
const KEEP_ALL_SQL = `${talliedSql()},
  kept AS (INSERT INTO record_tally (${TALLY_TABLE_COLUMNS}) ${TALLIED_ROWS})
  SELECT ${TALLY_COLUMNS} FROM tallied`;

// The tallies of one write's records ($9) added to the kept ones of year $8.
const ADD_WRITTEN_SQL = `${talliedSql("AND r.id = ANY($9::text[])")}
  INSERT INTO record_tally AS k (${TALLY_TABLE_COLUMNS}) ${TALLIED_ROWS}
  ON CONFLICT (county_id, year, subject_kind, subject_code, indicator_code, reason, entry_id) DO UPDATE SET
    first_id = LEAST(k.first_id COLLATE "C", excluded.first_id COLLATE "C"),
    count = k.count + excluded.count, achieved = k.achieved + excluded.achieved,
    target = k.target + excluded.target, events = k.events + excluded.events,
    graded = k.graded + excluded.graded, graded_count = k.graded_count + excluded.graded_count,
    failed = k.failed + excluded.failed`;

function keptQuestion(plan: AssessmentPlan): TallyQuestion {
  return { plan, lists: "STORED", knownOn: null };
}

/** The plan as the statement takes it ($2, $3), which the kept tallies were computed with. */
function planKey(parameters: readonly unknown[]): string {
  return JSON.stringify([parameters[1], parameters[2]]);
}

function tallies(rows: readonly Record<string, unknown>[]): RecordTally[] {
  return rows.filter((row) => row.subject_kind !== null).map(tallyOf);
}

/**
 * S7, S8: the tallies of the county's year judged against its stored lists as they stand, or — as
 * known on a day (L2), or against lists given — computed afresh (`computeTallies`). The stored
 * lists' tallies are kept in the database and current after every write of records; the first read
 * after a change to the lists or the plan computes them again and keeps them.
 * @example const tallies = await tallyPerformanceRecords(db, "QX", { plan, lists: "STORED", knownOn: null })
 */
export async function tallyPerformanceRecords(
  db: Database,
  countyCode: string,
  question: TallyQuestion,
): Promise<RecordTally[]> {
  if (question.lists !== "STORED" || question.knownOn !== null)
    return computeTallies(db, countyCode, question);
  const parameters = tallyParameters(countyCode, keptQuestion(question.plan));
  const key = planKey(parameters);
  const year = question.plan.year;
  const kept = await db.read(KEPT_SQL, [countyCode, year, key]);
  if (kept[0]?.fresh === 1) return tallies(kept);
  return db.prisma.$transaction(async (tx) => {
    const bulk = db.bulk(tx);
    // One computation per county and year at a time; the one that waited finds them kept.
    await bulk.execute("SELECT pg_advisory_xact_lock(hashtext($1), $2::int)", [countyCode, year]);
    // The revisions before the records are read: a write committed in between makes them unequal
    // to the next read's, which computes again (never kept tallies missing a record).
    const [revisions] = await bulk.query(`SELECT ${REVISIONS}`, [countyCode, year]);
    const again = await bulk.query(KEPT_SQL, [countyCode, year, key]);
    if (again[0]?.fresh === 1) return tallies(again);
    await bulk.execute("DELETE FROM record_tally WHERE county_id = $1 AND year = $2", [countyCode, year]);
    const computed = await bulk.query(KEEP_ALL_SQL, [...parameters, year]);
    await bulk.execute(
      `INSERT INTO record_tally_state (county_id, year, plan_key, list_revision, record_revision)
        VALUES ($1, $2, $3, $4::bigint, $5::bigint)
        ON CONFLICT (county_id, year) DO UPDATE SET plan_key = excluded.plan_key,
          list_revision = excluded.list_revision, record_revision = excluded.record_revision`,
      [countyCode, year, key, revisions?.lists, revisions?.records],
    );
    return computed.map(tallyOf);
  }, TRANSACTION);
}

/** The kept states of the years a write touches, locked until its transaction ends. */
export interface KeptStates {
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Before a write of performance records dated in `years`: the kept tallies' states of those years,
 * locked (FOR UPDATE) so that no computation or other write of the same years runs beside it.
 * @example const states = await lockKeptStates(bulk, "QX", [2025])
 */
export async function lockKeptStates(
  bulk: BulkSql,
  countyId: string,
  years: readonly number[],
): Promise<KeptStates> {
  const rows = await bulk.query(
    `SELECT year, plan_key, list_revision::text AS list_revision, record_revision::text AS record_revision
      FROM record_tally_state WHERE county_id = $1 AND year = ANY($2::int[]) FOR UPDATE`,
    [countyId, years],
  );
  return { rows };
}

/**
 * After one INSERT of performance records (`ids`), in its transaction: each kept year whose
 * tallies were current before it (the records' revision one short of now, the lists' unchanged)
 * gets the written records' tallies added and its state moved on; any other is left to be
 * computed again by the next read.
 * @example await keepTalliesOfInsert(bulk, "QX", states, ids)
 */
export async function keepTalliesOfInsert(
  bulk: BulkSql,
  countyId: string,
  states: KeptStates,
  ids: readonly string[],
): Promise<void> {
  for (const state of states.rows) {
    const year = Number(state.year);
    const [revisions] = await bulk.query(`SELECT ${REVISIONS}`, [countyId, year]);
    if (revisions === undefined || revisions.lists !== state.list_revision) continue;
    if (BigInt(String(revisions.records)) !== BigInt(String(state.record_revision)) + 1n) continue;
    const [indicators, bindings] = JSON.parse(String(state.plan_key)) as [string, string];
    const parameters = statementParameters(countyId, indicators, bindings, null, year, null);
    await bulk.execute(ADD_WRITTEN_SQL, [...parameters, year, ids]);
    await bulk.execute(
      "UPDATE record_tally_state SET record_revision = $3::bigint WHERE county_id = $1 AND year = $2",
      [countyId, year, revisions.records],
    );
  }
}
