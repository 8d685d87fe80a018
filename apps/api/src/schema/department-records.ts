import {
  checkDepartmentRating,
  checkGuaranteeDelivery,
  checkPushDownReport,
  checkUnattendedReport,
  checkWhistleRequest,
  type DepartmentRating,
  type DomainError,
  type GuaranteeDelivery,
  type PushDownReport,
  type RecordCheckContext,
  type RecordProblem,
  repeatedRatings,
  type UnattendedReport,
  type WhistleRequest,
} from "@dutylist/core";
import { type Database, storedRatingPairs } from "@dutylist/store";
import { access, unitsOf } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import { addRecords, type ReadRecord } from "../record-batch.ts";
import { GuaranteeKindEnum } from "./adjustment-input.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import { batchDescription, RecordsWrittenRef } from "./records-written.ts";

// The records a department is assessed on besides performance records: townships' ratings of it
// (S6) and the facts of its list execution (S5), each added in a batch like performance records.

/**
 * A reader of one kind of record: the input with the county's code is the core's record, and the
 * core's check of that kind says what is wrong with it (the input's fields are the record's).
 */
function reader<I extends object, R extends I & { readonly countyCode: string }>(
  toRecord: (input: I, countyCode: string) => R,
  check: (record: R, context: RecordCheckContext) => readonly RecordProblem[],
): (input: I, context: RecordCheckContext) => ReadRecord<R> {
  return (input, context) => {
    const record = toRecord(input, context.countyCode);
    return { record, problems: check(record, context) };
  };
}

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

const readRating = reader(
  (input: RatingArgs, countyCode): DepartmentRating => ({ ...input, countyCode }),
  checkDepartmentRating,
);

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
    authScopes: access("addDepartmentRatings", (a) => unitsOf(a.countyCode, a.ratings)),
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
        stamp: stampOf(ctx, "addDepartmentRatings", args),
        kind: "ratings",
        arg: "ratings",
        inputs: args.ratings,
        read: readRating,
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

builder.mutationField("addWhistleRequests", (t) =>
  t.field({
    authScopes: access("addWhistleRequests", (a) => unitsOf(a.countyCode, a.whistles)),
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
        stamp: stampOf(ctx, "addWhistleRequests", args),
        kind: "whistles",
        arg: "whistles",
        inputs: args.whistles,
        read: reader(
          (input, countyCode): WhistleRequest => ({
            ...input,
            countyCode,
            answeredOn: input.answeredOn ?? null,
          }),
          checkWhistleRequest,
        ),
      }),
  }),
);

builder.mutationField("addGuaranteeDeliveries", (t) =>
  t.field({
    authScopes: access("addGuaranteeDeliveries", (a) => unitsOf(a.countyCode, a.deliveries)),
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
        stamp: stampOf(ctx, "addGuaranteeDeliveries", args),
        kind: "guarantees",
        arg: "deliveries",
        inputs: args.deliveries,
        read: reader(
          (input, countyCode): GuaranteeDelivery => ({
            ...input,
            countyCode,
            deliveredOn: input.deliveredOn ?? null,
          }),
          checkGuaranteeDelivery,
        ),
      }),
  }),
);

builder.mutationField("reportPushDowns", (t) =>
  t.field({
    authScopes: access("reportPushDowns", (a) => unitsOf(a.countyCode, a.reports)),
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
        stamp: stampOf(ctx, "reportPushDowns", args),
        kind: "pushDowns",
        arg: "reports",
        inputs: args.reports,
        read: reader((input, countyCode): PushDownReport => ({ ...input, countyCode }), checkPushDownReport),
      }),
  }),
);

builder.mutationField("reportUnattendedItems", (t) =>
  t.field({
    authScopes: access("reportUnattendedItems", (a) => unitsOf(a.countyCode, a.reports)),
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
        stamp: stampOf(ctx, "reportUnattendedItems", args),
        kind: "unattended",
        arg: "reports",
        inputs: args.reports,
        read: reader(
          (input, countyCode): UnattendedReport => ({ ...input, countyCode }),
          checkUnattendedReport,
        ),
      }),
  }),
);
