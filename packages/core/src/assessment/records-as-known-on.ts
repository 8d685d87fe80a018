// L2 knowledge time for assessment records: the year's records as the engine held them on a day.
import type { IsoDate } from "../base/calendar-date.ts";
import type { AssessmentRecords } from "./performance-record.ts";

const later = (a: IsoDate, b: IsoDate | null): IsoDate => (b !== null && b > a ? b : a);

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
    whistles: known(records.whistles, knownOn).map((w) =>
      w.answerRecordedOn !== undefined && w.answerRecordedOn > knownOn ? { ...w, answeredOn: null } : w,
    ),
    guarantees: known(records.guarantees, knownOn),
    pushDowns: known(records.pushDowns, knownOn),
    unattended: known(records.unattended, knownOn),
    ratings: known(records.ratings, knownOn),
  };
}

/**
 * L2 — the records stamped as recorded on the latest day each states (a performance record's
 * date, a whistle's answer or raising, a guarantee's delivery or due day, a report's date, a
 * rating's 31 December): how a historical load (the demo year, rows stored before knowledge time
 * was kept, see the migration knowledge_time) dates what it did not see being entered. A record
 * that already carries its recording day keeps it.
 * @example recordedAsStated(records).performance[0]?.recordedOn // its date
 */
export function recordedAsStated(records: AssessmentRecords): AssessmentRecords {
  return {
    performance: records.performance.map((r) => ({ ...r, recordedOn: r.recordedOn ?? r.date })),
    whistles: records.whistles.map((w) => ({
      ...w,
      recordedOn: w.recordedOn ?? later(w.raisedOn, w.answeredOn),
    })),
    guarantees: records.guarantees.map((g) => ({
      ...g,
      recordedOn: g.recordedOn ?? later(g.dueBy, g.deliveredOn),
    })),
    pushDowns: records.pushDowns.map((p) => ({ ...p, recordedOn: p.recordedOn ?? p.date })),
    unattended: records.unattended.map((u) => ({ ...u, recordedOn: u.recordedOn ?? u.date })),
    ratings: records.ratings.map((r) => ({
      ...r,
      recordedOn: r.recordedOn ?? (`${r.year}-12-31` as IsoDate),
    })),
  };
}
