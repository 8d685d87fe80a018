import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastDayOfYear } from "../testing/calendar-days.ts";
import { addDays, daysBetween, isIsoDate, isoDate } from "./calendar-date.ts";

describe("day arithmetic on calendar dates", () => {
  it("crosses month, leap-day and year boundaries", () => {
    expect(addDays(isoDate("2024-02-28"), 1)).toBe("2024-02-29");
    expect(addDays(isoDate("2024-02-28"), 2)).toBe("2024-03-01");
    expect(addDays(isoDate("2025-02-28"), 1)).toBe("2025-03-01");
    expect(addDays(isoDate("2025-12-31"), 1)).toBe("2026-01-01");
    expect(addDays(isoDate("2025-01-01"), -1)).toBe("2024-12-31");
    expect(addDays(isoDate("1900-02-28"), 1)).toBe("1900-03-01");
    expect(addDays(isoDate("2000-02-28"), 1)).toBe("2000-02-29");
    expect(daysBetween(isoDate("2025-01-01"), isoDate("2025-12-31"))).toBe(364);
    expect(daysBetween(isoDate("2000-01-01"), isoDate("2100-01-01"))).toBe(36_525);
    expect(lastDayOfYear(isoDate("2025-07-01"))).toBe("2025-12-31");
  });

  it("addDays and daysBetween are inverse and always give a valid date", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(
            fc.integer({ min: 1901, max: 2399 }),
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: 1, max: 31 }),
          )
          .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)
          .filter(isIsoDate),
        fc.integer({ min: -20_000, max: 20_000 }),
        (date, days) => {
          const moved = addDays(date, days);
          expect(isIsoDate(moved)).toBe(true);
          expect(daysBetween(date, moved)).toBe(days);
          expect(moved > date).toBe(days > 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
