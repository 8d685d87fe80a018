import type { AssessmentPlan, Indicator, TownshipTrack } from "./assessment-plan.ts";
import { TRACK_LIST_TYPE } from "./assessment-plan.ts";
import { addDays, type IsoDate, isoDate } from "./calendar-date.ts";
import type { CountyDataset } from "./county-dataset.ts";
import { type ExactDecimal, exact, ZERO } from "./exact-decimal.ts";
import { addToTally, emptyTally, type MethodTally, scoreTally } from "./indicator-scoring.ts";
import type { ListEntry } from "./list-entry.ts";
import { buildListIndex, type ListIndex } from "./list-index.ts";
import type { AssessmentRecords } from "./performance-record.ts";
import { type ExcludedRecord, type IncludedRecord, indicatorBinds, judgeRecord } from "./record-judgement.ts";

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

interface Accumulator {
  tallies: Map<string, MethodTally>;
  included: Map<string, IncludedRecord[]>;
  excluded: Map<string, ExcludedRecord[]>;
}

function sum(values: readonly ExactDecimal[]): ExactDecimal {
  return values.reduce((a, b) => a.plus(b), ZERO);
}

/** Which (subject, indicator) pairs an indicator concerns: from the entries in force during the year. */
function applicability(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  from: IsoDate,
  to: IsoDate,
): Set<string> {
  const applicable = new Set<string>();
  const itemIndicators = plan.indicators.filter(
    (i) => i.binding.kind === "ITEMS" || i.binding.kind === "SELECTOR",
  );
  for (const entry of dataset.entries) {
    if (!overlapsYear(entry, from, to)) continue;
    for (const indicator of itemIndicators) {
      if (!indicatorBinds(indicator, entry)) continue;
      const terms = entry.terms;
      if (indicator.subject === "TOWNSHIP") {
        if (terms.type === TRACK_LIST_TYPE[indicator.track ?? "CORE"])
          applicable.add(key(entry.townshipCode, indicator.code));
      } else if (terms.type === "RECLAIMED") {
        applicable.add(key(terms.receivingDepartment, indicator.code));
      } else if (terms.type === "COOPERATIVE") {
        for (const lead of terms.leadDepartments) applicable.add(key(lead, indicator.code));
      }
    }
  }
  return applicable;
}

/** S5 and S6: a department's list execution and ratings as method tallies, per department. */
function executionTallies(
  plan: AssessmentPlan,
  records: AssessmentRecords,
  from: IsoDate,
  to: IsoDate,
  tallies: Map<string, MethodTally>,
  applicable: Set<string>,
): void {
  const inYear = (date: IsoDate) => date >= from && date < to;
  const tally = (department: string, indicator: Indicator) => {
    const k = key(department, indicator.code);
    applicable.add(k);
    let t = tallies.get(k);
    if (t === undefined) {
      t = emptyTally();
      tallies.set(k, t);
    }
    return t;
  };
  // An obligation met or missed, in the indicator's method: a ratio of met to owed, or a
  // deduction per miss.
  const obligation = (t: MethodTally, met: boolean) => {
    t.count++;
    t.target = t.target.plus(1);
    if (met) t.achieved = t.achieved.plus(1);
    else {
      t.events++;
      t.failed++;
    }
  };
  for (const indicator of plan.indicators) {
    const binding = indicator.binding;
    if (indicator.subject !== "DEPARTMENT") continue;
    if (binding.kind === "TWO_WAY_RATING") {
      for (const rating of records.ratings) {
        if (rating.year !== plan.year) continue;
        const t = tally(rating.departmentCode, indicator);
        // S6: ratings are out of 100; the indicator's points scale them.
        t.graded = t.graded.plus(exact(rating.score).times(indicator.points).dividedBy(100));
        t.gradedCount++;
        t.count++;
      }
    }
    if (binding.kind !== "LIST_EXECUTION") continue;
    switch (binding.aspect) {
      case "GUARANTEES_DELIVERED":
        for (const g of records.guarantees) {
          if (inYear(g.dueBy))
            obligation(
              tally(g.departmentCode, indicator),
              g.deliveredOn !== null && g.deliveredOn <= g.dueBy,
            );
        }
        break;
      case "WHISTLES_ANSWERED":
        for (const w of records.whistles) {
          if (!inYear(w.raisedOn)) continue;
          const deadline = addDays(w.raisedOn, w.timeLimitDays);
          obligation(tally(w.departmentCode, indicator), w.answeredOn !== null && w.answeredOn <= deadline);
        }
        break;
      case "UNREGISTERED_PUSH_DOWNS":
        for (const r of records.pushDowns)
          if (inYear(r.date)) obligation(tally(r.departmentCode, indicator), false);
        break;
      case "RECLAIMED_UNATTENDED":
        for (const r of records.unattended)
          if (inYear(r.date)) obligation(tally(r.departmentCode, indicator), false);
        break;
    }
  }
}

function resultFor(
  subjectCode: string,
  indicator: Indicator,
  acc: Accumulator,
  applicable: ReadonlySet<string>,
): IndicatorResult {
  const k = key(subjectCode, indicator.code);
  const points = exact(indicator.points);
  const binding = indicator.binding;
  // Deductions for push-downs and unattended items apply to every department: none is full marks.
  const alwaysApplies = binding.kind === "LIST_EXECUTION";
  const isApplicable = applicable.has(k) || alwaysApplies;
  const tally = acc.tallies.get(k) ?? emptyTally();
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
  return {
    indicator,
    applicable: isApplicable,
    points,
    score: isApplicable ? scored.score : ZERO,
    working: isApplicable ? scored.working : "该指标不涉及本对象",
    records: [...(acc.included.get(k) ?? [])].sort((x, y) =>
      x.record.id < y.record.id ? -1 : x.record.id > y.record.id ? 1 : 0,
    ),
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
  const from = isoDate(`${plan.year}-01-01`);
  const to = isoDate(`${plan.year + 1}-01-01`);
  const index = options.index ?? buildListIndex(dataset.entries);
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const acc: Accumulator = { tallies: new Map(), included: new Map(), excluded: new Map() };
  const excluded: ExcludedRecord[] = [];
  for (const record of records.performance) {
    const judged = judgeRecord(record, indicators, index, plan.year);
    const k = key(record.subject.code, record.indicatorCode);
    if (!judged.included) {
      excluded.push(judged.value);
      const list = acc.excluded.get(record.subject.code);
      if (list === undefined) acc.excluded.set(record.subject.code, [judged.value]);
      else list.push(judged.value);
      continue;
    }
    let tally = acc.tallies.get(k);
    if (tally === undefined) {
      tally = emptyTally();
      acc.tallies.set(k, tally);
    }
    addToTally(tally, record.value);
    const list = acc.included.get(k);
    if (list === undefined) acc.included.set(k, [judged.value]);
    else list.push(judged.value);
  }
  const applicable = applicability(plan, dataset, from, to);
  executionTallies(plan, records, from, to, acc.tallies, applicable);
  const mode = options.notApplicable ?? "PRORATE";
  const byCode = <T extends { readonly code: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byId = (a: ExcludedRecord, b: ExcludedRecord) =>
    a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
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
      excluded: [...(acc.excluded.get(township.code) ?? [])].sort(byId),
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
      excluded: [...(acc.excluded.get(department.code) ?? [])].sort(byId),
    };
  });
  return { planId: plan.id, year: plan.year, townships, departments, excluded: excluded.sort(byId) };
}
