import type { AssessmentPlan, Indicator, ScoringMethod, TownshipTrack } from "./assessment-plan.ts";
import { TRACK_LIST_TYPE } from "./assessment-plan.ts";
import { addDays, type IsoDate } from "./calendar-date.ts";
import type { CountyDataset } from "./county-dataset.ts";
import {
  decimalOfUnits,
  decimalUnits,
  type ExactDecimal,
  exact,
  MAX_SUM_UNITS,
  NOT_A_DECIMAL,
  ZERO,
} from "./exact-decimal.ts";
import { emptyTally, type MethodTally, scoreTally } from "./indicator-scoring.ts";
import type { ListEntry } from "./list-entry.ts";
import { buildListIndex, EntryCursor, type ListIndex } from "./list-index.ts";
import type { AssessmentRecords, PerformanceRecord } from "./performance-record.ts";
import {
  type ExcludedRecord,
  entryExclusion,
  type IncludedRecord,
  indicatorBinds,
  judgeInYear,
  type YearBounds,
  yearBounds,
} from "./record-judgement.ts";

/** One indicator's score for one subject, with the records (or obligations) behind it. */
export interface IndicatorResult {
  readonly indicator: Indicator;
  /** Whether the indicator concerns this subject at all (e.g. no farmland item in a subdistrict). */
  readonly applicable: boolean;
  readonly points: ExactDecimal;
  readonly score: ExactDecimal;
  /** The computation, in Chinese, with its figures. */
  readonly working: string;
  readonly records: readonly IncludedRecord[];
}

/** A township's core or collaborative score (S2, S3). */
export interface TrackScore {
  readonly track: TownshipTrack;
  /** The score presented and ranked: the raw sum, prorated when some indicators do not apply. */
  readonly score: ExactDecimal;
  readonly raw: ExactDecimal;
  /** Points of the indicators that apply to this township. */
  readonly applicablePoints: ExactDecimal;
  /** Points of all the plan's indicators of this track. */
  readonly planPoints: ExactDecimal;
}

export interface TownshipAssessment {
  readonly townshipCode: string;
  readonly core: TrackScore;
  readonly collaborative: TrackScore;
  readonly total: ExactDecimal;
  readonly indicators: readonly IndicatorResult[];
  readonly excluded: readonly ExcludedRecord[];
}

export interface DepartmentAssessment {
  readonly departmentCode: string;
  /** The score presented and ranked: the raw sum, prorated when some indicators do not apply. */
  readonly total: ExactDecimal;
  readonly raw: ExactDecimal;
  readonly applicablePoints: ExactDecimal;
  readonly planPoints: ExactDecimal;
  readonly indicators: readonly IndicatorResult[];
  readonly excluded: readonly ExcludedRecord[];
}

export interface ScoredYear {
  readonly planId: string;
  readonly year: number;
  readonly townships: readonly TownshipAssessment[];
  readonly departments: readonly DepartmentAssessment[];
  /** Every excluded record with its reason (S7), whoever it was about. */
  readonly excluded: readonly ExcludedRecord[];
}

export interface ScoreAssessmentOptions {
  /**
   * How indicators that do not apply to a subject count: `PRORATE` (default) scales the track's
   * score to the plan's points (按比例折算), `EXCLUDE` leaves the points out.
   */
  readonly notApplicable?: "PRORATE" | "EXCLUDE";
  /** A list index already built for the dataset (what-if and benchmarks pass their own). */
  readonly index?: ListIndex;
}

function overlapsYear(entry: ListEntry, from: IsoDate, to: IsoDate): boolean {
  return entry.effectiveFrom < to && (entry.effectiveTo === null || entry.effectiveTo > from);
}

function key(subject: string, indicator: string): string {
  return `${subject}\u0000${indicator}`;
}

/**
 * (subject, indicator) pairs, without building a key string per pair: indicator codes by
 * subject. A map of sets rather than a class, so no per-call class shape is built (and thrown
 * away by the next full GC along with the optimised code that relied on it).
 */
type PairSet = Map<string, Set<string>>;

function addPair(pairs: PairSet, subject: string, indicator: string): Set<string> {
  let set = pairs.get(subject);
  if (set === undefined) {
    set = new Set();
    pairs.set(subject, set);
  }
  set.add(indicator);
  return set;
}

function hasPair(pairs: PairSet, subject: string, indicator: string): boolean {
  return pairs.get(subject)?.has(indicator) ?? false;
}

/**
 * What subjects' records add up to on indicators, one slot per (subject, indicator): the tally
 * as exact sums (S8) and the records that count. Kept in typed arrays indexed by slot rather
 * than an object per slot, so the per-record loop touches no object of its own.
 */
interface SlotTable {
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

const UNIT_FIELDS = 3;
const ACHIEVED = 0;
const TARGET = 1;
const GRADED = 2;
const COUNT_FIELDS = 4;
const EVENTS = 0;
const GRADED_COUNT = 1;
const FAILED = 2;
const COUNT = 3;

function slotTable(indicators: number, expected: number): SlotTable {
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
function slotFor(table: SlotTable, subjectCode: string, position: number): number {
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
function slotOf(table: SlotTable, subjectCode: string, position: number | undefined): number {
  if (position === undefined) return -1;
  return (table.bySubject.get(subjectCode)?.[position] ?? 0) - 1;
}

function slotTally(table: SlotTable, slot: number): MethodTally {
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

interface Accumulator {
  readonly slots: SlotTable;
  /** List execution and ratings (S5, S6), per `key(subject, indicator)`. */
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

function sum(values: readonly ExactDecimal[]): ExactDecimal {
  return values.reduce((a, b) => a.plus(b), ZERO);
}

/** Which (subject, indicator) pairs an indicator concerns: from the entries in force during the year. */
function applicability(plan: AssessmentPlan, dataset: CountyDataset, from: IsoDate, to: IsoDate): PairSet {
  const applicable: PairSet = new Map();
  const itemIndicators = plan.indicators.filter(
    (i) => i.binding.kind === "ITEMS" || i.binding.kind === "SELECTOR",
  );
  // Entries come township by township: the last township's set is kept.
  let lastTownship: string | null = null;
  let lastSet: Set<string> | null = null;
  for (const entry of dataset.entries) {
    if (!overlapsYear(entry, from, to)) continue;
    for (const indicator of itemIndicators) {
      if (!indicatorBinds(indicator, entry)) continue;
      const terms = entry.terms;
      if (indicator.subject === "TOWNSHIP") {
        if (terms.type !== TRACK_LIST_TYPE[indicator.track ?? "CORE"]) continue;
        if (lastSet !== null && entry.townshipCode === lastTownship) lastSet.add(indicator.code);
        else {
          lastTownship = entry.townshipCode;
          lastSet = addPair(applicable, entry.townshipCode, indicator.code);
        }
      } else if (terms.type === "RECLAIMED") {
        addPair(applicable, terms.receivingDepartment, indicator.code);
      } else if (terms.type === "COOPERATIVE") {
        for (const lead of terms.leadDepartments) addPair(applicable, lead, indicator.code);
      }
    }
  }
  return applicable;
}

/** The list in record id order: itself when already in order (records load in id order). */
function byRecordId<T extends { readonly id: string }>(list: readonly T[]): readonly T[] {
  for (let i = 1; i < list.length; i++) {
    if ((list[i - 1]?.id ?? "") > (list[i]?.id ?? ""))
      return [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
  return list;
}

/** Excluded records in record id order; `inOrder` when they are known to be. */
function excludedById(list: readonly ExcludedRecord[], inOrder: boolean): readonly ExcludedRecord[] {
  if (inOrder) return list;
  for (let i = 1; i < list.length; i++) {
    if ((list[i - 1]?.record.id ?? "") > (list[i]?.record.id ?? ""))
      return [...list].sort((x, y) => (x.record.id < y.record.id ? -1 : x.record.id > y.record.id ? 1 : 0));
  }
  return list;
}

/** The included records of a slot with the entries that made them count (S7), by record id. */
function includedRecords(
  performance: readonly PerformanceRecord[],
  runs: readonly number[],
  indicator: Indicator,
  index: ListIndex,
): readonly IncludedRecord[] {
  const records: PerformanceRecord[] = [];
  for (let r = 0; r + 1 < runs.length; r += 2) {
    const end = runs[r + 1] ?? 0;
    for (let i = runs[r] ?? 0; i < end; i++) {
      const record = performance[i];
      if (record !== undefined) records.push(record);
    }
  }
  const entries = new EntryCursor(index);
  return byRecordId(records).map((record): IncludedRecord => {
    const entry =
      record.itemCode === null ? null : entries.inForce(record.townshipCode, record.itemCode, record.date);
    if (entry === null) throw new Error(`record ${record.id} counted without an entry in force`);
    return { record, indicator, entry };
  });
}

/** A department's obligations on one indicator, counted as integers (S5). */
interface Counted {
  readonly tally: MethodTally;
  owed: number;
  met: number;
}

/** What `executionTallies` keeps while it counts; module functions rather than closures per call. */
interface ExecutionState {
  readonly tallies: Map<string, MethodTally>;
  readonly applicable: PairSet;
  readonly counted: Counted[];
  /** The current indicator's tallies by department: no key string per obligation. */
  byDepartment: Map<string, Counted>;
}

function tallyOf(state: ExecutionState, department: string, indicator: Indicator): Counted {
  let t = state.byDepartment.get(department);
  if (t === undefined) {
    const k = key(department, indicator.code);
    addPair(state.applicable, department, indicator.code);
    t = { tally: state.tallies.get(k) ?? emptyTally(), owed: 0, met: 0 };
    state.tallies.set(k, t.tally);
    state.byDepartment.set(department, t);
    state.counted.push(t);
  }
  return t;
}

/** An obligation met or missed, in the indicator's method: a ratio of met to owed, or a deduction per miss. */
function obligation(t: Counted, done: boolean): void {
  t.tally.count++;
  t.owed++;
  if (done) t.met++;
  else {
    t.tally.events++;
    t.tally.failed++;
  }
}

/** S5 and S6: a department's list execution and ratings as method tallies, per department. */
function executionTallies(
  plan: AssessmentPlan,
  records: AssessmentRecords,
  from: IsoDate,
  to: IsoDate,
  tallies: Map<string, MethodTally>,
  applicable: PairSet,
): void {
  // Obligations met and owed are counted as integers and become decimals once, at the end: the
  // same exact figures as adding decimal ones, without decimal arithmetic per obligation.
  const state: ExecutionState = { tallies, applicable, counted: [], byDepartment: new Map() };
  for (const indicator of plan.indicators) {
    const binding = indicator.binding;
    if (indicator.subject !== "DEPARTMENT") continue;
    state.byDepartment = new Map();
    if (binding.kind === "TWO_WAY_RATING") {
      // S6: ratings are out of 100; the indicator's points scale them. A score's scaled value is
      // computed once per distinct score text (scores repeat across townships).
      const scaled = new Map<string, ExactDecimal>();
      for (const rating of records.ratings) {
        if (rating.year !== plan.year) continue;
        const t = tallyOf(state, rating.departmentCode, indicator).tally;
        let value = scaled.get(rating.score);
        if (value === undefined) {
          value = exact(rating.score).times(indicator.points).dividedBy(100);
          scaled.set(rating.score, value);
        }
        t.graded = t.graded.plus(value);
        t.gradedCount++;
        t.count++;
      }
    }
    if (binding.kind !== "LIST_EXECUTION") continue;
    switch (binding.aspect) {
      case "GUARANTEES_DELIVERED":
        for (const g of records.guarantees) {
          if (g.dueBy >= from && g.dueBy < to)
            obligation(
              tallyOf(state, g.departmentCode, indicator),
              g.deliveredOn !== null && g.deliveredOn <= g.dueBy,
            );
        }
        break;
      case "WHISTLES_ANSWERED":
        for (const w of records.whistles) {
          if (w.raisedOn < from || w.raisedOn >= to) continue;
          const deadline = addDays(w.raisedOn, w.timeLimitDays);
          obligation(
            tallyOf(state, w.departmentCode, indicator),
            w.answeredOn !== null && w.answeredOn <= deadline,
          );
        }
        break;
      case "UNREGISTERED_PUSH_DOWNS":
        for (const r of records.pushDowns)
          if (r.date >= from && r.date < to) obligation(tallyOf(state, r.departmentCode, indicator), false);
        break;
      case "RECLAIMED_UNATTENDED":
        for (const r of records.unattended)
          if (r.date >= from && r.date < to) obligation(tallyOf(state, r.departmentCode, indicator), false);
        break;
    }
  }
  for (const { tally: t, owed, met } of state.counted) {
    if (owed > 0) t.target = t.target.plus(owed);
    if (met > 0) t.achieved = t.achieved.plus(met);
  }
}

function resultFor(
  subjectCode: string,
  indicator: Indicator,
  acc: Accumulator,
  applicable: PairSet,
): IndicatorResult {
  const points = exact(indicator.points);
  const binding = indicator.binding;
  // Deductions for push-downs and unattended items apply to every department: none is full marks.
  const alwaysApplies = binding.kind === "LIST_EXECUTION";
  const isApplicable = hasPair(applicable, subjectCode, indicator.code) || alwaysApplies;
  const slot = slotOf(acc.slots, subjectCode, acc.positions.get(indicator.code));
  const tally =
    acc.tallies.get(key(subjectCode, indicator.code)) ??
    (slot < 0 ? emptyTally() : slotTally(acc.slots, slot));
  const owedNothing = binding.kind === "LIST_EXECUTION" && tally.count === 0;
  // List execution counts obligations: a ratio of met to owed unless the plan deducts per miss.
  // Ratings are already scaled to the points: their mean is the score.
  const method =
    binding.kind === "TWO_WAY_RATING"
      ? ({ kind: "GRADED" } as const)
      : binding.kind === "LIST_EXECUTION" && indicator.method.kind !== "DEDUCTION"
        ? ({ kind: "RATIO" } as const)
        : indicator.method;
  const scored = owedNothing
    ? { score: points, working: "本年度无应履行事项或违规记录,得满分" }
    : scoreTally(method, points, tally);
  // The records behind the score are listed when first read: scoring needs only their sums, and
  // a province's year has millions of them (docs/benchmarks.md, B2).
  const runs = (slot < 0 ? undefined : acc.slots.runs[slot]) ?? [];
  let listed: readonly IncludedRecord[] | undefined;
  return {
    indicator,
    applicable: isApplicable,
    points,
    score: isApplicable ? scored.score : ZERO,
    working: isApplicable ? scored.working : "该指标不涉及本对象",
    get records() {
      listed ??= includedRecords(acc.performance, runs, indicator, acc.index);
      return listed;
    },
  };
}

/** Sums results; with PRORATE, scales the sum to the plan's points when some do not apply. */
function prorated(results: readonly IndicatorResult[], mode: "PRORATE" | "EXCLUDE") {
  const raw = sum(results.map((r) => r.score));
  const applicablePoints = sum(results.filter((r) => r.applicable).map((r) => r.points));
  const planPoints = sum(results.map((r) => r.points));
  const score =
    mode === "PRORATE" && !applicablePoints.isZero() && !applicablePoints.equals(planPoints)
      ? raw.times(planPoints).dividedBy(applicablePoints)
      : raw;
  return { score, raw, applicablePoints, planPoints };
}

function trackScore(
  track: TownshipTrack,
  results: readonly IndicatorResult[],
  mode: "PRORATE" | "EXCLUDE",
): TrackScore {
  return {
    track,
    ...prorated(
      results.filter((r) => r.indicator.track === track),
      mode,
    ),
  };
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

/**
 * What the current series adds to its slot, kept in locals and written back when the series ends
 * (`flushSeries`): the same sums, counts and runs as adding record by record.
 */
interface SeriesSums {
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
function openSeries(table: SlotTable, sums: SeriesSums, slot: number): void {
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
function flushRun(table: SlotTable, sums: SeriesSums): void {
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
function flushSeries(table: SlotTable, sums: SeriesSums): void {
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
function plusUnits(table: SlotTable, at: number, sum: number, units: number, text: string): number {
  const next = sum + units;
  if (units >= 0 && next <= MAX_SUM_UNITS) return next;
  table.rests[at] = (table.rests[at] ?? ZERO).plus(exact(text));
  return sum;
}

/**
 * S7, S8: judges every performance record against the list of its date and adds those that
 * count to their subject's slot; the others go to `excluded` with their reason.
 */
function accumulate(
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

/**
 * Scores a county's year (S2–S8) from its plan, its lists and its records: each record judged
 * against the list in force on its date (S7); townships' core score from basic items (S2) and
 * collaborative score from cooperative items (S3); departments on the items reclaimed to them
 * (S4), their list execution (S5) and the townships' ratings (S6). Exact decimals throughout; no
 * rounding (S8). Results do not depend on the order of the inputs.
 * @example scoreAssessment(plan, dataset, records).townships[0]?.core.score.toString()
 */
export function scoreAssessment(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  records: AssessmentRecords,
  options: ScoreAssessmentOptions = {},
): ScoredYear {
  const bounds = yearBounds(plan.year);
  const { from, to } = bounds;
  const index = options.index ?? buildListIndex(dataset.entries);
  // Indicators by code (the last of a repeated code wins, as a keyed map would have it).
  const positions = new Map(plan.indicators.map((indicator, position) => [indicator.code, position]));
  const acc: Accumulator = {
    slots: slotTable(
      plan.indicators.length,
      (dataset.townships.length + dataset.departments.length) * plan.indicators.length,
    ),
    tallies: new Map(),
    excluded: new Map(),
    positions,
    index,
    performance: records.performance,
    excludedInOrder: true,
    lastExcludedId: null,
  };
  const excluded: ExcludedRecord[] = [];
  accumulate(plan, bounds, acc, excluded);
  const applicable = applicability(plan, dataset, from, to);
  executionTallies(plan, records, from, to, acc.tallies, applicable);
  const mode = options.notApplicable ?? "PRORATE";
  const byCode = <T extends { readonly code: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const townshipIndicators = byCode(plan.indicators.filter((i) => i.subject === "TOWNSHIP"));
  const departmentIndicators = byCode(plan.indicators.filter((i) => i.subject === "DEPARTMENT"));
  const townships = byCode(dataset.townships).map((township): TownshipAssessment => {
    const results = townshipIndicators.map((i) => resultFor(township.code, i, acc, applicable));
    const core = trackScore("CORE", results, mode);
    const collaborative = trackScore("COLLABORATIVE", results, mode);
    return {
      townshipCode: township.code,
      core,
      collaborative,
      total: core.score.plus(collaborative.score),
      indicators: results,
      excluded: excludedById(acc.excluded.get(township.code) ?? [], acc.excludedInOrder),
    };
  });
  const departments = byCode(dataset.departments).map((department): DepartmentAssessment => {
    const results = departmentIndicators.map((i) => resultFor(department.code, i, acc, applicable));
    const { score, raw, applicablePoints, planPoints } = prorated(results, mode);
    return {
      departmentCode: department.code,
      total: score,
      raw,
      applicablePoints,
      planPoints,
      indicators: results,
      excluded: excludedById(acc.excluded.get(department.code) ?? [], acc.excludedInOrder),
    };
  });
  return {
    planId: plan.id,
    year: plan.year,
    townships,
    departments,
    excluded: excludedById(excluded, acc.excludedInOrder),
  };
}
