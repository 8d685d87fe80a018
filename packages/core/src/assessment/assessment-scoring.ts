// Scoring a county's year (S2–S8): the public result types, and the results assembled per subject.

import { type ExactDecimal, exact, ZERO } from "../base/exact-decimal.ts";
import { ExactRational, RATIONAL_ZERO } from "../base/exact-rational.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { EntryCursor } from "../engine/entry-cursor.ts";
import { type Accumulator, accumulate } from "../engine/scoring-accumulate.ts";
import { applicability, hasPair, type PairSet } from "../engine/scoring-applicability.ts";
import { slotOf, slotTable, slotTally } from "../engine/scoring-slots.ts";
import { buildListIndex, type ListIndex } from "../lists/list-index.ts";
import type { AssessmentPlan, Indicator, TownshipTrack } from "./assessment-plan.ts";
import { type CountyPolicy, DEFAULT_COUNTY_POLICY } from "./county-policy.ts";
import {
  type DeterminedPushDown,
  type ExcludedExecutionInput,
  judgeExecutionInputs,
} from "./execution-inputs.ts";
import { executionTallies, tallyKey } from "./execution-tallies.ts";
import { emptyTally, scoreTally } from "./indicator-scoring.ts";
import type { AssessmentRecords, PerformanceRecord } from "./performance-record.ts";
import { type ExcludedRecord, type IncludedRecord, yearBounds } from "./record-judgement.ts";
import {
  type ExclusionCount,
  exclusionsBySubject,
  exclusionsOf,
  type JudgedEntry,
  judgedEntriesOf,
  type RecordTally,
  seedTallies,
  type TalliedEntries,
} from "./record-tallies.ts";

/** One indicator's score for one subject, with the records (or obligations) behind it. */
export interface IndicatorResult {
  readonly indicator: Indicator;
  /** Whether the indicator concerns this subject at all (e.g. no farmland item in a subdistrict). */
  readonly applicable: boolean;
  readonly points: ExactDecimal;
  /** Exact (S8): a rational until presented. */
  readonly score: ExactRational;
  /** The computation, in Chinese, with its figures. */
  readonly working: string;
  /** How many performance records count (the records themselves may not be listed: `records`). */
  readonly recordCount: number;
  /**
   * The records that count, with their entries, by record id — when scored from records; empty
   * when scored from tallies (`ScoredYear.tallied`), where the store lists them on demand.
   */
  readonly records: readonly IncludedRecord[];
  /** The list entries the counted records were judged on (S7), with how many on each. */
  readonly judgedEntries: readonly JudgedEntry[];
}

/** A township's core or collaborative score (S2, S3). */
export interface TrackScore {
  readonly track: TownshipTrack;
  /** The score presented and ranked: the raw sum, prorated when some indicators do not apply. */
  readonly score: ExactRational;
  readonly raw: ExactRational;
  /** Points of the indicators that apply to this township. */
  readonly applicablePoints: ExactDecimal;
  /** Points of all the plan's indicators of this track. */
  readonly planPoints: ExactDecimal;
}

export interface TownshipAssessment {
  readonly townshipCode: string;
  readonly core: TrackScore;
  readonly collaborative: TrackScore;
  /** Exact (S8): rounded once, when presented; ranked on the presented figure (S9). */
  readonly total: ExactRational;
  readonly indicators: readonly IndicatorResult[];
  /** The excluded records, by record id; empty when scored from tallies (`exclusions` counts them). */
  readonly excluded: readonly ExcludedRecord[];
  /** The excluded records counted by indicator and reason, whether scored from records or tallies. */
  readonly exclusions: readonly ExclusionCount[];
}

export interface DepartmentAssessment {
  readonly departmentCode: string;
  /** The score presented and ranked: the raw sum, prorated when some indicators do not apply. */
  readonly total: ExactRational;
  readonly raw: ExactRational;
  readonly applicablePoints: ExactDecimal;
  readonly planPoints: ExactDecimal;
  readonly indicators: readonly IndicatorResult[];
  /** The excluded records, by record id; empty when scored from tallies (`exclusions` counts them). */
  readonly excluded: readonly ExcludedRecord[];
  readonly exclusions: readonly ExclusionCount[];
  /** Whistles and push-down reports naming this department that do not count, with the reason (S5). */
  readonly excludedExecution: readonly ExcludedExecutionInput[];
}

export interface ScoredYear {
  readonly planId: string;
  readonly year: number;
  readonly townships: readonly TownshipAssessment[];
  readonly departments: readonly DepartmentAssessment[];
  /**
   * Whether scored from tallies (`ScoreAssessmentOptions.tallies`): then no record is held here,
   * and `records` / `excluded` are empty; the counts and sums are the same.
   */
  readonly tallied: boolean;
  /** Every excluded record with its reason (S7), whoever it was about; empty when tallied. */
  readonly excluded: readonly ExcludedRecord[];
  /** Every excluded record counted by subject, indicator and reason. */
  readonly exclusions: readonly ExclusionCount[];
  /** Every whistle and push-down report that does not count, with its reason (S5). */
  readonly excludedExecution: readonly ExcludedExecutionInput[];
}

export interface ScoreAssessmentOptions {
  /**
   * The county's policy (`CountyPolicy`; default `DEFAULT_COUNTY_POLICY`): scoring reads its
   * `notApplicable`.
   */
  readonly policy?: CountyPolicy;
  /**
   * Overrides `policy.notApplicable` — policy, not a rule: how indicators that do not apply to a
   * subject count; `PRORATE` (default) scales the track's score to the plan's points (按比例折算),
   * `EXCLUDE` leaves the points out.
   */
  readonly notApplicable?: "PRORATE" | "EXCLUDE";
  /** A list index already built for the dataset (what-if and benchmarks pass their own). */
  readonly index?: ListIndex;
  /**
   * Push-downs found by stored determinations (A4 violations, `determinedPushDowns`): counted in
   * the departments' S5 deductions without re-entry, once with a report of the same department,
   * township, date and matter.
   */
  readonly determinedPushDowns?: readonly DeterminedPushDown[];
  /**
   * The year's performance records already tallied (S7, S8; the store's `tallyPerformanceRecords`,
   * equal to `tallyRecords`): scored from these instead of `records.performance`, which must then
   * be empty.
   */
  readonly tallies?: readonly RecordTally[];
}

function sum(values: readonly ExactDecimal[]): ExactDecimal {
  return values.reduce((a, b) => a.plus(b), ZERO);
}

function sumExactly(values: readonly ExactRational[]): ExactRational {
  return values.reduce((a, b) => a.plus(b), RATIONAL_ZERO);
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

function runLength(runs: readonly number[]): number {
  let n = 0;
  for (let r = 0; r + 1 < runs.length; r += 2) n += (runs[r + 1] ?? 0) - (runs[r] ?? 0);
  return n;
}

function resultFor(
  subjectCode: string,
  indicator: Indicator,
  acc: Accumulator,
  applicable: PairSet,
  tallied: TalliedEntries | null,
): IndicatorResult {
  const points = exact(indicator.points);
  const binding = indicator.binding;
  // Deductions for push-downs and unattended items apply to every department: none is full marks.
  const alwaysApplies = binding.kind === "LIST_EXECUTION";
  const isApplicable = hasPair(applicable, subjectCode, indicator.code) || alwaysApplies;
  const slot = slotOf(acc.slots, subjectCode, acc.positions.get(indicator.code));
  const tally =
    acc.tallies.get(tallyKey(subjectCode, indicator.code)) ??
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
    ? { score: ExactRational.of(points), working: "本年度无应履行事项或违规记录,得满分" }
    : scoreTally(method, points, tally);
  // The records behind the score are listed when first read: scoring needs only their sums, and
  // a province's year has millions of them (docs/benchmarks.md, B2).
  const runs = (slot < 0 ? undefined : acc.slots.runs[slot]) ?? [];
  const common = {
    indicator,
    applicable: isApplicable,
    points,
    score: isApplicable ? scored.score : RATIONAL_ZERO,
    working: isApplicable ? scored.working : "该指标不涉及本对象",
  };
  if (tallied !== null) {
    const judgedEntries = tallied.get(tallyKey(subjectCode, indicator.code)) ?? [];
    const recordCount = judgedEntries.reduce((n, e) => n + e.recordCount, 0);
    return { ...common, recordCount, records: [], judgedEntries };
  }
  let listed: readonly IncludedRecord[] | undefined;
  let entries: readonly JudgedEntry[] | undefined;
  return {
    ...common,
    recordCount: runLength(runs),
    get records() {
      listed ??= includedRecords(acc.performance, runs, indicator, acc.index);
      return listed;
    },
    get judgedEntries() {
      entries ??= judgedEntriesOf(this.records);
      return entries;
    },
  };
}

/** Sums results; with PRORATE, scales the sum to the plan's points when some do not apply. */
function prorated(results: readonly IndicatorResult[], mode: "PRORATE" | "EXCLUDE") {
  // S8: exact sums of rationals; prorating divides exactly too.
  const raw = sumExactly(results.map((r) => r.score));
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

function newAccumulator(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  positions: ReadonlyMap<string, number>,
  index: ListIndex,
  records: AssessmentRecords,
): Accumulator {
  return {
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
  const acc = newAccumulator(plan, dataset, positions, index, records);
  const excluded: ExcludedRecord[] = [];
  let tallied: ReturnType<typeof seedTallies> | null = null;
  if (options.tallies !== undefined) {
    if (records.performance.length > 0)
      throw new Error("scoreAssessment: both records and their tallies given");
    tallied = seedTallies(options.tallies, dataset, acc);
  } else accumulate(plan, bounds, acc, excluded);
  const exclusions = tallied?.exclusions ?? exclusionsOf(excluded);
  const exclusionsBy = exclusionsBySubject(exclusions);
  const applicable = applicability(plan, dataset, from, to);
  // S5: whistles and push-downs judged against the lists and the ledger of their date.
  const judged = judgeExecutionInputs(records, dataset, index, options.determinedPushDowns ?? []);
  executionTallies(plan, records, judged, from, to, acc.tallies, applicable);
  const inYear = judged.excluded.filter((e) => e.date >= from && e.date < to);
  const mode = options.notApplicable ?? options.policy?.notApplicable ?? DEFAULT_COUNTY_POLICY.notApplicable;
  const byCode = <T extends { readonly code: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const townshipIndicators = byCode(plan.indicators.filter((i) => i.subject === "TOWNSHIP"));
  const departmentIndicators = byCode(plan.indicators.filter((i) => i.subject === "DEPARTMENT"));
  const townships = byCode(dataset.townships).map((township): TownshipAssessment => {
    const results = townshipIndicators.map((i) =>
      resultFor(township.code, i, acc, applicable, tallied?.entries ?? null),
    );
    const core = trackScore("CORE", results, mode);
    const collaborative = trackScore("COLLABORATIVE", results, mode);
    return {
      townshipCode: township.code,
      core,
      collaborative,
      total: core.score.plus(collaborative.score),
      indicators: results,
      excluded: excludedById(acc.excluded.get(township.code) ?? [], acc.excludedInOrder),
      exclusions: exclusionsBy("TOWNSHIP", township.code),
    };
  });
  const departments = byCode(dataset.departments).map((department): DepartmentAssessment => {
    const results = departmentIndicators.map((i) =>
      resultFor(department.code, i, acc, applicable, tallied?.entries ?? null),
    );
    const { score, raw, applicablePoints, planPoints } = prorated(results, mode);
    return {
      departmentCode: department.code,
      total: score,
      raw,
      applicablePoints,
      planPoints,
      indicators: results,
      excluded: excludedById(acc.excluded.get(department.code) ?? [], acc.excludedInOrder),
      exclusions: exclusionsBy("DEPARTMENT", department.code),
      excludedExecution: inYear.filter((e) => e.departmentCode === department.code),
    };
  });
  return {
    planId: plan.id,
    year: plan.year,
    townships,
    departments,
    tallied: tallied !== null,
    excluded: excludedById(excluded, acc.excludedInOrder),
    exclusions,
    excludedExecution: inYear,
  };
}
