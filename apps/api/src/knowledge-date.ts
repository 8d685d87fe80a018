import type { IsoDate } from "@dutylist/core";

// Knowledge time (L2) at the API's edge: the core has no clock, so the day a change is recorded
// and the default "as known on" day are read here, once per request, in the counties' time zone.

/** The zone whose calendar day a change is recorded on: the counties are in China. */
export const RECORDING_TIME_ZONE = "Asia/Shanghai";

const DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: RECORDING_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The calendar day of an instant in the counties' zone.
 * @example dayIn(new Date("2026-12-04T17:00:00Z")) // "2026-12-05"
 */
export function dayIn(instant: Date): IsoDate {
  return DAY.format(instant) as IsoDate;
}

/** Where the API reads the time: the system clock, or a fixed one in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
