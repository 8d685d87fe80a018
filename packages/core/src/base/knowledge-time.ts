// L2 knowledge time: a change speaks about a date (valid time) and is recorded on another (the
// engine's day). Nothing can be recorded before the day it says happened.
import { type IsoDate, isIsoDate } from "./calendar-date.ts";
import { invalidField, type OperationError } from "./domain-error.ts";

/**
 * L2 — the problems of a change dated `date` and recorded on `recordedOn`: the recording date
 * must be a date, and the change cannot have happened after the day it was recorded (a
 * publication, approval or closing "in advance"). A change recorded after its date is valid and is
 * reported as recorded late (`recordedLate`).
 * @example recordingDateErrors("publishedOn", isoDate("2025-06-21"), isoDate("2025-06-20"), "发布")[0]?.message
 */
export function recordingDateErrors(
  field: string,
  date: IsoDate,
  recordedOn: IsoDate,
  what: string,
): OperationError[] {
  if (!isIsoDate(recordedOn)) return [invalidField("recordedOn", `不是有效日期:${recordedOn}`)];
  if (isIsoDate(date) && date > recordedOn)
    return [invalidField(field, `${what}日期 ${date} 晚于录入日期 ${recordedOn}:不能预先录入(规则L2)`)];
  return [];
}

/** The zone whose calendar day a change is recorded on: the counties are in China. */
export const RECORDING_TIME_ZONE = "Asia/Shanghai";

const RECORDING_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: RECORDING_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * L2 — the calendar day an instant falls on in the counties' zone: the day a change made at that
 * instant is recorded on. The caller reads the clock; the core never does.
 * @example recordingDay(new Date("2026-12-04T17:00:00Z")) // "2026-12-05"
 */
export function recordingDay(instant: Date): IsoDate {
  return RECORDING_DAY.format(instant) as IsoDate;
}
