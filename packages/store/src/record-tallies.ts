import {
  type AssessmentPlan,
  type CountyDataset,
  type ExclusionReason,
  type IsoDate,
  isoDate,
  type PerformanceRecord,
  type RecordTally,
  TRACK_LIST_TYPE,
} from "@dutylist/core";
import type { Database } from "./database.ts";
import { PERFORMANCE_COLUMNS, recordOf } from "./performance-rows.ts";

// S7, S8 in the database: a county's year of performance records judged against the lists of each
// record's date and reduced to tallies in one statement, so that no record becomes a JavaScript
// object to be scored (docs/benchmarks.md, B6). The core's `tallyRecords` is the definition; the
// property test in record-tallies.test.ts holds the two equal on PGlite and PostgreSQL.
//
// The lists and the plan travel as JSON parameters, as the caller holds them (as known on a day,
// L2; or a what-if's), so the statement judges by exactly the entries the core would.

// The entries: as given ($4), or — when $4 is null — the county's stored lists, as they stand.
const INPUTS = `
  ind AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb)
      AS i(code text, subject text, method text, bkind text, track_type text, ltype text, category text)
  ),
  bound AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS b(indicator text, item text)),
  ent AS (
    SELECT * FROM jsonb_to_recordset($4::jsonb)
      AS e(id text, township text, item text, type text, "from" date, "to" date, lead jsonb,
        receiver text, category text)
    UNION ALL
    SELECT id, township_code, item_code, type::text, effective_from, effective_to,
      terms->'leadDepartments', terms->>'receivingDepartment', content->>'category'
    FROM list_entry WHERE $4::jsonb IS NULL AND county_id = $1
  )`;

// judgeInYear's cascade, in its order; NULL when the record counts. The year is the WHERE clause's
// (records are read by date), so OUTSIDE_YEAR cannot arise.
const REASON = `CASE
    WHEN i.code IS NULL THEN 'UNKNOWN_INDICATOR'
    WHEN r.subject_kind::text <> i.subject THEN 'SUBJECT_MISMATCH'
    WHEN r.value_kind <> i.method OR NOT COALESCE(CASE r.value_kind
        WHEN 'RATIO' THEN r.achieved >= 0 AND r.target >= 0
        WHEN 'DEDUCTION' THEN r.events >= 0
        WHEN 'GRADED' THEN r.score >= 0
        WHEN 'PASS_FAIL' THEN r.passed IS NOT NULL
        ELSE false END, false) THEN 'VALUE_MISMATCH'
    WHEN r.subject_kind = 'TOWNSHIP' AND r.township_code <> r.subject_code THEN 'OTHER_TOWNSHIP'
    WHEN r.item_code IS NULL OR e.id IS NULL THEN 'OFF_LIST'
    WHEN r.subject_kind = 'TOWNSHIP' AND e.type = 'RECLAIMED' THEN 'RECLAIMED_BY_THEN'
    WHEN r.subject_kind = 'DEPARTMENT' AND NOT COALESCE(
        (e.type = 'RECLAIMED' AND e.receiver = r.subject_code)
        OR (e.type = 'COOPERATIVE' AND e.lead ? r.subject_code), false)
      THEN 'NOT_DEPARTMENTS_ITEM'
    WHEN NOT COALESCE(CASE i.bkind
        WHEN 'ITEMS' THEN b.item IS NOT NULL
        WHEN 'SELECTOR' THEN e.type = i.ltype AND (i.category IS NULL OR e.category = i.category)
        ELSE false END, false) THEN 'NOT_BOUND'
    WHEN r.subject_kind = 'TOWNSHIP' AND e.type <> i.track_type THEN 'WRONG_TRACK'
  END`;

// Each record with its outcome and the entry in force on its date that made it count (entries of
// one township and item never overlap, L2). OFFSET 0 keeps it a subquery of its own: the cascade is
// computed once per record, and the grouping after it is on plain columns (a hash, not a sort).
// `restriction` (an `AND …` on r) narrows the records, e.g. to those one write added.
function judged(restriction: string): string {
  return `judged AS (
    SELECT *, CASE WHEN reason IS NULL THEN in_force END AS entry_id FROM (
    SELECT r.id, r.subject_kind, r.subject_code, r.indicator_code, r.township_code, r.item_code,
      r.matter, r.date, r.recorded_on, r.value_kind, r.achieved, r.target, r.events, r.score,
      r.passed, e.id AS in_force, ${REASON} AS reason
    FROM performance_record r
      LEFT JOIN ind i ON i.code = r.indicator_code
      LEFT JOIN ent e ON e.township = r.township_code AND e.item = r.item_code
        AND e."from" <= r.date AND (e."to" IS NULL OR r.date < e."to")
      LEFT JOIN bound b ON b.indicator = r.indicator_code AND b.item = r.item_code
    WHERE r.county_id = $1 AND r.date >= $5::date AND r.date < $6::date AND r.recorded_on <= $7::date
      ${restriction}
    OFFSET 0) AS judging
  )`;
}

const JUDGED = judged("");

/**
 * The statement's head up to the relation `tallied`: the judged records of the question's year
 * (or those `restriction` keeps) per subject, indicator, outcome and entry, sums as numerics.
 * @example `${talliedSql()} SELECT ${TALLY_COLUMNS} FROM tallied`
 */
export function talliedSql(restriction = ""): string {
  return `WITH ${INPUTS}, ${judged(restriction)},
  tallied AS (
    SELECT subject_kind::text AS subject_kind, subject_code, indicator_code, reason, entry_id,
      min(id COLLATE "C") FILTER (WHERE reason IS NULL) AS first_id,
      count(*)::int AS count,
      COALESCE(sum(achieved) FILTER (WHERE reason IS NULL AND value_kind = 'RATIO'), 0) AS achieved,
      COALESCE(sum(target) FILTER (WHERE reason IS NULL AND value_kind = 'RATIO'), 0) AS target,
      COALESCE(sum(events) FILTER (WHERE reason IS NULL AND value_kind = 'DEDUCTION'), 0)::bigint AS events,
      COALESCE(sum(score) FILTER (WHERE reason IS NULL AND value_kind = 'GRADED'), 0) AS graded,
      count(*) FILTER (WHERE reason IS NULL AND value_kind = 'GRADED')::int AS graded_count,
      count(*) FILTER (WHERE reason IS NULL AND value_kind = 'PASS_FAIL' AND NOT passed)::int AS failed
    FROM judged
    GROUP BY 1, 2, 3, 4, 5
  )`;
}

/** A tally's columns as `tallyOf` reads them, from any relation that has them. */
export const TALLY_COLUMNS = `subject_kind, subject_code, indicator_code, reason, entry_id, first_id, count,
  trim_scale(achieved)::text AS achieved, trim_scale(target)::text AS target, events::text AS events,
  trim_scale(graded)::text AS graded, graded_count, failed`;

const TALLIES_SQL = `${talliedSql()} SELECT ${TALLY_COLUMNS} FROM tallied`;

/** What the tallies are taken over: a plan's year, the lists to judge by, and knowledge time. */
export interface TallyQuestion {
  readonly plan: AssessmentPlan;
  /**
   * The lists records are judged on: the entries given (as known on `knownOn`, L2, or a what-if's),
   * or `STORED`, the county's lists as they stand in the database (read there, not sent).
   */
  readonly lists: Pick<CountyDataset, "entries"> | "STORED";
  /** L2: only records recorded by this day; null, every record stored. */
  readonly knownOn: IsoDate | null;
}

const LAST_DAY = isoDate("9999-12-31");

/**
 * The statement's parameters $1–$7 for a question: the county, the plan's indicators ($2) and
 * bindings ($3) as JSON, the entries ($4, null for the stored lists), the year's bounds and the
 * knowledge day.
 * @example const [county, indicators, bindings] = tallyParameters("QX", { plan, lists: "STORED", knownOn: null })
 */
export function tallyParameters(countyCode: string, question: TallyQuestion): unknown[] {
  const { plan, lists, knownOn } = question;
  // The last of a repeated indicator code wins, as the core's map of indicators has it.
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const ind = [...indicators.values()].map((i) => ({
    code: i.code,
    subject: i.subject,
    method: i.method.kind,
    bkind: i.binding.kind,
    track_type: i.subject === "TOWNSHIP" ? TRACK_LIST_TYPE[i.track ?? "CORE"] : null,
    ltype: i.binding.kind === "SELECTOR" ? i.binding.listType : null,
    category: i.binding.kind === "SELECTOR" ? i.binding.category : null,
  }));
  const bound = [...indicators.values()].flatMap((i) =>
    i.binding.kind === "ITEMS"
      ? [...new Set(i.binding.itemCodes)].map((item) => ({ indicator: i.code, item }))
      : [],
  );
  const ent = (lists === "STORED" ? [] : lists.entries).map((e) => ({
    id: e.id,
    township: e.townshipCode,
    item: e.itemCode,
    type: e.terms.type,
    from: e.effectiveFrom,
    to: e.effectiveTo,
    lead: e.terms.type === "COOPERATIVE" ? e.terms.leadDepartments : null,
    receiver: e.terms.type === "RECLAIMED" ? e.terms.receivingDepartment : null,
    category: e.content.category,
  }));
  return statementParameters(
    countyCode,
    JSON.stringify(ind),
    JSON.stringify(bound),
    lists === "STORED" ? null : JSON.stringify(ent),
    plan.year,
    knownOn,
  );
}

/**
 * The statement's parameters from their JSON: indicators, bindings, entries (null: the stored
 * lists), for the year, as known on `knownOn` (null: every record stored).
 * @example statementParameters("QX", "[]", "[]", null, 2025, null)
 */
export function statementParameters(
  countyCode: string,
  indicators: string,
  bindings: string,
  entries: string | null,
  year: number,
  knownOn: IsoDate | null,
): unknown[] {
  return [
    countyCode,
    indicators,
    bindings,
    entries,
    `${year}-01-01`,
    `${year + 1}-01-01`,
    knownOn ?? LAST_DAY,
  ];
}

function text(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new Error(`record tally: ${column} is not text`);
  return value;
}

/** A tally row (`TALLY_COLUMNS`) as the core takes it. */
export function tallyOf(row: Record<string, unknown>): RecordTally {
  const kind = row.subject_kind;
  if (kind !== "TOWNSHIP" && kind !== "DEPARTMENT")
    throw new Error(`record tally: subject kind ${String(kind)}`);
  return {
    subjectKind: kind,
    subjectCode: text(row, "subject_code"),
    indicatorCode: text(row, "indicator_code"),
    reason: row.reason === null ? null : (text(row, "reason") as ExclusionReason),
    entryId: row.entry_id === null ? null : text(row, "entry_id"),
    firstId: row.first_id === null ? null : text(row, "first_id"),
    count: Number(row.count),
    achieved: text(row, "achieved"),
    target: text(row, "target"),
    events: Number(text(row, "events")),
    graded: text(row, "graded"),
    gradedCount: Number(row.graded_count),
    failed: Number(row.failed),
  };
}

/**
 * S7, S8 in one statement: the county's performance records of the plan's year judged against the
 * lists of each record's date and tallied per subject, indicator, outcome and entry — equal to the
 * core's `tallyRecords` over the same records (scored by `scoreAssessment`'s `tallies` option).
 * Computed afresh every call; `tallyPerformanceRecords` keeps the stored lists' tallies current.
 * @example const tallies = await computeTallies(db, "QX", { plan, lists: "STORED", knownOn: null })
 */
export async function computeTallies(
  db: Database,
  countyCode: string,
  question: TallyQuestion,
): Promise<RecordTally[]> {
  const rows = await db.read(TALLIES_SQL, tallyParameters(countyCode, question));
  return rows.map(tallyOf);
}

/** Which judged records to list: one subject's (on one indicator), counted or excluded. */
export interface JudgedRecordFilter {
  readonly subjectCode?: string;
  readonly indicatorCode?: string;
  /** Counted records (`COUNTED`), excluded ones (`EXCLUDED`, or one reason), or both. */
  readonly outcome?: "COUNTED" | "EXCLUDED" | ExclusionReason;
}

/** A page of judged records: `first` at most, after the record id `after`, in id order. */
export interface Page {
  /** At most this many; null, all. */
  readonly first: number | null;
  readonly after: string | null;
}

const PAGE_SQL = `WITH ${INPUTS}, ${JUDGED}
  SELECT ${PERFORMANCE_COLUMNS} FROM judged
  WHERE ($8::text IS NULL OR subject_code = $8) AND ($9::text IS NULL OR indicator_code = $9)
    AND CASE $10::text WHEN 'ALL' THEN true WHEN 'COUNTED' THEN reason IS NULL
      WHEN 'EXCLUDED' THEN reason IS NOT NULL ELSE reason = $10 END
    AND ($11::text IS NULL OR id COLLATE "C" > $11 COLLATE "C")
  ORDER BY id COLLATE "C"
  LIMIT $12`;

/**
 * A page of the records the tallies were made of, judged by the same statement (counted ones, or
 * excluded ones with a reason), in code-unit order of their ids: the records behind a score,
 * fetched on demand. The core judges the page again (`judgeRecord`) to explain each one.
 * @example await judgedRecords(db, "QX", question, { subjectCode: "QX-CG", outcome: "COUNTED" }, { first: 50, after: null })
 */
export async function judgedRecords(
  db: Database,
  countyCode: string,
  question: TallyQuestion,
  filter: JudgedRecordFilter,
  page: Page,
): Promise<PerformanceRecord[]> {
  const rows = await db.read(PAGE_SQL, [
    ...tallyParameters(countyCode, question),
    filter.subjectCode ?? null,
    filter.indicatorCode ?? null,
    filter.outcome ?? "ALL",
    page.after,
    page.first,
  ]);
  return rows.map((row) => recordOf(row, countyCode));
}
