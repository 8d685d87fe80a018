import { type IsoDate, isoDate } from "../index.ts";

/**
 * The 31 December of the date's year.
 * @example lastDayOfYear(isoDate("2025-07-01")) // "2025-12-31"
 */
export function lastDayOfYear(date: IsoDate): IsoDate {
  return isoDate(`${date.slice(0, 4)}-12-31`);
}
