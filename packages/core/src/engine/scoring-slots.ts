// The per-(subject, indicator) slot table scoring sums records into (S8), and a series' running sums.

import type { MethodTally } from "../assessment/indicator-scoring.ts";
import { decimalOfUnits, type ExactDecimal, exact, MAX_SUM_UNITS, ZERO } from "../base/exact-decimal.ts";

/**
 * What subjects' records add up to on indicators, one slot per (subject, indicator): the tally
 * as exact sums (S8) and the records that count. Kept in typed arrays indexed by slot rather
 * than an object per slot, so the per-record loop touches no object of its own.
 */
export interface SlotTable {
  used: number;
  /** Per slot, sums of achieved, target and graded values in millionths (`DecimalSum`'s integer part). */
  units: Float64Array;
  /** Per slot, what only a decimal could sum of achieved, target and graded (or null). */
  readonly rests: (ExactDecimal | null)[];
  /** Per slot: events, graded count, failed, count. */
  counts: Float64Array;
  /**
   * Per slot, the records that count, as runs `[start, end)` of positions in the scored records
   * (flat pairs), in input order: records come in series, so a run per series rather than a
   * reference per record (a province's year has millions). Read, and their entries looked up
   * again, only when listed.
   */
  readonly runs: number[][];
  /** Per subject code, the slot of each indicator of the plan (by position) plus one; 0 for none yet. */
  readonly bySubject: Map<string, Int32Array>;
  readonly indicators: number;
}

// A slot's fields in `units` and in `counts`.
export const UNIT_FIELDS = 3;
export const ACHIEVED = 0;
export const TARGET = 1;
export const GRADED = 2;
const COUNT_FIELDS = 4;
const EVENTS = 0;
const GRADED_COUNT = 1;
const FAILED = 2;
const COUNT = 3;

export function slotTable(indicators: number, expected: number): SlotTable {
  const capacity = Math.max(16, expected);
  return {
    used: 0,
    units: new Float64Array(capacity * UNIT_FIELDS),
    rests: [],
    counts: new Float64Array(capacity * COUNT_FIELDS),
    runs: [],
    bySubject: new Map(),
    indicators,
  };
}

/** The subject's slot for the indicator at `position`, created on its first record. */
export function slotFor(table: SlotTable, subjectCode: string, position: number): number {
  let slots = table.bySubject.get(subjectCode);
  if (slots === undefined) {
    slots = new Int32Array(table.indicators);
    table.bySubject.set(subjectCode, slots);
  }
  const known = slots[position] ?? 0;
  if (known > 0) return known - 1;
  const slot = table.used++;
  if (slot * COUNT_FIELDS >= table.counts.length) {
    const units = new Float64Array(table.units.length * 2);
    units.set(table.units);
    table.units = units;
    const counts = new Float64Array(table.counts.length * 2);
    counts.set(table.counts);
    table.counts = counts;
  }
  table.rests.push(null, null, null);
  table.runs.push([]);
  slots[position] = slot + 1;
  return slot;
}

/** The slot of the subject on the indicator at `position`, or -1. */
export function slotOf(table: SlotTable, subjectCode: string, position: number | undefined): number {
  if (position === undefined) return -1;
  return (table.bySubject.get(subjectCode)?.[position] ?? 0) - 1;
}

export function slotTally(table: SlotTable, slot: number): MethodTally {
  const u = slot * UNIT_FIELDS;
  const c = slot * COUNT_FIELDS;
  const { units, rests, counts } = table;
  return {
    achieved: decimalOfUnits(units[u + ACHIEVED] ?? 0, rests[u + ACHIEVED] ?? null),
    target: decimalOfUnits(units[u + TARGET] ?? 0, rests[u + TARGET] ?? null),
    events: counts[c + EVENTS] ?? 0,
    graded: decimalOfUnits(units[u + GRADED] ?? 0, rests[u + GRADED] ?? null),
    gradedCount: counts[c + GRADED_COUNT] ?? 0,
    failed: counts[c + FAILED] ?? 0,
    count: counts[c + COUNT] ?? 0,
  };
}

/**
 * What the current series adds to its slot, kept in locals and written back when the series ends
 * (`flushSeries`): the same sums, counts and runs as adding record by record.
 */
export interface SeriesSums {
  slot: number;
  achieved: number;
  target: number;
  graded: number;
  events: number;
  gradedCount: number;
  failed: number;
  /** The run of record positions `[runStart, runEnd)` not yet written to the slot's runs. */
  runStart: number;
  runEnd: number;
}

/** Starts adding to `slot`: its sums so far. */
export function openSeries(table: SlotTable, sums: SeriesSums, slot: number): void {
  const u = slot * UNIT_FIELDS;
  const c = slot * COUNT_FIELDS;
  sums.slot = slot;
  sums.achieved = table.units[u + ACHIEVED] ?? 0;
  sums.target = table.units[u + TARGET] ?? 0;
  sums.graded = table.units[u + GRADED] ?? 0;
  sums.events = table.counts[c + EVENTS] ?? 0;
  sums.gradedCount = table.counts[c + GRADED_COUNT] ?? 0;
  sums.failed = table.counts[c + FAILED] ?? 0;
  sums.runStart = 0;
  sums.runEnd = 0;
}

/** Writes the open run of record positions to the slot's runs, joining the last run it continues. */
export function flushRun(table: SlotTable, sums: SeriesSums): void {
  if (sums.runEnd === sums.runStart) return;
  const c = sums.slot * COUNT_FIELDS + COUNT;
  table.counts[c] = (table.counts[c] ?? 0) + (sums.runEnd - sums.runStart);
  const runs = table.runs[sums.slot];
  if (runs !== undefined) {
    const last = runs.length - 1;
    if (last > 0 && runs[last] === sums.runStart) runs[last] = sums.runEnd;
    else runs.push(sums.runStart, sums.runEnd);
  }
  sums.runStart = sums.runEnd;
}

/** Writes what the series added back to its slot. */
export function flushSeries(table: SlotTable, sums: SeriesSums): void {
  if (sums.slot < 0) return;
  flushRun(table, sums);
  const u = sums.slot * UNIT_FIELDS;
  const c = sums.slot * COUNT_FIELDS;
  table.units[u + ACHIEVED] = sums.achieved;
  table.units[u + TARGET] = sums.target;
  table.units[u + GRADED] = sums.graded;
  table.counts[c + EVENTS] = sums.events;
  table.counts[c + GRADED_COUNT] = sums.gradedCount;
  table.counts[c + FAILED] = sums.failed;
  sums.slot = -1;
}

/**
 * Adds a value text measured by `decimalUnits` to a running sum of millionths, as
 * `DecimalSum#addUnits` does: the new sum, or the same sum when the text went to the slot's
 * decimal rest (`at`) instead.
 */
export function plusUnits(table: SlotTable, at: number, sum: number, units: number, text: string): number {
  const next = sum + units;
  if (units >= 0 && next <= MAX_SUM_UNITS) return next;
  table.rests[at] = (table.rests[at] ?? ZERO).plus(exact(text));
  return sum;
}
