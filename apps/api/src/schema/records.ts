import {
  checkPerformanceRecord,
  type PerformanceCheckContext,
  type PerformanceRecord,
  type PerformanceRecordDraft,
  type RecordCheckContext,
  type RecordPlan,
  type RecordValue,
  recordValueOf,
  type ValueField,
} from "@dutylist/core";
import { type Database, loadAssessmentPlan } from "@dutylist/store";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";
import { stampOf } from "../change-stamp.ts";
import { addRecords, type ReadRecord } from "../record-batch.ts";
import { IndicatorMethodEnum } from "./assessment-results.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import { batchDescription, RecordsWrittenRef } from "./records-written.ts";
import { PartyKindEnum } from "./responsibility.ts";
// The records departments are assessed on besides performance records: ratings, list execution.
import "./department-records.ts";

// Writing a year's records. Each mutation takes a batch, checked whole by the core's checks and
// stored all or nothing (record-batch.ts); what the rules make of a record is decided when the
// year is scored. Here: performance records (考核记录) of townships and departments on the plan's indicators (S7, S8).

const PerformanceRecordInput = builder.inputType("PerformanceRecordInput", {
  description:
    "A dated performance record (考核记录) of a township or department on an indicator. A record about an off-list matter, an item not on the township's list that day or an item reclaimed by then is stored, not refused: scoring excludes it and reports the reason (S7)",
  fields: (t) => ({
    id: t.string({ required: true, description: "unique in the county" }),
    indicatorCode: t.string({
      required: true,
      description: "a second-level indicator of the county's plan of the record's year",
    }),
    subjectKind: t.field({ type: PartyKindEnum, required: true }),
    subjectCode: t.string({ required: true, description: "the township's or department's code" }),
    townshipCode: t.string({
      required: true,
      description: "the township whose lists the record is judged against; for a township subject, itself",
    }),
    itemCode: t.string({
      description:
        "the list item; null for an off-list matter. Stored either way: an off-list matter, an item not on the township's list that day (OFF_LIST) or one reclaimed by then (RECLAIMED_BY_THEN) is excluded from scoring with the reason (S7)",
    }),
    matter: t.string({ description: "what the record is about, in words; required when itemCode is null" }),
    date: t.field({ type: "Date", required: true }),
    valueKind: t.field({
      type: IndicatorMethodEnum,
      required: true,
      description:
        "the value the record carries, in its indicator's method (S8): RATIO achieved and target, DEDUCTION events, GRADED score, PASS_FAIL passed; the other value fields are omitted",
    }),
    achieved: t.field({ type: "Decimal", description: "RATIO: achieved, from 0" }),
    target: t.field({ type: "Decimal", description: "RATIO: target, above 0" }),
    events: t.int({ description: "DEDUCTION: events to deduct for, from 0" }),
    score: t.field({ type: "Decimal", description: "GRADED: the assessor's score, from 0" }),
    passed: t.boolean({ description: "PASS_FAIL: whether it passed" }),
  }),
});

type PerformanceArgs = typeof PerformanceRecordInput.$inferInput;

const VALUE_FIELDS = [
  "achieved",
  "target",
  "events",
  "score",
  "passed",
] as const satisfies readonly ValueField[];

// Never stored: a record without the value fields of its kind is refused (VALUE_MISSING, S8).
const REFUSED_VALUE: RecordValue = { kind: "PASS_FAIL", passed: false };

/** The county's plans of the years the records fall in, as the core's checks take them. */
async function plansOf(
  db: Database,
  countyCode: string,
  inputs: readonly PerformanceArgs[],
): Promise<PerformanceCheckContext["planFor"]> {
  const years = [...new Set(inputs.map((r) => Number(r.date.slice(0, 4))))];
  const plans = await Promise.all(years.map((year) => loadAssessmentPlan(db, countyCode, year)));
  const byYear = new Map<number, RecordPlan>();
  years.forEach((year, n) => {
    const plan = plans[n];
    if (plan != null)
      byYear.set(year, { title: plan.title, indicators: new Map(plan.indicators.map((i) => [i.code, i])) });
  });
  return (year) => (year === null ? null : (byYear.get(year) ?? null));
}

function readPerformanceRecord(
  planFor: PerformanceCheckContext["planFor"],
): (input: PerformanceArgs, context: RecordCheckContext) => ReadRecord<PerformanceRecord> {
  return (input, context) => {
    const fields = {
      id: input.id,
      countyCode: context.countyCode,
      indicatorCode: input.indicatorCode,
      subject: { kind: input.subjectKind, code: input.subjectCode },
      townshipCode: input.townshipCode,
      itemCode: input.itemCode ?? null,
      matter: input.matter ?? null,
      date: input.date,
    };
    const draft: PerformanceRecordDraft = {
      ...fields,
      valueKind: input.valueKind,
      given: new Set(VALUE_FIELDS.filter((field) => input[field] != null)),
      achieved: input.achieved ?? undefined,
      target: input.target ?? undefined,
      events: input.events ?? undefined,
      score: input.score ?? undefined,
      passed: input.passed ?? undefined,
    };
    const problems = checkPerformanceRecord(draft, { ...context, planFor }).map((problem) =>
      // The input names the subject by its kind and code; the code is what a problem concerns.
      problem.field === "subject" ? { ...problem, field: "subjectCode" } : problem,
    );
    const value = recordValueOf(input.valueKind, draft) ?? REFUSED_VALUE;
    return { record: { ...fields, value }, problems };
  };
}

builder.mutationField("addPerformanceRecords", (t) =>
  t.field({
    authScopes: access("addPerformanceRecords", inCounty),
    type: RecordsWrittenRef,
    description: batchDescription(
      "Adds performance records to the county: each names a known township or department (a township subject judged on its own lists), an item of the county's catalogue or the matter in words, and an indicator of the county's plan of its year that assesses its subject (a year without a stored plan is refused); its valueKind is the indicator's method, its value fields match its valueKind and are not negative (a target above 0)",
      "records",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      records: t.arg({ type: [PerformanceRecordInput], required: true }),
    },
    resolve: async (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        stamp: stampOf(ctx, "addPerformanceRecords", args),
        kind: "performance",
        arg: "records",
        inputs: args.records,
        read: readPerformanceRecord(await plansOf(ctx.db, args.countyCode, args.records)),
      }),
  }),
);
