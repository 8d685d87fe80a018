// Departments' list execution and two-way ratings (S5, S6) as tallies per (department, indicator).

import type { IsoDate } from "../base/calendar-date.ts";
import { type ExactDecimal, exact } from "../base/exact-decimal.ts";
import { addPair, type PairSet } from "../engine/scoring-applicability.ts";
import { answeredInTime } from "../hotline/whistle-loop.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import type { JudgedExecutionInputs } from "./execution-inputs.ts";
import { emptyTally, type MethodTally } from "./indicator-scoring.ts";
import type { AssessmentRecords } from "./performance-record.ts";

/** The key of a (subject, indicator) pair in the list-execution and rating tallies. */
export function tallyKey(subject: string, indicator: string): string {
  return `${subject}\u0000${indicator}`;
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
    const k = tallyKey(department, indicator.code);
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

/**
 * S5 and S6: a department's list execution and ratings as method tallies, per department. Whistles
 * and push-downs come judged against the lists and the ledger of their date (`judgeExecutionInputs`).
 */
export function executionTallies(
  plan: AssessmentPlan,
  records: AssessmentRecords,
  judged: JudgedExecutionInputs,
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
        for (const w of judged.whistles) {
          if (w.raisedOn < from || w.raisedOn >= to) continue;
          // H2: the loop's "answered within the limit" is what S5 counts.
          obligation(tallyOf(state, w.departmentCode, indicator), answeredInTime(w));
        }
        break;
      case "UNREGISTERED_PUSH_DOWNS":
        for (const r of judged.pushDowns)
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
