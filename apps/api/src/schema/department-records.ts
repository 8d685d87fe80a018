import {
  type DepartmentRating,
  type DomainError,
  type GuaranteeDelivery,
  type PushDownReport,
  repeatedRatings,
  type UnattendedReport,
  type WhistleRequest,
} from "@dutylist/core";
import { type Database, storedRatingPairs } from "@dutylist/store";
import { builder } from "../builder.ts";
import { addRecords, type DecimalColumn, type RecordChecks } from "../record-batch.ts";
import { GuaranteeKindEnum } from "./adjustment-input.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import { batchDescription, RecordsWrittenRef } from "./records-written.ts";

// The records a department is assessed on besides performance records: townships' ratings of it
// (S6) and the facts of its list execution (S5), each added in a batch like performance records.

// The store's column: numeric(8, 4), out of 100 (S6).
const RATING_SCORE: DecimalColumn = { places: 4, digits: 8, max: "100" };

// ─── two-way ratings (S6) ─────────────────────────────────────────────────────────────────────

const DepartmentRatingInput = builder.inputType("DepartmentRatingInput", {
  description: "A township's rating of a department in the two-way evaluation (双向评价, S6): once a year",
  fields: (t) => ({
    id: t.string({ required: true, description: "unique in the county" }),
    year: t.int({ required: true }),
    townshipCode: t.string({ required: true, description: "the township that rates" }),
    departmentCode: t.string({ required: true, description: "the department rated" }),
    score: t.field({ type: "Decimal", required: true, description: "0–100, at most 4 decimals" }),
  }),
});

type RatingArgs = typeof DepartmentRatingInput.$inferInput;

function readRating(countyCode: string) {
  return (input: RatingArgs, at: string, checks: RecordChecks): DepartmentRating => {
    checks.known(`${at}.townshipCode`, "TOWNSHIP", input.townshipCode);
    checks.known(`${at}.departmentCode`, "DEPARTMENT", input.departmentCode);
    checks.amount(`${at}.score`, input.score, RATING_SCORE);
    return { ...input, countyCode };
  };
}

/**
 * S6: a township rates a department once a year — a rating repeating a stored one, or one earlier
 * in the batch, is refused (`repeatedRatings`, the core's one check).
 */
async function storedRatings(
  db: Database,
  countyCode: string,
  ratings: readonly DepartmentRating[],
): Promise<DomainError[]> {
  const stored = await storedRatingPairs(db, countyCode, [...new Set(ratings.map((r) => r.year))]);
  return repeatedRatings(ratings, stored).map(({ index, message }) => {
    const field = `ratings[${index}].departmentCode`;
    return { _tag: "INVALID_FIELD", field, message: `${field}:${message}` };
  });
}

builder.mutationField("addDepartmentRatings", (t) =>
  t.field({
    type: RecordsWrittenRef,
    description: batchDescription(
      "Adds townships' ratings of departments (S6): known township and department, a score from 0 to 100, one rating per township, department and year",
      "ratings",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      ratings: t.arg({ type: [DepartmentRatingInput], required: true }),
    },
    resolve: (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        kind: "ratings",
        arg: "ratings",
        inputs: args.ratings,
        read: readRating(args.countyCode),
        stored: storedRatings,
      }),
  }),
);

// ─── list execution (S5): whistles, guarantees, push-downs, unattended items ──────────────────

const WhistleRequestInput = builder.inputType("WhistleRequestInput", {
  description: "A township's whistle (吹哨) to a department about an item, and when it was answered (报到)",
  fields: (t) => ({
    id: t.string({ required: true, description: "unique in the county" }),
    townshipCode: t.string({ required: true }),
    departmentCode: t.string({ required: true }),
    itemCode: t.string({ required: true }),
    raisedOn: t.field({ type: "Date", required: true }),
    timeLimitDays: t.int({
      required: true,
      description: "days the department has to answer, counting from the day after it was raised; from 0",
    }),
    answeredOn: t.field({ type: "Date", description: "null while unanswered; not before raisedOn" }),
  }),
});

const GuaranteeDeliveryInput = builder.inputType("GuaranteeDeliveryInput", {
  description: "A guarantee a lead department owes a township on a cooperative item, and its delivery",
  fields: (t) => ({
    id: t.string({ required: true, description: "unique in the county" }),
    departmentCode: t.string({ required: true }),
    townshipCode: t.string({ required: true }),
    itemCode: t.string({ required: true }),
    kind: t.field({ type: GuaranteeKindEnum, required: true }),
    dueBy: t.field({ type: "Date", required: true }),
    deliveredOn: t.field({ type: "Date", description: "null while not delivered" }),
  }),
});

const PushDownReportInput = builder.inputType("PushDownReportInput", {
  description: "A report that a department pushed off-list work onto a township without registration (S5)",
  fields: (t) => ({
    id: t.string({ required: true, description: "unique in the county" }),
    departmentCode: t.string({ required: true }),
    townshipCode: t.string({ required: true }),
    date: t.field({ type: "Date", required: true }),
    matter: t.string({ required: true, description: "the work pushed down, in words" }),
  }),
});

const UnattendedReportInput = builder.inputType("UnattendedReportInput", {
  description: "A report that a reclaimed item was left unattended by the department it went to (S5)",
  fields: (t) => ({
    id: t.string({ required: true, description: "unique in the county" }),
    departmentCode: t.string({ required: true }),
    townshipCode: t.string({ required: true }),
    itemCode: t.string({ required: true }),
    date: t.field({ type: "Date", required: true }),
  }),
});

/** The township, department and (when the record names one) item a list-execution record concerns. */
function checkParties(
  at: string,
  input: { townshipCode: string; departmentCode: string; itemCode?: string },
  checks: RecordChecks,
): void {
  checks.known(`${at}.townshipCode`, "TOWNSHIP", input.townshipCode);
  checks.known(`${at}.departmentCode`, "DEPARTMENT", input.departmentCode);
  if (input.itemCode !== undefined) checks.known(`${at}.itemCode`, "ITEM", input.itemCode);
}

builder.mutationField("addWhistleRequests", (t) =>
  t.field({
    type: RecordsWrittenRef,
    description: batchDescription(
      "Adds whistles (吹哨报到, S5): known township, department and item; a time limit from 0 days; an answer not before the whistle",
      "whistles",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      whistles: t.arg({ type: [WhistleRequestInput], required: true }),
    },
    resolve: (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        kind: "whistles",
        arg: "whistles",
        inputs: args.whistles,
        read: (input, at, checks): WhistleRequest => {
          checkParties(at, input, checks);
          checks.count(`${at}.timeLimitDays`, input.timeLimitDays);
          checks.notBefore(`${at}.answeredOn`, input.answeredOn, input.raisedOn, "报到不能早于吹哨");
          return { ...input, countyCode: args.countyCode, answeredOn: input.answeredOn ?? null };
        },
      }),
  }),
);

builder.mutationField("addGuaranteeDeliveries", (t) =>
  t.field({
    type: RecordsWrittenRef,
    description: batchDescription(
      "Adds guarantees owed by lead departments and their delivery (履职保障, S5): known department, township and item",
      "deliveries",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      deliveries: t.arg({ type: [GuaranteeDeliveryInput], required: true }),
    },
    resolve: (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        kind: "guarantees",
        arg: "deliveries",
        inputs: args.deliveries,
        read: (input, at, checks): GuaranteeDelivery => {
          checkParties(at, input, checks);
          return { ...input, countyCode: args.countyCode, deliveredOn: input.deliveredOn ?? null };
        },
      }),
  }),
);

builder.mutationField("reportPushDowns", (t) =>
  t.field({
    type: RecordsWrittenRef,
    description: batchDescription(
      "Reports off-list work pushed onto townships without registration (擅自转嫁, S5): known department and township, the matter in words",
      "reports",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      reports: t.arg({ type: [PushDownReportInput], required: true }),
    },
    resolve: (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        kind: "pushDowns",
        arg: "reports",
        inputs: args.reports,
        read: (input, at, checks): PushDownReport => {
          checkParties(at, input, checks);
          checks.text(`${at}.matter`, input.matter, "须写明转嫁的事项");
          return { ...input, countyCode: args.countyCode };
        },
      }),
  }),
);

builder.mutationField("reportUnattendedItems", (t) =>
  t.field({
    type: RecordsWrittenRef,
    description: batchDescription(
      "Reports reclaimed items left unattended by the departments they went to (承接缺位, S5): known department, township and item",
      "reports",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      reports: t.arg({ type: [UnattendedReportInput], required: true }),
    },
    resolve: (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        kind: "unattended",
        arg: "reports",
        inputs: args.reports,
        read: (input, at, checks): UnattendedReport => {
          checkParties(at, input, checks);
          return { ...input, countyCode: args.countyCode };
        },
      }),
  }),
);
