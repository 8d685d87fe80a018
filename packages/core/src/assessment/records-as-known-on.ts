// L2 knowledge time for assessment records: the year's records as the engine held them on a day.
import type { IsoDate } from "../base/calendar-date.ts";
import type { AssessmentRecords } from "./performance-record.ts";

function known<T extends { readonly recordedOn?: IsoDate }>(
  rows: readonly T[],
  knownOn: IsoDate,
): readonly T[] {
  return rows.every((r) => r.recordedOn === undefined || r.recordedOn <= knownOn)
    ? rows
    : rows.filter((r) => r.recordedOn === undefined || r.recordedOn <= knownOn);
}

/**
 * L2 — the records known on `knownOn`: those recorded that day or before (a record not yet stored,
 * without a recording date, is part of the question and kept). Scoring the result answers "the
 * assessment as known on" that day; a record entered later never changes it.
 * @example recordsAsKnownOn(records, isoDate("2025-06-10")).performance.length
 */
export function recordsAsKnownOn(records: AssessmentRecords, knownOn: IsoDate): AssessmentRecords {
  return {
    performance: known(records.performance, knownOn),
    whistles: known(records.whistles, knownOn),
    guarantees: known(records.guarantees, knownOn),
    pushDowns: known(records.pushDowns, knownOn),
    unattended: known(records.unattended, knownOn),
    ratings: known(records.ratings, knownOn),
  };
}
