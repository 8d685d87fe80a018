import {
  type AssessmentPlan,
  type AssessmentRecords,
  canonicalJson,
  type DepartmentRating,
  exact,
  type IndicatorBinding,
  isDecimalString,
  type PartyRef,
  type PerformanceRecord,
  type RecordValue,
  repeatedRatings,
} from "@dutylist/core";
import type { RatingRow } from "./assessment-records.ts";
import type { AssessmentRows, ParsedAssessment } from "./assessment-sheets.ts";
import type { ColumnKey } from "./format.ts";
import type { IssueLog, SheetRecord } from "./sheet-reader.ts";
import type { CellLocation } from "./sheet-table.ts";

// A workbook's assessment against what is stored: the same workbook imported twice changes nothing.
// Records are facts (immutable once stored); the plan of a year is replaced as a whole.

/**
 * What is stored for the plan's year.
 * @example const stored: StoredAssessment = { plan: await loadAssessmentPlan(db, "QX", 2025), records };
 */
export interface StoredAssessment {
  /** The stored plan of the year, `null` when there is none. */
  readonly plan: AssessmentPlan | null;
  readonly records: Pick<AssessmentRecords, "performance" | "ratings">;
}

/**
 * What an import has to write: nothing that is stored already.
 * @example reconcileAssessment(parsed, stored, log).unchanged // { performance: 126, ratings: 60 }
 */
export interface AssessmentReconciliation {
  /** The workbook's plan when it is new or differs from the stored plan of its year; else `null`. */
  readonly planToSave: AssessmentPlan | null;
  readonly newPerformance: readonly PerformanceRecord[];
  readonly newRatings: readonly DepartmentRating[];
  /** Rows already stored with the same content, skipped. */
  readonly unchanged: { readonly performance: number; readonly ratings: number };
}

/** Decimals compare by value: `"90"` equals `"90.0"` (S8). */
function decimalKey(text: string): string {
  return isDecimalString(text) ? exact(text).toFixed() : text;
}

function bindingKey(binding: IndicatorBinding): IndicatorBinding {
  return binding.kind === "ITEMS"
    ? { kind: "ITEMS", itemCodes: [...new Set(binding.itemCodes)].sort() }
    : binding;
}

function byCode<T extends { readonly code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** A plan as compared: decimals by value, order of headings, indicators and bound items aside. */
function planKey(plan: AssessmentPlan): string {
  const indicators = [...plan.indicators].sort(byCode).map((i) => ({
    ...i,
    points: decimalKey(i.points),
    method:
      i.method.kind === "DEDUCTION" ? { ...i.method, perEvent: decimalKey(i.method.perEvent) } : i.method,
    binding: bindingKey(i.binding),
  }));
  return canonicalJson({ ...plan, firstLevel: [...plan.firstLevel].sort(byCode), indicators });
}

function sheetOf(rows: AssessmentRows): CellLocation {
  return rows.indicatorSheet ?? { file: rows.source, sheet: "", row: null, column: null, header: null };
}

/** Stored records keep their indicator, its method and its subject: a plan may not pull them away. */
function checkStoredRecords(
  plan: AssessmentPlan,
  stored: readonly PerformanceRecord[],
  rows: AssessmentRows,
  log: IssueLog,
): void {
  const from = `${plan.year}-01-01`;
  const to = `${plan.year + 1}-01-01`;
  const byIndicator = new Map<string, PerformanceRecord[]>();
  for (const record of stored) {
    if (record.date < from || record.date >= to) continue;
    byIndicator.set(record.indicatorCode, [...(byIndicator.get(record.indicatorCode) ?? []), record]);
  }
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  for (const [code, records] of byIndicator) {
    const sample = `${records.length} 条考核记录(如 ${records
      .slice(0, 3)
      .map((r) => r.id)
      .join("、")})`;
    const indicator = indicators.get(code);
    const row = rows.indicators.get(code);
    if (indicator === undefined) {
      log.add(
        "PLAN_INVALID",
        sheetOf(rows),
        `考核方案删去了指标 ${code},但库中已有${sample}使用该指标:考核记录入库后不能修改,请保留该指标`,
      );
    } else if (records.some((r) => r.value.kind !== indicator.method.kind)) {
      log.add(
        "PLAN_INVALID",
        row?.at("method") ?? sheetOf(rows),
        `指标 ${code} 的计分方法改为 ${indicator.method.kind},但库中${sample}按原计分方法记录:请保留原计分方法`,
        "S8",
      );
    } else if (records.some((r) => r.subject.kind !== indicator.subject)) {
      log.add(
        "PLAN_INVALID",
        row?.at("subject") ?? sheetOf(rows),
        `指标 ${code} 的考核对象改变,但库中${sample}按原考核对象记录:请保留原考核对象`,
      );
    }
  }
}

function reconcilePlan(
  parsed: ParsedAssessment,
  stored: StoredAssessment,
  log: IssueLog,
): AssessmentPlan | null {
  const plan = parsed.plan;
  if (plan === null) return null;
  const previous = stored.plan?.year === plan.year ? stored.plan : null;
  if (previous !== null && previous.id !== plan.id) {
    log.add(
      "PLAN_INVALID",
      sheetOf(parsed.rows),
      `${plan.year} 年度已有考核方案 ${previous.id}「${previous.title}」,本表为 ${plan.id}:每县每年一个考核方案,请将清单信息的“考核方案编号”改为 ${previous.id}`,
    );
    return null;
  }
  if (previous !== null && planKey(previous) === planKey(plan)) return null;
  checkStoredRecords(plan, stored.records.performance, parsed.rows, log);
  return plan;
}

/** One field that differs between a stored row and the workbook's, by its column. */
interface Difference<K extends string = string> {
  readonly key: K;
  readonly stored: string;
  readonly read: string;
}

function text(value: string | number | boolean | null): string {
  if (value === null) return "(空)";
  if (typeof value === "boolean") return value ? "是" : "否";
  return String(value);
}

function partyText(party: PartyRef): string {
  return `${party.kind === "TOWNSHIP" ? "乡镇(街道)" : "部门"} ${party.code}`;
}

function valueText(value: RecordValue): string {
  switch (value.kind) {
    case "RATIO":
      return `${value.achieved}/${value.target}`;
    case "DEDUCTION":
      return `${value.events} 次`;
    case "GRADED":
      return value.score;
    case "PASS_FAIL":
      return text(value.passed);
  }
}

const FIRST_VALUE_COLUMN = {
  RATIO: "achieved",
  DEDUCTION: "events",
  GRADED: "score",
  PASS_FAIL: "passed",
} as const;

function valueDifferences(stored: RecordValue, read: RecordValue): Difference<ColumnKey<"records">>[] {
  if (stored.kind !== read.kind || stored.kind === "PASS_FAIL" || stored.kind === "DEDUCTION") {
    const same = canonicalJson(stored) === canonicalJson(read);
    return same
      ? []
      : [{ key: FIRST_VALUE_COLUMN[read.kind], stored: valueText(stored), read: valueText(read) }];
  }
  const pairs: [ColumnKey<"records">, string, string][] =
    stored.kind === "RATIO" && read.kind === "RATIO"
      ? [
          ["achieved", stored.achieved, read.achieved],
          ["target", stored.target, read.target],
        ]
      : stored.kind === "GRADED" && read.kind === "GRADED"
        ? [["score", stored.score, read.score]]
        : [];
  return pairs
    .filter(([, a, b]) => decimalKey(a) !== decimalKey(b))
    .map(([key, a, b]) => ({ key, stored: a, read: b }));
}

function differences<K extends string>(
  fields: readonly [K, string | number | boolean | null, string | number | boolean | null][],
): Difference<K>[] {
  return fields.filter(([, a, b]) => a !== b).map(([key, a, b]) => ({ key, stored: text(a), read: text(b) }));
}

function performanceDifferences(
  stored: PerformanceRecord,
  read: PerformanceRecord,
): Difference<ColumnKey<"records">>[] {
  return [
    ...differences([
      ["indicatorCode", stored.indicatorCode, read.indicatorCode],
      ["subject", partyText(stored.subject), partyText(read.subject)],
      ["township", stored.townshipCode, read.townshipCode],
      ["itemCode", stored.itemCode, read.itemCode],
      ["matter", stored.matter, read.matter],
      ["date", stored.date, read.date],
    ]),
    ...valueDifferences(stored.value, read.value),
  ];
}

function ratingDifferences(
  stored: DepartmentRating,
  read: DepartmentRating,
): Difference<ColumnKey<"ratings">>[] {
  return [
    ...differences([
      ["year", stored.year, read.year],
      ["township", stored.townshipCode, read.townshipCode],
      ["department", stored.departmentCode, read.departmentCode],
    ]),
    ...(decimalKey(stored.score) === decimalKey(read.score)
      ? []
      : [{ key: "score" as const, stored: stored.score, read: read.score }]),
  ];
}

/**
 * Keeps the rows not stored yet; a stored id with other content is a DOMAIN issue at the first
 * cell that differs, naming every difference (records are facts: never rewritten).
 */
function newRows<T extends { readonly id: string }, K extends string>(
  read: readonly T[],
  stored: readonly T[],
  differ: (stored: T, read: T) => Difference<K>[],
  rows: ReadonlyMap<string, SheetRecord<K | "id">>,
  fallback: CellLocation,
  log: IssueLog,
): { fresh: T[]; unchanged: number } {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const fresh: T[] = [];
  let unchanged = 0;
  for (const row of read) {
    const previous = byId.get(row.id);
    if (previous === undefined) {
      fresh.push(row);
      continue;
    }
    const diffs = differ(previous, row);
    if (diffs.length === 0) {
      unchanged++;
      continue;
    }
    const record = rows.get(row.id);
    const named = diffs.map(
      (d) => `${record?.at(d.key).header ?? d.key}库中为“${d.stored}”,表中为“${d.read}”`,
    );
    log.add(
      "DOMAIN",
      record?.at(diffs[0]?.key ?? "id") ?? fallback,
      `记录 ${row.id} 已入库,内容与库中不同(${named.join(";")}):考核记录是已发生的事实,入库后不能修改`,
    );
  }
  return { fresh, unchanged };
}

/**
 * Drops (and logs at its row) a new rating whose township, department and year already have a
 * rating, stored or earlier in the sheet (`repeatedRatings`, S6), so that nothing is written and
 * the row is named.
 */
function ratingsNotTaken(
  fresh: readonly DepartmentRating[],
  stored: readonly DepartmentRating[],
  rows: ReadonlyMap<string, RatingRow>,
  fallback: CellLocation,
  log: IssueLog,
): DepartmentRating[] {
  const repeated = repeatedRatings(fresh, stored);
  for (const { rating, message } of repeated)
    log.add("DUPLICATE_CODE", rows.get(rating.id)?.at("id") ?? fallback, message, "S6");
  const dropped = new Set(repeated.map((r) => r.index));
  return fresh.filter((_, i) => !dropped.has(i));
}

/**
 * What importing a parsed workbook changes: the plan when it differs from the stored plan of its
 * year (compared by value: `"15"` equals `"15.00"`; order aside), and the records and ratings not
 * stored yet. A stored id with other content, a plan of the year under another id, and a plan
 * that drops an indicator (or changes its method or subject) that stored records use are logged.
 * Importing the same workbook twice changes nothing.
 * @example
 * const { planToSave, newPerformance, unchanged } = reconcileAssessment(parsed, { plan, records }, log);
 * planToSave // null: the same plan is stored
 */
export function reconcileAssessment(
  parsed: ParsedAssessment,
  stored: StoredAssessment,
  log: IssueLog,
): AssessmentReconciliation {
  const fallback = sheetOf(parsed.rows);
  const planToSave = reconcilePlan(parsed, stored, log);
  const performance = newRows(
    parsed.performance,
    stored.records.performance,
    performanceDifferences,
    parsed.rows.performance,
    fallback,
    log,
  );
  const ratings = newRows(
    parsed.ratings,
    stored.records.ratings,
    ratingDifferences,
    parsed.rows.ratings,
    fallback,
    log,
  );
  const newRatings = ratingsNotTaken(
    ratings.fresh,
    stored.records.ratings,
    parsed.rows.ratings,
    fallback,
    log,
  );
  return {
    planToSave,
    newPerformance: performance.fresh,
    newRatings,
    unchanged: { performance: performance.unchanged, ratings: ratings.unchanged },
  };
}
