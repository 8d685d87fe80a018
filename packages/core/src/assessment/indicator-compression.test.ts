import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactDecimal, exact } from "../base/exact-decimal.ts";
import type { FirstLevelIndicator, Indicator } from "./assessment-plan.ts";
import { compressIndicators, compressionOfCounts, type IndicatorLevels } from "./indicator-compression.ts";

const RUNS = { numRuns: 200 } as const;

/** A plan with `first` first-level and `second` second-level indicators (only the counts matter). */
function plan(first: number, second: number): IndicatorLevels {
  const firstLevel: FirstLevelIndicator[] = Array.from({ length: first }, (_, i) => ({
    code: `F${i + 1}`,
    name: `一级指标${i + 1}`,
    subject: "TOWNSHIP",
  }));
  const indicators: Indicator[] = Array.from({ length: second }, (_, i) => ({
    code: `S${i + 1}`,
    parentCode: `F${(i % Math.max(first, 1)) + 1}`,
    name: `二级指标${i + 1}`,
    subject: "TOWNSHIP",
    track: "CORE",
    points: "1",
    method: { kind: "GRADED" },
    binding: { kind: "SELECTOR", listType: "BASIC", category: null },
  }));
  return { firstLevel, indicators };
}

/** Independent oracle: the percentage of removed/previous, half-up to 2 places, in integer arithmetic. */
function percentHalfUp(removed: number, previous: number): string {
  const scaled = BigInt(Math.abs(removed)) * 10_000n;
  const p = BigInt(previous);
  const cents = scaled / p + (2n * (scaled % p) >= p ? 1n : 0n);
  const text = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
  return removed < 0 && cents > 0n ? `-${text}` : text;
}

describe("S10 indicator compression", () => {
  it("S10: Qingshan's plan, 25 → 22 first-level (12.00 %) and 177 → 38 second-level (78.53 %)", () => {
    const { firstLevel, secondLevel } = compressIndicators(plan(25, 177), plan(22, 38));
    expect({ ...firstLevel, rate: firstLevel.rate.toString() }).toEqual({
      level: 1,
      previous: 25,
      current: 22,
      removed: 3,
      rate: "0.12",
      ratePercent: "12.00",
    });
    expect({ ...secondLevel, rate: secondLevel.rate.toFixed(6) }).toEqual({
      level: 2,
      previous: 177,
      current: 38,
      removed: 139,
      rate: "0.785311",
      ratePercent: "78.53",
    });
    expect(secondLevel.rate.equals(exact(139).dividedBy(177))).toBe(true);
  });

  it("S10: the count variant gives the same figures; the presentation follows the rounding options", () => {
    expect(compressionOfCounts(177, 38).ratePercent).toBe("78.53");
    expect(compressionOfCounts(25, 22).ratePercent).toBe("12.00");
    expect(compressionOfCounts(177, 38, { rounding: { places: 1, mode: "HALF_UP" } }).ratePercent).toBe(
      "78.5",
    );
    expect(compressionOfCounts(3, 1).ratePercent).toBe("66.67");
    expect(compressionOfCounts(32, 31).ratePercent).toBe("3.13");
    expect(compressionOfCounts(3, 1, { rounding: { places: 2, mode: "DOWN" } }).ratePercent).toBe("66.66");
  });

  it("S10: with no previous indicators the rate is 0, whatever the current count", () => {
    const view = (current: number) => {
      const c = compressionOfCounts(0, current);
      return [c.rate.isZero(), c.removed, c.ratePercent];
    };
    expect(view(0)).toEqual([true, 0, "0.00"]);
    expect(view(5)).toEqual([true, -5, "0.00"]);
  });

  it("S10: growth is reported as a negative rate; one too small to show reads 0.00, not -0.00", () => {
    const growth = compressionOfCounts(20, 25);
    expect([growth.removed, growth.rate.toString(), growth.ratePercent]).toEqual([-5, "-0.25", "-25.00"]);
    const slight = compressionOfCounts(1_000_000, 1_000_001);
    expect([slight.rate.isNegative(), slight.rate.toString(), slight.ratePercent]).toEqual([
      true,
      "-0.000001",
      "0.00",
    ]);
  });

  it("S10: a count that is not a whole non-negative number is a caller bug", () => {
    expect(() => compressionOfCounts(-1, 0)).toThrow(RangeError);
    expect(() => compressionOfCounts(10, 2.5)).toThrow(RangeError);
    expect(() => compressionOfCounts(Number.NaN, 1)).toThrow(RangeError);
  });

  const countsArb = fc.oneof(
    // Small counts, as plans have; they hit exact halves such as 1/32 = 3.125 %.
    fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 800 })),
    fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 2_000_000 })),
  );

  it("S10 property: rate × previous = previous − current, to within the 40 significant digits of the rate", () => {
    // Multiplying in a wider decimal keeps the check itself exact.
    const Wide = ExactDecimal.clone({ precision: 100 });
    fc.assert(
      fc.property(countsArb, ([previous, current]) => {
        const { rate, removed } = compressionOfCounts(previous, current);
        expect(removed).toBe(previous - current);
        const error = new Wide(rate).times(previous).minus(removed).abs();
        // A 40-digit rate is off by at most half a unit in its 40th digit: 5e-40 of its size.
        expect(error.lte(new Wide(removed).abs().times("5e-40"))).toBe(true);
      }),
      RUNS,
    );
  });

  it("S10 property: when the quotient terminates (previous = 2^a·5^b), rate × previous is exactly previous − current", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (a, b, current) => {
          const previous = 2 ** a * 5 ** b;
          const { rate, removed } = compressionOfCounts(previous, current);
          expect(rate.times(previous).equals(removed)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("S10 property: the presented percentage is the true fraction rounded half-up once", () => {
    fc.assert(
      fc.property(countsArb, ([previous, current]) => {
        expect(compressionOfCounts(previous, current).ratePercent).toBe(
          percentHalfUp(previous - current, previous),
        );
      }),
      RUNS,
    );
  });
});
