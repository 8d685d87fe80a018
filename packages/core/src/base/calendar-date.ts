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

/** The value of the ASCII digits of `text` from `start` to `end`, or -1 when one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Checks that `text` is a real calendar date written `YYYY-MM-DD`. Plain arithmetic rather than
 * parsing: imports and publication checks call it for every entry of a province.
 * @example isIsoDate("2025-02-29") // false: 2025 is not a leap year
 */
export function isIsoDate(text: string): text is IsoDate {
  if (
    typeof text !== "string" ||
    text.length !== 10 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45
  )
    return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Days in a month of the proleptic Gregorian calendar. @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
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

/**
 * A well-formed interval has `from < to` (an empty interval is a mistake, not a no-op).
 * @example isWellFormedInterval({ from: isoDate("2025-07-01"), to: isoDate("2025-07-01") }) // false
 */
export function isWellFormedInterval(interval: DateInterval): boolean {
  return interval.to === null || interval.from < interval.to;
}

/**
 * Renders an interval as `[2025-01-01, 2025-07-01)` or `[2025-01-01, …)`.
 * @example formatInterval({ from: isoDate("2025-01-01"), to: null }) // "[2025-01-01, …)"
 */
export function formatInterval(interval: DateInterval): string {
  return `[${interval.from}, ${interval.to ?? "…"})`;
}

/*
 * Day arithmetic on calendar dates by day numbers (H. Hinnant's civil-from-days algorithm):
 * pure integer arithmetic, no `Date`, so no time zone and no clock can shift a generated date.
 */

function dayNumber(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromDayNumber(days: number): IsoDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

/**
 * The date `days` days after `date` (before it when negative).
 * @example addDays(isoDate("2024-02-28"), 2) // "2024-03-01"
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example daysBetween(isoDate("2025-01-01"), isoDate("2025-12-31")) // 364
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}
