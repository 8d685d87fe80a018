import { addDays, type IsoDate } from "@dutylist/core";

// Knowledge time (L2) at the API's edge: the core has no clock, so the time is read here, once
// per request; `recordingDay` (core) turns it into the counties' calendar day.

/** Where the API reads the time: the system clock, or a fixed one in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * The instant a recording day ends in the counties' zone (Asia/Shanghai, UTC+8, no daylight
 * saving): what was stored before it was known on that day.
 * @example endOfRecordingDay(isoDate("2025-06-10")) // 2025-06-10T16:00:00Z
 */
export function endOfRecordingDay(day: IsoDate): Date {
  return new Date(`${addDays(day, 1)}T00:00:00+08:00`);
}
