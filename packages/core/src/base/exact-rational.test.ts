import { describe, expect, it } from "vitest";
import { exact, roundForPresentation } from "./exact-decimal.ts";
import { ExactRational } from "./exact-rational.ts";

describe("S8 exact rationals", () => {
  const third = ExactRational.of(10).dividedBy(3);

  it("S8: three thirds of 10 points are exactly 10", () => {
    expect(third.times(3).equals(10)).toBe(true);
    expect(third.plus(third).plus(third).toString()).toBe("10");
    // A 40-digit decimal loses the remainder: the reason scores are rationals.
    const decimal = exact("10").dividedBy(3);
    expect(decimal.plus(decimal).plus(decimal).equals(exact("10"))).toBe(false);
  });

  it("S8: rounding happens once, at presentation, half-up to 2 places (configurable)", () => {
    expect(roundForPresentation(third)).toBe("3.33");
    expect(roundForPresentation(ExactRational.of(20).dividedBy(3))).toBe("6.67");
    expect(roundForPresentation(ExactRational.of("78.525"))).toBe("78.53");
    expect(roundForPresentation(ExactRational.of("78.525"), { places: 2, mode: "HALF_EVEN" })).toBe("78.52");
    expect(roundForPresentation(ExactRational.of("78.535"), { places: 2, mode: "HALF_EVEN" })).toBe("78.54");
    expect(roundForPresentation(ExactRational.of(2).dividedBy(3), { places: 1, mode: "DOWN" })).toBe("0.6");
    expect(roundForPresentation(ExactRational.of(-1).dividedBy(3))).toBe("-0.33");
    expect(roundForPresentation(ExactRational.of(7), { places: 0, mode: "HALF_UP" })).toBe("7");
    // The same text as a decimal of the same value.
    for (const text of ["0", "0.005", "12.345", "99.995", "-0.125"]) {
      expect(roundForPresentation(ExactRational.of(text))).toBe(roundForPresentation(exact(text)));
    }
  });

  it("S8: a terminating value prints exactly; a non-terminating one to 40 significant digits", () => {
    expect(ExactRational.of(1).dividedBy(8).toString()).toBe("0.125");
    expect(ExactRational.of("92.50").toString()).toBe("92.5");
    expect(ExactRational.of(1).dividedBy(3).toString()).toBe(`0.${"3".repeat(40)}`);
    expect(ExactRational.of("1234567890123456789012345678901234567890.5").toFixed()).toBe(
      "1234567890123456789012345678901234567890.5",
    );
  });
});
