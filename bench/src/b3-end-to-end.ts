import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Database,
  type DatabaseTarget,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
} from "@dutylist/store";
import { resetDatabase } from "@dutylist/store/testing";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { scoredCounty } from "./b2-scoring.ts";
import { engineAssessment } from "./b6-analyst-sql.ts";
import { benchStamp } from "./bench-stamp.ts";
import { collectGarbage, type MemoryPeak, mib, timingOf } from "./measure.ts";
import {
  type BenchResult,
  judged,
  type ScalingSeries,
  type Skipped,
  scalingSeries,
  timeRatio,
} from "./result.ts";

/** Sizes of B3: townships at 1× (4× and 16× follow), and where PostgreSQL is. */
export interface B3Options {
  readonly baseTownships: number;
  /** Records per item per subject over the year (12: monthly). */
  readonly perItem: number;
  readonly rounds: number;
  /** More rounds (up to 10) while less engine time than this has been measured at a size. */
  readonly minMeasuredMs: number;
  readonly postgresUrl: string | null;
}

const YEAR = 2025;
const SCALES = [1, 4, 16] as const;
const BATCH = 10_000;
const MAX_ROUNDS = 10;

// The floor: one plain SQL query over the same rows, read through a cursor in batches (the way to
// stream a result set on both PGlite and PostgreSQL), each row's values touched.
const RECORDS_SQL = `SELECT id, indicator_code, subject_kind, subject_code, township_code, item_code, matter,
  date, value_kind, achieved, target, events, score, passed
  FROM performance_record WHERE county_id = $1 AND date >= $2 AND date < $3`;

/** Runs SQL on one connection: PGlite itself, or a pg client. */
interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

async function streamRecords(sql: Sql, countyCode: string): Promise<number> {
  await sql.query("BEGIN");
  try {
    await sql.query(`DECLARE records NO SCROLL CURSOR FOR ${RECORDS_SQL}`, [
      countyCode,
      `${YEAR}-01-01`,
      `${YEAR + 1}-01-01`,
    ]);
    let rows = 0;
    let touched = 0;
    for (;;) {
      const batch = await sql.query(`FETCH ${BATCH} FROM records`);
      for (const row of batch.rows) touched += row.id === null ? 0 : 1;
      rows += batch.rows.length;
      if (batch.rows.length < BATCH) break;
    }
    if (touched !== rows) throw new Error("B3: a row without an id");
    return rows;
  } finally {
    await sql.query("COMMIT");
  }
}

/**
 * The engine, as the API scores a year from cold (B6's `engineAssessment`: the lists, the plan and
 * the small inputs loaded, every record tallied by the database — computed afresh, as after a
 * change to the lists, not the tallies kept by writes — scored, ranked and graded, every figure
 * read). Returns the memory in use at the end, while the report is still held.
 */
async function assessFromStore(db: Database, countyCode: string): Promise<NodeJS.MemoryUsage> {
  const totals = await engineAssessment(db, countyCode, null, "COMPUTED");
  const memory = process.memoryUsage();
  if (totals.size === 0) throw new Error("B3: nothing assessed");
  return memory;
}

interface Seeded {
  readonly scale: number;
  readonly countyCode: string;
  readonly townships: number;
  readonly records: number;
}

async function seed(db: Database, options: B3Options, log: (line: string) => void): Promise<Seeded[]> {
  await resetDatabase(db);
  const seeded: Seeded[] = [];
  for (const scale of SCALES) {
    const townships = options.baseTownships * scale;
    const county = scoredCounty(townships, 300 + scale, options.perItem);
    const started = performance.now();
    await saveCountyDataset(
      db,
      county.dataset,
      benchStamp("b3:county", { countyCode: county.dataset.county.code }),
    );
    const plan = await saveAssessmentPlan(db, county.plan, benchStamp("b3:plan", { planId: county.plan.id }));
    if (!plan.ok) throw new Error(`B3: ${plan.errors[0].message}`);
    const saved = await saveAssessmentRecords(
      db,
      county.dataset.county.code,
      county.records,
      benchStamp("b3:records", { countyCode: county.dataset.county.code }),
    );
    if (!saved.ok) throw new Error(`B3: ${saved.errors[0].message}`);
    log(
      `B3: stored ${scale}× (${townships} townships, ${saved.value.performance.toLocaleString("en")} records) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    seeded.push({
      scale,
      countyCode: county.dataset.county.code,
      townships,
      records: saved.value.performance,
    });
  }
  return seeded;
}

/** Opens the engine's store and the baseline's plain connection for one round, then closes both. */
interface Connections {
  engine<T>(run: (db: Database) => Promise<T>): Promise<T>;
  baseline<T>(run: (sql: Sql) => Promise<T>): Promise<T>;
}

function pgliteConnections(dataDir: string): Connections {
  // One PGlite may have a data directory open at a time: the store and the plain connection take
  // turns, each opened outside the timed part.
  return {
    async engine(run) {
      const db = await openDatabase({ kind: "PGLITE", dataDir });
      try {
        return await run(db);
      } finally {
        await db.close();
      }
    },
    async baseline(run) {
      const pglite = new PGlite(dataDir);
      await pglite.waitReady;
      try {
        return await run({ query: (text, params) => pglite.query<Record<string, unknown>>(text, params) });
      } finally {
        await pglite.close();
      }
    },
  };
}

function postgresConnections(url: string): Connections {
  return {
    async engine(run) {
      const db = await openDatabase({ kind: "POSTGRES", url });
      try {
        return await run(db);
      } finally {
        await db.close();
      }
    },
    async baseline(run) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await run({ query: (text, params) => client.query(text, params) });
      } finally {
        await client.end();
      }
    },
  };
}

async function timedRounds(
  connections: Connections,
  county: Seeded,
  rounds: number,
  minMeasuredMs: number,
): Promise<{ engine: number[]; baseline: number[]; peak: MemoryPeak }> {
  const engine: number[] = [];
  const baseline: number[] = [];
  // Memory in use when an assessment ends (records and report held); the loads are mostly
  // microtasks on PGlite, so a timer would not sample them.
  let rss = 0;
  let heap = 0;
  // At least `rounds` timed rounds, more while less than `minMeasuredMs` of engine time has been
  // measured (small sizes take a fraction of a second, and one noisy round would move the median).
  let measured = 0;
  for (let round = 0; round <= rounds || (measured < minMeasuredMs && round <= MAX_ROUNDS); round++) {
    collectGarbage();
    const baseMs = await connections.baseline(async (sql) => {
      const started = performance.now();
      const rows = await streamRecords(sql, county.countyCode);
      if (rows !== county.records) throw new Error(`B3: streamed ${rows} of ${county.records} records`);
      return performance.now() - started;
    });
    collectGarbage();
    const engineMs = await connections.engine(async (db) => {
      const started = performance.now();
      const memory = await assessFromStore(db, county.countyCode);
      const ms = performance.now() - started;
      rss = Math.max(rss, memory.rss);
      heap = Math.max(heap, memory.heapUsed);
      return ms;
    });
    if (round === 0) continue; // warm-up
    baseline.push(baseMs);
    engine.push(engineMs);
    measured += engineMs;
  }
  return { engine, baseline, peak: { rssMiB: mib(rss), heapUsedMiB: mib(heap) } };
}

async function runTarget(
  name: "pglite" | "postgres",
  target: DatabaseTarget,
  connections: Connections,
  options: B3Options,
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; scaling: ScalingSeries }> {
  const db = await openDatabase(target);
  let seeded: Seeded[];
  try {
    seeded = await seed(db, options, log);
  } finally {
    await db.close();
  }
  const results: BenchResult[] = [];
  const points: { scale: number; items: number; ms: number }[] = [];
  for (const county of seeded) {
    log(`B3 ${name} ${county.scale}×: timing`);
    const timed = await timedRounds(connections, county, options.rounds, options.minMeasuredMs);
    const engine = timingOf(timed.engine);
    const baseline = timingOf(timed.baseline);
    points.push({ scale: county.scale, items: county.records, ms: engine.medianMs });
    results.push(
      judged({
        id: `B3-${name}-${county.scale}x`,
        title: `end-to-end assessment from ${name === "pglite" ? "PGlite" : "PostgreSQL"}, ${county.scale}× data`,
        size: `${county.records.toLocaleString("en")} records, ${county.townships} townships`,
        baselineName: "one SQL query streaming the same records (cursor, 10,000 a batch)",
        engine,
        baseline,
        ratio: timeRatio(engine, baseline),
        // The target is judged at the largest size; 1× and 4× are the scaling series' points.
        target: county.scale === 16 ? { op: "<=", value: 2 } : null,
        items: county.records,
        unit: "records",
        memory: timed.peak,
        extra: { engineNsPerRecord: (engine.medianMs * 1e6) / county.records },
      }),
    );
  }
  return { results, scaling: scalingSeries(`B3 ${name}`, points) };
}

/**
 * B3: the end-to-end assessment of a year — the county, the plan and the records loaded from the
 * store, then scored, ranked and graded — from PGlite and (when a server is given) PostgreSQL, at
 * 1×, 4× and 16×, vs streaming the same records out of the same database with one plain query.
 */
export async function runB3(
  options: B3Options,
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; scaling: ScalingSeries[]; skipped: Skipped[] }> {
  const results: BenchResult[] = [];
  const scaling: ScalingSeries[] = [];
  const skipped: Skipped[] = [];
  const dir = await mkdtemp(join(tmpdir(), "dutylist-b3-"));
  try {
    const dataDir = join(dir, "pglite");
    const lite = await runTarget(
      "pglite",
      { kind: "PGLITE", dataDir },
      pgliteConnections(dataDir),
      options,
      log,
    );
    results.push(...lite.results);
    scaling.push(lite.scaling);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (options.postgresUrl === null) {
    skipped.push({ id: "B3-postgres", reason: "no DATABASE_URL (no PostgreSQL server on this machine)" });
  } else {
    const server = await runTarget(
      "postgres",
      { kind: "POSTGRES", url: options.postgresUrl },
      postgresConnections(options.postgresUrl),
      options,
      log,
    );
    results.push(...server.results);
    scaling.push(server.scaling);
  }
  return { results, scaling, skipped };
}
