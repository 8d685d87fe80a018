// Records as rows and rows as records: the columns of each kind of record, decimals written from
// the core's text and read back as plain text.
import {
  type AssessmentRecords,
  assertNever,
  type DecimalString,
  type DepartmentRating,
  type GuaranteeDelivery,
  type GuaranteeKind,
  type IsoDate,
  isDecimalString,
  type PerformanceRecord,
  type PushDownReport,
  type UnattendedReport,
  type WhistleRequest,
} from "@dutylist/core";
import {
  fromDateColumn,
  fromNullableDateColumn,
  toDateColumn,
  toNullableDateColumn,
} from "./calendar-columns.ts";
import type {
  DepartmentRating as DepartmentRatingRow,
  GuaranteeDelivery as GuaranteeDeliveryRow,
  Prisma,
  PushDownReport as PushDownReportRow,
  UnattendedReport as UnattendedReportRow,
  WhistleRequest as WhistleRequestRow,
} from "./generated/prisma/client.ts";
import type { PerformanceRow } from "./performance-rows.ts";

// Decimal columns: written from the core's text, read back as plain text without trailing zeros
// (Decimal("10.0000").toFixed() is "10"); `toFixed()` never switches to exponent notation.

/** The text of a decimal for a column of `scale` places; a value the column would round is a bug. */
export function toDecimalColumn(text: DecimalString, scale: number, what: string): string {
  if (!isDecimalString(text)) throw new Error(`${what}: not a decimal number: ${text}`);
  const places = (text.split(".")[1] ?? "").replace(/0+$/, "").length;
  if (places > scale) throw new Error(`${what}: ${text} has more than ${scale} decimal places`);
  return text;
}

export function fromDecimalColumn(value: Prisma.Decimal | null, what: string): DecimalString {
  if (value === null) throw new Error(`${what} is null`);
  return value.toFixed();
}

function valueColumns(record: PerformanceRecord) {
  const v = record.value;
  const what = `record ${record.id}`;
  const empty = { achieved: null, target: null, events: null, score: null, passed: null };
  switch (v.kind) {
    case "RATIO":
      return {
        ...empty,
        value_kind: v.kind,
        achieved: toDecimalColumn(v.achieved, 6, `${what} achieved`),
        target: toDecimalColumn(v.target, 6, `${what} target`),
      };
    case "DEDUCTION":
      return { ...empty, value_kind: v.kind, events: v.events };
    case "GRADED":
      return { ...empty, value_kind: v.kind, score: toDecimalColumn(v.score, 6, `${what} score`) };
    case "PASS_FAIL":
      return { ...empty, value_kind: v.kind, passed: v.passed };
    default:
      return assertNever(v);
  }
}

/** A performance record as the columns of its row. */
export function performanceRowOf(r: PerformanceRecord): PerformanceRow {
  return {
    id: r.id,
    indicator_code: r.indicatorCode,
    subject_kind: r.subject.kind,
    subject_code: r.subject.code,
    township_code: r.townshipCode,
    item_code: r.itemCode,
    matter: r.matter,
    date: r.date,
    ...valueColumns(r),
    recorded_on: r.recordedOn ?? null,
  };
}

/**
 * The rows a county's records are written as, one array per table.
 * @example recordRows("QX", records).whistles[0]?.raisedOn
 */
/** The recording day (L2) when the record carries one; otherwise the column's default, the day of the insert. */
function recordedColumn(record: { readonly recordedOn?: IsoDate }): { recordedOn?: Date } {
  return record.recordedOn === undefined ? {} : { recordedOn: toDateColumn(record.recordedOn) };
}

export function recordRows(countyId: string, records: AssessmentRecords) {
  const performance = records.performance.map(performanceRowOf);
  const whistles = records.whistles.map(
    (w): Prisma.WhistleRequestCreateManyInput => ({
      countyId,
      ...recordedColumn(w),
      id: w.id,
      townshipCode: w.townshipCode,
      departmentCode: w.departmentCode,
      itemCode: w.itemCode,
      raisedOn: toDateColumn(w.raisedOn),
      timeLimitDays: w.timeLimitDays,
      answeredOn: toNullableDateColumn(w.answeredOn),
    }),
  );
  const guarantees = records.guarantees.map(
    (g): Prisma.GuaranteeDeliveryCreateManyInput => ({
      countyId,
      ...recordedColumn(g),
      id: g.id,
      departmentCode: g.departmentCode,
      townshipCode: g.townshipCode,
      itemCode: g.itemCode,
      kind: g.kind,
      dueBy: toDateColumn(g.dueBy),
      deliveredOn: toNullableDateColumn(g.deliveredOn),
    }),
  );
  const pushDowns = records.pushDowns.map(
    (p): Prisma.PushDownReportCreateManyInput => ({
      countyId,
      ...recordedColumn(p),
      id: p.id,
      departmentCode: p.departmentCode,
      townshipCode: p.townshipCode,
      date: toDateColumn(p.date),
      matter: p.matter,
    }),
  );
  const unattended = records.unattended.map(
    (u): Prisma.UnattendedReportCreateManyInput => ({
      countyId,
      ...recordedColumn(u),
      id: u.id,
      departmentCode: u.departmentCode,
      townshipCode: u.townshipCode,
      itemCode: u.itemCode,
      date: toDateColumn(u.date),
    }),
  );
  const ratings = records.ratings.map(
    (r): Prisma.DepartmentRatingCreateManyInput => ({
      countyId,
      ...recordedColumn(r),
      id: r.id,
      year: r.year,
      townshipCode: r.townshipCode,
      departmentCode: r.departmentCode,
      score: toDecimalColumn(r.score, 4, `rating ${r.id} score`),
    }),
  );
  return { performance, whistles, guarantees, pushDowns, unattended, ratings };
}

export function whistleOf(countyCode: string, w: WhistleRequestRow): WhistleRequest {
  return {
    id: w.id,
    countyCode,
    recordedOn: fromDateColumn(w.recordedOn),
    townshipCode: w.townshipCode,
    departmentCode: w.departmentCode,
    itemCode: w.itemCode,
    raisedOn: fromDateColumn(w.raisedOn),
    timeLimitDays: w.timeLimitDays,
    answeredOn: fromNullableDateColumn(w.answeredOn),
  };
}

export function guaranteeOf(countyCode: string, g: GuaranteeDeliveryRow): GuaranteeDelivery {
  return {
    id: g.id,
    countyCode,
    recordedOn: fromDateColumn(g.recordedOn),
    departmentCode: g.departmentCode,
    townshipCode: g.townshipCode,
    itemCode: g.itemCode,
    kind: g.kind as GuaranteeKind,
    dueBy: fromDateColumn(g.dueBy),
    deliveredOn: fromNullableDateColumn(g.deliveredOn),
  };
}

export function pushDownOf(countyCode: string, p: PushDownReportRow): PushDownReport {
  return {
    id: p.id,
    countyCode,
    recordedOn: fromDateColumn(p.recordedOn),
    departmentCode: p.departmentCode,
    townshipCode: p.townshipCode,
    date: fromDateColumn(p.date),
    matter: p.matter,
  };
}

export function unattendedOf(countyCode: string, u: UnattendedReportRow): UnattendedReport {
  return {
    id: u.id,
    countyCode,
    recordedOn: fromDateColumn(u.recordedOn),
    departmentCode: u.departmentCode,
    townshipCode: u.townshipCode,
    itemCode: u.itemCode,
    date: fromDateColumn(u.date),
  };
}

export function ratingOf(countyCode: string, r: DepartmentRatingRow): DepartmentRating {
  return {
    id: r.id,
    countyCode,
    recordedOn: fromDateColumn(r.recordedOn),
    year: r.year,
    townshipCode: r.townshipCode,
    departmentCode: r.departmentCode,
    score: fromDecimalColumn(r.score, `department_rating ${r.id} score`),
  };
}
