import type { IsoDate } from "../base/calendar-date.ts";
import { isDecimalString } from "../base/exact-decimal.ts";
import { LIST_TYPE_NAMES, type ListEntry } from "../lists/list-entry.ts";
import { type EntryLookup, type ListIndex, lookupIn } from "../lists/list-index.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { TRACK_LIST_TYPE } from "./assessment-plan.ts";
import type { PerformanceRecord } from "./performance-record.ts";

/** Why a record does not count (S7); every excluded record is reported, never dropped. */
export type ExclusionReason =
  | "UNKNOWN_INDICATOR"
  | "OUTSIDE_YEAR"
  | "SUBJECT_MISMATCH"
  | "VALUE_MISMATCH"
  | "OTHER_TOWNSHIP"
  | "OFF_LIST"
  | "RECLAIMED_BY_THEN"
  | "WRONG_TRACK"
  | "NOT_BOUND"
  | "NOT_DEPARTMENTS_ITEM";

export interface ExcludedRecord {
  readonly record: PerformanceRecord;
  readonly reason: ExclusionReason;
  readonly ruleId: "S1" | "S2" | "S3" | "S4" | "S7" | "S8";
  readonly message: string;
}

/** A record that counts, with the list entry in force on its date that makes it count (S7). */
export interface IncludedRecord {
  readonly record: PerformanceRecord;
  readonly indicator: Indicator;
  readonly entry: ListEntry;
}

export type Judgement =
  | { readonly included: true; readonly value: IncludedRecord }
  | { readonly included: false; readonly value: ExcludedRecord };

/** Whether an item (as listed in `entry`) is among those an indicator binds. */
export function indicatorBinds(indicator: Indicator, entry: ListEntry): boolean {
  const binding = indicator.binding;
  switch (binding.kind) {
    case "ITEMS":
      return binding.itemCodes.includes(entry.itemCode);
    case "SELECTOR":
      return (
        entry.terms.type === binding.listType &&
        (binding.category === null || entry.content.category === binding.category)
      );
    case "LIST_EXECUTION":
    case "TWO_WAY_RATING":
      return false;
  }
}

function valueValid(record: PerformanceRecord): boolean {
  const v = record.value;
  switch (v.kind) {
    case "RATIO":
      return (
        isDecimalString(v.achieved) &&
        isDecimalString(v.target) &&
        !v.achieved.startsWith("-") &&
        !v.target.startsWith("-")
      );
    case "DEDUCTION":
      return Number.isInteger(v.events) && v.events >= 0;
    case "GRADED":
      return isDecimalString(v.score) && !v.score.startsWith("-");
    case "PASS_FAIL":
      return true;
  }
}

/**
 * Judges one record against the plan and the list in force on its date (S7): a township record
 * counts only for an item on that township's list of the indicator's track that day (basic for
 * the core score, S2; cooperative for the collaborative score, S3); a department record only for
 * an item reclaimed to it or a cooperative item it leads that day (S4). Off-list matters, items
 * reclaimed by then and other townships' items are excluded with the reason.
 * @example judgeRecord(record, indicators, index, plan.year) // { included: false, value: { reason: "RECLAIMED_BY_THEN", … } }
 */
export function judgeRecord(
  record: PerformanceRecord,
  indicators: ReadonlyMap<string, Indicator>,
  index: ListIndex,
  year: AssessmentPlan["year"],
): Judgement {
  const indicator = indicators.get(record.indicatorCode);
  const judged = judgeInYear(record, indicator, lookupIn(index), yearBounds(year));
  if ("reason" in judged) return { included: false, value: judged };
  if (indicator === undefined) throw new Error(`record ${record.id} included without its indicator`);
  return { included: true, value: { record, indicator, entry: judged } };
}

/** The first day of a year and of the next, and the year. */
export interface YearBounds {
  readonly year: number;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/**
 * The bounds of an assessment year, computed once per scoring rather than per record.
 * @example yearBounds(2025) // { year: 2025, from: "2025-01-01", to: "2026-01-01" }
 */
export function yearBounds(year: number): YearBounds {
  let bounds = YEAR_BOUNDS.get(year);
  if (bounds === undefined) {
    bounds = { year, from: `${year}-01-01` as IsoDate, to: `${year + 1}-01-01` as IsoDate };
    YEAR_BOUNDS.set(year, bounds);
  }
  return bounds;
}

// One object per year, kept: optimised scoring code relies on what it has seen of the bounds.
const YEAR_BOUNDS = new Map<number, YearBounds>();

function exclude(
  record: PerformanceRecord,
  reason: ExclusionReason,
  ruleId: ExcludedRecord["ruleId"],
  message: string,
): ExcludedRecord {
  return { record, reason, ruleId, message: `记录 ${record.id}:${message}` };
}

/**
 * S7 — the one definition of how a record is judged (`judgeRecord` wraps it): with the indicator
 * already looked up and the year's bounds computed once, the entry in force that makes the
 * record count, or the exclusion (which has a `reason`). Scoring's record loop calls it for every
 * record.
 * @example judgeInYear(record, indicators.get(record.indicatorCode), lookupIn(index), yearBounds(2025))
 */
export function judgeInYear(
  record: PerformanceRecord,
  indicator: Indicator | undefined,
  entries: EntryLookup,
  bounds: YearBounds,
): ExcludedRecord | ListEntry {
  if (indicator === undefined)
    return exclude(record, "UNKNOWN_INDICATOR", "S1", `考核方案中没有指标 ${record.indicatorCode}`);
  if (record.date < bounds.from || record.date >= bounds.to) {
    return exclude(record, "OUTSIDE_YEAR", "S7", `日期 ${record.date} 不在 ${bounds.year} 年度`);
  }
  if (record.subject.kind !== indicator.subject) {
    return exclude(
      record,
      "SUBJECT_MISMATCH",
      "S1",
      `指标 ${indicator.code} 考核${indicator.subject === "TOWNSHIP" ? "乡镇" : "部门"},记录对象不符`,
    );
  }
  if (record.value.kind !== indicator.method.kind || !valueValid(record)) {
    return exclude(
      record,
      "VALUE_MISMATCH",
      "S8",
      `记录值与指标 ${indicator.code} 的计分方法(${indicator.method.kind})不符或无效`,
    );
  }
  if (record.subject.kind === "TOWNSHIP" && record.townshipCode !== record.subject.code) {
    return exclude(
      record,
      "OTHER_TOWNSHIP",
      "S1",
      `涉及乡镇 ${record.townshipCode} 的事项,不计入乡镇 ${record.subject.code}`,
    );
  }
  if (record.itemCode === null)
    return exclude(record, "OFF_LIST", "S7", `清单外事项「${record.matter ?? ""}」不纳入考核`);
  const entry = entries.inForce(record.townshipCode, record.itemCode, record.date);
  if (entry === null) {
    return exclude(
      record,
      "OFF_LIST",
      "S7",
      `事项 ${record.itemCode} 于 ${record.date} 不在乡镇 ${record.townshipCode} 的清单内`,
    );
  }
  return entryExclusion(record, indicator, entry) ?? entry;
}

/**
 * The last checks of `judgeInYear`, once the entry in force on the record's date is found: why
 * that entry does not make the record count for its subject on the indicator (S1–S4, S7), or
 * `null` when it does. Depends only on the indicator, the subject and the entry, so a series of
 * records on one entry needs it once.
 * @example entryExclusion(record, indicator, entryInForce(index, "QX-CG", "CJ-001", record.date)) // RECLAIMED_BY_THEN
 */
export function entryExclusion(
  record: PerformanceRecord,
  indicator: Indicator,
  entry: ListEntry,
): ExcludedRecord | null {
  if (record.subject.kind === "TOWNSHIP") {
    if (entry.terms.type === "RECLAIMED") {
      return exclude(
        record,
        "RECLAIMED_BY_THEN",
        "S7",
        `事项 ${record.itemCode} 于 ${record.date} 已收回至 ${entry.terms.receivingDepartment},不计入乡镇得分`,
      );
    }
    if (!indicatorBinds(indicator, entry)) {
      return exclude(
        record,
        "NOT_BOUND",
        "S1",
        `事项 ${record.itemCode} 不在指标 ${indicator.code} 绑定的事项内`,
      );
    }
    const track = indicator.track ?? "CORE";
    if (entry.terms.type !== TRACK_LIST_TYPE[track]) {
      return exclude(
        record,
        "WRONG_TRACK",
        track === "CORE" ? "S2" : "S3",
        `事项 ${record.itemCode} 于 ${record.date} 为${LIST_TYPE_NAMES[entry.terms.type]},不计入${track === "CORE" ? "核心" : "协同"}得分`,
      );
    }
  } else {
    const code = record.subject.code;
    const owns =
      (entry.terms.type === "RECLAIMED" && entry.terms.receivingDepartment === code) ||
      (entry.terms.type === "COOPERATIVE" && entry.terms.leadDepartments.includes(code));
    if (!owns) {
      return exclude(
        record,
        "NOT_DEPARTMENTS_ITEM",
        "S4",
        `事项 ${record.itemCode} 于 ${record.date} 未收回至部门 ${code},也非其牵头的配合事项`,
      );
    }
    if (!indicatorBinds(indicator, entry)) {
      return exclude(
        record,
        "NOT_BOUND",
        "S1",
        `事项 ${record.itemCode} 不在指标 ${indicator.code} 绑定的事项内`,
      );
    }
  }
  return null;
}
