import {
  type Adjustment,
  type Approval,
  type CountyDataset,
  canonicalJson,
  type DutyItem,
  type ListEntry,
  type Result,
  type TemporaryTask,
} from "@dutylist/core";
import type { BulkSql } from "./bulk-load.ts";
import { toNullableDateColumn } from "./calendar-columns.ts";
import { appendChange, type ChangeStamp, counted, listedOrCounted } from "./change-log.ts";
import { adjustmentRow, approvalRow, insertEntries, itemRow, taskRow } from "./county-rows.ts";
import type { Database } from "./database.ts";
import { StoreFailure, type StoreWriteError, storeResult } from "./store-error.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

/** What `saveCountyChanges` wrote. */
export interface CountyChangeCounts {
  readonly inserted: number;
  readonly updated: number;
}

/** What the body of `saveCountyChanges` wrote: its counts, and the ids the change log records. */
export interface CountyChangesWritten {
  readonly counts: CountyChangeCounts;
  readonly writtenIds: readonly string[];
}

// The only changes the operations of the core make to a stored county (L2: nothing is
// overwritten or deleted): new items, entries, adjustments, approvals and tasks; an entry closed;
// an adjustment published; a task closed (销号). Anything else is a bug in the caller.

/** Rows of a county that only grow, and nullable columns that are only ever set once. */
interface CountyFingerprint {
  readonly items: number;
  readonly entries: number;
  readonly closedEntries: number;
  readonly adjustments: number;
  readonly publishedAdjustments: number;
  readonly approvals: number;
  readonly tasks: number;
  readonly closedTasks: number;
}

function fingerprintOf(d: CountyDataset): CountyFingerprint {
  return {
    items: d.items.length,
    entries: d.entries.length,
    closedEntries: d.entries.filter((e) => e.closedBy !== null).length,
    adjustments: d.adjustments.length,
    publishedAdjustments: d.adjustments.filter((a) => a.publication !== null).length,
    approvals: d.adjustments.reduce((n, a) => n + a.approvals.length, 0),
    tasks: d.temporaryTasks.length,
    closedTasks: d.temporaryTasks.filter((t) => t.closedOn !== null).length,
  };
}

async function storedFingerprint(tx: Tx, countyId: string): Promise<CountyFingerprint> {
  const [row] = await tx.$queryRaw<Record<keyof CountyFingerprint, number>[]>`SELECT
    (SELECT count(*) FROM duty_item WHERE county_id = ${countyId})::int AS "items",
    (SELECT count(*) FROM list_entry WHERE county_id = ${countyId})::int AS "entries",
    (SELECT count(*) FROM list_entry WHERE county_id = ${countyId} AND closed_by IS NOT NULL)::int AS "closedEntries",
    (SELECT count(*) FROM adjustment WHERE county_id = ${countyId})::int AS "adjustments",
    (SELECT count(*) FROM adjustment WHERE county_id = ${countyId} AND published_on IS NOT NULL)::int AS "publishedAdjustments",
    (SELECT count(*) FROM adjustment_approval WHERE county_id = ${countyId})::int AS "approvals",
    (SELECT count(*) FROM temporary_task WHERE county_id = ${countyId})::int AS "tasks",
    (SELECT count(*) FROM temporary_task WHERE county_id = ${countyId} AND closed_on IS NOT NULL)::int AS "closedTasks"`;
  if (row === undefined) throw new Error("store: the fingerprint query returned no row");
  return row;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

interface Diff<T> {
  readonly added: T[];
  readonly changed: { readonly before: T; readonly after: T }[];
}

/** New and changed rows; a row that disappeared is a bug (L2: nothing is deleted). */
function diff<T>(what: string, before: readonly T[], after: readonly T[], key: (row: T) => string): Diff<T> {
  const old = byKey(before, key);
  const added: T[] = [];
  const changed: { before: T; after: T }[] = [];
  for (const row of after) {
    const previous = old.get(key(row));
    if (previous === undefined) added.push(row);
    else if (!same(previous, row)) changed.push({ before: previous, after: row });
  }
  const kept = new Set(after.map(key));
  const gone = before.map(key).filter((k) => !kept.has(k));
  if (gone.length > 0) throw new Error(`store: ${what} ${gone.join(", ")} would be deleted (L2)`);
  return { added, changed };
}

/** Thrown inside the transaction to roll it back when the stored county moved on. */
function conflict(target: string, message: string): StoreFailure {
  return new StoreFailure({ _tag: "STORE_CONFLICT", target, message });
}

interface Plan {
  readonly items: DutyItem[];
  readonly entries: ListEntry[];
  /** Closed entries grouped by what the update sets and expects, so one statement closes a group. */
  readonly closings: Map<
    string,
    { readonly from: ListEntry; readonly to: ListEntry; readonly ids: string[] }
  >;
  readonly adjustments: Adjustment[];
  readonly approvals: { readonly adjustmentId: string; readonly approval: Approval }[];
  readonly publications: Adjustment[];
  readonly tasks: TemporaryTask[];
  readonly taskClosings: TemporaryTask[];
}

function planChanges(before: CountyDataset, after: CountyDataset): Plan {
  if (before.county.code !== after.county.code)
    throw new Error("store: the two datasets are of two counties");
  for (const part of ["county", "townships", "departments", "publications"] as const) {
    if (!same(before[part], after[part])) {
      throw new Error(`store: saveCountyChanges does not change ${part}; use saveCountyDataset`);
    }
  }
  const items = diff("duty items", before.items, after.items, (i) => i.code);
  if (items.changed.length > 0) {
    throw new Error(`store: duty item ${items.changed[0]?.after.code} would be edited (L2)`);
  }
  const entries = diff("list entries", before.entries, after.entries, (e) => e.id);
  const closings: Plan["closings"] = new Map();
  for (const { before: from, after: to } of entries.changed) {
    // L2: an entry is never edited, only closed.
    if (
      !same({ ...from, effectiveTo: to.effectiveTo, closedBy: to.closedBy }, to) ||
      from.closedBy !== null
    ) {
      throw new Error(`store: list entry ${to.id} would be edited, not closed (L2)`);
    }
    const key = canonicalJson([from.effectiveTo, to.effectiveTo, to.closedBy]);
    const group = closings.get(key) ?? { from, to, ids: [] };
    group.ids.push(to.id);
    closings.set(key, group);
  }
  const adjustments = diff("adjustments", before.adjustments, after.adjustments, (a) => a.id);
  const approvals: Plan["approvals"] = adjustments.added.flatMap((a) =>
    a.approvals.map((approval) => ({ adjustmentId: a.id, approval })),
  );
  const publications: Adjustment[] = [];
  for (const { before: from, after: to } of adjustments.changed) {
    const kept = to.approvals.slice(0, from.approvals.length);
    const { approvals: _a, publication: _p, ...fixedFrom } = from;
    const { approvals: _b, publication: _q, ...fixedTo } = to;
    if (!same(fixedFrom, fixedTo) || !same(kept, from.approvals)) {
      throw new Error(`store: adjustment ${to.id} would be edited; approvals are appended, never replaced`);
    }
    if (from.publication !== null && !same(from.publication, to.publication)) {
      throw new Error(`store: adjustment ${to.id} is already published`);
    }
    for (const approval of to.approvals.slice(from.approvals.length)) {
      approvals.push({ adjustmentId: to.id, approval });
    }
    if (from.publication === null && to.publication !== null) publications.push(to);
  }
  const tasks = diff("temporary tasks", before.temporaryTasks, after.temporaryTasks, (t) => t.id);
  for (const { before: from, after: to } of tasks.changed) {
    if (
      from.closedOn !== null ||
      !same(
        {
          ...from,
          closedOn: to.closedOn,
          closingNote: to.closingNote,
          closingRecordedOn: to.closingRecordedOn,
        },
        to,
      )
    ) {
      throw new Error(`store: temporary task ${to.id} would be edited, not closed (L5)`);
    }
  }
  return {
    items: items.added,
    entries: entries.added,
    closings,
    adjustments: adjustments.added,
    approvals,
    publications,
    tasks: tasks.added,
    taskClosings: tasks.changed.map((c) => c.after),
  };
}

/**
 * The change log's written ids of a plan: the adjustments proposed or published, the approvals
 * (`<adjustment>/<level>`), the tasks registered or closed, and counts of the items added and the
 * entries opened and closed.
 */
function writtenIdsOf(plan: Plan): string[] {
  const adjustments = new Set([...plan.adjustments, ...plan.publications].map((a) => a.id));
  let closed = 0;
  for (const group of plan.closings.values()) closed += group.ids.length;
  return [
    ...listedOrCounted("adjustments", [...adjustments]),
    ...listedOrCounted(
      "approvals",
      plan.approvals.map((a) => `${a.adjustmentId}/${a.approval.level}`),
    ),
    ...listedOrCounted(
      "tasks",
      [...plan.tasks, ...plan.taskClosings].map((t) => t.id),
    ),
    ...counted("items", plan.items.length),
    ...counted("entries", plan.entries.length),
    ...counted("closed-entries", closed),
  ];
}

async function writePlan(tx: Tx, bulk: BulkSql, countyId: string, plan: Plan): Promise<CountyChangeCounts> {
  let updated = 0;
  const expect = async (target: string, wanted: number, write: Promise<{ count: number }>) => {
    const { count } = await write;
    if (count !== wanted) throw conflict(target, `${target}:并发修改,请重新载入后再试`);
    updated += count;
  };
  if (plan.items.length > 0)
    await tx.dutyItem.createMany({ data: plan.items.map((i) => itemRow(countyId, i)) });
  if (plan.adjustments.length > 0) {
    await tx.adjustment.createMany({ data: plan.adjustments.map((a) => adjustmentRow(countyId, a)) });
  }
  if (plan.approvals.length > 0) {
    await tx.adjustmentApproval.createMany({
      data: plan.approvals.map((a) => approvalRow(countyId, a.adjustmentId, a.approval)),
    });
  }
  for (const a of plan.publications) {
    await expect(
      `adjustment ${a.id}`,
      1,
      tx.adjustment.updateMany({
        where: { countyId, id: a.id, publishedOn: null },
        data: {
          publishedOn: toNullableDateColumn(a.publication?.publishedOn ?? null),
          effectiveFrom: toNullableDateColumn(a.publication?.effectiveFrom ?? null),
          publicationRecordedOn: toNullableDateColumn(a.publication?.recordedOn ?? null),
        },
      }),
    );
  }
  for (const { from, to, ids } of plan.closings.values()) {
    await expect(
      `list_entry ${ids.join(", ")}`,
      ids.length,
      tx.listEntry.updateMany({
        where: {
          countyId,
          id: { in: ids },
          closedBy: null,
          effectiveTo: toNullableDateColumn(from.effectiveTo),
        },
        data: { effectiveTo: toNullableDateColumn(to.effectiveTo), closedBy: to.closedBy },
      }),
    );
  }
  await insertEntries(bulk, countyId, plan.entries);
  if (plan.tasks.length > 0) {
    await tx.temporaryTask.createMany({ data: plan.tasks.map((t) => taskRow(countyId, t)) });
  }
  for (const t of plan.taskClosings) {
    await expect(
      `temporary_task ${t.id}`,
      1,
      tx.temporaryTask.updateMany({
        where: { countyId, id: t.id, closedOn: null },
        data: {
          closedOn: toNullableDateColumn(t.closedOn),
          closingNote: t.closingNote,
          closingRecordedOn: toNullableDateColumn(t.closingRecordedOn),
        },
      }),
    );
  }
  const inserted =
    plan.items.length +
    plan.adjustments.length +
    plan.approvals.length +
    plan.entries.length +
    plan.tasks.length;
  return { inserted, updated };
}

/**
 * Writes what an operation of the core changed in a county — `after` is the dataset the core
 * returned for `before`, the dataset loaded from the store — in one transaction, touching only the
 * rows that changed (new items, entries, adjustments, approvals and tasks; entries closed,
 * adjustments published, tasks closed), and appends the change to the county's change log
 * (`stamp`: who, which operation, its arguments) in the same transaction. Cheaper than
 * `saveCountyDataset`, which rewrites the county.
 *
 * Optimistic: the county row is locked and the stored county must still be the one `before` was
 * loaded from (rows are never deleted and closings are never undone, so counting them tells); if
 * another write came in between, nothing is written — no log row either — and the result is a
 * `STORE_CONFLICT`: load again and let the core decide again. Any other kind of change (an edited
 * entry, a deleted row) is a bug and throws.
 * @example await saveCountyChanges(db, dataset, approveAdjustment(dataset, "QX-ADJ-2025-03", approval).value.dataset, stamp)
 */
export async function saveCountyChanges(
  db: Database,
  before: CountyDataset,
  after: CountyDataset,
  stamp: ChangeStamp,
): Promise<Result<CountyChangeCounts, StoreWriteError>> {
  const plan = planChanges(before, after);
  return storeResult(
    "county",
    db.prisma.$transaction(async (tx) => {
      const { counts, writtenIds } = await writePlannedChanges(tx, db.bulk(tx), before, plan);
      if (counts.inserted + counts.updated > 0) await appendChange(tx, before.county.code, stamp, writtenIds);
      return counts;
    }, TRANSACTION),
  );
}

/**
 * The body of `saveCountyChanges`, inside a caller's transaction: locks the county, checks that
 * the stored county is still `before` and writes what `after` changed; the caller appends the
 * change log's row with the ids it returns. A stale `before` throws a `StoreFailure`
 * (STORE_CONFLICT, or STORE_NOT_FOUND for a county not stored), which rolls the caller's
 * transaction back.
 * @example await db.prisma.$transaction((tx) => writeCountyChanges(tx, db.bulk(tx), before, after))
 */
export async function writeCountyChanges(
  tx: Tx,
  bulk: BulkSql,
  before: CountyDataset,
  after: CountyDataset,
): Promise<CountyChangesWritten> {
  return writePlannedChanges(tx, bulk, before, planChanges(before, after));
}

async function writePlannedChanges(
  tx: Tx,
  bulk: BulkSql,
  before: CountyDataset,
  plan: Plan,
): Promise<CountyChangesWritten> {
  const countyId = before.county.code;
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM county WHERE id = ${countyId} FOR UPDATE`;
  if (locked.length === 0) {
    throw new StoreFailure({ _tag: "STORE_NOT_FOUND", target: "county", message: `县 ${countyId} 不存在` });
  }
  if (!same(await storedFingerprint(tx, countyId), fingerprintOf(before))) {
    throw conflict("county", `县 ${countyId} 的数据已被其他操作修改,请重新载入后再试`);
  }
  return { counts: await writePlan(tx, bulk, countyId, plan), writtenIds: writtenIdsOf(plan) };
}
