import {
  type AssessmentRecords,
  buildDirectory,
  type CountyDirectory,
  type DecimalString,
  type DomainError,
  exact,
  type IsoDate,
  invalidField,
} from "@dutylist/core";
import {
  type AssessmentRecordCounts,
  type Database,
  saveAssessmentRecords,
  storedRecordIds,
} from "@dutylist/store";
import type { Context } from "./context.ts";
import { countyNotFound } from "./county-change.ts";
import { DomainErrors, StoreRefusal } from "./schema/errors.ts";

// Records arrive in batches from the county's systems. A batch is checked as a whole, every
// problem reported at once and named by position (`records[3].achieved`), and stored all or
// nothing. What the rules decide about a record (off-list, reclaimed by then, S7) is the core's,
// when it scores: such records are stored, not refused.

/**
 * The most records one mutation takes (docs/api.md, "Limits"); a larger batch is refused whole
 * with INVALID_FIELD on its argument, and is sent in several.
 * @example MAX_BATCH_RECORDS // 5000
 */
export const MAX_BATCH_RECORDS = 5_000;

// Records are checked in slices of this many, the event loop let through between slices: a
// batch of the largest size never holds other requests up for more than a slice's time.
const CHECK_SLICE = 250;

function yieldToOtherRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A decimal column: at most `places` decimals and `digits` digits in all, from 0 to `max`. */
export interface DecimalColumn {
  readonly places: number;
  readonly digits: number;
  readonly max?: DecimalString;
}

type Reference = "TOWNSHIP" | "DEPARTMENT" | "ITEM" | "INDICATOR";

const REFERENCE_NAMES: Readonly<Record<Reference, string>> = {
  TOWNSHIP: "乡镇",
  DEPARTMENT: "部门",
  ITEM: "事项",
  INDICATOR: "指标",
};

/** The checks of one batch: each collects its problem, naming the field by position. */
export class RecordChecks {
  readonly problems: DomainError[] = [];
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly countyCode: string,
    private readonly directory: CountyDirectory,
  ) {}

  invalid(field: string, message: string): void {
    this.problems.push(invalidField(field, `${field}:${message}`));
  }

  /** A township, department or item of the county's catalogue. */
  known(field: string, kind: Exclude<Reference, "INDICATOR">, code: string): void {
    const codes =
      kind === "TOWNSHIP"
        ? this.directory.townships
        : kind === "DEPARTMENT"
          ? this.directory.departments
          : this.directory.items;
    if (!codes.has(code))
      this.unknown(field, kind, code, `${this.countyCode} 没有${REFERENCE_NAMES[kind]} ${code}`);
  }

  unknown(field: string, kind: Reference, code: string, why: string): void {
    this.problems.push({ _tag: "UNKNOWN_REFERENCE", field, kind, code, message: `${field}:${why}` });
  }

  /** A decimal that fits its column and is not negative (nor above the column's maximum). */
  amount(field: string, value: DecimalString, column: DecimalColumn): void {
    const n = exact(value);
    if (n.isNegative() && !n.isZero()) this.invalid(field, `不能为负数(${value})`);
    else if (column.max !== undefined && n.greaterThan(column.max))
      this.invalid(field, `不能大于 ${column.max}(${value})`);
    else if (n.decimalPlaces() > column.places) this.invalid(field, `最多 ${column.places} 位小数(${value})`);
    else if (n.abs().greaterThanOrEqualTo(exact(10).pow(column.digits - column.places)))
      this.invalid(field, `超出可存储的范围(${value})`);
  }

  /** A count: an integer from zero. */
  count(field: string, value: number): void {
    if (value < 0) this.invalid(field, `不能为负数(${value})`);
  }

  /** Words that must say something. */
  text(field: string, value: string | null | undefined, why: string): void {
    if (value == null || value.trim() === "") this.invalid(field, why);
  }

  /** A date that cannot come before another, e.g. an answer before the whistle. */
  notBefore(field: string, date: IsoDate | null | undefined, from: IsoDate, why: string): void {
    if (date != null && date < from) this.invalid(field, `${why}(${date} 早于 ${from})`);
  }

  /** A record id given once in the batch (DUPLICATE_ID at its second position). */
  uniqueId(at: string, id: string): void {
    const earlier = this.firstSeen(`id\u0000${id}`, at);
    if (earlier !== null)
      this.problems.push({
        _tag: "DUPLICATE_ID",
        kind: "RECORD",
        id,
        message: `${at}.id:记录 ${id} 与 ${earlier} 重复`,
      });
  }

  private firstSeen(key: string, at: string): string | null {
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return earlier;
    this.seen.set(key, at);
    return null;
  }
}

/** A batch of one kind of record as it arrived, and how to read one record of it. */
export interface RecordBatch<I extends { readonly id: string }, K extends keyof AssessmentRecords> {
  readonly kind: K;
  /** The argument the batch came in, e.g. `records`: positions read `records[3]`. */
  readonly arg: string;
  readonly inputs: readonly I[];
  /** The core's record from its input; what is wrong with it goes to `checks`. */
  read(input: I, at: string, checks: RecordChecks): AssessmentRecords[K][number];
  /** What the store already holds that the batch would contradict, besides its ids. */
  stored?(db: Database, countyCode: string, records: AssessmentRecords[K]): Promise<DomainError[]>;
}

const NO_RECORDS: AssessmentRecords = {
  performance: [],
  whistles: [],
  guarantees: [],
  pushDowns: [],
  unattended: [],
  ratings: [],
};

async function storedConflicts<I extends { readonly id: string }, K extends keyof AssessmentRecords>(
  db: Database,
  countyCode: string,
  batch: RecordBatch<I, K>,
  records: AssessmentRecords[K],
): Promise<DomainError[]> {
  const ids = batch.inputs.map((input) => input.id);
  const stored = await storedRecordIds(db, countyCode, batch.kind, ids);
  const duplicates = ids.flatMap((id, i): DomainError[] =>
    stored.has(id)
      ? [
          {
            _tag: "DUPLICATE_ID",
            kind: "RECORD",
            id,
            message: `${batch.arg}[${i}].id:记录 ${id} 已存储(记录存储后不可更改)`,
          },
        ]
      : [],
  );
  return [...duplicates, ...((await batch.stored?.(db, countyCode, records)) ?? [])];
}

/**
 * Checks a batch of records and stores it, all or nothing: `DomainErrors` lists every problem of
 * every record (unknown townships, departments, items or indicators, malformed values, ids
 * repeated in the batch or already stored) and nothing is written. A batch of more than
 * MAX_BATCH_RECORDS is refused whole; a large one is checked in slices, letting other requests
 * through between them. A write the database refuses all the same is a `StoreRefusal`. Returns
 * the rows stored.
 * @example await addRecords(ctx, "QX", { kind: "ratings", arg: "ratings", inputs, read })
 */
export async function addRecords<I extends { readonly id: string }, K extends keyof AssessmentRecords>(
  ctx: Context,
  countyCode: string,
  batch: RecordBatch<I, K>,
): Promise<AssessmentRecordCounts> {
  const size = batch.inputs.length;
  if (size > MAX_BATCH_RECORDS) {
    throw new DomainErrors([
      invalidField(
        batch.arg,
        `${batch.arg}:一次最多提交 ${MAX_BATCH_RECORDS} 条记录,收到 ${size} 条;请分批提交`,
      ),
    ]);
  }
  const county = await ctx.county(countyCode);
  if (county === null) throw countyNotFound(countyCode);
  const checks = new RecordChecks(countyCode, buildDirectory(county.dataset));
  const read: AssessmentRecords[K][number][] = [];
  for (let start = 0; start < size; start += CHECK_SLICE) {
    if (start > 0) await yieldToOtherRequests();
    batch.inputs.slice(start, start + CHECK_SLICE).forEach((input, n) => {
      const at = `${batch.arg}[${start + n}]`;
      checks.uniqueId(at, input.id);
      read.push(batch.read(input, at, checks));
    });
  }
  // L2: every record carries the day it was entered (knowledge time).
  const today = ctx.today();
  const records = read.map((record) => ({ ...record, recordedOn: today })) as unknown as AssessmentRecords[K];
  const problems = [...checks.problems, ...(await storedConflicts(ctx.db, countyCode, batch, records))];
  if (problems.length > 0) throw new DomainErrors(problems);
  const saved = await saveAssessmentRecords(ctx.db, countyCode, { ...NO_RECORDS, [batch.kind]: records });
  if (saved.ok) return saved.value;
  const [problem] = saved.errors;
  if (problem._tag === "STORE_CONFLICT") {
    // Another write stored the same ids in between: name them as if they had been there before.
    const raced = await storedConflicts(ctx.db, countyCode, batch, records);
    if (raced.length > 0) throw new DomainErrors(raced);
  }
  throw new StoreRefusal(problem);
}
