// Scoring's record loop (S7, S8): each record judged on the list of its date, summed or excluded.
import type { AssessmentPlan, Indicator, ScoringMethod } from "../assessment/assessment-plan.ts";
import type { MethodTally } from "../assessment/indicator-scoring.ts";
import type { PerformanceRecord } from "../assessment/performance-record.ts";
import {
  type ExcludedRecord,
  entryExclusion,
  judgeInYear,
  type YearBounds,
} from "../assessment/record-judgement.ts";
import { decimalUnits, NOT_A_DECIMAL } from "../base/exact-decimal.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import { EntryCursor, type ListIndex } from "../lists/list-index.ts";
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
 * S7, S8: judges every performance record against the list of its date and adds those that
 * count to their subject's slot; the others go to `excluded` with their reason.
 */
export function accumulate(
  plan: AssessmentPlan,
  bounds: YearBounds,
  acc: Accumulator,
  excluded: ExcludedRecord[],
): void {
  const { positions, index, slots: table } = acc;
  const performance = acc.performance;
  const { from, to } = bounds;
  const entries = new EntryCursor(index);
  // Records come in series (one subject, indicator, township and item, over the year): what
  // depends only on the series — the indicator, the subject's checks, the item's entries, the
  // slot — is looked up once per series, and an entry's verdict once per entry (S7).
  let indicatorCode: string | null = null;
  let subjectKind: string | null = null;
  let subjectCode: string | null = null;
  let townshipCode: string | null = null;
  let itemCode: string | null = null;
  let indicator: Indicator | undefined;
  let position = -1;
  let method: ScoringMethod["kind"] | null = null;
  let group: readonly ListEntry[] | undefined;
  let groupTownship: string | null = null;
  let groupItem: string | null = null;
  let itemEntries: readonly ListEntry[] | undefined;
  // The usual series has one entry: it is in force within the year exactly on [lo, hi).
  let single: ListEntry | null = null;
  let lo = from;
  let hi = to;
  let lastEntry: ListEntry | null = null;
  let lastEntryCounts = false;
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
  // S7: each record judged once against the list of its date, then added to its subject's slot;
  // whatever fails a check is judged again in full, for the reason it is excluded.
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
        method = indicator?.method.kind ?? null;
      }
      subjectKind = subject.kind;
      subjectCode = subject.code;
      townshipCode = record.townshipCode;
      itemCode = record.itemCode;
      const fits =
        indicator !== undefined &&
        subject.kind === indicator.subject &&
        (subject.kind !== "TOWNSHIP" || townshipCode === subject.code);
      if (!fits || itemCode === null) group = undefined;
      else {
        if (townshipCode !== groupTownship || itemCode !== groupItem) {
          // Series of one item alternate between the indicators that bind it: its entries are
          // looked up once for them all.
          groupTownship = townshipCode;
          groupItem = itemCode;
          itemEntries = index.byTownship.get(townshipCode)?.get(itemCode);
        }
        group = itemEntries;
      }
      single = group !== undefined && group.length === 1 ? (group[0] ?? null) : null;
      if (single !== null) {
        // In the year and in force: from ≤ date < to and effectiveFrom ≤ date < effectiveTo,
        // i.e. the later start and the earlier end (dates compare as strings).
        lo = from;
        if (single.effectiveFrom > from) lo = single.effectiveFrom;
        hi = to;
        if (single.effectiveTo !== null && single.effectiveTo < to) hi = single.effectiveTo;
      }
      lastEntry = null;
    }
    const date = record.date;
    let entry: ListEntry | null = null;
    if (single !== null) {
      if (date >= lo && date < hi) entry = single;
    } else if (group !== undefined && date >= from && date < to) {
      for (const candidate of group) {
        if (candidate.effectiveFrom > date) break;
        if (candidate.effectiveTo === null || date < candidate.effectiveTo) {
          entry = candidate;
          break;
        }
      }
    }
    if (entry === null || indicator === undefined) {
      exclude(record, plan, acc, entries, bounds, excluded);
      continue;
    }
    if (entry !== lastEntry) {
      lastEntry = entry;
      lastEntryCounts = entryExclusion(record, indicator, entry) === null;
    }
    const value = record.value;
    if (!lastEntryCounts || value.kind !== method) {
      exclude(record, plan, acc, entries, bounds, excluded);
      continue;
    }
    // S8: the value checked and measured in one pass, then added to exact sums.
    if (value.kind === "RATIO") {
      const achieved = decimalUnits(value.achieved);
      const target = decimalUnits(value.target);
      if (achieved === NOT_A_DECIMAL || target === NOT_A_DECIMAL) {
        exclude(record, plan, acc, entries, bounds, excluded);
        continue;
      }
      if (sums.slot < 0) openSeries(table, sums, slotFor(table, subject.code, position));
      const u = sums.slot * UNIT_FIELDS;
      sums.achieved = plusUnits(table, u + ACHIEVED, sums.achieved, achieved, value.achieved);
      sums.target = plusUnits(table, u + TARGET, sums.target, target, value.target);
    } else if (value.kind === "DEDUCTION") {
      if (!Number.isInteger(value.events) || value.events < 0) {
        exclude(record, plan, acc, entries, bounds, excluded);
        continue;
      }
      if (sums.slot < 0) openSeries(table, sums, slotFor(table, subject.code, position));
      sums.events += value.events;
    } else if (value.kind === "GRADED") {
      const score = decimalUnits(value.score);
      if (score === NOT_A_DECIMAL) {
        exclude(record, plan, acc, entries, bounds, excluded);
        continue;
      }
      if (sums.slot < 0) openSeries(table, sums, slotFor(table, subject.code, position));
      sums.graded = plusUnits(table, sums.slot * UNIT_FIELDS + GRADED, sums.graded, score, value.score);
      sums.gradedCount++;
    } else {
      if (sums.slot < 0) openSeries(table, sums, slotFor(table, subject.code, position));
      if (!value.passed) sums.failed++;
    }
    // The record counts: it extends the open run of positions, or starts one.
    if (sums.runEnd !== i) {
      flushRun(table, sums);
      sums.runStart = i;
    }
    sums.runEnd = i + 1;
  }
  flushSeries(table, sums);
}

/** Why a record that failed a check of `accumulate` is excluded (S7), kept with the others. */
function exclude(
  record: PerformanceRecord,
  plan: AssessmentPlan,
  acc: Accumulator,
  entries: EntryCursor,
  bounds: YearBounds,
  excluded: ExcludedRecord[],
): void {
  const indicator = plan.indicators[acc.positions.get(record.indicatorCode) ?? -1];
  const judged = judgeInYear(record, indicator, entries, bounds);
  if (!("reason" in judged)) throw new Error(`record ${record.id} judged twice, differently`);
  excluded.push(judged);
  if (acc.lastExcludedId !== null && acc.lastExcludedId > record.id) acc.excludedInOrder = false;
  acc.lastExcludedId = record.id;
  const list = acc.excluded.get(record.subject.code);
  if (list === undefined) acc.excluded.set(record.subject.code, [judged]);
  else list.push(judged);
}
