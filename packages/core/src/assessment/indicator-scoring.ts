import { ExactDecimal, exact, roundForPresentation, ZERO } from "../base/exact-decimal.ts";
import type { ScoringMethod } from "./assessment-plan.ts";
import type { RecordValue } from "./performance-record.ts";

/** What an indicator's included records add up to, per method; built record by record. */
export interface MethodTally {
  /** RATIO: Σ achieved and Σ target. */
  achieved: ExactDecimal;
  target: ExactDecimal;
  /** DEDUCTION: Σ events (or misses). */
  events: number;
  /** GRADED: Σ scores and how many. */
  graded: ExactDecimal;
  gradedCount: number;
  /** PASS_FAIL: how many failed. */
  failed: number;
  /** Records (or obligations) counted. */
  count: number;
}

/** An empty tally. */
export function emptyTally(): MethodTally {
  return { achieved: ZERO, target: ZERO, events: 0, graded: ZERO, gradedCount: 0, failed: 0, count: 0 };
}

/**
 * Adds one record's value to a tally (values of another kind never reach here: they are excluded
 * before, as VALUE_MISMATCH).
 * @example addToTally(tally, { kind: "RATIO", achieved: "45", target: "50" })
 */
export function addToTally(tally: MethodTally, value: RecordValue): void {
  tally.count++;
  switch (value.kind) {
    case "RATIO":
      tally.achieved = tally.achieved.plus(value.achieved);
      tally.target = tally.target.plus(value.target);
      return;
    case "DEDUCTION":
      tally.events += value.events;
      return;
    case "GRADED":
      tally.graded = tally.graded.plus(value.score);
      tally.gradedCount++;
      return;
    case "PASS_FAIL":
      if (!value.passed) tally.failed++;
      return;
  }
}

export interface MethodScore {
  readonly score: ExactDecimal;
  /** How the score was computed, in Chinese, with the figures. */
  readonly working: string;
}

const show = (value: ExactDecimal) => roundForPresentation(value);

function clamp(value: ExactDecimal, points: ExactDecimal): ExactDecimal {
  return ExactDecimal.max(ZERO, ExactDecimal.min(points, value));
}

/**
 * Applies an indicator's scoring method to its tally (S8): ratio (points × achieved / target,
 * capped), deduction (points − per-event × events, not below zero), graded (the mean assessor
 * score, at most the points), pass/fail. Exact arithmetic; nothing is rounded here. With no
 * records a deduction indicator keeps its points (nothing to deduct) and the others score zero.
 * @example scoreTally({ kind: "RATIO" }, exact("10"), tally) // { score: 9, working: "10 × 45/50 = 9.00" }
 */
export function scoreTally(method: ScoringMethod, points: ExactDecimal, tally: MethodTally): MethodScore {
  switch (method.kind) {
    case "RATIO": {
      if (tally.target.isZero()) {
        return { score: ZERO, working: tally.count === 0 ? "无考核记录,得0分" : "目标值合计为0,得0分" };
      }
      const raw = points.times(tally.achieved).dividedBy(tally.target);
      const score = clamp(raw, points);
      const capped = raw.greaterThan(points) ? `,封顶${show(points)}` : "";
      return {
        score,
        working: `${show(points)} × ${tally.achieved.toString()}/${tally.target.toString()} = ${show(raw)}${capped}`,
      };
    }
    case "DEDUCTION": {
      const perEvent = exact(method.perEvent);
      const score = clamp(points.minus(perEvent.times(tally.events)), points);
      return {
        score,
        working: `${show(points)} − ${show(perEvent)} × ${tally.events} = ${show(score)}(不低于0)`,
      };
    }
    case "GRADED": {
      if (tally.gradedCount === 0) return { score: ZERO, working: "无评分记录,得0分" };
      const mean = tally.graded.dividedBy(tally.gradedCount);
      const score = clamp(mean, points);
      return {
        score,
        working: `评分均值 ${show(mean)}(${tally.gradedCount}条),不超过${show(points)},得${show(score)}`,
      };
    }
    case "PASS_FAIL": {
      if (tally.count === 0) return { score: ZERO, working: "无考核记录,得0分" };
      return tally.failed === 0
        ? { score: points, working: `${tally.count}条记录全部合格,得${show(points)}` }
        : { score: ZERO, working: `${tally.failed}/${tally.count}条记录不合格,得0分` };
    }
  }
}
