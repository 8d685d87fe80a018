// B6: the engine's end-to-end assessment of a county on PostgreSQL against the SQL a BI analyst
// would write for the same township totals, and against merely streaming the records out (B3's
// floor), at 20, 96 and 308 townships. The engine: the county's lists, plan, policy and small
// inputs loaded, the records tallied by the database (S7, S8 in one statement), then scored,
// ranked and graded by the core, every figure read. The analyst: one statement — each record
// joined to the list entry valid on its date, with the binding, track and ownership checks as
// predicates, one GROUP BY per subject × indicator, the scoring methods as CASE expressions, summed
// per township. Its totals must equal the engine's, or the benchmark stops.
import {
  assess,
  buildListIndex,
  type CountyDataset,
  determinedPushDowns,
  type ListIndex,
  roundForPresentation,
} from "@dutylist/core";
import {
  computeTallies,
  type Database,
  listDeterminations,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadCountyDataset,
  loadCountyPolicy,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
  tallyPerformanceRecords,
} from "@dutylist/store";
import { resetDatabase } from "@dutylist/store/testing";
import pg from "pg";
import { scoredCounty } from "./b2-scoring.ts";
import { touchLists, withFeeds, writeFeed } from "./b6-feeds.ts";
import { benchStamp } from "./bench-stamp.ts";
import { collectGarbage, timingOf } from "./measure.ts";
import { type BenchResult, judged, type Skipped, timeRatio } from "./result.ts";

export interface B6Options {
  readonly townships: readonly number[];
  /** Records per item per subject over the year (12: monthly). */
  readonly perItem: number;
  readonly rounds: number;
  readonly postgresUrl: string | null;
}

const YEAR = 2025;
const BATCH = 10_000;

// The analyst's judging and scoring: each township record joined to the list entry valid on its
// date, the binding, track and ownership checks as predicates, one GROUP BY per subject ×
// indicator, the scoring methods as CASE expressions. $1 county, $2 plan id, $3–$4 the year.
const ANALYST_SCORES = `WITH judged AS (
    SELECT r.subject_code, r.indicator_code, r.achieved, r.target, r.events, r.score, r.passed
    FROM performance_record r
    JOIN indicator i ON i.county_id = r.county_id AND i.plan_id = $2 AND i.code = r.indicator_code
    JOIN list_entry e ON e.county_id = r.county_id AND e.township_code = r.township_code
      AND e.item_code = r.item_code AND e.effective_from <= r.date
      AND (e.effective_to IS NULL OR r.date < e.effective_to)
    WHERE r.county_id = $1 AND r.date >= $3::date AND r.date < $4::date
      AND r.subject_kind = 'TOWNSHIP' AND i.subject = 'TOWNSHIP' AND r.township_code = r.subject_code
      AND r.value_kind = i.method->>'kind'
      AND e.type::text = CASE i.track WHEN 'COLLABORATIVE' THEN 'COOPERATIVE' ELSE 'BASIC' END
      AND CASE i.binding->>'kind'
        WHEN 'SELECTOR' THEN e.type::text = i.binding->>'listType'
          AND (i.binding->>'category' IS NULL OR e.content->>'category' = i.binding->>'category')
        WHEN 'ITEMS' THEN i.binding->'itemCodes' ? r.item_code
        ELSE false END
  ),
  sums AS (
    SELECT subject_code, indicator_code, count(*) AS n, sum(achieved) AS achieved,
      sum(target) AS target, sum(events) AS events, sum(score) AS graded,
      count(*) FILTER (WHERE NOT passed) AS failed
    FROM judged GROUP BY subject_code, indicator_code
  ),
  scores AS (
    SELECT s.subject_code, s.indicator_code, s.n, CASE i.method->>'kind'
      WHEN 'RATIO' THEN CASE WHEN s.target = 0 THEN 0 ELSE LEAST(i.points, i.points * s.achieved / s.target) END
      WHEN 'DEDUCTION' THEN GREATEST(0, i.points - (i.method->>'perEvent')::numeric * s.events)
      WHEN 'GRADED' THEN LEAST(i.points, s.graded / s.n)
      WHEN 'PASS_FAIL' THEN CASE WHEN s.failed = 0 THEN i.points ELSE 0 END END AS score
    FROM sums s JOIN indicator i ON i.county_id = $1 AND i.plan_id = $2 AND i.code = s.indicator_code
  )`;

/** The analyst's statement for the township totals. */
export const ANALYST_SQL = `${ANALYST_SCORES}
  SELECT subject_code, round(sum(score), 2)::text AS total FROM scores GROUP BY subject_code ORDER BY subject_code`;

/** The analyst's statement for a page of township × indicator facts (B4's baseline). */
export const ANALYST_FACTS_SQL = `${ANALYST_SCORES}
  SELECT subject_code, indicator_code, n AS records, score::text, round(score, 2)::text AS score_rounded
  FROM scores ORDER BY subject_code, indicator_code LIMIT 100`;

const STREAM_SQL = `SELECT id, indicator_code, subject_kind, subject_code, township_code, item_code, matter,
  date, value_kind, achieved, target, events, score, passed
  FROM performance_record WHERE county_id = $1 AND date >= $2 AND date < $3`;

/**
 * The engine end to end, as the API serves an assessment: the plan, then the lists (unless held:
 * a running API keeps them across writes to records, by their own revision), the policy, the
 * year's small inputs and the database's tallies together, then the core. Returns the township
 * totals as presented, having read every figure of the report. The tallies as the API takes them
 * (`KEPT`: current after every write of records, computed again after a change to the lists), or
 * computed afresh from every record (`COMPUTED`: B3's work from cold).
 */
export async function engineAssessment(
  db: Database,
  countyCode: string,
  held: { readonly dataset: CountyDataset; readonly index: ListIndex } | null,
  tallying: "KEPT" | "COMPUTED" = "KEPT",
): Promise<Map<string, string>> {
  const plan = await loadAssessmentPlan(db, countyCode, YEAR);
  if (plan === null) throw new Error(`B6: no plan for ${countyCode}`);
  const [dataset, policy, records, determinations, tallies] = await Promise.all([
    held?.dataset ?? loadCountyDataset(db, countyCode),
    loadCountyPolicy(db, countyCode),
    loadAssessmentRecords(db, countyCode, YEAR, { performance: false }),
    listDeterminations(db, countyCode),
    (tallying === "KEPT" ? tallyPerformanceRecords : computeTallies)(db, countyCode, {
      plan,
      lists: "STORED",
      knownOn: null,
    }),
  ]);
  if (dataset === null) throw new Error(`B6: ${countyCode} is not stored`);
  const report = assess(plan, dataset, records, {
    ...(held === null ? {} : { index: held.index }),
    policy,
    tallies,
    determinedPushDowns: determinedPushDowns(determinations),
  });
  const totals = new Map<string, string>();
  let read = 0;
  for (const t of report.townships) {
    totals.set(t.assessment.townshipCode, roundForPresentation(t.assessment.total));
    read += t.summary.length + t.grade.length;
    for (const r of t.assessment.indicators) read += r.working.length + r.recordCount;
  }
  for (const d of report.departments) {
    read += d.summary.length + roundForPresentation(d.assessment.total).length;
    for (const r of d.assessment.indicators) read += r.working.length + r.recordCount;
  }
  if (read === 0) throw new Error("B6: an empty report");
  return totals;
}

async function analystTotals(client: pg.Client, countyCode: string, planId: string) {
  const { rows } = await client.query<{ subject_code: string; total: string }>(ANALYST_SQL, [
    countyCode,
    planId,
    `${YEAR}-01-01`,
    `${YEAR + 1}-01-01`,
  ]);
  return new Map(rows.map((r) => [r.subject_code, r.total]));
}

async function streamRecords(client: pg.Client, countyCode: string): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query(`DECLARE records NO SCROLL CURSOR FOR ${STREAM_SQL}`, [
      countyCode,
      `${YEAR}-01-01`,
      `${YEAR + 1}-01-01`,
    ]);
    let rows = 0;
    for (;;) {
      const batch = await client.query(`FETCH ${BATCH} FROM records`);
      for (const row of batch.rows) rows += row.id === null ? 0 : 1;
      if (batch.rows.length < BATCH) break;
    }
    return rows;
  } finally {
    await client.query("COMMIT");
  }
}

/** The analyst's totals equal the engine's, township by township, or the comparison is void. */
function checkEqual(engine: Map<string, string>, analyst: Map<string, string>): void {
  for (const [code, total] of engine) {
    const theirs = analyst.get(code);
    if (theirs === undefined || Number(theirs) !== Number(total))
      throw new Error(`B6: ${code} totals differ — engine ${total}, analyst's SQL ${theirs ?? "none"}`);
  }
}

async function seed(db: Database, options: B6Options, townships: number, log: (line: string) => void) {
  const county = scoredCounty(townships, 600 + townships, options.perItem);
  const code = county.dataset.county.code;
  // Each round's three requests follow a write: two days of records and one change to the lists.
  const { seed: records, feeds } = withFeeds(county.records, 2 * (options.rounds + 1));
  const started = performance.now();
  await saveCountyDataset(db, county.dataset, benchStamp("b6:county", { countyCode: code }));
  const plan = await saveAssessmentPlan(db, county.plan, benchStamp("b6:plan", { planId: county.plan.id }));
  if (!plan.ok) throw new Error(`B6: ${plan.errors[0].message}`);
  const saved = await saveAssessmentRecords(
    db,
    code,
    records,
    benchStamp("b6:records", { countyCode: code }),
  );
  if (!saved.ok) throw new Error(`B6: ${saved.errors[0].message}`);
  log(
    `B6: stored ${townships} townships, ${saved.value.performance.toLocaleString("en")} records in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { code, planId: county.plan.id, records: saved.value.performance, feeds };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

/** The analyst's totals and the stream, timed, then the engine's totals, timed and checked equal. */
async function timeRequest(
  client: pg.Client,
  county: Seeded,
  records: number,
  engine: () => Promise<Map<string, string>>,
): Promise<{ analyst: number; stream: number; engine: number }> {
  collectGarbage();
  let started = performance.now();
  const theirs = await analystTotals(client, county.code, county.planId);
  const analyst = performance.now() - started;
  collectGarbage();
  started = performance.now();
  const streamed = await streamRecords(client, county.code);
  const stream = performance.now() - started;
  if (streamed !== records) throw new Error(`B6: streamed ${streamed} of ${records} records`);
  collectGarbage();
  started = performance.now();
  checkEqual(await engine(), theirs);
  return { analyst, stream, engine: performance.now() - started };
}

/**
 * Rounds (the first untimed) of three requests, each the first after a write and timed beside the
 * analyst's statement and the stream on the same data: everything loaded after a day's records;
 * the lists held (a running API) after the next day's; everything loaded after a change to the
 * lists, which makes the kept tallies be computed again from every record.
 */
async function timeRounds(db: Database, client: pg.Client, county: Seeded, rounds: number) {
  const { code } = county;
  const times = { cold: [] as number[], warm: [] as number[], relisted: [] as number[] };
  const analyst: number[] = [];
  const stream: number[] = [];
  const writes: number[] = [];
  let records = county.records;
  let feed = 0;
  const nextFeed = async () => {
    const day = county.feeds[feed++] ?? [];
    const ms = await writeFeed(db, code, day);
    records += day.length;
    return ms;
  };
  for (let round = 0; round <= rounds; round++) {
    const wrote = [await nextFeed()];
    const cold = await timeRequest(client, county, records, () => engineAssessment(db, code, null));
    // What a running API holds of the county: its lists and their index (by the lists' revision).
    const dataset = await loadCountyDataset(db, code);
    if (dataset === null) throw new Error(`B6: ${code} is not stored`);
    const held = { dataset, index: buildListIndex(dataset.entries) };
    wrote.push(await nextFeed());
    const warm = await timeRequest(client, county, records, () => engineAssessment(db, code, held));
    await touchLists(db, code);
    const relisted = await timeRequest(client, county, records, () => engineAssessment(db, code, null));
    if (round === 0) continue;
    times.cold.push(cold.engine);
    times.warm.push(warm.engine);
    times.relisted.push(relisted.engine);
    for (const t of [cold, warm, relisted]) {
      analyst.push(t.analyst);
      stream.push(t.stream);
    }
    writes.push(...wrote);
  }
  return { ...times, analyst, stream, writes, feedRecords: Math.round((records - county.records) / feed) };
}

/**
 * B6 on PostgreSQL: per size, timed rounds alternating the analyst's statement, the stream of the
 * records and the engine (each after a garbage collection; the first round untimed), on
 * connections opened outside the clock.
 */
export async function runB6(
  options: B6Options,
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; skipped: Skipped[] }> {
  if (options.postgresUrl === null)
    return {
      results: [],
      skipped: [{ id: "B6", reason: "no DATABASE_URL (no PostgreSQL server on this machine)" }],
    };
  const url = options.postgresUrl;
  const db = await openDatabase({ kind: "POSTGRES", url });
  // The analyst's session has the settings of the store's read pool (more memory to hash, no JIT).
  const client = new pg.Client({ connectionString: url, options: "-c work_mem=64MB -c jit=off" });
  await client.connect();
  const results: BenchResult[] = [];
  try {
    await resetDatabase(db);
    for (const townships of options.townships) {
      const county = await seed(db, options, townships, log);
      await client.query("ANALYZE");
      const timed = await timeRounds(db, client, county, options.rounds);
      const { cold, warm, relisted, analyst, stream, writes, feedRecords } = timed;
      const records = county.records;
      const size = `${records.toLocaleString("en")} records, ${townships} townships, PostgreSQL`;
      const baselines = [
        ["analyst", timingOf(analyst), 1, "the analyst's SQL: records judged and scored in one statement"],
        [
          "stream",
          timingOf(stream),
          0.5,
          "streaming the same records out (cursor, 10,000 a batch): B3's floor",
        ],
      ] as const;
      const titles = {
        cold: "everything loaded, the first request after a day's records were written",
        held: "the lists held (a running API), the first request after a day's records were written",
        relisted:
          "everything loaded, the first request after a change to the lists (the tallies computed again)",
      } as const;
      const writeTiming = timingOf(writes);
      for (const [state, timing] of [
        ["cold", timingOf(cold)],
        ["held", timingOf(warm)],
        ["relisted", timingOf(relisted)],
      ] as const) {
        for (const [kind, baseline, target, name] of baselines) {
          results.push(
            judged({
              id: `B6-${townships}-${state}-vs-${kind}`,
              title: `county assessment end to end, ${titles[state]}, vs ${kind === "analyst" ? "the analyst's SQL" : "the records streamed"}`,
              size,
              baselineName: name,
              engine: timing,
              baseline,
              ratio: timeRatio(timing, baseline),
              target: { op: "<=", value: target },
              items: records,
              unit: "records",
              extra: { feedRecords, feedWriteMedianMs: Math.round(writeTiming.medianMs) },
            }),
          );
        }
      }
    }
  } finally {
    await client.end();
    await db.close();
  }
  return { results, skipped: [] };
}
