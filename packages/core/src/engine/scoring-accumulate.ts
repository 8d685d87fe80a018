// Scoring's record loop (S7, S8): each record judged on the list of its date, summed or excluded.
import type { AssessmentPlan, Indicator } from "../assessment/assessment-plan.ts";
import type { MethodTally } from "../assessment/indicator-scoring.ts";
import type { PerformanceRecord } from "../assessment/performance-record.ts";
import { type ExcludedRecord, judgeInYear, type YearBounds } from "../assessment/record-judgement.ts";
import { decimalUnits, NOT_A_DECIMAL } from "../base/exact-decimal.ts";
import type { ListIndex } from "../lists/list-index.ts";
import { EntryCursor } from "./entry-cursor.ts";
import {
  ACHIEVED,
  flushRun,
  flushSeries,
  GRADED,
  openSeries,
  plusUnits,
  type SeriesSums,
  type SlotTable,
  slotFor,
  TARGET,
  UNIT_FIELDS,
} from "./scoring-slots.ts";

/** What the record loop fills (slots, exclusions) and reads; execution tallies are added after it. */
export interface Accumulator {
  readonly slots: SlotTable;
  /** List execution and ratings (S5, S6), per `tallyKey(subject, indicator)`. */
  readonly tallies: Map<string, MethodTally>;
  readonly excluded: Map<string, ExcludedRecord[]>;
  readonly positions: ReadonlyMap<string, number>;
  readonly index: ListIndex;
  /** The scored records, which slots' runs point into. */
  readonly performance: readonly PerformanceRecord[];
  /**
   * Whether the excluded records so far are in record id order, and the last one's id: checked
   * as each is excluded (its record at hand), so that listing them needs no pass over cold
   * records. Every subject's list is a part of the whole, so in order when the whole is.
   */
  excludedInOrder: boolean;
  lastExcludedId: string | null;
}

/**
 * S7, S8: judges every performance record against the list of its date (`judgeInYear`, the
 * definition of S7, once per record) and adds those that count to their subject's slot; the
 * others go to `excluded` with their reason.
 */
export function accumulate(
  plan: AssessmentPlan,
  bounds: YearBounds,
  acc: Accumulator,
  excluded: ExcludedRecord[],
): void {
  const { positions, index, slots: table } = acc;
  const performance = acc.performance;
  const entries = new EntryCursor(index);
  // Records come in series (one subject, indicator, township and item, over the year): the
  // indicator and the slot are looked up once per series, and the series' sums kept in locals.
  let indicatorCode: string | null = null;
  let subjectKind: string | null = null;
  let subjectCode: string | null = null;
  let townshipCode: string | null = null;
  let itemCode: string | null = null;
  let indicator: Indicator | undefined;
  let position = -1;
  const sums: SeriesSums = {
    slot: -1,
    achieved: 0,
    target: 0,
    graded: 0,
    events: 0,
    gradedCount: 0,
    failed: 0,
    runStart: 0,
    runEnd: 0,
  };
  for (let i = 0; i < performance.length; i++) {
    const record = performance[i];
    if (record === undefined) continue;
    const subject = record.subject;
    if (
      record.indicatorCode !== indicatorCode ||
      subject.code !== subjectCode ||
      subject.kind !== subjectKind ||
      record.townshipCode !== townshipCode ||
      record.itemCode !== itemCode
    ) {
      flushSeries(table, sums);
      if (record.indicatorCode !== indicatorCode) {
        indicatorCode = record.indicatorCode;
        position = positions.get(indicatorCode) ?? -1;
        indicator = plan.indicators[position];
      }
      subjectKind = subject.kind;
      subjectCode = subject.code;
      townshipCode = record.townshipCode;
      itemCode = record.itemCode;
    }
    // S7: the record judged against the list of its date.
    const judged = judgeInYear(record, indicator, entries, bounds);
    if ("reason" in judged) {
      exclude(record, acc, judged, excluded);
      continue;
    }
    // S8: the value (valid, as judged) added to exact sums.
    if (sums.slot < 0) openSeries(table, sums, slotFor(table, subject.code, position));
    addValue(table, sums, record.value);
    // The record counts: it extends the open run of positions, or starts one.
    if (sums.runEnd !== i) {
      flushRun(table, sums);
      sums.runStart = i;
    }
    sums.runEnd = i + 1;
  }
  flushSeries(table, sums);
}

/** A value text `judgeInYear` accepted, in millionths (`decimalUnits`); it cannot be invalid here. */
function unitsOf(text: string): number {
  const units = decimalUnits(text);
  if (units === NOT_A_DECIMAL) throw new Error(`value ${text} judged valid but not a plain decimal`);
  return units;
}

/** An excluded record (S7), kept with the others and under its subject. */
function exclude(
  record: PerformanceRecord,
  acc: Accumulator,
  judged: ExcludedRecord,
  excluded: ExcludedRecord[],
): void {
  excluded.push(judged);
  if (acc.lastExcludedId !== null && acc.lastExcludedId > record.id) acc.excludedInOrder = false;
  acc.lastExcludedId = record.id;
  const list = acc.excluded.get(record.subject.code);
  if (list === undefined) acc.excluded.set(record.subject.code, [judged]);
  else list.push(judged);
}

/** S8: a record's value (valid, as judged) added to its series' exact sums and counts. */
function addValue(table: SlotTable, sums: SeriesSums, value: PerformanceRecord["value"]): void {
  if (value.kind === "RATIO") {
    const u = sums.slot * UNIT_FIELDS;
    sums.achieved = plusUnits(table, u + ACHIEVED, sums.achieved, unitsOf(value.achieved), value.achieved);
    sums.target = plusUnits(table, u + TARGET, sums.target, unitsOf(value.target), value.target);
  } else if (value.kind === "DEDUCTION") {
    sums.events += value.events;
  } else if (value.kind === "GRADED") {
    const at = sums.slot * UNIT_FIELDS + GRADED;
    sums.graded = plusUnits(table, at, sums.graded, unitsOf(value.score), value.score);
    sums.gradedCount++;
  } else if (!value.passed) sums.failed++;
}
