// The input checks of performance records (考核记录): their parties, their indicator in the plan
// of their year, the matter of an off-list record (S7), and a value that fits the indicator's
// scoring method (S8). A record about an off-list matter or an item reclaimed by then is not
// refused: scoring excludes it with the reason (S7).
import type { DecimalString } from "../base/exact-decimal.ts";
import type { PartyRef } from "../county/county.ts";
import type { Indicator, ScoringMethodKind } from "./assessment-plan.ts";
import type { PerformanceRecord, RecordValue } from "./performance-record.ts";
import {
  type AmountBounds,
  checkAmount,
  checkCount,
  checkKnown,
  checkText,
  problem,
  type RecordCheckContext,
  type RecordDraft,
  type RecordProblem,
  STORED_RECORD_COLUMNS,
} from "./record-checks.ts";

/** The fields a record's value is given in, one set per scoring method (S8). */
export type ValueField = "achieved" | "target" | "events" | "score" | "passed";

/**
 * The value fields each scoring method reads; the others must be left out.
 * @example VALUE_FIELDS_OF.RATIO // ["achieved", "target"]
 */
export const VALUE_FIELDS_OF: Readonly<Record<ScoringMethodKind, readonly ValueField[]>> = {
  RATIO: ["achieved", "target"],
  DEDUCTION: ["events"],
  GRADED: ["score"],
  PASS_FAIL: ["passed"],
};

const VALUE_FIELDS: readonly ValueField[] = ["achieved", "target", "events", "score", "passed"];

const VALUE_FIELD_WORDS: Readonly<Record<ValueField, string>> = {
  achieved: "完成值",
  target: "目标值",
  events: "扣分次数",
  score: "评分",
  passed: "是否达标",
};

const VALUE_FIELD_HINTS: Readonly<Record<ValueField, string>> = {
  achieved: "不小于 0 的数",
  target: "大于 0 的数",
  events: "不小于 0 的整数",
  score: "不小于 0 的数",
  passed: "是或否",
};

const METHOD_WORDS: Readonly<Record<ScoringMethodKind, string>> = {
  RATIO: "按比例",
  DEDUCTION: "扣分",
  GRADED: "评分",
  PASS_FAIL: "达标",
};

/** A performance record's fields, as the checks name them. */
export type PerformanceField =
  | "subject"
  | "townshipCode"
  | "indicatorCode"
  | "itemCode"
  | "matter"
  | "date"
  /** The kind of value the record carries. */
  | "valueKind"
  | ValueField;

/**
 * A performance record as read: its value as its kind and the fields given. `given` names the
 * value fields present at all (a non-empty cell, a non-null argument), read or not.
 * @example const draft: PerformanceRecordDraft = { id: "R1", valueKind: "RATIO", given: new Set(["achieved"]), achieved: "3" };
 */
export interface PerformanceRecordDraft extends RecordDraft<Omit<PerformanceRecord, "value">> {
  readonly valueKind?: ScoringMethodKind | undefined;
  readonly given: ReadonlySet<ValueField>;
  readonly achieved?: DecimalString | undefined;
  readonly target?: DecimalString | undefined;
  readonly events?: number | undefined;
  readonly score?: DecimalString | undefined;
  readonly passed?: boolean | undefined;
}

/**
 * The plan a record is checked against: its indicators by code, and the codes of indicators that
 * exist but could not be read (reported where they are, so not unknown here).
 * @example const plan: RecordPlan = { title: "青溪县2025年度考核方案", indicators: new Map(), unreadable: new Set() };
 */
export interface RecordPlan {
  readonly title: string;
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly unreadable?: ReadonlySet<string>;
}

/** The catalogue and the plan of each year performance records are checked against. */
export interface PerformanceCheckContext extends RecordCheckContext {
  /** The plan of a record's year (`null` when its date is unknown); `null` when there is none. */
  planFor(year: number | null): RecordPlan | null;
}

const SUBJECT_WORDS = { TOWNSHIP: "乡镇(街道)", DEPARTMENT: "部门" } as const;

/** The record's indicator in its year's plan; `undefined` after reporting why not. */
function indicatorOf(
  draft: PerformanceRecordDraft,
  context: PerformanceCheckContext,
  found: RecordProblem<PerformanceField>[],
): Indicator | undefined {
  const code = draft.indicatorCode;
  if (code === undefined) return undefined;
  const year = draft.date === undefined ? null : Number(draft.date.slice(0, 4));
  const plan = context.planFor(year);
  if (plan === null) {
    const which = year === null ? "" : ` ${year} 年度`;
    found.push(
      problem("NO_PLAN", "date", `${context.countyCode} 没有${which}考核方案,指标 ${code} 无从核对`),
    );
    return undefined;
  }
  const indicator = plan.indicators.get(code);
  if (indicator === undefined && plan.unreadable?.has(code) !== true)
    found.push({
      ...problem("UNKNOWN_INDICATOR", "indicatorCode", `${plan.title}中没有二级指标 ${code}`),
      reference: { kind: "INDICATOR", code },
    });
  return indicator;
}

/** S1, S7: the subject is of the kind the indicator assesses; a township is judged on its own lists. */
function subjectProblems(
  subject: PartyRef | undefined,
  townshipCode: string | undefined,
  indicator: Indicator | undefined,
): RecordProblem<PerformanceField>[] {
  if (subject === undefined) return [];
  if (indicator !== undefined && subject.kind !== indicator.subject) {
    const message = `指标 ${indicator.code} 考核${SUBJECT_WORDS[indicator.subject]},考核对象 ${subject.code} 却是${SUBJECT_WORDS[subject.kind]}`;
    return [problem("SUBJECT_MISMATCH", "subject", message, "S1")];
  }
  if (subject.kind === "TOWNSHIP" && townshipCode !== undefined && townshipCode !== subject.code) {
    const message = `考核对象为乡镇(街道)时,记录按其本身的清单评判,乡镇(街道)须与考核对象相同(考核对象为 ${subject.code},此处为 ${townshipCode})`;
    return [problem("TOWNSHIP_MISMATCH", "townshipCode", message, "S7")];
  }
  return [];
}

/**
 * S8: the value fields of the record's scoring method are given, the others left out.
 * @example checkValueFields("RATIO", new Set(["achieved", "events"])) // target missing, events not expected
 */
export function checkValueFields(
  kind: ScoringMethodKind,
  given: ReadonlySet<ValueField>,
): RecordProblem<ValueField>[] {
  const needed = VALUE_FIELDS_OF[kind];
  const method = `计分方法为“${METHOD_WORDS[kind]}”的记录`;
  return VALUE_FIELDS.flatMap((field): RecordProblem<ValueField>[] => {
    const words = `${VALUE_FIELD_WORDS[field]}(${field})`;
    if (needed.includes(field) && !given.has(field))
      return [problem("VALUE_MISSING", field, `${method}须给出${words}:${VALUE_FIELD_HINTS[field]}`, "S8")];
    if (!needed.includes(field) && given.has(field)) {
      const only = needed.map((f) => `${VALUE_FIELD_WORDS[f]}(${f})`).join("、");
      return [problem("VALUE_NOT_EXPECTED", field, `${method}只带${only},不带${words}`, "S8")];
    }
    return [];
  });
}

function valueBounds(field: "achieved" | "target" | "score", context: RecordCheckContext): AmountBounds {
  const column = (context.columns ?? STORED_RECORD_COLUMNS).value;
  return { name: VALUE_FIELD_WORDS[field], min: "0", minInclusive: field !== "target", column, ruleId: "S8" };
}

/** S8: the amounts of the record's method are within their bounds and fit their column. */
function amountProblems(
  draft: PerformanceRecordDraft,
  kind: ScoringMethodKind,
  context: RecordCheckContext,
): RecordProblem<PerformanceField>[] {
  switch (kind) {
    case "RATIO":
      return [
        ...checkAmount("achieved", draft.achieved, valueBounds("achieved", context)),
        ...checkAmount("target", draft.target, valueBounds("target", context)),
      ];
    case "DEDUCTION":
      return checkCount("events", draft.events, VALUE_FIELD_WORDS.events, 0, "S8");
    case "GRADED":
      return checkAmount("score", draft.score, valueBounds("score", context));
    case "PASS_FAIL":
      return [];
  }
}

/**
 * Everything wrong with a performance record before it is stored: subject and township unknown
 * or not matching the indicator (S1, S7), no plan for its year or no such indicator in it, an
 * item outside the county's catalogue, an off-list record without its matter (S7), a value of
 * another kind than the indicator's method, value fields missing, left over or out of range (S8).
 * @example checkPerformanceRecord({ ...draft, townshipCode: "QX-NOPE" }, context)[0]?.code // "UNKNOWN_TOWNSHIP"
 */
export function checkPerformanceRecord(
  draft: PerformanceRecordDraft,
  context: PerformanceCheckContext,
): RecordProblem<PerformanceField>[] {
  const found: RecordProblem<PerformanceField>[] = [
    ...checkKnown(context, "subject", draft.subject?.kind ?? "TOWNSHIP", draft.subject?.code),
    ...checkKnown(context, "townshipCode", "TOWNSHIP", draft.townshipCode),
  ];
  const indicator = indicatorOf(draft, context, found);
  found.push(...subjectProblems(draft.subject, draft.townshipCode, indicator));
  found.push(
    ...checkKnown(
      context,
      "itemCode",
      "ITEM",
      draft.itemCode ?? undefined,
      ":清单外事项不填事项编码,写明事项内容",
    ),
  );
  if (draft.itemCode === null)
    found.push(
      ...checkText("matter", draft.matter, "清单外事项须写明事项内容(matter),清单外事项不计分但须列明", "S7"),
    );
  const kind = draft.valueKind;
  if (kind === undefined) return found;
  if (indicator !== undefined && indicator.method.kind !== kind) {
    const message = `指标 ${indicator.code} 的计分方法为“${METHOD_WORDS[indicator.method.kind]}”,记录值却是“${METHOD_WORDS[kind]}”`;
    found.push(problem("VALUE_MISMATCH", "valueKind", message, "S8"));
  }
  return [...found, ...checkValueFields(kind, draft.given), ...amountProblems(draft, kind, context)];
}

/**
 * The value of a record from its fields, when those of its method are all given.
 * @example recordValueOf("RATIO", { achieved: "45", target: "50" }) // { kind: "RATIO", achieved: "45", target: "50" }
 */
export function recordValueOf(
  kind: ScoringMethodKind,
  fields: Pick<PerformanceRecordDraft, ValueField>,
): RecordValue | null {
  switch (kind) {
    case "RATIO": {
      const { achieved, target } = fields;
      return achieved === undefined || target === undefined ? null : { kind, achieved, target };
    }
    case "DEDUCTION":
      return fields.events === undefined ? null : { kind, events: fields.events };
    case "GRADED":
      return fields.score === undefined ? null : { kind, score: fields.score };
    case "PASS_FAIL":
      return fields.passed === undefined ? null : { kind, passed: fields.passed };
  }
}
