import { type ExactDecimal, exact, roundForPresentation, ZERO } from "../base/exact-decimal.ts";
import { type ExactFigure, ExactRational, RATIONAL_ZERO } from "../base/exact-rational.ts";
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
  /** Exact (S8): a rational where a division does not terminate (10 × 1/3), rounded only when shown. */
  readonly score: ExactRational;
  /** How the score was computed, in Chinese, with the figures. */
  readonly working: string;
}

const show = (value: ExactFigure) => roundForPresentation(value);

function clamp(value: ExactRational, points: ExactDecimal): ExactRational {
  return ExactRational.max(RATIONAL_ZERO, ExactRational.min(ExactRational.of(points), value));
}

/**
 * Applies an indicator's scoring method to its tally (S8): ratio (points × achieved / target,
 * capped), deduction (points − per-event × events, not below zero), graded (the mean assessor
 * score, at most the points), pass/fail. Exact arithmetic (S8): a ratio or a mean that does not
 * terminate stays a rational (10 × 1/3 is 10/3, and three of them are exactly 10); nothing is
 * rounded here. With no
 * records a deduction indicator keeps its points (nothing to deduct) and the others score zero.
 * @example scoreTally({ kind: "RATIO" }, exact("10"), tally) // { score: 9, working: "10 × 45/50 = 9.00" }
 */
export function scoreTally(method: ScoringMethod, points: ExactDecimal, tally: MethodTally): MethodScore {
  switch (method.kind) {
    case "RATIO": {
      if (tally.target.isZero()) {
        return {
          score: RATIONAL_ZERO,
          working: tally.count === 0 ? "无考核记录,得0分" : "目标值合计为0,得0分",
        };
      }
      const raw = ExactRational.of(points).times(tally.achieved).dividedBy(tally.target);
      const score = clamp(raw, points);
      const capped = raw.gt(points) ? `,封顶${show(points)}` : "";
      return {
        score,
        working: `${show(points)} × ${tally.achieved.toString()}/${tally.target.toString()} = ${show(raw)}${capped}`,
      };
    }
    case "DEDUCTION": {
      const perEvent = exact(method.perEvent);
      const score = clamp(ExactRational.of(points.minus(perEvent.times(tally.events))), points);
      return {
        score,
        working: `${show(points)} − ${show(perEvent)} × ${tally.events} = ${show(score)}(不低于0)`,
      };
    }
    case "GRADED": {
      if (tally.gradedCount === 0) return { score: RATIONAL_ZERO, working: "无评分记录,得0分" };
      const mean = ExactRational.of(tally.graded).dividedBy(tally.gradedCount);
      const score = clamp(mean, points);
      return {
        score,
        working: `评分均值 ${show(mean)}(${tally.gradedCount}条),不超过${show(points)},得${show(score)}`,
      };
    }
    case "PASS_FAIL": {
      if (tally.count === 0) return { score: RATIONAL_ZERO, working: "无考核记录,得0分" };
      return tally.failed === 0
        ? { score: ExactRational.of(points), working: `${tally.count}条记录全部合格,得${show(points)}` }
        : { score: RATIONAL_ZERO, working: `${tally.failed}/${tally.count}条记录不合格,得0分` };
    }
  }
}
