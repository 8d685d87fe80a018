import {
  type AssessmentPlan,
  type AssessmentRecords,
  type DepartmentRating,
  type Indicator,
  type IndicatorBinding,
  type IsoDate,
  isoDate,
  type PushDownReport,
  type Result,
  repeatedRatings,
  type ScoringMethod,
  type TownshipTrack,
  type WhistleRequest,
} from "@dutylist/core";
import type { BulkSql } from "./bulk-load.ts";
import { fromDateColumn, toDateColumn } from "./calendar-columns.ts";
import { appendChange, type ChangeStamp, MAX_LISTED_IDS } from "./change-log.ts";
import type { Database } from "./database.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import { fromJson, toJson } from "./json-columns.ts";
import { readPerformanceRecords } from "./performance-rows.ts";
import { insertPerformanceRows } from "./performance-writes.ts";
import {
  fromDecimalColumn,
  guaranteeOf,
  pushDownOf,
  ratingOf,
  recordRows,
  toDecimalColumn,
  unattendedOf,
  whistleOf,
} from "./record-columns.ts";
import { StoreFailure, type StoreWriteError, step, storeResult } from "./store-error.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

// Rows per createMany: a performance row binds 16 parameters, so 2,000 rows stay well under
// PostgreSQL's 65,535 bind parameters.
const CHUNK = 2_000;

function yearRange(year: number): { gte: Date; lt: Date } {
  return {
    gte: toDateColumn(isoDate(`${year}-01-01`)),
    lt: toDateColumn(isoDate(`${year + 1}-01-01`)),
  };
}

/** Code-unit order, as JavaScript compares strings: the same whatever the database's collation. */
function byId<T extends { readonly id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ─── Plans ────────────────────────────────────────────────────────────────────────────────────

/**
 * Stores a county's assessment plan in one transaction, replacing the plan stored under the same
 * id (its row and all its indicators), and appends it to the county's change log (`stamp`).
 * Another plan of the same year under a different id is a `STORE_CONFLICT` (one plan per county
 * and year), and nothing changes.
 * @example await saveAssessmentPlan(db, demoAssessmentPlan(), stamp) // ok({ replaced: false })
 */
export async function saveAssessmentPlan(
  db: Database,
  plan: AssessmentPlan,
  stamp: ChangeStamp,
): Promise<Result<{ readonly replaced: boolean }, StoreWriteError>> {
  return storeResult(
    "assessment_plan",
    db.prisma.$transaction(async (tx) => {
      const written = await writeAssessmentPlan(tx, plan);
      await appendChange(tx, plan.countyCode, stamp, planWrittenIds(plan));
      return written;
    }, TRANSACTION),
  );
}

/**
 * The change log's written ids of a plan: its id and the count of its indicators.
 * @example planWrittenIds(demoAssessmentPlan()) // ["QX-2025", "indicators:…"]
 */
export function planWrittenIds(plan: AssessmentPlan): string[] {
  return [plan.id, `indicators:${plan.indicators.length}`];
}

/**
 * The body of `saveAssessmentPlan`, inside a caller's transaction; a conflict throws a
 * `StoreFailure`, which rolls the caller's transaction back.
 * @example await db.prisma.$transaction((tx) => writeAssessmentPlan(tx, demoAssessmentPlan()))
 */
export async function writeAssessmentPlan(
  tx: Tx,
  plan: AssessmentPlan,
): Promise<{ readonly replaced: boolean }> {
  const countyId = plan.countyCode;
  const indicators = plan.indicators.map(
    (i): Prisma.IndicatorCreateManyInput => ({
      countyId,
      planId: plan.id,
      code: i.code,
      parentCode: i.parentCode,
      name: i.name,
      subject: i.subject,
      track: i.track,
      points: toDecimalColumn(i.points, 4, `indicator ${i.code} points`),
      method: toJson(i.method),
      binding: toJson(i.binding),
    }),
  );
  return step(
    "assessment_plan",
    async () => {
      await tx.indicator.deleteMany({ where: { countyId, planId: plan.id } });
      const { count } = await tx.assessmentPlan.deleteMany({ where: { countyId, id: plan.id } });
      await tx.assessmentPlan.create({
        data: {
          countyId,
          id: plan.id,
          year: plan.year,
          title: plan.title,
          firstLevel: toJson(plan.firstLevel),
        },
      });
      await step("indicator", () => tx.indicator.createMany({ data: indicators }));
      return { replaced: count > 0 };
    },
    { county_id: countyId, year: String(plan.year) },
  );
}

/**
 * The county's plan of a year, or null. Indicators come in the order of their headings
 * (`firstLevel`), by code under each heading: the order plans are written in (the table keeps
 * no position).
 * @example const plan = await loadAssessmentPlan(db, "QX", 2025)
 */
export async function loadAssessmentPlan(
  db: Database,
  countyCode: string,
  year: number,
): Promise<AssessmentPlan | null> {
  const row = await db.prisma.assessmentPlan.findUnique({
    where: { countyId_year: { countyId: countyCode, year } },
    include: { indicators: true },
  });
  if (row === null) return null;
  const firstLevel = fromJson<AssessmentPlan["firstLevel"]>(row.firstLevel);
  const heading = new Map(firstLevel.map((f, n) => [f.code, n]));
  const position = (i: { parentCode: string }) => heading.get(i.parentCode) ?? firstLevel.length;
  const indicators = [...row.indicators]
    .sort((a, b) => position(a) - position(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(
      (i): Indicator => ({
        code: i.code,
        parentCode: i.parentCode,
        name: i.name,
        subject: i.subject,
        track: i.track as TownshipTrack | null,
        points: fromDecimalColumn(i.points, `indicator ${i.code} points`),
        method: fromJson<ScoringMethod>(i.method),
        binding: fromJson<IndicatorBinding>(i.binding),
      }),
    );
  return { id: row.id, countyCode, year: row.year, title: row.title, firstLevel, indicators };
}

// ─── Records ──────────────────────────────────────────────────────────────────────────────────

/** How many rows of each kind were stored. */
export type AssessmentRecordCounts = { readonly [K in keyof AssessmentRecords]: number };

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Stores a county's records of every kind, all or nothing, in one transaction, with their row in
 * the county's change log (`stamp`; none when there is no record). Records are immutable facts: a
 * record whose id is already stored (or repeated in the input) is a `STORE_CONFLICT` naming its
 * table, and nothing of the whole call is written. Every record must belong to `countyCode`
 * (anything else is a caller's bug and throws).
 * @example await saveAssessmentRecords(db, "QX", generateRecords(plan, county, { seed: 1 }), stamp)
 */
export async function saveAssessmentRecords(
  db: Database,
  countyCode: string,
  records: AssessmentRecords,
  stamp: ChangeStamp,
): Promise<Result<AssessmentRecordCounts, StoreWriteError>> {
  return storeResult(
    "performance_record",
    db.prisma.$transaction(async (tx) => {
      const counts = await writeAssessmentRecords(tx, db.bulk(tx), countyCode, records);
      const ids = recordsWrittenIds(records);
      if (ids.length > 0) await appendChange(tx, countyCode, stamp, ids);
      return counts;
    }, TRANSACTION),
  );
}

const RECORD_KINDS = ["performance", "whistles", "guarantees", "pushDowns", "unattended", "ratings"] as const;

/**
 * The change log's written ids of records: every record's id when there are at most
 * MAX_LISTED_IDS in all (an API batch), else the count of each kind (`performance:420085`).
 * @example recordsWrittenIds({ ...none, whistles: [w] }) // ["W-1"]
 */
export function recordsWrittenIds(records: AssessmentRecords): string[] {
  const kinds = RECORD_KINDS.map((kind): [string, readonly { readonly id: string }[]] => [
    kind,
    records[kind],
  ]);
  const total = kinds.reduce((n, [, list]) => n + list.length, 0);
  if (total <= MAX_LISTED_IDS) return kinds.flatMap(([, list]) => list.map((r) => r.id));
  return kinds.filter(([, list]) => list.length > 0).map(([kind, list]) => `${kind}:${list.length}`);
}

/**
 * A second rating of a township, department and year — in the call or stored — as a conflict that
 * names them (finding 7), before the insert: adapter-pg reports the unique key's columns only.
 */
async function refuseRepeatedRatings(
  tx: Tx,
  countyId: string,
  ratings: readonly DepartmentRating[],
): Promise<void> {
  if (ratings.length === 0) return;
  const stored = await tx.departmentRating.findMany({
    where: { countyId, year: { in: [...new Set(ratings.map((r) => r.year))] } },
    select: { id: true, year: true, townshipCode: true, departmentCode: true },
  });
  // S6, the core's one check (a stored id itself is left to the primary key's conflict).
  const [repeated] = repeatedRatings(ratings, stored);
  if (repeated !== undefined)
    throw new StoreFailure({
      _tag: "STORE_CONFLICT",
      target: "department_rating",
      message: repeated.message,
    });
}

/**
 * The body of `saveAssessmentRecords`, inside a caller's transaction; a record already stored
 * throws a `StoreFailure` naming its table, which rolls the caller's transaction back.
 * @example await db.prisma.$transaction((tx) => writeAssessmentRecords(tx, db.bulk(tx), "QX", records))
 */
export async function writeAssessmentRecords(
  tx: Tx,
  bulk: BulkSql,
  countyCode: string,
  records: AssessmentRecords,
): Promise<AssessmentRecordCounts> {
  for (const list of Object.values(records) as (readonly { id: string; countyCode: string }[])[])
    for (const r of list)
      if (r.countyCode !== countyCode)
        throw new Error(`record ${r.id} belongs to county ${r.countyCode}, not ${countyCode}`);
  const countyId = countyCode;
  const { performance, whistles, guarantees, pushDowns, unattended, ratings } = recordRows(countyId, records);
  await step("performance_record", () => insertPerformanceRows(bulk, countyId, performance));
  await step("whistle_request", () =>
    insertChunked(whistles, (data) => tx.whistleRequest.createMany({ data })),
  );
  await step("guarantee_delivery", () =>
    insertChunked(guarantees, (data) => tx.guaranteeDelivery.createMany({ data })),
  );
  await step("push_down_report", () =>
    insertChunked(pushDowns, (data) => tx.pushDownReport.createMany({ data })),
  );
  await step("unattended_report", () =>
    insertChunked(unattended, (data) => tx.unattendedReport.createMany({ data })),
  );
  await refuseRepeatedRatings(tx, countyId, records.ratings);
  await step("department_rating", () =>
    insertChunked(ratings, (data) => tx.departmentRating.createMany({ data })),
  );
  return {
    performance: performance.length,
    whistles: whistles.length,
    guarantees: guarantees.length,
    pushDowns: pushDowns.length,
    unattended: unattended.length,
    ratings: ratings.length,
  };
}

/**
 * A county's records of a year, each kind ordered by id: performance records, push-down and
 * unattended reports by their date, whistles by the day raised, guarantees by the day due (all in
 * `[year-01-01, (year+1)-01-01)`), ratings by their year. Six statements, whatever the volume.
 * With `performance: false`, no performance record: scoring takes their tallies from the database
 * instead (`tallyPerformanceRecords`), and the rest is small.
 * @example const records = await loadAssessmentRecords(db, "QX", 2025)
 */
export async function loadAssessmentRecords(
  db: Database,
  countyCode: string,
  year: number,
  options: { readonly performance?: boolean } = {},
): Promise<AssessmentRecords> {
  const countyId = countyCode;
  const range = yearRange(year);
  const [performance, whistles, guarantees, pushDowns, unattended, ratings, reports] = await Promise.all([
    options.performance === false
      ? []
      : readPerformanceRecords(db, countyCode, isoDate(`${year}-01-01`), isoDate(`${year + 1}-01-01`)),
    db.prisma.whistleRequest.findMany({ where: { countyId, raisedOn: range } }),
    db.prisma.guaranteeDelivery.findMany({ where: { countyId, dueBy: range } }),
    db.prisma.pushDownReport.findMany({ where: { countyId, date: range } }),
    db.prisma.unattendedReport.findMany({ where: { countyId, date: range } }),
    db.prisma.departmentRating.findMany({ where: { countyId, year } }),
    db.prisma.whistleEvent.findMany({
      where: { countyId, step: "REPORTED" },
      orderBy: [{ whistleId: "asc" }, { seq: "asc" }],
    }),
  ]);
  // H2: a whistle in the loop is answered by its first report, known from the day it was entered.
  const firstReport = new Map<string, (typeof reports)[number]>();
  for (const e of reports) if (!firstReport.has(e.whistleId)) firstReport.set(e.whistleId, e);
  return {
    performance,
    whistles: whistles.map((w) => answeredByLoop(whistleOf(countyCode, w), firstReport.get(w.id))).sort(byId),
    guarantees: guarantees.map((g) => guaranteeOf(countyCode, g)).sort(byId),
    pushDowns: pushDowns.map((p) => pushDownOf(countyCode, p)).sort(byId),
    unattended: unattended.map((u) => unattendedOf(countyCode, u)).sort(byId),
    ratings: ratings.map((r) => ratingOf(countyCode, r)).sort(byId),
  };
}

function answeredByLoop(
  w: WhistleRequest,
  report: { readonly on: Date; readonly recordedOn: Date } | undefined,
): WhistleRequest {
  if (w.answeredOn !== null || report === undefined) return w;
  return { ...w, answeredOn: fromDateColumn(report.on), answerRecordedOn: fromDateColumn(report.recordedOn) };
}

/**
 * A county's push-down reports dated in `[from, to]`, by date then id: what the list review (L6)
 * compares with the items reclaimed on each report's date.
 * @example await loadPushDownReports(db, "QX", isoDate("2025-01-01"), isoDate("2025-12-31"))
 */
export async function loadPushDownReports(
  db: Database,
  countyCode: string,
  from: IsoDate,
  to: IsoDate,
): Promise<PushDownReport[]> {
  const rows = await db.prisma.pushDownReport.findMany({
    where: { countyId: countyCode, date: { gte: toDateColumn(from), lte: toDateColumn(to) } },
    orderBy: [{ date: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => pushDownOf(countyCode, row));
}
