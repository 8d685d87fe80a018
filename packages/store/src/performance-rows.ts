import { type IsoDate, isIsoDate, type PerformanceRecord, type RecordValue } from "@dutylist/core";
import type { Database } from "./database.ts";

// Performance records are the bulk of a county's data (millions a year at province scale): they
// are written and read in raw SQL, past Prisma's per-row work, which cost several times the
// database's own (docs/benchmarks.md, B3).

/** The columns of one performance record, decimals as their text, dates as `YYYY-MM-DD`. */
export interface PerformanceRow {
  readonly id: string;
  readonly indicator_code: string;
  readonly subject_kind: string;
  readonly subject_code: string;
  readonly township_code: string;
  readonly item_code: string | null;
  readonly matter: string | null;
  readonly date: string;
  readonly value_kind: string;
  readonly achieved: string | null;
  readonly target: string | null;
  readonly events: number | null;
  readonly score: string | null;
  readonly passed: boolean | null;
  /** Knowledge time (L2); null: the day of the insert. */
  readonly recorded_on: string | null;
}

// Rows per batch of the cursor: a batch is mapped and dropped before the next, so memory holds the
// records, not the driver's rows of the whole year.
const READ_BATCH = 20_000;

// Decimals without trailing zeros (as Prisma's Decimal#toFixed() gave them), dates as text: the
// same values the model queries returned, whatever the driver's type parsers. One query, streamed
// through a cursor (paging with LIMIT re-ran it per page; PGlite sorted the year each time).
/** The columns of a performance record as `recordOf` reads them, from any relation that has them. */
export const PERFORMANCE_COLUMNS = `id, indicator_code, subject_kind::text AS subject_kind, subject_code,
  township_code, item_code, matter, date::text AS date, value_kind,
  trim_scale(achieved)::text AS achieved, trim_scale(target)::text AS target, events,
  trim_scale(score)::text AS score, passed, recorded_on::text AS recorded_on`;

const READ_SQL = `SELECT ${PERFORMANCE_COLUMNS}
  FROM performance_record
  WHERE county_id = $1 AND date >= $2::date AND date < $3::date
  ORDER BY id`;

function text(row: Record<string, unknown>, column: keyof PerformanceRow): string {
  const value = row[column];
  if (typeof value !== "string")
    throw new Error(`performance_record ${String(row.id)}: ${column} is not text`);
  return value;
}

function nullableText(row: Record<string, unknown>, column: keyof PerformanceRow): string | null {
  return row[column] === null ? null : text(row, column);
}

function recordValue(row: Record<string, unknown>, what: string): RecordValue {
  const kind = row.value_kind;
  switch (kind) {
    case "RATIO":
      return { kind, achieved: text(row, "achieved"), target: text(row, "target") };
    case "DEDUCTION":
      if (typeof row.events !== "number") throw new Error(`${what} events is null`);
      return { kind, events: row.events };
    case "GRADED":
      return { kind, score: text(row, "score") };
    case "PASS_FAIL":
      if (typeof row.passed !== "boolean") throw new Error(`${what} passed is null`);
      return { kind, passed: row.passed };
    default:
      throw new Error(`${what}: unknown value kind ${String(kind)}`);
  }
}

export function recordOf(row: Record<string, unknown>, countyCode: string): PerformanceRecord {
  const id = text(row, "id");
  const what = `performance_record ${id}`;
  const date = text(row, "date");
  if (!isIsoDate(date)) throw new Error(`${what}: date ${date}`);
  const kind = row.subject_kind;
  if (kind !== "TOWNSHIP" && kind !== "DEPARTMENT") throw new Error(`${what}: subject kind ${String(kind)}`);
  return {
    id,
    countyCode,
    indicatorCode: text(row, "indicator_code"),
    subject: { kind, code: text(row, "subject_code") },
    townshipCode: text(row, "township_code"),
    itemCode: nullableText(row, "item_code"),
    matter: nullableText(row, "matter"),
    date: date as IsoDate,
    value: recordValue(row, what),
    recordedOn: text(row, "recorded_on") as IsoDate,
  };
}

/**
 * A county's performance records dated in `[from, to)`, in code-unit order of their ids (as
 * JavaScript compares strings, whatever the database's collation), streamed on the driver.
 * @example await readPerformanceRecords(db, "QX", "2025-01-01", "2026-01-01")
 */
export async function readPerformanceRecords(
  db: Database,
  countyCode: string,
  from: IsoDate,
  to: IsoDate,
): Promise<PerformanceRecord[]> {
  const records: PerformanceRecord[] = [];
  await db.stream(READ_SQL, [countyCode, from, to], READ_BATCH, (rows) => {
    for (const row of rows) records.push(recordOf(row, countyCode));
  });
  // The database's collation orders the batches; JavaScript's order is checked, and restored.
  for (let i = 1; i < records.length; i++) {
    if ((records[i - 1]?.id ?? "") > (records[i]?.id ?? "")) {
      records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      break;
    }
  }
  return records;
}
