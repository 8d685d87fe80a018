// The input checks of assessment records, one wording and one rule id each, whoever reads them:
// the API's batches and the workbook's sheets both call these and only say where a field sits.
// What the rules decide about a well-formed record (off-list, reclaimed by then, S7) is not
// checked here: such records are stored, and scoring excludes them with the reason.
import type { IsoDate } from "../base/calendar-date.ts";
import { type DecimalString, exact } from "../base/exact-decimal.ts";
import type { CountyDirectory } from "../county/county-dataset.ts";

/** What is wrong with a record's field; callers map each code to their own error kinds. */
export type RecordProblemCode =
  | "UNKNOWN_TOWNSHIP"
  | "UNKNOWN_DEPARTMENT"
  | "UNKNOWN_ITEM"
  | "UNKNOWN_INDICATOR"
  /** The county has no plan for the record's year: its indicator cannot be checked. */
  | "NO_PLAN"
  /** The indicator assesses townships and the subject is a department, or the other way round. */
  | "SUBJECT_MISMATCH"
  /** A township subject's record names another township's lists. */
  | "TOWNSHIP_MISMATCH"
  /** The record's value is of another kind than its indicator's scoring method. */
  | "VALUE_MISMATCH"
  /** A value field the scoring method needs is missing. */
  | "VALUE_MISSING"
  /** A value field of another scoring method is given. */
  | "VALUE_NOT_EXPECTED"
  /** A number below its least value or above its greatest. */
  | "OUT_OF_RANGE"
  /** A decimal with more places or digits than its column keeps. */
  | "TOO_PRECISE"
  | "TEXT_REQUIRED"
  /** A date before the date it follows (an answer before its whistle). */
  | "DATE_ORDER"
  | "DUPLICATE_ID";

/**
 * The rules a record check can rest on: S1 (only the plan's subjects), S5 (list execution), S6
 * (ratings 0–100), S7 (off-list matters named), S8 (values fit their method), H2 (whistle loop).
 * @example const rule: RecordRuleId = "S8";
 */
export type RecordRuleId = "S1" | "S5" | "S6" | "S7" | "S8" | "H2";

/** What a reference names: a party or item of the county's catalogue, or a plan's indicator. */
export type RecordReferenceKind = "TOWNSHIP" | "DEPARTMENT" | "ITEM" | "INDICATOR";

/**
 * One problem of one record: the record's field it concerns (the caller says where that field
 * sits: `records[3].achieved`, or a sheet's row and column), one wording, and the rule, if any.
 * @example { code: "OUT_OF_RANGE", field: "score", message: "评分不能大于 100(120)", ruleId: "S6", reference: null }
 */
export interface RecordProblem<F extends string = string> {
  readonly code: RecordProblemCode;
  readonly field: F;
  readonly message: string;
  readonly ruleId: RecordRuleId | null;
  /** For an UNKNOWN_* problem: the code not found. */
  readonly reference: { readonly kind: RecordReferenceKind; readonly code: string } | null;
}

/**
 * A decimal column: at most `places` decimals and `digits` digits in all, and at most `max`.
 * @example const score: DecimalColumn = { places: 4, digits: 8 };
 */
export interface DecimalColumn {
  readonly places: number;
  readonly digits: number;
}

/**
 * The precision records are kept with (the store's numeric(20, 6) values and numeric(8, 4)
 * ratings): a value the checks accept can be stored without rounding.
 * @example STORED_RECORD_COLUMNS.ratingScore // { places: 4, digits: 8 }
 */
export interface RecordColumns {
  readonly value: DecimalColumn;
  readonly ratingScore: DecimalColumn;
}

export const STORED_RECORD_COLUMNS: RecordColumns = {
  value: { places: 6, digits: 20 },
  ratingScore: { places: 4, digits: 8 },
};

/**
 * What the checks of every kind of record need: the county's catalogue and its column limits.
 * @example const context: RecordCheckContext = { countyCode: "QX", directory: buildDirectory(dataset) };
 */
export interface RecordCheckContext {
  readonly countyCode: string;
  readonly directory: Pick<CountyDirectory, "townships" | "departments" | "items">;
  /** The precision values are kept with; STORED_RECORD_COLUMNS by default. */
  readonly columns?: RecordColumns;
}

/**
 * A record as far as its caller could read it: a field it could not read is `undefined` (the
 * caller has reported why), and the checks that need it are skipped.
 * @example const draft: RecordDraft<PushDownReport> = { id: "PD-1", matter: undefined };
 */
export type RecordDraft<T> = { readonly [K in keyof T]?: T[K] | undefined };

export function problem<F extends string>(
  code: RecordProblemCode,
  field: F,
  message: string,
  ruleId: RecordRuleId | null = null,
): RecordProblem<F> {
  return { code, field, message, ruleId, reference: null };
}

const REFERENCE_WORDS: Readonly<Record<Exclude<RecordReferenceKind, "INDICATOR">, string>> = {
  TOWNSHIP: "乡镇(街道)",
  DEPARTMENT: "部门",
  ITEM: "事项",
};

const UNKNOWN_CODES = {
  TOWNSHIP: "UNKNOWN_TOWNSHIP",
  DEPARTMENT: "UNKNOWN_DEPARTMENT",
  ITEM: "UNKNOWN_ITEM",
} as const;

/**
 * A township, department or item of the county's catalogue; `hint` says what to write instead.
 * @example checkKnown(context, "townshipCode", "TOWNSHIP", "QX-NOPE") // [{ code: "UNKNOWN_TOWNSHIP", message: "QX 没有乡镇(街道) QX-NOPE", … }]
 */
export function checkKnown<F extends string>(
  context: RecordCheckContext,
  field: F,
  kind: Exclude<RecordReferenceKind, "INDICATOR">,
  code: string | undefined,
  hint = "",
): RecordProblem<F>[] {
  if (code === undefined) return [];
  const codes =
    kind === "TOWNSHIP"
      ? context.directory.townships
      : kind === "DEPARTMENT"
        ? context.directory.departments
        : context.directory.items;
  if (codes.has(code)) return [];
  const message = `${context.countyCode} 没有${REFERENCE_WORDS[kind]} ${code}${hint}`;
  return [{ ...problem(UNKNOWN_CODES[kind], field, message), reference: { kind, code } }];
}

/**
 * The least and greatest value of an amount, and the column it is kept in.
 * @example const bounds: AmountBounds = { name: "评分", min: "0", minInclusive: true, max: "100", column, ruleId: "S6" };
 */
export interface AmountBounds {
  /** The field's name in words, e.g. 目标值. */
  readonly name: string;
  readonly min: DecimalString;
  readonly minInclusive: boolean;
  readonly max?: DecimalString;
  readonly column: DecimalColumn;
  readonly ruleId: RecordRuleId | null;
}

/**
 * A decimal within its bounds that fits its column.
 * @example checkAmount("achieved", "-1", bounds) // [{ code: "OUT_OF_RANGE", message: "完成值不能为负数(-1)", … }]
 */
export function checkAmount<F extends string>(
  field: F,
  value: DecimalString | undefined,
  bounds: AmountBounds,
): RecordProblem<F>[] {
  if (value === undefined) return [];
  const n = exact(value);
  const { name, min, column, ruleId } = bounds;
  const low = bounds.minInclusive ? n.lessThan(min) : n.lessThanOrEqualTo(min);
  let message: string | null = null;
  if (low && exact(min).isZero())
    message = bounds.minInclusive ? `${name}不能为负数(${value})` : `${name}须大于 0(${value})`;
  else if (low) message = `${name}须${bounds.minInclusive ? "不小于" : "大于"} ${min}(${value})`;
  else if (bounds.max !== undefined && n.greaterThan(bounds.max))
    message = `${name}不能大于 ${bounds.max}(${value})`;
  if (message !== null) return [problem("OUT_OF_RANGE", field, message, ruleId)];
  if (n.decimalPlaces() > column.places)
    return [problem("TOO_PRECISE", field, `${name}最多 ${column.places} 位小数(${value})`, ruleId)];
  if (n.abs().greaterThanOrEqualTo(exact(10).pow(column.digits - column.places)))
    return [problem("TOO_PRECISE", field, `${name}超出可存储的范围(${value})`, ruleId)];
  return [];
}

/**
 * A whole number not below `min`.
 * @example checkCount("events", -1, "扣分次数", 0, "S8") // [{ code: "OUT_OF_RANGE", message: "扣分次数须为不小于 0 的整数(-1)", … }]
 */
export function checkCount<F extends string>(
  field: F,
  value: number | undefined,
  name: string,
  min: number,
  ruleId: RecordRuleId | null,
): RecordProblem<F>[] {
  if (value === undefined || (Number.isInteger(value) && value >= min)) return [];
  return [problem("OUT_OF_RANGE", field, `${name}须为不小于 ${min} 的整数(${value})`, ruleId)];
}

/**
 * Words that must say something (not empty, not only spaces).
 * @example checkText("matter", "  ", "须写明转嫁的事项", "S5") // [{ code: "TEXT_REQUIRED", … }]
 */
export function checkText<F extends string>(
  field: F,
  value: string | null | undefined,
  why: string,
  ruleId: RecordRuleId | null,
): RecordProblem<F>[] {
  if (value === undefined || (value !== null && value.trim() !== "")) return [];
  return [problem("TEXT_REQUIRED", field, why, ruleId)];
}

/**
 * A date that cannot come before another, e.g. an answer before its whistle.
 * @example checkNotBefore("answeredOn", "2025-06-09", "2025-06-10", "报到不能早于吹哨", "H2") // [{ code: "DATE_ORDER", message: "报到不能早于吹哨(2025-06-09 早于 2025-06-10)", … }]
 */
export function checkNotBefore<F extends string>(
  field: F,
  date: IsoDate | null | undefined,
  from: IsoDate | undefined,
  why: string,
  ruleId: RecordRuleId | null,
): RecordProblem<F>[] {
  if (date == null || from === undefined || date >= from) return [];
  return [problem("DATE_ORDER", field, `${why}(${date} 早于 ${from})`, ruleId)];
}

/** A record whose id an earlier record of the same batch already has. */
export interface RepeatedRecordId {
  /** Its position in the batch. */
  readonly index: number;
  /** The position of the record that has the id first. */
  readonly earlier: number;
  readonly problem: RecordProblem<"id">;
}

/**
 * Every record of a batch whose id an earlier one has: ids are unique in the county, and a batch
 * is one write. `place` names a position as the caller shows it (`records[0]`, `第2行`); an id
 * the caller could not read is `null` and skipped.
 * @example repeatedRecordIds(["R1", "R2", "R1"], (i) => `records[${i}]`)[0]?.problem.message // "记录编号 R1 已用于records[0]:记录编号须唯一"
 */
export function repeatedRecordIds(
  ids: readonly (string | null)[],
  place: (index: number) => string,
): RepeatedRecordId[] {
  const first = new Map<string, number>();
  const found: RepeatedRecordId[] = [];
  ids.forEach((id, index) => {
    if (id === null) return;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return;
    }
    const message = `记录编号 ${id} 已用于${place(earlier)}:记录编号须唯一`;
    found.push({ index, earlier, problem: { ...problem("DUPLICATE_ID", "id", message), reference: null } });
  });
  return found;
}
