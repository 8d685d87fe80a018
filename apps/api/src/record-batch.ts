import {
  type AssessmentRecords,
  buildDirectory,
  type DomainError,
  invalidField,
  type RecordCheckContext,
  type RecordProblem,
  repeatedRecordIds,
} from "@dutylist/core";
import {
  type AssessmentRecordCounts,
  type ChangeStamp,
  type Database,
  saveAssessmentRecords,
  storedRecordIds,
} from "@dutylist/store";
import type { Context } from "./context.ts";
import { countyNotFound } from "./county-change.ts";
import { DomainErrors, StoreRefusal } from "./schema/errors.ts";

// Records arrive in batches from the county's systems. A batch is checked as a whole, every
// problem reported at once and named by position (`records[3].achieved`), and stored all or
// nothing. The checks are the core's (assessment/record-checks.ts), the ones the workbook's
// sheets use too: here they run in slices and their fields get positions. What the rules decide
// about a record (off-list, reclaimed by then, S7) is the core's, when it scores: such records
// are stored, not refused.

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

/**
 * The core's record read from an input, and what the core's checks find wrong with it, each
 * problem naming the input's field (`achieved`, `subjectCode`): the batch adds the position.
 */
export interface ReadRecord<R> {
  readonly record: R;
  readonly problems: readonly RecordProblem[];
}

/** A problem of the record at `at` (e.g. `records[3]`) as the API reports it. */
function positioned(at: string, problem: RecordProblem): DomainError {
  const field = `${at}.${problem.field}`;
  const message = `${field}:${problem.message}`;
  if (problem.reference === null) return invalidField(field, message);
  const { kind, code } = problem.reference;
  return { _tag: "UNKNOWN_REFERENCE", field, kind, code, message };
}

/** The ids repeated in the batch (the core's check), by the position of the repeat. */
function repeatedIds(arg: string, inputs: readonly { readonly id: string }[]): Map<number, DomainError> {
  const repeated = repeatedRecordIds(
    inputs.map((input) => input.id),
    (i) => `${arg}[${i}]`,
  );
  return new Map(
    repeated.map(({ index, problem }): [number, DomainError] => {
      const id = inputs[index]?.id ?? "";
      const message = `${arg}[${index}].id:${problem.message}`;
      return [index, { _tag: "DUPLICATE_ID", kind: "RECORD", id, message }];
    }),
  );
}

/** A batch of one kind of record as it arrived, and how to read one record of it. */
export interface RecordBatch<I extends { readonly id: string }, K extends keyof AssessmentRecords> {
  readonly kind: K;
  /** The argument the batch came in, e.g. `records`: positions read `records[3]`. */
  readonly arg: string;
  readonly inputs: readonly I[];
  /** The core's record from its input, and the core's checks of it. */
  read(input: I, context: RecordCheckContext): ReadRecord<AssessmentRecords[K][number]>;
  /** What the store already holds that the batch would contradict, besides its ids. */
  stored?(db: Database, countyCode: string, records: AssessmentRecords[K]): Promise<DomainError[]>;
  /** Who sent the batch, through which field (`stampOf`): the batch's row in the change log. */
  readonly stamp: ChangeStamp;
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
 * through between them. A write the database refuses all the same is a `StoreRefusal`. The batch
 * is one row of the county's change log under its `stamp`, listing its record ids. Returns the
 * rows stored.
 * @example await addRecords(ctx, "QX", { kind: "ratings", arg: "ratings", inputs, read, stamp: stampOf(ctx, "addDepartmentRatings", args) })
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
  const context: RecordCheckContext = { countyCode, directory: buildDirectory(county.dataset) };
  const repeated = repeatedIds(batch.arg, batch.inputs);
  const found: DomainError[] = [];
  const read: AssessmentRecords[K][number][] = [];
  for (let start = 0; start < size; start += CHECK_SLICE) {
    if (start > 0) await yieldToOtherRequests();
    batch.inputs.slice(start, start + CHECK_SLICE).forEach((input, n) => {
      const index = start + n;
      const repeat = repeated.get(index);
      if (repeat !== undefined) found.push(repeat);
      const { record, problems } = batch.read(input, context);
      found.push(...problems.map((problem) => positioned(`${batch.arg}[${index}]`, problem)));
      read.push(record);
    });
  }
  // L2: every record carries the day it was entered (knowledge time).
  const today = ctx.today();
  const records = read.map((record) => ({ ...record, recordedOn: today })) as unknown as AssessmentRecords[K];
  const problems = [...found, ...(await storedConflicts(ctx.db, countyCode, batch, records))];
  if (problems.length > 0) throw new DomainErrors(problems);
  const saved = await saveAssessmentRecords(
    ctx.db,
    countyCode,
    { ...NO_RECORDS, [batch.kind]: records },
    batch.stamp,
  );
  if (saved.ok) return saved.value;
  const [problem] = saved.errors;
  if (problem._tag === "STORE_CONFLICT") {
    // Another write stored the same ids in between: name them as if they had been there before.
    const raced = await storedConflicts(ctx.db, countyCode, batch, records);
    if (raced.length > 0) throw new DomainErrors(raced);
  }
  throw new StoreRefusal(problem);
}
