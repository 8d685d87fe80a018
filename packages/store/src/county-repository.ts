import type {
  Adjustment,
  CountyDataset,
  DutyItem,
  ListPublication,
  TemporaryTask,
  Township,
} from "@dutylist/core";
import type { BulkSql } from "./bulk-load.ts";
import { fromDateColumn, fromNullableDateColumn, toDateColumn } from "./calendar-columns.ts";
import { appendChange, type ChangeStamp, counted, listedOrCounted } from "./change-log.ts";
import { adjustmentRow, approvalRow, insertEntries, itemRow, taskRow } from "./county-rows.ts";
import type { Database } from "./database.ts";
import { readListEntries } from "./entry-reads.ts";
import type {
  Adjustment as AdjustmentRow,
  AdjustmentApproval as ApprovalRow,
  TemporaryTask as TaskRow,
} from "./generated/prisma/client.ts";
import { fromJson } from "./json-columns.ts";
import { readSnapshot } from "./snapshot-read.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

async function deleteCounty(tx: Tx, countyId: string): Promise<void> {
  const where = { countyId };
  await tx.listEntry.deleteMany({ where });
  await tx.adjustmentApproval.deleteMany({ where });
  await tx.adjustment.deleteMany({ where });
  await tx.temporaryTask.deleteMany({ where });
  await tx.listPublication.deleteMany({ where });
  await tx.dutyItem.deleteMany({ where });
  await tx.department.deleteMany({ where });
  await tx.township.deleteMany({ where });
}

async function insertCounty(tx: Tx, bulk: BulkSql, d: CountyDataset): Promise<void> {
  const countyId = d.county.code;
  await tx.county.upsert({
    where: { id: countyId },
    create: { id: countyId, name: d.county.name },
    update: { name: d.county.name },
  });
  await tx.township.createMany({
    data: d.townships.map((t) => ({ countyId, code: t.code, name: t.name, kind: t.kind })),
  });
  await tx.department.createMany({
    data: d.departments.map((x) => ({ countyId, code: x.code, name: x.name })),
  });
  await tx.dutyItem.createMany({ data: d.items.map((i) => itemRow(countyId, i)) });
  await tx.listPublication.createMany({
    data: d.publications.map((p) => ({
      countyId,
      id: p.id,
      title: p.title,
      documentNo: p.documentNo,
      publishedOn: toDateColumn(p.publishedOn),
      effectiveFrom: toDateColumn(p.effectiveFrom),
      recordedOn: toDateColumn(p.recordedOn),
    })),
  });
  await tx.adjustment.createMany({ data: d.adjustments.map((a) => adjustmentRow(countyId, a)) });
  await tx.adjustmentApproval.createMany({
    data: d.adjustments.flatMap((a) => a.approvals.map((ap) => approvalRow(countyId, a.id, ap))),
  });
  await tx.temporaryTask.createMany({ data: d.temporaryTasks.map((t) => taskRow(countyId, t)) });
  await insertEntries(bulk, countyId, d.entries);
}

/**
 * Stores a county's whole dataset in one transaction, replacing what was stored for it, and
 * appends the write to the county's change log (`stamp`): either all of it is written or nothing
 * changes. History lives in the rows themselves (closed entries, published adjustments), so
 * replacing rows never loses it.
 * @example await saveCountyDataset(db, demoCounty(), { actor: LOCAL_ADMINISTRATOR, operation: "load", arguments: {} })
 */
export async function saveCountyDataset(
  db: Database,
  dataset: CountyDataset,
  stamp: ChangeStamp,
): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    await writeCountyDataset(tx, db.bulk(tx), dataset);
    await appendChange(tx, dataset.county.code, stamp, datasetWrittenIds(dataset));
  }, TRANSACTION);
}

/**
 * The change log's written ids of a whole county: its publications and adjustments, and counts
 * of its townships, departments, items, entries and tasks (a province's entries are never listed).
 * @example datasetWrittenIds(demoCounty()) // ["QX-PUB-2025", "QX-ADJ-2025-01", …, "entries:…"]
 */
export function datasetWrittenIds(d: CountyDataset): string[] {
  return [
    ...listedOrCounted(
      "publications",
      d.publications.map((p) => p.id),
    ),
    ...listedOrCounted(
      "adjustments",
      d.adjustments.map((a) => a.id),
    ),
    ...counted("townships", d.townships.length),
    ...counted("departments", d.departments.length),
    ...counted("items", d.items.length),
    ...counted("entries", d.entries.length),
    ...counted("tasks", d.temporaryTasks.length),
  ];
}

/**
 * The body of `saveCountyDataset`, inside a caller's transaction: replaces what is stored for the
 * county with the dataset (the caller appends the change log's row).
 * @example await db.prisma.$transaction((tx) => writeCountyDataset(tx, db.bulk(tx), demoCounty()))
 */
export async function writeCountyDataset(tx: Tx, bulk: BulkSql, dataset: CountyDataset): Promise<void> {
  await deleteCounty(tx, dataset.county.code);
  await insertCounty(tx, bulk, dataset);
}

/**
 * The stored counties, by code.
 * @example await listCounties(db) // [{ code: "QX", name: "青溪县" }]
 */
export async function listCounties(
  db: Database,
): Promise<{ readonly code: string; readonly name: string }[]> {
  const rows = await db.prisma.county.findMany({ orderBy: { id: "asc" } });
  return rows.map((row) => ({ code: row.id, name: row.name }));
}

/** Whether a county is stored. */
export async function countyExists(db: Database, countyCode: string): Promise<boolean> {
  return (await db.prisma.county.count({ where: { id: countyCode } })) > 0;
}

/**
 * Loads a county's whole dataset (catalogue, every entry ever in force, adjustments, ledger), or
 * null when the county is not stored. A fixed number of statements, whatever the county's size,
 * all in one repeatable-read snapshot (`readSnapshot`).
 * @example const dataset = await loadCountyDataset(db, "QX")
 */
export async function loadCountyDataset(db: Database, countyCode: string): Promise<CountyDataset | null> {
  // One snapshot for the nine reads (finding 4): a write committed in between never tears them.
  const rows = await readSnapshot(db, async (tx) => {
    const county = await tx.county.findUnique({ where: { id: countyCode } });
    if (county === null) return null;
    const where = { countyId: countyCode };
    // In a transaction Prisma sends these one after another on its one connection anyway.
    const townships = await tx.township.findMany({ where, orderBy: { code: "asc" } });
    const departments = await tx.department.findMany({ where, orderBy: { code: "asc" } });
    const items = await tx.dutyItem.findMany({ where, orderBy: { code: "asc" } });
    const publications = await tx.listPublication.findMany({ where, orderBy: { id: "asc" } });
    const adjustments = await tx.adjustment.findMany({ where, orderBy: { id: "asc" } });
    const approvals = await tx.adjustmentApproval.findMany({ where });
    const tasks = await tx.temporaryTask.findMany({ where, orderBy: { id: "asc" } });
    const entries = await readListEntries(db.bulk(tx), countyCode);
    return { county, townships, departments, items, publications, adjustments, approvals, tasks, entries };
  });
  if (rows === null) return null;
  const { county, townships, departments, items, publications, adjustments, approvals, tasks, entries } =
    rows;
  const contentOf = new Map<string, DutyItem>();
  const catalogue = items.map((i): DutyItem => {
    const item: DutyItem = {
      code: i.code,
      countyCode,
      townshipCode: i.townshipCode,
      content: { category: i.category, name: i.name, tasks: i.tasks, basis: fromJson(i.basis) },
    };
    contentOf.set(i.code, item);
    return item;
  });
  return {
    county: { code: county.id, name: county.name },
    townships: townships.map(
      (t): Township => ({ code: t.code, countyCode, name: t.name, kind: t.kind as Township["kind"] }),
    ),
    departments: departments.map((x) => ({ code: x.code, countyCode, name: x.name })),
    items: catalogue,
    publications: publications.map(
      (p): ListPublication => ({
        id: p.id,
        countyCode,
        title: p.title,
        documentNo: p.documentNo,
        publishedOn: fromDateColumn(p.publishedOn),
        effectiveFrom: fromDateColumn(p.effectiveFrom),
        recordedOn: fromDateColumn(p.recordedOn),
      }),
    ),
    adjustments: adjustments.map((a) => adjustmentOf(countyCode, a, approvals)),
    temporaryTasks: tasks.map((t) => taskOf(countyCode, t)),
    entries,
  };
}

function adjustmentOf(countyCode: string, a: AdjustmentRow, approvals: readonly ApprovalRow[]): Adjustment {
  return {
    id: a.id,
    countyCode,
    title: a.title,
    reason: a.reason,
    trigger: fromJson(a.trigger),
    proposer: fromJson(a.proposer),
    proposedOn: fromDateColumn(a.proposedOn),
    recordedOn: fromDateColumn(a.recordedOn),
    changes: fromJson(a.changes),
    approvals: approvals
      .filter((ap) => ap.adjustmentId === a.id)
      .sort((x, y) => (x.level < y.level ? -1 : 1))
      .map((ap) => ({
        level: ap.level as "COUNTY" | "PROVINCE",
        authority: ap.authority,
        approvedOn: fromDateColumn(ap.approvedOn),
        documentNo: ap.documentNo,
        recordedOn: fromDateColumn(ap.recordedOn),
        ...(ap.signerSubject === null
          ? {}
          : {
              signedBy: { subject: ap.signerSubject, name: ap.signerName ?? "", role: ap.signerRole ?? "" },
            }),
      })),
    publication:
      a.publishedOn === null || a.effectiveFrom === null
        ? null
        : {
            publishedOn: fromDateColumn(a.publishedOn),
            effectiveFrom: fromDateColumn(a.effectiveFrom),
            // Published before knowledge time was kept: known from its publication (migration).
            recordedOn: fromDateColumn(a.publicationRecordedOn ?? a.publishedOn),
          },
  };
}

function taskOf(countyCode: string, t: TaskRow): TemporaryTask {
  return {
    id: t.id,
    countyCode,
    decision: fromJson(t.decision),
    requestingDepartment: t.requestingDepartment,
    townshipCodes: t.townshipCodes,
    content: t.content,
    townshipRole: t.townshipRole as TemporaryTask["townshipRole"],
    startsOn: fromDateColumn(t.startsOn),
    plannedEndOn: fromDateColumn(t.plannedEndOn),
    registeredOn: fromDateColumn(t.registeredOn),
    recordedOn: fromDateColumn(t.recordedOn),
    closedOn: fromNullableDateColumn(t.closedOn),
    closingNote: t.closingNote,
    closingRecordedOn: t.closedOn === null ? null : fromDateColumn(t.closingRecordedOn ?? t.closedOn),
  };
}
