import {
  DEFAULT_ROUNDING,
  type DecimalString,
  type ExactDecimal,
  exact,
  type RoundingOptions,
  roundForPresentation,
  ZERO,
} from "../base/exact-decimal.ts";
import type { AssessmentPlan } from "./assessment-plan.ts";

/**
 * How far a count of indicators went down between two plans (S10).
 * @example compressionOfCounts(25, 22) // { previous: 25, current: 22, removed: 3, rate: 0.12, ratePercent: "12.00" }
 */
export interface CountCompression {
  readonly previous: number;
  readonly current: number;
  /** `previous − current`; negative when the count grew. */
  readonly removed: number;
  /** `(previous − current) / previous`, exact to 40 significant digits; negative when the count grew. */
  readonly rate: ExactDecimal;
  /** The rate as a percentage, rounded for presentation (S8), e.g. `"78.53"`. */
  readonly ratePercent: DecimalString;
}

/**
 * The compression of one level of indicators: 1 for first-level (一级指标), 2 for second-level (二级指标).
 * @example compressIndicators(previousPlan, currentPlan).secondLevel.level // 2
 */
export interface LevelCompression extends CountCompression {
  readonly level: 1 | 2;
}

/**
 * Both levels of indicator compression between two plans (S10).
 * @example const { firstLevel, secondLevel }: IndicatorCompression = compressIndicators(previousPlan, currentPlan);
 */
export interface IndicatorCompression {
  readonly firstLevel: LevelCompression;
  readonly secondLevel: LevelCompression;
}

/**
 * Options of `compressionOfCounts` and `compressIndicators`.
 * @example compressionOfCounts(177, 38, { rounding: { places: 1, mode: "HALF_UP" } }).ratePercent // "78.5"
 */
export interface CompressionOptions {
  /** How `ratePercent` is presented (S8); half-up to 2 places by default. */
  readonly rounding?: RoundingOptions;
}

/**
 * The plan parts that hold the indicators: `firstLevel` is level 1, `indicators` level 2.
 * @example const levels: IndicatorLevels = { firstLevel: plan.firstLevel, indicators: plan.indicators };
 */
export type IndicatorLevels = Pick<AssessmentPlan, "firstLevel" | "indicators">;

const NEGATIVE_ZERO = /^-0(\.0+)?$/;

function checkCount(name: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`compressionOfCounts(): ${name} must be a whole count, not ${count}`);
  }
}

/**
 * Indicator compression of plain counts (S10): rate = (previous − current) / previous.
 * With no previous indicators there is nothing to compress, so the rate is 0 (not a division by
 * zero). Growth gives a negative rate, reported as such. The rate is exact to 40 significant digits;
 * the percentage is rounded once, for presentation (S8). Counts are safe integers (< 2^53), so a
 * quotient that is not exactly on a rounding boundary lies further from it than the 40-digit
 * rounding can move it (for any presentation up to 16 places): the shown figure is that of the
 * true fraction.
 *
 * @throws RangeError when a count is not a non-negative whole number (a bug in the caller).
 * @example compressionOfCounts(177, 38).ratePercent // "78.53"
 * @example compressionOfCounts(25, 22).ratePercent // "12.00"
 */
export function compressionOfCounts(
  previous: number,
  current: number,
  options: CompressionOptions = {},
): CountCompression {
  checkCount("previous", previous);
  checkCount("current", current);
  const removed = previous - current;
  const rate = previous === 0 ? ZERO : exact(removed).dividedBy(previous);
  const shown = roundForPresentation(rate.times(100), options.rounding ?? DEFAULT_ROUNDING);
  // A growth too small to show reads "0.00", not "-0.00"; `rate` keeps its sign.
  const ratePercent = NEGATIVE_ZERO.test(shown) ? shown.slice(1) : shown;
  return { previous, current, removed, rate, ratePercent };
}

/**
 * Indicator compression between two assessment plans (S10), per level: the first-level indicators
 * (`firstLevel`) and the second-level ones (`indicators`), counted as listed.
 * @example
 * // Qingshan: 25 → 22 first-level, 177 → 38 second-level indicators
 * const { firstLevel, secondLevel } = compressIndicators(plan2024, plan2025);
 * [firstLevel.ratePercent, secondLevel.ratePercent] // ["12.00", "78.53"]
 */
export function compressIndicators(
  previous: IndicatorLevels,
  current: IndicatorLevels,
  options: CompressionOptions = {},
): IndicatorCompression {
  return {
    firstLevel: {
      level: 1,
      ...compressionOfCounts(previous.firstLevel.length, current.firstLevel.length, options),
    },
    secondLevel: {
      level: 2,
      ...compressionOfCounts(previous.indicators.length, current.indicators.length, options),
    },
  };
}
