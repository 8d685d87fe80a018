import {
  type AssessmentPlan,
  assertNever,
  type PerformanceRecord,
  type RecordValue,
  type ScoringMethodKind,
} from "@dutylist/core";
import { type Database, loadAssessmentPlan } from "@dutylist/store";
import { builder } from "../builder.ts";
import { addRecords, type DecimalColumn, type RecordChecks } from "../record-batch.ts";
import { IndicatorMethodEnum } from "./assessment-results.ts";
import { DomainErrors, StoreRefusal } from "./errors.ts";
import { batchDescription, RecordsWrittenRef } from "./records-written.ts";
import { PartyKindEnum } from "./responsibility.ts";
// The records departments are assessed on besides performance records: ratings, list execution.
import "./department-records.ts";

// Writing a year's records. Each mutation takes a batch, checked whole and stored all or nothing
// (record-batch.ts); what the rules make of a record is decided when the year is scored. Here:
// performance records (考核记录) of townships and departments on the plan's indicators (S7, S8).

// The store's column: numeric(20, 6).
const RECORD_VALUE: DecimalColumn = { places: 6, digits: 20 };

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
    target: t.field({ type: "Decimal", description: "RATIO: target, from 0" }),
    events: t.int({ description: "DEDUCTION: events to deduct for, from 0" }),
    score: t.field({ type: "Decimal", description: "GRADED: the assessor's score, from 0" }),
    passed: t.boolean({ description: "PASS_FAIL: whether it passed" }),
  }),
});

type PerformanceArgs = typeof PerformanceRecordInput.$inferInput;

const VALUE_FIELDS = ["achieved", "target", "events", "score", "passed"] as const;
const VALUE_FIELDS_OF: Readonly<Record<ScoringMethodKind, readonly (typeof VALUE_FIELDS)[number][]>> = {
  RATIO: ["achieved", "target"],
  DEDUCTION: ["events"],
  GRADED: ["score"],
  PASS_FAIL: ["passed"],
};

/** The value in the kind the input names; the fields of other kinds must be omitted. */
function readValue(input: PerformanceArgs, at: string, checks: RecordChecks): RecordValue {
  const kind = input.valueKind;
  const needed = VALUE_FIELDS_OF[kind];
  for (const field of VALUE_FIELDS) {
    const given = input[field] != null;
    if (needed.includes(field) && !given) checks.invalid(`${at}.${field}`, `${kind} 记录须给出 ${field}`);
    if (!needed.includes(field) && given)
      checks.invalid(`${at}.${field}`, `${kind} 记录不带 ${field}(只带 ${needed.join("、")})`);
  }
  const decimal = (field: "achieved" | "target" | "score") => {
    const value = input[field];
    if (value != null) checks.amount(`${at}.${field}`, value, RECORD_VALUE);
    return value ?? "0";
  };
  switch (kind) {
    case "RATIO":
      return { kind, achieved: decimal("achieved"), target: decimal("target") };
    case "DEDUCTION":
      if (input.events != null) checks.count(`${at}.events`, input.events);
      return { kind, events: input.events ?? 0 };
    case "GRADED":
      return { kind, score: decimal("score") };
    case "PASS_FAIL":
      return { kind, passed: input.passed ?? false };
    default:
      return assertNever(kind);
  }
}

/** The county's plans of the years the records fall in; null for a year without one. */
async function plansOf(
  db: Database,
  countyCode: string,
  inputs: readonly PerformanceArgs[],
): Promise<ReadonlyMap<number, AssessmentPlan | null>> {
  const years = [...new Set(inputs.map((r) => Number(r.date.slice(0, 4))))];
  const plans = await Promise.all(years.map((year) => loadAssessmentPlan(db, countyCode, year)));
  return new Map(years.map((year, n) => [year, plans[n] ?? null]));
}

function readPerformanceRecord(
  countyCode: string,
  plans: ReadonlyMap<number, AssessmentPlan | null>,
): (input: PerformanceArgs, at: string, checks: RecordChecks) => PerformanceRecord {
  return (input, at, checks) => {
    checks.known(`${at}.subjectCode`, input.subjectKind, input.subjectCode);
    checks.known(`${at}.townshipCode`, "TOWNSHIP", input.townshipCode);
    const year = Number(input.date.slice(0, 4));
    const plan = plans.get(year) ?? null;
    if (plan === null) {
      checks.invalid(
        `${at}.date`,
        `${countyCode} 没有 ${year} 年度考核方案,指标 ${input.indicatorCode} 无从核对`,
      );
    } else if (!plan.indicators.some((i) => i.code === input.indicatorCode)) {
      checks.unknown(
        `${at}.indicatorCode`,
        "INDICATOR",
        input.indicatorCode,
        `${plan.title}中没有二级指标 ${input.indicatorCode}`,
      );
    }
    if (input.itemCode == null) checks.text(`${at}.matter`, input.matter, "清单外事项须写明事项内容 matter");
    return {
      id: input.id,
      countyCode,
      indicatorCode: input.indicatorCode,
      subject: { kind: input.subjectKind, code: input.subjectCode },
      townshipCode: input.townshipCode,
      itemCode: input.itemCode ?? null,
      matter: input.matter ?? null,
      date: input.date,
      value: readValue(input, at, checks),
    };
  };
}

builder.mutationField("addPerformanceRecords", (t) =>
  t.field({
    type: RecordsWrittenRef,
    description: batchDescription(
      "Adds performance records to the county: each names a known township or department, and an indicator of the county's plan of its year (a year without a stored plan is refused); its value fields match its valueKind and are not negative",
      "records",
    ),
    errors: { types: [DomainErrors, StoreRefusal] },
    args: {
      countyCode: t.arg.string({ required: true }),
      records: t.arg({ type: [PerformanceRecordInput], required: true }),
    },
    resolve: async (_root, args, ctx) =>
      addRecords(ctx, args.countyCode, {
        kind: "performance",
        arg: "records",
        inputs: args.records,
        read: readPerformanceRecord(args.countyCode, await plansOf(ctx.db, args.countyCode, args.records)),
      }),
  }),
);
