import { format, isValid, parseISO } from "date-fns";

/**
 * A calendar date `YYYY-MM-DD`. The domain has no times of day and no zones: a list entry takes
 * effect on a date, a failure happens on a date. Fixed-width ISO strings compare correctly as
 * strings, so ordering never goes through `Date` and never depends on the process's time zone.
 */
export type IsoDate = string & { readonly __brand: "IsoDate" };

/** A half-open interval `[from, to)`; `to === null` means open-ended (still in force). */
export interface DateInterval {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks that `text` is a real calendar date written `YYYY-MM-DD`.
 * @example isIsoDate("2025-02-29") // false: 2025 is not a leap year
 */
export function isIsoDate(text: string): text is IsoDate {
  if (!ISO_DATE.test(text)) return false;
  const parsed = parseISO(text);
  // parseISO reads a date-only string as local midnight; formatting it back in the same zone
  // round-trips exactly when the date exists, whatever the zone.
  return isValid(parsed) && format(parsed, "yyyy-MM-dd") === text;
}

/**
 * Returns the date, or throws for text that is not one. For literals in code and tests; input
 * from users goes through `isIsoDate` and becomes a located validation error instead.
 * @example isoDate("2025-07-01")
 */
export function isoDate(text: string): IsoDate {
  if (!isIsoDate(text)) throw new Error(`not a calendar date (YYYY-MM-DD): ${text}`);
  return text;
}

/** @example compareDates(isoDate("2025-01-01"), isoDate("2025-07-01")) // -1 */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `date` lies in `[from, to)`.
 * @example intervalContains({ from: isoDate("2025-01-01"), to: isoDate("2025-07-01") }, isoDate("2025-07-01")) // false
 */
export function intervalContains(interval: DateInterval, date: IsoDate): boolean {
  return interval.from <= date && (interval.to === null || date < interval.to);
}

/**
 * Whether two half-open intervals share at least one day.
 * @example intervalsOverlap({ from: a, to: b }, { from: b, to: null }) // false: they only touch
 */
export function intervalsOverlap(a: DateInterval, b: DateInterval): boolean {
  return (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);
}

/** A well-formed interval has `from < to` (an empty interval is a mistake, not a no-op). */
export function isWellFormedInterval(interval: DateInterval): boolean {
  return interval.to === null || interval.from < interval.to;
}

/** Renders an interval as `[2025-01-01, 2025-07-01)` or `[2025-01-01, …)`. */
export function formatInterval(interval: DateInterval): string {
  return `[${interval.from}, ${interval.to ?? "…"})`;
}
